//! Bad input: each gets a clear error naming the file and line (and column where it
//! helps), a non-zero exit, no panic, and nothing written.

use crate::support;
use support::*;

mod links;
mod markup;

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
        &fixture_files("bad-input/unclosed-list-or-quote"),
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
fn every_problem_is_reported_in_one_run() {
    let stderr = fails_with(
        &fixture_files("bad-input/one-run"),
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
