//! Bad links and names: links and anchors that go nowhere, pages that replace each other,
//! files written over each other.

use super::*;

#[test]
fn broken_links_and_anchors_name_file_and_line() {
    let stderr = fails_with(
        &fixture_files("bad-input/broken-links-and-anchors"),
        &[
            "content/a.md:6: `#scope` is not a heading on b.md",
            "did you mean `#scope-and-use`?",
            "content/a.md:8: `missing.md` does not exist",
            "content/a.md:10: `#purpos` is not a heading on this page",
            "did you mean `#purpose`?",
        ],
    );
    insta::assert_snapshot!(stderr);
}

#[test]
fn a_missing_image_gets_help_about_images() {
    let stderr = fails_with(
        &fixture_files("bad-input/missing-image"),
        &[
            "content/travel/page.md:4: `images/mpa.png` does not exist",
            "did you mean `images/map.png`?",
            "content/travel/page.md:6: `chart.png` does not exist",
            "put the image in the content folder",
        ],
    );
    insta::assert_snapshot!(stderr);
}

#[test]
fn javascript_links_are_refused() {
    let stderr = fails_with(
        &[
            HOME,
            (
                "page.md",
                "---\ntitle: P\n---\n[click](javascript:alert(1))\n",
            ),
        ],
        &["content/page.md:4: `javascript:alert(1)` is not allowed as a link"],
    );
    insta::assert_snapshot!(stderr);
}

#[test]
fn rooted_links_need_a_link_origin() {
    let stderr = fails_with(
        &[
            HOME,
            (
                "page.md",
                "---\ntitle: P\n---\nThe [form](/gs/form.docx).\n",
            ),
        ],
        &[
            "content/page.md:4: `/gs/form.docx` starts with `/`",
            "link_origin",
        ],
    );
    insta::assert_snapshot!(stderr);
}

#[test]
fn superseded_by_must_point_at_a_page() {
    let stderr = fails_with(
        &[
            HOME,
            (
                "old.md",
                "---\ntitle: Old\nsuperseded_by: new.md\n---\nText\n",
            ),
        ],
        &["content/old.md:3: `superseded_by`: there is no page `new.md`"],
    );
    // Written from the content folder rather than from the page: the path to write.
    fails_with(
        &fixture_files("bad-input/superseded-by-nowhere"),
        &[
            "content/travel/old.md:3: `superseded_by`: there is no page `travel/new.md`",
            "did you mean `new.md`? (paths are from this page)",
        ],
    );
    insta::assert_snapshot!(stderr);
}

#[test]
fn pages_that_replace_each_other_are_an_error_and_a_chain_is_a_warning() {
    // Before, both built with a "replaced" banner, and neither was in the navigation.
    let stderr = fails_with(
        &fixture_files("bad-input/superseded-two-pages-loop"),
        &[
            "content/a.md:3: pages replace each other (`a.md` → `b.md` → back again): none of them is current",
            "content/b.md:3: pages replace each other",
        ],
    );
    let (_dir, run) = build_site(&fixture_files("bad-input/superseded-chain"));
    run.assert_ok();
    assert!(
        run.stderr().contains(
            "a.md:3: `superseded_by` points at `b.md`, which is itself replaced by `c.md`"
        ),
        "{}",
        run.stderr()
    );
    insta::assert_snapshot!(stderr);
}

#[test]
fn files_written_over_each_other_are_errors_in_build_and_check_alike() {
    let files = [
        HOME,
        ("search.md", "---\ntitle: Searching\n---\nText\n"),
        ("travel/page.md", "---\ntitle: A page\n---\nText\n"),
        ("travel/page.html", "<p>an old export</p>"),
    ];
    let expected = [
        "content/search.md: this page would be written to search.html, which is the site's search page",
        "content/travel/page.html: this file and the page travel/page.md would both be written to travel/page.html",
    ];
    let stderr = fails_with(&files, &expected);
    insta::assert_snapshot!("files_written_over_each_other_build", stderr);
    // `check` says the same (before, it passed a site that `build` refused).
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    write_site(&content, &files);
    let output = signpost()
        .arg("check")
        .arg("--content")
        .arg(&content)
        .env("SIGNPOST_TODAY", "2026-11-22")
        .output()
        .unwrap();
    let check = Run { output };
    check.assert_failed();
    let stderr = format!("{}{}", check.stdout(), check.stderr())
        .replace(&format!("{}/", dir.path().display()), "");
    for text in expected {
        assert!(stderr.contains(text), "expected `{text}` in:\n{stderr}");
    }
    // And `new` does not make such a page.
    let output = signpost()
        .args(["new", "search.md", "--content"])
        .arg(&content)
        .output()
        .unwrap();
    Run { output }.assert_failed();
    insta::assert_snapshot!(stderr);
}

#[test]
fn a_file_that_replaces_a_theme_file_is_a_warning() {
    let (_dir, run) = build_site(&[HOME, ("assets/style.css", "body { color: red }")]);
    run.assert_ok();
    assert!(
        run.stderr().contains(
            "content/assets/style.css: this file replaces the theme's own assets/style.css"
        ),
        "{}",
        run.stderr()
    );
}

#[test]
fn links_that_lead_nowhere_are_errors() {
    let stderr = fails_with(
        &fixture_files("bad-input/links-lead-nowhere"),
        &[
            "content/travel/page.md:4: `mailto:` has no address after it",
            "content/travel/page.md:6: this link has no address",
            "content/travel/page.md:8: `/travel/other.md#rules` is written from the site root",
            "write it from this page: `other.md`",
        ],
    );
    insta::assert_snapshot!(stderr);
}

#[test]
fn replacement_loops_and_drafts_are_told_to_the_pages_they_concern() {
    // a → b → c → b: the loop is b's and c's to fix, not a's.
    let stderr = fails_with(
        &fixture_files("bad-input/superseded-three-pages-loop"),
        &[
            "content/b.md:3: pages replace each other",
            "content/c.md:3: pages replace each other",
        ],
    );
    assert!(
        !stderr.contains("content/a.md:3: pages replace each other"),
        "{stderr}"
    );
    fails_with(
        &fixture_files("bad-input/superseded-by-a-draft"),
        &[
            "content/old.md:3: `superseded_by`: `new.md` is a draft (`draft: true`), which is not published",
        ],
    );
    fails_with(
        &[HOME, ("Search.md", "---\ntitle: Searching\n---\nText\n")],
        &[
            "content/Search.md: this page would be written to Search.html, which is the site's search page",
        ],
    );
    insta::assert_snapshot!(stderr);
}
