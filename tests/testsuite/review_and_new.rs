//! `signpost review` changes the two review dates and nothing else; `signpost new` writes a
//! page with complete front matter and never replaces one.

use crate::support;
use std::path::{Path, PathBuf};
use support::*;

/// A copy of the real content to edit.
fn real_content() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    copy_tree(&workspace().join("content"), &content);
    (dir, content)
}

fn run(args: &[&str], content: &Path) -> Run {
    let output = signpost()
        .args(args)
        .arg("--content")
        .arg(content)
        .output()
        .expect("signpost runs");
    Run { output }
}

/// The lines of `before` and `after` that differ, as (line number, before, after).
fn changed_lines(before: &str, after: &str) -> Vec<(usize, String, String)> {
    assert_eq!(
        before.split_inclusive('\n').count(),
        after.split_inclusive('\n').count(),
        "the number of lines changed:\n{after}"
    );
    before
        .split_inclusive('\n')
        .zip(after.split_inclusive('\n'))
        .enumerate()
        .filter(|(_, (a, b))| a != b)
        .map(|(i, (a, b))| (i + 1, a.to_string(), b.to_string()))
        .collect()
}

#[test]
fn review_moves_the_two_dates_and_leaves_every_other_byte() {
    let (_dir, content) = real_content();
    // The legacy spellings: `Review:` for review_by, `Owner:`, `Target audience:`.
    let page = content.join("devices/mobile-devices-and-remote-working-policy.md");
    let before = std::fs::read_to_string(&page).unwrap();
    let run = run(
        &[
            "review",
            "devices/mobile-devices-and-remote-working-policy.md",
            "--date",
            "2026-11-22",
        ],
        &content,
    );
    run.assert_ok();
    assert!(
        run.stdout()
            .contains("review by 22 May 2027 (was 2021-12-31)"),
        "{}",
        run.stdout()
    );
    let after = std::fs::read_to_string(&page).unwrap();
    assert_eq!(
        changed_lines(&before, &after),
        [
            (
                3,
                "Review: 2021-12-31\n".to_string(),
                "Review: 2027-05-22\n".to_string()
            ),
            (
                6,
                "last_reviewed: 2021-06\n".to_string(),
                "last_reviewed: 2026-11-22\n".to_string()
            ),
        ]
    );
    // Byte for byte: the rest of the file is what it was.
    let strip = |text: &str| {
        text.split_inclusive('\n')
            .filter(|l| !l.starts_with("Review:") && !l.starts_with("last_reviewed:"))
            .collect::<String>()
    };
    assert_eq!(strip(&before).as_bytes(), strip(&after).as_bytes());

    // The site still builds, and the page is no longer overdue.
    let out = content.parent().unwrap().join("public");
    build(&content, &out, "2026-11-23").assert_ok();
    let html = read(
        &out,
        "devices/mobile-devices-and-remote-working-policy.html",
    );
    assert!(html.contains("datetime=\"2027-05-22\""), "{html}");
}

#[test]
fn review_adds_missing_keys_records_the_reviewer_and_keeps_crlf() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    write_site(
        &content,
        &[
            ("site.yaml", "name: Small\nreview_interval: 1 year\n"),
            (
                "index.md",
                "---\r\ntitle: Home\r\nowner: Editors # the web team\r\nreview_by: 2026-01-01\r\n---\r\n\r\nHello.\r\n",
            ),
            (
                "tech-docs.md",
                "---\ntitle: From tech docs\nlast_reviewed_on: 2025-01-10\nreview_in: 3 months\n---\nText\n",
            ),
        ],
    );
    let run = run(
        &[
            "review",
            "index.md",
            "tech-docs.md",
            "--date",
            "2026-11-22",
            "--reviewer",
            "Jane Smith",
        ],
        &content,
    );
    run.assert_ok();
    assert_eq!(
        std::fs::read_to_string(content.join("index.md")).unwrap(),
        "---\r\ntitle: Home\r\nowner: Editors # the web team\r\nlast_reviewed: 2026-11-22\r\nreviewed_by: Jane Smith\r\nreview_by: 2027-11-22\r\n---\r\n\r\nHello.\r\n"
    );
    // A page that works its review-by date out from review_in keeps doing so.
    assert_eq!(
        std::fs::read_to_string(content.join("tech-docs.md")).unwrap(),
        "---\ntitle: From tech docs\nlast_reviewed_on: 2026-11-22\nreviewed_by: Jane Smith\nreview_in: 3 months\n---\nText\n"
    );
    assert!(
        run.stdout()
            .contains("review by 22 February 2027 (from its review_in)"),
        "{}",
        run.stdout()
    );

    // The reviewer shows in the page's "About this page" block.
    let out = dir.path().join("public");
    build(&content, &out, "2026-11-22").assert_ok();
    assert!(read(&out, "tech-docs.html").contains("</time> by Jane Smith</dd>"));
}

#[test]
fn review_refuses_what_it_cannot_do_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    let broken = "---\ntitle: Broken\nreview_by: 2022-21-09\n---\nText\n";
    write_site(
        &content,
        &[
            ("site.yaml", "name: Small\n"),
            ("broken.md", broken),
            ("no-interval.md", "---\ntitle: T\n---\n"),
        ],
    );
    let run1 = run(&["review", "broken.md", "--date", "2026-11-22"], &content);
    run1.assert_failed();
    assert!(run1.stderr().contains("broken.md:3"), "{}", run1.stderr());
    assert!(run1.stderr().contains("no month 21"), "{}", run1.stderr());
    assert_eq!(
        std::fs::read_to_string(content.join("broken.md")).unwrap(),
        broken
    );

    let run2 = run(&["review", "no-interval.md"], &content);
    run2.assert_failed();
    assert!(
        run2.stderr().contains("review_interval"),
        "{}",
        run2.stderr()
    );

    let run3 = run(&["review", "missing.md"], &content);
    run3.assert_failed();
    assert!(
        run3.stderr().contains("cannot read this page"),
        "{}",
        run3.stderr()
    );
}

#[test]
fn review_changes_every_page_or_none_and_only_on_a_day_that_has_come() {
    let (_dir, content) = real_content();
    let before = std::fs::read_to_string(content.join("travel/index.md")).unwrap();
    // Before, the first page was reviewed and the command then failed on the second.
    let partly = run(
        &[
            "review",
            "travel/index.md",
            "travel/nope.md",
            "--date",
            "2026-11-22",
        ],
        &content,
    );
    partly.assert_failed();
    assert!(
        partly.stderr().contains("travel/nope.md"),
        "{}",
        partly.stderr()
    );
    assert!(
        partly.stderr().contains("No page was changed."),
        "{}",
        partly.stderr()
    );
    assert_eq!(
        std::fs::read_to_string(content.join("travel/index.md")).unwrap(),
        before
    );

    let ahead = signpost()
        .args([
            "review",
            "travel/index.md",
            "--date",
            "2030-01-01",
            "--content",
        ])
        .arg(&content)
        .env("SIGNPOST_TODAY", "2026-11-22")
        .output()
        .unwrap();
    let ahead = Run { output: ahead };
    ahead.assert_failed();
    assert!(
        ahead
            .stderr()
            .contains("--date 2030-01-01 is after today (2026-11-22)"),
        "{}",
        ahead.stderr()
    );
    let impossible = run(
        &["review", "travel/index.md", "--date", "2027-02-30"],
        &content,
    );
    impossible.assert_failed();
    assert!(
        impossible
            .stderr()
            .contains("\"2027-02-30\" is not a real date: that month has 28 days"),
        "{}",
        impossible.stderr()
    );
    assert_eq!(
        std::fs::read_to_string(content.join("travel/index.md")).unwrap(),
        before
    );
}

#[test]
fn new_writes_a_complete_page_that_builds() {
    let (dir, content) = real_content();
    let run1 = run(
        &[
            "new",
            "travel/working-abroad.md",
            "--title",
            "Working abroad: the rules",
            "--today",
            "2026-11-22",
        ],
        &content,
    );
    run1.assert_ok();
    let text = std::fs::read_to_string(content.join("travel/working-abroad.md")).unwrap();
    assert!(
        text.starts_with("---\ntitle: 'Working abroad: the rules'\n"),
        "{text}"
    );
    // The owner comes from the section, the review-by date from the site's interval.
    assert!(text.contains("\nowner: CISO\n"), "{text}");
    assert!(text.contains("\nlast_reviewed: 2026-11-22\n"), "{text}");
    assert!(text.contains("\nreview_by: 2027-05-22\n"), "{text}");
    assert!(
        run1.stdout().contains("owner CISO; review by 22 May 2027"),
        "{}",
        run1.stdout()
    );

    // Never over an existing page.
    let existing = content.join("travel/accessing-it-systems-from-overseas.md");
    let before = std::fs::read(&existing).unwrap();
    let run2 = run(
        &["new", "travel/accessing-it-systems-from-overseas.md"],
        &content,
    );
    run2.assert_failed();
    assert!(
        run2.stderr().contains("already exists"),
        "{}",
        run2.stderr()
    );
    assert_eq!(std::fs::read(&existing).unwrap(), before);

    // Names are web addresses: no spaces or capitals (which, on Windows and macOS, would
    // also be the existing page).
    let run3 = run(
        &["new", "travel/Accessing-IT-Systems-From-Overseas.md"],
        &content,
    );
    run3.assert_failed();
    assert!(
        run3.stderr().contains("for example `signpost new travel/accessing-it-systems-from-overseas.md --title \"Accessing IT Systems From Overseas\"`"),
        "{}",
        run3.stderr()
    );
    assert!(
        !content
            .join("travel/Accessing-IT-Systems-From-Overseas.md")
            .exists()
    );

    // A new folder, a title from the file name, an owner given.
    run(
        &[
            "new",
            "security/incident-reporting",
            "--owner",
            "Security team",
        ],
        &content,
    )
    .assert_ok();
    let text = std::fs::read_to_string(content.join("security/incident-reporting.md")).unwrap();
    assert!(text.contains("title: Incident reporting\n"), "{text}");
    assert!(text.contains("owner: Security team\n"), "{text}");

    // Outside the content folder: refused.
    run(&["new", "../escape.md"], &content).assert_failed();
    assert!(!dir.path().join("escape.md").exists());

    // The new pages build, and pass `check` without errors.
    let out = dir.path().join("public");
    build(&content, &out, "2026-11-22").assert_ok();
    let html = read(&out, "travel/working-abroad.html");
    assert!(
        html.contains("<h1>Working abroad: the rules</h1>"),
        "{html}"
    );
    let check = signpost()
        .args(["check", "--today", "2026-11-22", "--content"])
        .arg(&content)
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
}
