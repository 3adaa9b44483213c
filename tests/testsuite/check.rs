//! `signpost check`: one finding per problem with its file and line, JSON for CI, exit codes,
//! colour only when asked for or on a terminal, and nothing written.

use crate::support;
use std::path::Path;
use std::process::Output;
use support::*;

const TODAY: &str = "2026-11-22";

fn check(content: &Path, extra: &[&str]) -> Output {
    signpost()
        .args(["check", "--today", TODAY, "--content"])
        .arg(content)
        .args(extra)
        .env_remove("CLICOLOR_FORCE")
        .env_remove("NO_COLOR")
        .output()
        .expect("signpost runs")
}

fn json(output: &Output) -> serde_json::Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "check --format json printed no JSON ({e}):\n{}\n{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    })
}

/// (severity, lint, file relative to the content folder, line) of every finding.
fn findings(report: &serde_json::Value, content: &Path) -> Vec<(String, String, String, u64)> {
    report["findings"]
        .as_array()
        .expect("a findings array")
        .iter()
        .map(|f| {
            let file = f["file"].as_str().unwrap();
            let relative = Path::new(file)
                .strip_prefix(content)
                .unwrap_or(Path::new(file))
                .to_string_lossy()
                .into_owned();
            (
                f["severity"].as_str().unwrap().to_string(),
                f["lint"].as_str().unwrap().to_string(),
                relative,
                f["line"].as_u64().unwrap_or(0),
            )
        })
        .collect()
}

#[test]
fn every_lint_is_reported_with_its_file_and_line() {
    let content = fixture("lints");
    let output = check(&content, &["--format", "json"]);
    let report = json(&output);
    // The whole report, as CI reads it.
    insta::assert_snapshot!(
        serde_json::to_string_pretty(&report)
            .unwrap()
            .replace(&content.display().to_string(), "[content]")
    );
    let found = findings(&report, &content);
    let expected: &[(&str, &str, &str, u64)] = &[
        ("error", "flow", "flows/broken.yaml", 7),
        ("info", "review-due-soon", "guidance/due-soon.md", 5),
        ("warning", "duplicate-title", "guidance/duplicate-one.md", 2),
        ("warning", "duplicate-title", "guidance/duplicate-two.md", 2),
        (
            "warning",
            "remote-resource",
            "guidance/hosted-elsewhere.md",
            7,
        ),
        (
            "warning",
            "remote-resource",
            "guidance/hosted-elsewhere.md",
            9,
        ),
        (
            "warning",
            "remote-resource",
            "guidance/hosted-elsewhere.md",
            11,
        ),
        ("warning", "legacy-heading", "guidance/legacy-heading.md", 9),
        ("error", "link", "guidance/links.md", 9),
        ("error", "link", "guidance/links.md", 11),
        ("info", "external-link", "guidance/links.md", 13),
        ("warning", "mojibake", "guidance/mojibake.md", 7),
        ("warning", "owner-missing", "guidance/no-owner.md", 1),
        ("warning", "review-overdue", "guidance/overdue.md", 4),
        ("warning", "duplicate-path", "guidance/remote-working.md", 0),
        ("warning", "duplicate-path", "guidance/remote_working.md", 0),
        ("warning", "retired-email", "guidance/retired-email.md", 7),
    ];
    let mut expected: Vec<(String, String, String, u64)> = expected
        .iter()
        .map(|(s, l, f, n)| (s.to_string(), l.to_string(), f.to_string(), *n))
        .collect();
    // What must be fixed comes first: errors, then warnings, then notes.
    let rank = |severity: &str| {
        ["error", "warning", "info"]
            .iter()
            .position(|s| *s == severity)
    };
    let ranks: Vec<_> = found.iter().map(|f| rank(&f.0)).collect();
    assert!(
        ranks.windows(2).all(|w| w[0] <= w[1]),
        "not errors first: {found:#?}"
    );
    let mut found = found;
    found.sort();
    expected.sort();
    assert_eq!(found, expected, "{report:#}");

    // Mentions in code are not findings: the retired address and the mojibake appear again
    // in code spans two lines further down.
    assert_eq!(report["counts"]["error"], 3);
    assert_eq!(report["counts"]["warning"], 12);
    assert_eq!(report["counts"]["info"], 2);
    assert_eq!(report["ok"], false);
    assert_eq!(report["pages"], 14);
    assert_eq!(report["today"], TODAY);
    assert_eq!(output.status.code(), Some(1), "errors fail the check");

    // Each finding says what is wrong, and how to fix it where that is clear.
    let by_lint = |lint: &str| {
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["lint"] == lint)
            .unwrap_or_else(|| panic!("no {lint} finding"))
            .clone()
    };
    let retired = by_lint("retired-email");
    assert!(
        retired["message"]
            .as_str()
            .unwrap()
            .contains("old-desk@example.org")
    );
    assert_eq!(retired["help"], "Use the service desk phone line instead.");
    assert_eq!(retired["column"], 7);
    let mojibake = by_lint("mojibake");
    assert_eq!(mojibake["help"], "replace `â€™` with `’`");
    let legacy = by_lint("legacy-heading");
    assert!(legacy["help"].as_str().unwrap().contains("`## Contacts`"));
    let overdue = by_lint("review-overdue");
    assert!(
        overdue["help"]
            .as_str()
            .unwrap()
            .contains("signpost review"),
        "{overdue}"
    );
    assert!(
        by_lint("external-link")["message"]
            .as_str()
            .unwrap()
            .contains("https://www.gov.uk/foreign-travel-advice")
    );
}

#[test]
fn the_text_report_names_file_line_and_help() {
    let content = fixture("lints");
    let output = check(&content, &[]);
    assert_eq!(output.status.code(), Some(1));
    let text = String::from_utf8(output.stdout).unwrap();
    let overdue = format!(
        "warning[review-overdue]: {}:4: past its review-by date: 31 January 2020",
        content.join("guidance/overdue.md").display()
    );
    assert!(text.contains(&overdue), "{text}");
    assert!(
        text.contains("\n  help: replace `â€™` with `’`\n"),
        "{text}"
    );
    assert!(
        text.contains("3 errors, 12 warnings and 2 notes in 14 pages"),
        "{text}"
    );
    assert!(!text.contains('\u{1b}'), "no colour when not on a terminal");
    // The whole report, as an editor reads it.
    insta::assert_snapshot!(text.replace(&content.display().to_string(), "[content]"));

    let forced = signpost()
        .args(["check", "--today", TODAY, "--content"])
        .arg(&content)
        .env("CLICOLOR_FORCE", "1")
        .env_remove("NO_COLOR")
        .output()
        .unwrap();
    let coloured = String::from_utf8(forced.stdout).unwrap();
    assert!(
        coloured.contains("\u{1b}["),
        "colour when forced: {coloured}"
    );
}

fn small_site(dir: &Path, overdue: bool) -> std::path::PathBuf {
    let content = dir.join("content");
    let review_by = if overdue { "2020-01-01" } else { "2027-05-01" };
    write_site(
        &content,
        &[
            ("site.yaml", "name: Small\nreview_interval: 1 year\n"),
            (
                "index.md",
                "---\ntitle: Home\nowner: Editors\nreview_by: 2027-05-01\n---\n\nHello.\n",
            ),
            (
                "page.md",
                &format!(
                    "---\ntitle: A page\nowner: Editors\nreview_by: {review_by}\n---\n\nText.\n"
                ),
            ),
        ],
    );
    content
}

#[test]
fn exit_codes_for_ci() {
    let dir = tempfile::tempdir().unwrap();
    let clean = small_site(&dir.path().join("clean"), false);
    let output = check(&clean, &["--deny-warnings"]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(
        text.contains("0 errors, 0 warnings and 0 notes in 2 pages"),
        "{text}"
    );

    let warned = small_site(&dir.path().join("warned"), true);
    assert_eq!(
        check(&warned, &[]).status.code(),
        Some(0),
        "warnings alone pass"
    );
    let denied = check(&warned, &["--deny-warnings", "--format", "json"]);
    assert_eq!(
        denied.status.code(),
        Some(1),
        "--deny-warnings fails on them"
    );
    assert_eq!(json(&denied)["ok"], false);
    let allowed = check(&warned, &["--format", "json"]);
    assert_eq!(json(&allowed)["ok"], true);

    let missing = check(&dir.path().join("nowhere"), &["--format", "json"]);
    assert_eq!(missing.status.code(), Some(1));
    assert_eq!(json(&missing)["counts"]["error"], 1);

    let usage = check(&clean, &["--format", "xml"]);
    assert_eq!(
        usage.status.code(),
        Some(2),
        "a wrong option is a usage error"
    );
}

#[test]
fn due_soon_window_comes_from_the_site_or_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let content = small_site(dir.path(), false);
    let due_soon = |extra: &[&str]| {
        let mut args = vec!["--format", "json"];
        args.extend_from_slice(extra);
        let report = json(&check(&content, &args));
        findings(&report, &content)
            .into_iter()
            .filter(|(_, lint, _, _)| lint == "review-due-soon")
            .count()
    };
    // 2027-05-01 is 160 days after 2026-11-22.
    assert_eq!(due_soon(&[]), 0);
    assert_eq!(due_soon(&["--due-within", "200"]), 2);
    std::fs::write(
        content.join("site.yaml"),
        "name: Small\nreview_interval: 1 year\nreview_due_soon_days: 180\n",
    )
    .unwrap();
    assert_eq!(due_soon(&[]), 2);
    assert_eq!(due_soon(&["--due-within", "7"]), 0);
}

#[test]
fn the_real_content_passes_with_warnings_for_the_pages_really_overdue() {
    let content = workspace().join("content");
    let output = check(&content, &["--format", "json"]);
    let report = json(&output);
    assert_eq!(output.status.code(), Some(0), "{report:#}");
    assert_eq!(report["counts"]["error"], 0, "{report:#}");
    let warnings: Vec<(String, String, String, u64)> = findings(&report, &content)
        .into_iter()
        .filter(|(severity, ..)| severity == "warning")
        .collect();
    let lints: Vec<(&str, &str)> = warnings
        .iter()
        .map(|(_, lint, file, _)| (lint.as_str(), file.as_str()))
        .collect();
    assert_eq!(
        lints,
        [
            (
                "review-overdue",
                "devices/mobile-devices-and-remote-working-policy.md"
            ),
            ("review-overdue", "devices/using-your-own-device.md"),
            (
                "review-overdue",
                "travel/general-advice-on-taking-equipment-abroad.md"
            ),
        ],
        "{report:#}"
    );
    // The current overseas page names the retired mailboxes in code, to say they are
    // retired: that is not a finding.
    assert!(
        !findings(&report, &content)
            .iter()
            .any(|(_, lint, file, _)| lint == "retired-email"
                && file == "travel/accessing-it-systems-from-overseas.md"),
        "{report:#}"
    );
}

#[test]
fn check_writes_nothing_but_finds_template_problems_only_rendering_shows() {
    let dir = tempfile::tempdir().unwrap();
    let content = small_site(dir.path(), false);
    // A page template that fails only when a page is rendered with it.
    write_site(
        &content,
        &[(
            "templates/page.html",
            "{% extends \"base.html\" %}{% block main %}{{ page.no_such_field.below }}{% endblock main %}",
        )],
    );
    let before = walk(dir.path());
    let output = signpost()
        .current_dir(dir.path())
        .args(["check", "--format", "json", "--today", TODAY])
        .output()
        .unwrap();
    let report = json(&output);
    assert_eq!(output.status.code(), Some(1), "{report:#}");
    assert!(
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["severity"] == "error" && f["file"].as_str().unwrap().contains("page.html")),
        "{report:#}"
    );
    assert_eq!(walk(dir.path()), before, "check wrote something");
}

#[test]
fn pages_whose_addresses_differ_only_in_capitals_are_errors() {
    let dir = tempfile::tempdir().unwrap();
    let content = small_site(dir.path(), false);
    write_site(
        &content,
        &[
            (
                "travel/Advice.md",
                "---\ntitle: Advice\nowner: A\nreview_by: 2027-05-01\n---\nA\n",
            ),
            (
                "travel/advice.md",
                "---\ntitle: More advice\nowner: A\nreview_by: 2027-05-01\n---\nB\n",
            ),
        ],
    );
    let report = json(&check(&content, &["--format", "json"]));
    let duplicates: Vec<_> = findings(&report, &content)
        .into_iter()
        .filter(|(_, lint, _, _)| lint == "duplicate-path")
        .collect();
    assert_eq!(duplicates.len(), 2, "{report:#}");
    assert!(duplicates.iter().all(|(severity, ..)| severity == "error"));
}

/// `check --format json` on a home page, `page.md` and `site.yaml`: the report, and the
/// findings on `page.md`.
fn check_one_page(
    page: &str,
    site: &str,
) -> (serde_json::Value, Vec<(String, String, String, u64)>) {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    write_site(
        &content,
        &[
            ("index.md", "---\ntitle: Home\nowner: Team\n---\n"),
            ("page.md", page),
            ("site.yaml", site),
        ],
    );
    let report = json(&check(&content, &["--format", "json"]));
    let on_page = findings(&report, &content)
        .into_iter()
        .filter(|f| f.2 == "page.md")
        .collect();
    (report, on_page)
}

#[test]
fn an_impossible_review_date_is_one_error_not_also_an_overdue_page() {
    let (_, on_page) = check_one_page(
        "---\ntitle: P\nowner: Team\nlast_reviewed: 2018-01\nreview_by: 2027-02-30\n---\nText\n",
        "name: S\nreview_interval: 6 months\n",
    );
    assert_eq!(on_page.len(), 1, "{on_page:#?}");
    assert_eq!((on_page[0].0.as_str(), on_page[0].3), ("error", 5));
}

#[test]
fn an_unclosed_quote_is_one_error_at_its_line_not_also_a_page_without_owner() {
    let (report, on_page) = check_one_page(
        "---\ntitle: P\nowner: \"Team\nreview_by: 2027-02-20\naudience: All staff\n---\nText\n",
        "name: S\n",
    );
    assert_eq!(on_page.len(), 1, "{on_page:#?}");
    assert_eq!((on_page[0].0.as_str(), on_page[0].3), ("error", 3));
    assert!(
        report
            .to_string()
            .contains("this value opens a quote that is never closed"),
        "{report}"
    );
}

#[test]
fn a_replaced_page_has_no_review_notice() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    build(&workspace().join("content"), &out, "2026-11-22").assert_ok();
    let old = read(&out, "travel/taking-it-equipment-abroad-2018.html");
    assert!(old.contains("This guidance has been replaced"));
    assert!(
        !old.contains("past its review date"),
        "a replaced page is not reviewed any more"
    );
}

#[test]
fn a_template_that_does_not_parse_says_the_pages_were_not_checked() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    write_site(
        &content,
        &[
            ("index.md", "---\ntitle: Home\nowner: Team\n---\n"),
            ("templates/base.html", "<html>{% if page %}</html>"),
        ],
    );
    let output = check(&content, &[]);
    assert!(!output.status.success());
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("templates/base.html:1:"), "{stdout}");
    // Before: "1 error, 0 warnings and 0 notes in 0 pages", as if there were no content.
    assert!(
        stdout.contains("1 error: the pages could not be read, so they were not checked"),
        "{stdout}"
    );
}

#[test]
fn review_dates_out_of_order_are_a_warning() {
    // TODAY is the date these tests check against.
    for (page, message) in [
        (
            "---\ntitle: P\nowner: Team\nlast_reviewed: 2027-01-10\nreview_by: 2027-06-01\n---\nText\n",
            "`last_reviewed` is 10 January 2027, which has not come yet",
        ),
        (
            "---\ntitle: P\nowner: Team\nlast_reviewed: 2026-10-01\nreview_by: 2026-01-01\n---\nText\n",
            "`last_reviewed` (1 October 2026) is after `review_by` (1 January 2026)",
        ),
    ] {
        let (report, on_page) = check_one_page(page, "name: S\n");
        let wrong: Vec<_> = on_page
            .iter()
            .filter(|f| f.1 == "review-date-wrong")
            .collect();
        assert_eq!(wrong.len(), 1, "{on_page:#?}");
        assert_eq!((wrong[0].0.as_str(), wrong[0].3), ("warning", 4));
        assert!(report.to_string().contains(message), "{report}");
    }
}

#[test]
fn an_image_with_no_text_is_a_warning() {
    let (report, on_page) = check_one_page(
        "---\ntitle: P\nowner: Team\nreview_by: 2027-06-01\n---\n![](https://example.org/map.png)\n\n![Map of the regions](https://example.org/map.png)\n",
        "name: S\n",
    );
    let images: Vec<_> = on_page
        .iter()
        .filter(|f| f.1 == "image-text-missing")
        .collect();
    assert_eq!(images.len(), 1, "{on_page:#?}");
    assert_eq!((images[0].0.as_str(), images[0].3), ("warning", 6));
    assert!(
        report
            .to_string()
            .contains("no text for people who cannot see it"),
        "{report}"
    );
}

#[test]
fn an_owner_written_as_a_list_is_one_error_not_also_a_page_without_owner() {
    let (_, on_page) = check_one_page(
        "---\ntitle: P\nowner:\n  - Team A\n  - Team B\nreview_by: 2027-06-01\n---\nText\n",
        "name: S\n",
    );
    assert_eq!(on_page.len(), 1, "{on_page:#?}");
    assert_eq!(on_page[0].0, "error", "{on_page:#?}");
}

#[test]
fn a_summary_longer_than_a_sentence_is_a_warning() {
    let long = "Word ".repeat(70);
    let (_, on_page) = check_one_page(
        &format!("---\ntitle: P\nowner: Team\nreview_by: 2027-06-01\nsummary: {long}\n---\nText\n"),
        "name: S\n",
    );
    let found: Vec<_> = on_page.iter().filter(|f| f.1 == "summary-long").collect();
    assert_eq!(found.len(), 1, "{on_page:#?}");
    assert_eq!((found[0].0.as_str(), found[0].3), ("warning", 5));
}

#[test]
fn a_second_main_heading_is_a_warning() {
    // The first `# Heading`, when it is the title, is the page's h1 and is not repeated.
    let (_, on_page) = check_one_page(
        "---\ntitle: P\nowner: Team\nreview_by: 2027-06-01\n---\n# P\n\nText.\n\n# Another part\n\nText.\n",
        "name: S\n",
    );
    let found: Vec<_> = on_page.iter().filter(|f| f.1 == "second-h1").collect();
    assert_eq!(found.len(), 1, "{on_page:#?}");
    assert_eq!((found[0].0.as_str(), found[0].3), ("warning", 10));
}
