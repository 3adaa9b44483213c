//! Bad input: each gets a clear error naming the file and line (and column where it
//! helps), a non-zero exit, no panic, and nothing written.

use crate::support;
use support::*;

/// Builds a small site made of `files` and returns what signpost printed.
fn build_site(files: &[(&str, &str)]) -> (tempfile::TempDir, Run) {
    let dir = tempfile::tempdir().expect("temp dir");
    let content = dir.path().join("content");
    write_site(&content, files);
    let run = build(&content, &dir.path().join("public"), "2026-11-22");
    (dir, run)
}

fn fails_with(files: &[(&str, &str)], expected: &[&str]) -> String {
    let (dir, run) = build_site(files);
    run.assert_failed();
    let stderr = run
        .stderr()
        .replace(&format!("{}/", dir.path().display()), "");
    for text in expected {
        assert!(stderr.contains(text), "expected `{text}` in:\n{stderr}");
    }
    assert!(
        !dir.path().join("public").exists(),
        "a failed build wrote output"
    );
    stderr
}

const HOME: (&str, &str) = ("index.md", "---\ntitle: Home\n---\nWelcome.\n");

#[test]
fn invalid_yaml_names_file_line_and_column() {
    let stderr = fails_with(
        &[
            HOME,
            (
                "page.md",
                "---\ntitle: A page\nowner: Team: Security\nreview_by: 2025-01-01\n---\nText\n",
            ),
        ],
        &["error: content/page.md:3:", "this is not valid YAML"],
    );
    assert!(stderr.contains("help:"), "{stderr}");
    insta::assert_snapshot!(stderr);
}

#[test]
fn an_unclosed_list_or_quote_is_named_where_it_opens_not_where_yaml_gave_up() {
    let stderr = fails_with(
        &[
            HOME,
            (
                "page.md",
                "---\ntitle: A page\naudience: [staff,\n  contractors\nreview_by: 2025-01-01\n---\nText\n",
            ),
            ("other.md", "---\ntitle: \"Other\nowner: Team\n---\nText\n"),
        ],
        &[
            "error: content/page.md:3:11: this value starts a list with `[` that is never closed with `]`",
            "error: content/other.md:2:8: this value opens a quote that is never closed",
        ],
    );
    insta::assert_snapshot!(stderr);
}

#[test]
fn a_key_written_twice_is_named_where_it_is_repeated() {
    let stderr = fails_with(
        &[(
            "index.md",
            "---\ntitle: Home\nowner: Team\ntitle: Welcome\n---\nText\n",
        )],
        &["error: content/index.md:4:1: `title` is written twice (first on line 2)"],
    );
    insta::assert_snapshot!(stderr);
}

#[test]
fn impossible_date_names_line_and_column_and_says_what_to_write() {
    let stderr = fails_with(
        &[
            HOME,
            (
                "page.md",
                "---\ntitle: A page\nreview_by: 2021-02-30\n---\nText\n",
            ),
        ],
        &[
            "error: content/page.md:3:12: `review_by`: \"2021-02-30\" is not a real date: that month has 28 days",
            "YYYY-MM-DD",
        ],
    );
    insta::assert_snapshot!(stderr);
}

#[test]
fn typo_month_is_caught() {
    let stderr = fails_with(
        &[
            HOME,
            (
                "page.md",
                "---\ntitle: A page\nReview: 2022-21-09\n---\nText\n",
            ),
        ],
        &["content/page.md:3:9: `Review`: \"2022-21-09\" has no month 21"],
    );
    insta::assert_snapshot!(stderr);
}

#[test]
fn wrong_type_is_an_error_with_line() {
    let stderr = fails_with(
        &[
            HOME,
            (
                "page.md",
                "---\ntitle: A page\nweight: heavy\nowner:\n  - a\n  - b\n---\nText\n",
            ),
        ],
        &[
            "content/page.md:3:9: `weight` must be a whole number",
            "content/page.md:4:7: `owner` must be plain text",
        ],
    );
    insta::assert_snapshot!(stderr);
}

#[test]
fn missing_title_with_no_heading_is_an_error() {
    let stderr = fails_with(
        &[
            HOME,
            ("page.md", "---\nowner: Team\n---\nJust text, no heading.\n"),
        ],
        &[
            "content/page.md:1: this page has no title",
            "add `title: …`",
        ],
    );
    insta::assert_snapshot!(stderr);
}

#[test]
fn a_page_without_title_takes_its_first_heading() {
    let (dir, run) = build_site(&[HOME, ("page.md", "#Legacy heading\n\nText.\n")]);
    run.assert_ok();
    let html = read(&dir.path().join("public"), "page.html");
    assert!(html.contains("<h1>Legacy heading</h1>"));
    assert_eq!(html.matches("Legacy heading</h1>").count(), 1);
}

#[test]
fn unknown_keys_warn_with_did_you_mean_and_the_build_goes_on() {
    let (_dir, run) = build_site(&[
        HOME,
        (
            "page.md",
            "---\ntitle: A page\nrevew_by: 2025-01-01\n---\nText\n",
        ),
    ]);
    run.assert_ok();
    let stderr = run.stderr();
    assert!(
        stderr.contains("warning:") && stderr.contains("page.md:3:1: unknown key `revew_by`"),
        "{stderr}"
    );
    assert!(stderr.contains("did you mean `review_by`?"), "{stderr}");
}

#[test]
fn broken_links_and_anchors_name_file_and_line() {
    let stderr = fails_with(
        &[
            HOME,
            (
                "a.md",
                "---\ntitle: A\n---\n## Purpose\n\nSee [b](b.md#scope).\n\nAnd [c](missing.md).\n\nAnd [here](#purpos).\n",
            ),
            ("b.md", "---\ntitle: B\n---\n## Scope and use\n"),
        ],
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
        &[
            HOME,
            (
                "travel/page.md",
                "---\ntitle: A\n---\n![Map](images/mpa.png)\n\n![Chart](chart.png)\n",
            ),
            ("travel/images/map.png", "not really a png"),
        ],
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
fn every_problem_is_reported_in_one_run() {
    let stderr = fails_with(
        &[
            HOME,
            (
                "one.md",
                "---\ntitle: One\nreview_by: 2021-02-30\n---\n[x](nowhere.md)\n",
            ),
            ("two.md", "---\ntitle: [unclosed\n---\nText\n"),
            ("three.md", "No title here.\n"),
        ],
        &[
            "content/one.md:3",
            "content/one.md:5",
            "content/two.md:2:8",
            "content/three.md:1",
        ],
    );
    assert!(stderr.contains("4 errors"), "{stderr}");
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
fn unknown_shortcode_names_the_line() {
    let stderr = fails_with(
        &[
            HOME,
            ("page.md", "---\ntitle: P\n---\nText\n\n{{ contact() }}\n"),
        ],
        &[
            "content/page.md:6:1: there is no shortcode `contact`",
            "did you mean `contacts`?",
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
        &[
            HOME,
            (
                "travel/old.md",
                "---\ntitle: Old\nsuperseded_by: travel/new.md\n---\nText\n",
            ),
            ("travel/new.md", "---\ntitle: New\n---\nText\n"),
        ],
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
        &[
            HOME,
            ("a.md", "---\ntitle: A\nsuperseded_by: b.md\n---\nText\n"),
            ("b.md", "---\ntitle: B\nsuperseded_by: a.md\n---\nText\n"),
        ],
        &[
            "content/a.md:3: pages replace each other (`a.md` → `b.md` → back again): none of them is current",
            "content/b.md:3: pages replace each other",
        ],
    );
    let (_dir, run) = build_site(&[
        HOME,
        ("a.md", "---\ntitle: A\nsuperseded_by: b.md\n---\nText\n"),
        ("b.md", "---\ntitle: B\nsuperseded_by: c.md\n---\nText\n"),
        ("c.md", "---\ntitle: C\n---\nText\n"),
    ]);
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
fn a_broken_template_override_names_the_template_file() {
    let stderr = fails_with(
        &[
            HOME,
            (
                "templates/page.html",
                "{% extends \"base.html\" %}\n{% block main %}\n{{ page.title \n{% endblock main %}\n",
            ),
        ],
        &["content/templates/page.html:4:1: template problem"],
    );
    insta::assert_snapshot!(stderr);
}

#[test]
fn a_feedback_form_must_be_an_https_address() {
    let stderr = fails_with(
        &[
            HOME,
            (
                "site.yaml",
                "name: Site\nfeedback_form: http://forms.example.org/f\nfeedback_ratings: sometimes\n",
            ),
        ],
        &[
            "content/site.yaml:2:16: `feedback_form` must be an https:// web address, the organisation's form service",
            "help: for example `feedback_form: https://forms.example.gov.uk/guidance-feedback`",
            "content/site.yaml:3:19: `feedback_ratings` must be true or false",
        ],
    );
    assert!(stderr.contains("2 errors"), "{stderr}");
    fails_with(
        &[
            HOME,
            (
                "site.yaml",
                "name: Site\nfeedback_form: \"javascript:alert(1)\"\n",
            ),
        ],
        &["content/site.yaml:2:16: `feedback_form` must be an https:// web address"],
    );
    fails_with(
        &[
            HOME,
            (
                "site.yaml",
                "name: Site\nfeedback_form: https://forms.example.org/f#top\n",
            ),
        ],
        &["`feedback_form` must not end in a #fragment"],
    );
    insta::assert_snapshot!(stderr);
}

#[test]
fn bad_site_settings_name_the_line() {
    let stderr = fails_with(
        &[
            (
                "index.md",
                "---\ntitle: Home\n---\nSee [the form](/gs/form.docx).\n",
            ),
            (
                "site.yaml",
                "name: Site\nreview_interval: fortnightly\nlink_origin: intranet\n",
            ),
        ],
        &[
            "content/site.yaml:2:18: `review_interval`: \"fortnightly\" is not an interval",
            "content/site.yaml:3:14: `link_origin` must be a web address",
        ],
    );
    // The link that needs it is not reported as well: the setting is what to fix.
    assert!(stderr.contains("2 errors"), "{stderr}");

    fails_with(
        &[
            HOME,
            (
                "site.yaml",
                "name: Site\nlanguage: English\nreview_interval: 0 months\n",
            ),
        ],
        &[
            "content/site.yaml:2:11: `language` must be a language tag",
            "content/site.yaml:3:18: `review_interval`: \"0 months\" is no time at all",
        ],
    );
    let stderr = fails_with(
        &[HOME, ("site.yaml", "- name: Site\n")],
        &["content/site.yaml:1: expected `key: value` lines here"],
    );
    assert!(
        stderr.contains("for example `name: IT Security Guidance`"),
        "{stderr}"
    );
    insta::assert_snapshot!(stderr);
}

#[test]
fn a_missing_content_folder_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let run = build(
        &dir.path().join("nope"),
        &dir.path().join("public"),
        "2026-11-22",
    );
    run.assert_failed();
    assert!(
        run.stderr().contains("there is no content folder here"),
        "{}",
        run.stderr()
    );
}

#[test]
fn files_that_are_not_utf8_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    write_site(&content, &[HOME]);
    std::fs::write(content.join("latin1.md"), b"---\ntitle: Caf\xe9\n---\n").unwrap();
    let run = build(&content, &dir.path().join("public"), "2026-11-22");
    run.assert_failed();
    assert!(
        run.stderr()
            .contains("latin1.md: this file is not UTF-8 text"),
        "{}",
        run.stderr()
    );
}

#[test]
fn a_broken_data_file_is_one_error_not_one_more_for_each_shortcode_that_reads_it() {
    let stderr = fails_with(
        &[
            HOME,
            ("data/team.yaml", "name: [Security team\n"),
            (
                "templates/shortcodes/team.html",
                "<p>{{ data.team.name }}</p>",
            ),
            (
                "page.md",
                "---\ntitle: A page\n---\nAsk {{ team() }}.\n\nOr {{ team() }}.\n",
            ),
        ],
        &["error: content/data/team.yaml:"],
    );
    assert!(stderr.contains("1 error,"), "{stderr}");
    assert!(!stderr.contains("team.html"), "{stderr}");
    insta::assert_snapshot!(stderr);
}

const CONTACTS: &str = "\
groups:
  - id: security-team
    name: Security Team
    entries:
      - label: Email
        email: security@example.gov.uk
  - id: service-desk
    name: Service Desk
    entries:
      - label: Tel
        phone: \"0800 000 0000\"
";

const CONTACTS_PAGE: (&str, &str) = (
    "page.md",
    "---\ntitle: A page\n---\n## Contacts\n\n{{ contacts(only=\"security-team\") }}\n",
);

#[test]
fn contacts_that_would_show_empty_or_wrong_are_errors_where_they_are_written() {
    // Before, each of these built: a traveller saw "Tel:" with no number, or no contacts.
    let stderr = fails_with(
        &[
            HOME,
            CONTACTS_PAGE,
            (
                "data/contacts.yaml",
                &CONTACTS.replace("        phone:", "        phon:"),
            ),
        ],
        &[
            "error: content/data/contacts.yaml:11:9: unknown key `phon`",
            "did you mean `phone`?",
        ],
    );
    assert!(stderr.contains("1 error,"), "{stderr}");
    fails_with(
        &[
            HOME,
            CONTACTS_PAGE,
            (
                "data/contacts.yaml",
                &CONTACTS.replace("\"0800 000 0000\"", "\"\""),
            ),
        ],
        &["error: content/data/contacts.yaml:11:9: `phone` is empty"],
    );
    fails_with(
        &[
            HOME,
            CONTACTS_PAGE,
            (
                "data/contacts.yaml",
                &CONTACTS.replace("id: service-desk", "id: security-team"),
            ),
        ],
        &[
            "error: content/data/contacts.yaml:7:5: there are two contact groups with the id `security-team`",
        ],
    );
    fails_with(
        &[
            HOME,
            ("data/contacts.yaml", CONTACTS),
            (
                "page.md",
                "---\ntitle: A page\n---\nText.\n\n{{ contacts(only=\"security-teem\") }}\n",
            ),
        ],
        &[
            "error: content/page.md:6:1: shortcode `contacts`: there is no contact group `security-teem`",
            "did you mean `security-team`?",
        ],
    );
    insta::assert_snapshot!(stderr);
}

#[test]
fn a_site_with_its_own_contacts_shortcode_writes_its_contacts_its_own_way() {
    let (_dir, run) = build_site(&[
        HOME,
        ("data/contacts.yaml", "people:\n  - Ann on 0800 000 0000\n"),
        (
            "templates/shortcodes/contacts.html",
            "<ul>{% for p in data.contacts.people %}<li>{{ p }}</li>{% endfor %}</ul>",
        ),
        ("page.md", "---\ntitle: A page\n---\n{{ contacts() }}\n"),
    ]);
    run.assert_ok();
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
fn front_matter_that_never_ends_is_one_error() {
    let stderr = fails_with(
        &[("index.md", "---\ntitle: Home\nowner: Team\n\nSome text.\n")],
        &["content/index.md:1: the front matter starts with `---` but never ends"],
    );
    // Not also "this page has no title": the title is in the front matter.
    assert!(stderr.contains("1 error,"), "{stderr}");
    insta::assert_snapshot!(stderr);
}

#[test]
fn an_html_comment_that_is_never_closed_is_an_error() {
    // Before, it built, and browsers hid the rest of the page (and the theme's owner and
    // feedback blocks after it).
    let stderr = fails_with(
        &[
            HOME,
            (
                "page.md",
                "---\ntitle: A page\n---\nIntro.\n\n<!-- TODO: check with the team\n\n## Rules\n\nText.\n",
            ),
        ],
        &[
            "content/page.md:6: this HTML comment (`<!--`) is never closed",
            "browsers hide the rest of the page",
        ],
    );
    // Closed ones, on one line or several, are fine.
    let (_dir, run) = build_site(&[
        HOME,
        (
            "page.md",
            "---\ntitle: A page\n---\nIntro <!-- a note --> here.\n\n<!-- a longer\nnote -->\n\nAn empty <!--> comment.\n\nText.\n",
        ),
    ]);
    run.assert_ok();
    insta::assert_snapshot!(stderr);
}

#[test]
fn an_empty_title_is_no_title() {
    let (dir, run) = build_site(&[
        HOME,
        (
            "page.md",
            "---\ntitle: \"\"\n---\n# From the heading\n\nText.\n",
        ),
    ]);
    run.assert_ok();
    let html = read(&dir.path().join("public"), "page.html");
    assert!(html.contains("<title>From the heading"), "{html}");
    let stderr = fails_with(
        &[HOME, ("page.md", "---\ntitle: \"  \"\n---\nText.\n")],
        &["content/page.md:1: this page has no title"],
    );
    insta::assert_snapshot!(stderr);
}

#[test]
fn links_that_lead_nowhere_are_errors() {
    let stderr = fails_with(
        &[
            HOME,
            (
                "travel/page.md",
                "---\ntitle: A page\n---\n[Mail us](mailto:)\n\n[Empty]()\n\n[Rooted page](/travel/other.md#rules)\n",
            ),
            ("travel/other.md", "---\ntitle: Other\n---\n## Rules\n"),
            (
                "site.yaml",
                "name: S\nlink_origin: https://intranet.example.gov.uk\n",
            ),
        ],
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
fn a_heading_id_that_cannot_be_kept_as_written_is_an_error() {
    let stderr = fails_with(
        &[
            HOME,
            (
                "page.md",
                "---\ntitle: A page\n---\n## Contacts\n\nText.\n\n## Other rules {#contacts}\n\n## Travel rules {#travel rules}\n",
            ),
        ],
        &[
            "content/page.md:8: `{#contacts}` is already the id of another heading",
            "content/page.md:10: `{#travel rules}`: an id cannot have spaces",
            "write `{#travel-rules}`",
        ],
    );
    insta::assert_snapshot!(stderr);
}

#[test]
fn raw_html_left_open_or_closed_twice_is_an_error() {
    // Before, it built, and the page's owner and feedback blocks ended up in the callout.
    let stderr = fails_with(
        &[
            HOME,
            (
                "page.md",
                "---\ntitle: A page\n---\n<div class=\"callout\">\n\nImportant.\n\n## Next\n\nText.\n",
            ),
            ("other.md", "---\ntitle: Other\n---\nText.\n\n</section>\n"),
        ],
        &[
            "content/page.md:4: `<div class=\"callout\">` is never closed with `</div>`",
            "content/other.md:6: `</section>` closes nothing this page opened",
        ],
    );
    // Closed, over several lines with Markdown inside, in a comment, after a comment on
    // the same line, or in a script: fine.
    let (_dir, run) = build_site(&[
        HOME,
        (
            "page.md",
            "---\ntitle: A page\n---\n<div class=\"callout\">\n\n**Important.**\n\n</div>\n\n<!-- an old\n<div> -->\n\n<details><summary>More</summary>Text</details>\n\n<!-- old:\nnote --> <div class=\"callout\">\n\nText.\n\n</div>\n\n<script type=\"text/plain\">\nvar s = \"<div class='x'>\";\n</script>\n",
        ),
    ]);
    run.assert_ok();
    insta::assert_snapshot!(stderr);
}

#[test]
fn a_footnote_with_no_note_is_a_warning() {
    // Before, the page showed "[^policy]" as written, without a word.
    let (_dir, run) = build_site(&[
        HOME,
        (
            "page.md",
            "---\ntitle: A page\n---\nIntro.\n\nAs the policy says[^policy], and[^ok].\n\n[^ok]: A note.\n",
        ),
    ]);
    run.assert_ok();
    assert!(
        run.stderr()
            .contains("content/page.md:6: the footnote `[^policy]` has no note"),
        "{}",
        run.stderr()
    );
    // Not footnotes: in code, or escaped.
    let (_dir, run) = build_site(&[
        HOME,
        (
            "page.md",
            "---\ntitle: A page\n---\nWrite `[^x]` for a note; match \\[^a-z] letters.\n\n```\n[^y] in code\n```\n",
        ),
    ]);
    run.assert_ok();
    assert!(!run.stderr().contains("footnote"), "{}", run.stderr());
}

#[test]
fn a_wizard_shown_twice_on_a_page_is_an_error() {
    // Before, the page had two elements with one id, and only one wizard started.
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    copy_tree(&workspace().join("content"), &content);
    let page = content.join("travel/accessing-it-systems-from-overseas.md");
    let text = std::fs::read_to_string(&page).unwrap();
    std::fs::write(
        &page,
        format!("{text}\n{{{{ wizard(flow=\"overseas-travel\") }}}}\n"),
    )
    .unwrap();
    let run = build(&content, &dir.path().join("public"), "2026-11-22");
    run.assert_failed();
    assert!(
        run.stderr()
            .contains("the wizard for `overseas-travel` is on this page already"),
        "{}",
        run.stderr()
    );
}

#[test]
fn replacement_loops_and_drafts_are_told_to_the_pages_they_concern() {
    // a → b → c → b: the loop is b's and c's to fix, not a's.
    let stderr = fails_with(
        &[
            HOME,
            ("a.md", "---\ntitle: A\nsuperseded_by: b.md\n---\nText\n"),
            ("b.md", "---\ntitle: B\nsuperseded_by: c.md\n---\nText\n"),
            ("c.md", "---\ntitle: C\nsuperseded_by: b.md\n---\nText\n"),
        ],
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
        &[
            HOME,
            (
                "old.md",
                "---\ntitle: Old\nsuperseded_by: new.md\n---\nText\n",
            ),
            ("new.md", "---\ntitle: New\ndraft: true\n---\nText\n"),
        ],
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

#[test]
fn a_table_row_with_more_cells_than_columns_is_a_warning() {
    // pulldown-cmark leaves the extra cells out: "extra" was lost without a word.
    let (_dir, run) = build_site(&[
        HOME,
        (
            "page.md",
            "---\ntitle: A page\n---\n| Country | Part |\n|---|---|\n| France | One |\n| Spain | Two | extra |\n| `a|b` | c |\n| a \\| b | c |\n",
        ),
    ]);
    run.assert_ok();
    assert!(
        run.stderr()
            .contains("content/page.md:7: this table row has 3 cells, but the table has 2 columns"),
        "{}",
        run.stderr()
    );
    // A `|` in code splits the cell too (as on GitHub): "c" was lost.
    assert!(
        run.stderr()
            .contains("content/page.md:8: this table row has 3 cells"),
        "{}",
        run.stderr()
    );
    // An escaped one does not.
    assert!(!run.stderr().contains("page.md:9"), "{}", run.stderr());
}
