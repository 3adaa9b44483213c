//! What editors write and what readers get: Markdown features, navigation, overrides,
//! escaping.

use crate::support;
use support::*;

const HOME: (&str, &str) = ("index.md", "---\ntitle: Home\n---\nWelcome.\n");

fn build_ok(files: &[(&str, &str)]) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let content = dir.path().join("content");
    write_site(&content, files);
    let out = dir.path().join("public");
    build(&content, &out, "2026-11-22").assert_ok();
    (dir, out)
}

#[test]
fn script_in_a_title_or_owner_is_escaped() {
    let (_dir, out) = build_ok(&[
        HOME,
        (
            "page.md",
            "---\ntitle: \"<script>alert('title')</script>\"\nowner: \"<script>alert('owner')</script>\"\naudience: [\"<img src=x onerror=alert(1)>\"]\n---\nText\n",
        ),
    ]);
    let html = read(&out, "page.html");
    assert!(
        !html.contains("<script>alert"),
        "unescaped script in:\n{html}"
    );
    assert!(!html.contains("<img src=x"), "unescaped audience");
    assert!(html.contains("&lt;script&gt;alert"));
    let home = read(&out, "index.html");
    assert!(
        !home.contains("<script>alert"),
        "unescaped script in the home page list"
    );
}

#[test]
fn markdown_extensions_and_raw_html() {
    let (_dir, out) = build_ok(&[
        HOME,
        (
            "page.md",
            "---\ntitle: P\n---\n## Table\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n~~gone~~ and a note[^n].\n\n- [ ] to do\n- [x] done\n\n[^n]: The note.\n\n<details><summary>More</summary>Raw HTML</details>\n\n## Custom {#my-id}\n\n## Table\n",
        ),
    ]);
    let html = read(&out, "page.html");
    assert!(html.contains("<table>"));
    assert!(html.contains("<del>gone</del>"));
    assert!(html.contains("type=\"checkbox\""));
    assert!(html.contains("footnote-definition"));
    assert!(html.contains("<details><summary>More</summary>Raw HTML</details>"));
    assert!(html.contains("<h2 id=\"my-id\">Custom</h2>"));
    assert!(
        html.contains("<h2 id=\"table-1\">Table</h2>"),
        "duplicate headings get unique ids"
    );
}

#[test]
fn a_heading_does_not_take_an_id_the_theme_uses() {
    let (_dir, out) = build_ok(&[
        HOME,
        ("page.md", "---\ntitle: P\n---\n## Main content\n\nText.\n"),
    ]);
    let html = read(&out, "page.html");
    // The skip link's target stays the theme's `<main>`.
    assert_eq!(html.matches("id=\"main-content\"").count(), 1, "{html}");
    assert!(
        html.contains("<h2 id=\"main-content-1\">Main content</h2>"),
        "{html}"
    );
}

#[test]
fn pages_link_by_source_path_and_get_relative_output_links() {
    let (_dir, out) = build_ok(&[
        HOME,
        (
            "a/one.md",
            "---\ntitle: One\n---\nSee [two](../b/two.md#steps) and [the folder](../b/).\n",
        ),
        ("b/two.md", "---\ntitle: Two\n---\n## Steps\n"),
    ]);
    let html = read(&out, "a/one.html");
    assert!(html.contains("href=\"../b/two.html#steps\""), "{html}");
    assert!(html.contains("href=\"../b/index.html\""));
    assert!(broken_links(&out).is_empty(), "{:?}", broken_links(&out));
}

#[test]
fn folders_without_an_index_get_one_and_navigation_follows_weight() {
    let (_dir, out) = build_ok(&[
        HOME,
        (
            "topic/zebra.md",
            "---\ntitle: Zebra\nweight: 1\n---\nText\n",
        ),
        ("topic/apple.md", "---\ntitle: Apple\n---\nText\n"),
        ("topic/mango.md", "---\ntitle: Mango\n---\nText\n"),
    ]);
    let index = read(&out, "topic/index.html");
    assert!(index.contains("<h1>Topic</h1>"));
    let zebra = index.find(">Zebra<").unwrap();
    let apple = index.find(">Apple<").unwrap();
    let mango = index.find(">Mango<").unwrap();
    assert!(zebra < apple && apple < mango, "weight first, then title");
    let page = read(&out, "topic/apple.html");
    // Navigation links go straight from the page's folder, the page itself marked.
    assert!(page.contains(
        "<li class=\"current\"><a href=\"apple.html\" aria-current=\"page\">Apple</a></li>"
    ));
    assert!(page.contains("<li><a href=\"mango.html\">Mango</a></li>"));
    assert!(page.contains("<li class=\"open\"><a href=\"index.html\">Topic</a>"));
    assert!(page.contains("<nav class=\"breadcrumbs\""));
}

#[test]
fn navigation_shows_only_the_path_to_the_page_on_a_large_site() {
    let mut files: Vec<(String, String)> =
        vec![("index.md".into(), "---\ntitle: Home\n---\n".into())];
    for area in 0..5 {
        for page in 0..5 {
            files.push((
                format!("area-{area}/page-{page}.md"),
                format!("---\ntitle: Area {area} page {page}\n---\nText\n"),
            ));
        }
    }
    let borrowed: Vec<(&str, &str)> = files
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let (_dir, out) = build_ok(&borrowed);
    let html = read(&out, "area-1/page-2.html");
    let nav = &html[html.find("class=\"site-nav\"").unwrap()..];
    assert!(nav.contains("Area 1 page 0"), "siblings are shown");
    assert!(!nav.contains("Area 3 page 0"), "other folders stay closed");
    assert!(
        nav.contains(">Area 3<"),
        "other top-level folders are listed"
    );
}

#[test]
fn a_site_can_override_any_template() {
    let (_dir, out) = build_ok(&[
        HOME,
        ("page.md", "---\ntitle: P\n---\nText\n"),
        (
            "templates/partials/feedback.html",
            "<p class=\"custom-feedback\">Tell us at {{ site.name }}</p>\n",
        ),
    ]);
    let html = read(&out, "page.html");
    assert!(html.contains("<p class=\"custom-feedback\">Tell us at Guidance</p>"));
    assert!(
        !out.join("templates").exists(),
        "templates are not published"
    );
}

#[test]
fn shortcodes_render_data_files() {
    let (_dir, out) = build_ok(&[
        HOME,
        (
            "data/contacts.yaml",
            "groups:\n  - id: desk\n    name: Service desk\n    entries:\n      - label: Tel\n        phone: \"0800 000 000\"\n",
        ),
        (
            "page.md",
            "---\ntitle: P\n---\nCall us:\n\n{{ contacts(only=\"desk\") }}\n\nInline {{ greeting(name=\"<b>you</b>\") }}!\n",
        ),
        ("templates/shortcodes/greeting.html", "hello {{ name }}"),
    ]);
    let html = read(&out, "page.html");
    assert!(
        html.contains("<a href=\"tel:0800000000\">0800 000 000</a>"),
        "{html}"
    );
    assert!(
        !html.contains("<p><div"),
        "a block shortcode is not wrapped in a paragraph"
    );
    assert!(
        html.contains("Inline hello &lt;b&gt;you&lt;&#x2F;b&gt;!")
            || html.contains("Inline hello &lt;b&gt;you&lt;/b&gt;!"),
        "{html}"
    );
}

#[test]
fn feedback_can_be_turned_off_or_sent_elsewhere() {
    let (_dir, out) = build_ok(&[
        HOME,
        (
            "site.yaml",
            "name: Site\nfeedback: team@example.org\nfeedback_ratings: true\n",
        ),
        (
            "quiet.md",
            "---\ntitle: Quiet\nfeedback: false\n---\nText\n",
        ),
        (
            "other.md",
            "---\ntitle: Other\nfeedback: other@example.org\n---\nText\n",
        ),
        ("default.md", "---\ntitle: Default\n---\nText\n"),
    ]);
    assert!(!read(&out, "quiet.html").contains("signpost-feedback-heading"));
    assert!(
        read(&out, "other.html").contains("mailto:other@example.org?subject=Feedback%3A%20Other")
    );
    assert!(read(&out, "other.html").contains("mailto:other+other-2@example.org"));
    assert!(read(&out, "default.html").contains("mailto:team@example.org"));
    assert!(read(&out, "default.html").contains(">Very helpful<span"));
}

#[test]
fn feedback_form_asks_was_this_page_useful_and_ratings_are_off_by_default() {
    let (_dir, out) = build_ok(&[
        HOME,
        (
            "site.yaml",
            "name: Site\nfeedback: team@example.org\nsite_url: https://guidance.example.org/\nfeedback_form: https://forms.example.org/f?form=7\n",
        ),
        ("travel/abroad.md", "---\ntitle: Abroad & back\n---\nText\n"),
        (
            "quiet.md",
            "---\ntitle: Quiet\nfeedback: false\n---\nText\n",
        ),
    ]);
    let html = read(&out, "travel/abroad.html");
    assert!(html.contains(">Was this page useful?</p>"), "{html}");
    // Written with `&` as `&amp;`, as HTML attributes want; browsers read it back.
    let href = |answer: &str| {
        format!(
            "https://forms.example.org/f?form=7&page=Abroad%20%26%20back&url=https%3A%2F%2Fguidance%2Eexample%2Eorg%2Ftravel%2Fabroad%2Ehtml&useful={answer}"
        )
        .replace('&', "&amp;")
    };
    assert!(
        html.contains(&format!("<a href=\"{}\">Yes<span", href("yes"))),
        "{html}"
    );
    assert!(
        html.contains(&format!("<a href=\"{}\">No<span", href("no"))),
        "{html}"
    );
    // The mailbox stays as the other way; the four rating links are off unless turned on.
    assert!(html.contains("mailto:team@example.org?subject=Feedback%3A%20Abroad"));
    assert!(!html.contains("Very helpful"), "{html}");
    assert!(!html.contains("team+"), "{html}");
    // A page with feedback off has neither.
    assert!(!read(&out, "quiet.html").contains("Was this page useful?"));

    // Without a mailbox the form is the one way; without `site_url` the address is the
    // page's path from the site root.
    let (_dir, out) = build_ok(&[
        HOME,
        (
            "site.yaml",
            "name: Site\nfeedback_form: https://forms.example.org/f\n",
        ),
        ("page.md", "---\ntitle: P\n---\nText\n"),
    ]);
    let html = read(&out, "page.html");
    assert!(
        html.contains("f?page=P&amp;url=page%2Ehtml&amp;useful=yes"),
        "{html}"
    );
    assert!(!html.contains("mailto:"), "{html}");
}

#[test]
fn tech_docs_review_keys_give_a_review_by_date() {
    let (_dir, out) = build_ok(&[
        HOME,
        (
            "page.md",
            "---\ntitle: P\nlast_reviewed_on: 2026-01-15\nreview_in: 6 months\nowner_slack: \"#team\"\n---\nText\n",
        ),
    ]);
    let html = read(&out, "page.html");
    assert!(
        html.contains("<time datetime=\"2026-07-15\">15 July 2026</time>"),
        "review-by = last reviewed + 6 months"
    );
    assert!(
        html.contains("data-review-by=\"2026-07-15\">"),
        "past review on 2026-11-22: notice shown"
    );
}

#[test]
fn a_draft_is_left_out_of_the_site_until_it_is_ready() {
    let dir = tempfile::tempdir().expect("temp dir");
    let content = dir.path().join("content");
    write_site(
        &content,
        &fixture_files("features/a-draft-is-left-out-of-the-site-until-it-is-ready"),
    );
    let out = dir.path().join("public");
    let run = build(&content, &out, "2026-11-22");
    run.assert_ok();
    assert!(
        run.stderr().contains("(1 draft left out)"),
        "{}",
        run.stderr()
    );
    assert!(!out.join("travel/coming.html").exists());
    assert!(out.join("travel/ready.html").exists());
    for file in html_files(&out) {
        let html = std::fs::read_to_string(out.join(&file)).unwrap();
        assert!(
            !html.contains("Coming soon"),
            "{} names the draft",
            file.display()
        );
    }
    let index = signpost_render::search::read_index(&out.join("assets")).unwrap();
    assert!(index.pages.iter().all(|p| p.1 != "Coming soon"));

    // A published page cannot link to it yet.
    write_site(
        &content,
        &[(
            "travel/ready.md",
            "---\ntitle: Ready\n---\nSee [soon](coming.md).\n",
        )],
    );
    let run = build(&content, &out, "2026-11-22");
    run.assert_failed();
    assert!(
        run.stderr()
            .contains("`coming.md` is a draft (`draft: true`), which is not published"),
        "{}",
        run.stderr()
    );
}
