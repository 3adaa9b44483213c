//! Hostile input and faults (issue 14): what an attacker or an unlucky editor could feed
//! Signpost gets an error naming the file (and line), never a panic, a hang or a leak.

use crate::support;
use std::path::Path;
use std::time::{Duration, Instant};
use support::*;

mod faults;

const HOME: (&str, &str) = ("index.md", "---\ntitle: Home\n---\nWelcome.\n");

/// Builds `files` as a site; returns the run (with paths made relative) and how long it took.
fn build_site(files: &[(&str, &str)]) -> (tempfile::TempDir, Run, Duration) {
    let dir = tempfile::tempdir().expect("temp dir");
    let content = dir.path().join("content");
    write_site(&content, files);
    let started = Instant::now();
    let run = build(&content, &dir.path().join("public"), "2026-11-22");
    (dir, run, started.elapsed())
}

/// The build fails, says each of `expected` on stderr, panics nowhere, and writes nothing.
fn fails_with(files: &[(&str, &str)], expected: &[&str]) -> String {
    let (dir, run, took) = build_site(files);
    let stderr = run
        .stderr()
        .replace(&format!("{}/", dir.path().display()), "");
    assert!(!stderr.contains("panicked"), "{stderr}");
    run.assert_failed();
    for text in expected {
        assert!(stderr.contains(text), "expected `{text}` in:\n{stderr}");
    }
    assert!(
        !dir.path().join("public").exists(),
        "a failed build wrote output"
    );
    // Within a second, on a busy machine: a generous bound on a 10 ms job, not a benchmark.
    assert!(took < Duration::from_secs(5), "took {took:?}");
    stderr
}

fn run_in(dir: &Path, args: &[&str]) -> Run {
    Run {
        output: signpost()
            .current_dir(dir)
            .args(args)
            .output()
            .expect("runs"),
    }
}

#[test]
fn review_intervals_past_ten_years_are_errors_at_their_line_in_every_command() {
    for interval in ["300000 years", "999999999 days", "11 years"] {
        fails_with(
            &[
                HOME,
                (
                    "page.md",
                    &format!(
                        "---\ntitle: P\nlast_reviewed_on: 2025-01-01\nreview_in: {interval}\n---\nText\n"
                    ),
                ),
            ],
            &[&format!(
                "content/page.md:4:12: `review_in`: \"{interval}\" is longer than 10 years"
            )],
        );
    }
    fails_with(
        &[
            HOME,
            ("site.yaml", "name: S\nreview_interval: 300000 years\n"),
        ],
        &["content/site.yaml:2:18: `review_interval`: \"300000 years\" is longer than 10 years"],
    );
    // check, review and new read the same settings: an error, not a panic.
    let dir = tempfile::tempdir().unwrap();
    write_site(
        &dir.path().join("content"),
        &[
            HOME,
            ("site.yaml", "name: S\nreview_interval: 300000 years\n"),
            (
                "page.md",
                "---\ntitle: P\nlast_reviewed_on: 2025-01-01\n---\nText\n",
            ),
        ],
    );
    for args in [
        &["check"][..],
        &["review", "content/page.md", "--reviewer", "Me"][..],
        &["new", "content/other.md", "--title", "O"][..],
    ] {
        let run = run_in(dir.path(), args);
        run.assert_failed();
        let said = run.stdout() + &run.stderr();
        assert!(said.contains("site.yaml:2:18"), "{args:?}: {said}");
    }
}

#[test]
fn links_out_of_the_content_folder_are_errors_never_followed() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    let secrets = dir.path().join("secrets");
    write_site(
        &secrets,
        &[("key.md", "---\ntitle: Secret\n---\nSECRET-KEY\n")],
    );
    std::fs::write(secrets.join("id_rsa"), "SECRET-KEY").unwrap();
    write_site(
        &content,
        &[HOME, ("guide/own.md", "---\ntitle: Own\n---\nText\n")],
    );
    let link = |from: &Path, to: &Path| std::os::unix::fs::symlink(from, to).unwrap();
    link(Path::new("/etc/passwd"), &content.join("passwd.txt"));
    link(&secrets, &content.join("guide/shared"));
    link(&secrets.join("id_rsa"), &content.join("site.yaml"));
    // A link that stays inside is content like any other.
    link(&content.join("guide/own.md"), &content.join("alias.md"));
    let output = dir.path().join("public");
    for run in [
        build(&content, &output, "2026-11-22"),
        run_in(dir.path(), &["check"]),
    ] {
        run.assert_failed();
        let said =
            (run.stdout() + &run.stderr()).replace(&format!("{}/", dir.path().display()), "");
        for file in [
            "content/passwd.txt",
            "content/guide/shared",
            "content/site.yaml",
        ] {
            assert!(
                said.contains(&format!(" {file}: this is a link to `")),
                "{file}: {said}"
            );
        }
        assert!(said.contains("outside the content folder"), "{said}");
        assert!(!said.contains("alias.md"), "{said}");
        assert!(
            !said.contains("SECRET-KEY") && !said.contains("root:"),
            "{said}"
        );
    }
    assert!(!output.exists());
    std::fs::remove_file(content.join("passwd.txt")).unwrap();
    std::fs::remove_file(content.join("guide/shared")).unwrap();
    std::fs::remove_file(content.join("site.yaml")).unwrap();
    build(&content, &output, "2026-11-22").assert_ok();
    assert!(output.join("alias.html").is_file());
}

#[test]
fn javascript_in_raw_html_is_refused_in_every_form_by_check_and_build_at_its_line() {
    let body = [
        "<A HREF=javascript:alert(1)>unquoted</A>",
        "<a href='javascript&colon;alert(2)'>entity</a>",
        "<a href = \"java&#x09;script:alert(3)\">spaced</a>",
        "<form action=javascript:alert(4)><button formaction=JavaScript:alert(5)>Go</button></form>",
        "<object data=javascript:alert(6)></object>",
        "<svg><a xlink:href=javascript:alert(7)><text>x</text></a></svg>",
        "<meta http-equiv=refresh content=\"0;url=javascript:alert(8)\">",
        "<img alt=\"x\" srcset=\"javascript:alert(9) 2x\">",
        "<a\nhref=javascript:alert(10)>over two lines</a>",
        "<a href=nowhere.md>unquoted, missing</a>",
        "<img src=missing.png alt=\"missing\">",
    ];
    let page = format!("---\ntitle: P\n---\n{}\n", body.join("\n\n"));
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    write_site(&content, &[HOME, ("page.md", &page)]);
    let file_line = |text: &str| {
        let at = page.find(text).unwrap();
        page[..at].matches('\n').count() + 1
    };
    for run in [
        build(&content, &dir.path().join("public"), "2026-11-22"),
        run_in(dir.path(), &["check"]),
    ] {
        run.assert_failed();
        let said = run.stdout() + &run.stderr();
        for n in 1..=10 {
            // The line the tag starts on.
            let html = body
                .iter()
                .find(|h| h.contains(&format!("alert({n})")))
                .unwrap();
            let line = file_line(html);
            assert!(
                said.contains(&format!(
                    "page.md:{line}: `javascript:alert({n})` is not allowed as a link"
                )) || said.contains(&format!(
                    "page.md:{line}: `JavaScript:alert({n})` is not allowed as a link"
                )),
                "alert({n}) at line {line}:\n{said}"
            );
        }
        for missing in ["nowhere.md", "missing.png"] {
            let line = file_line(missing);
            assert!(
                said.contains(&format!("page.md:{line}: `{missing}`")),
                "{missing} at line {line}:\n{said}"
            );
        }
    }
    assert!(!dir.path().join("public").exists());
}

#[test]
fn review_edits_the_page_in_place_and_refuses_a_read_only_one() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    let page = "---\ntitle: P\nlast_reviewed_on: 2025-01-01\nreview_in: 1 year\n---\nText\n";
    write_site(&content, &[HOME, ("page.md", page), ("locked.md", page)]);
    let shared = dir.path().join("shared.md");
    std::fs::write(&shared, page).unwrap();
    std::os::unix::fs::symlink(&shared, content.join("linked.md")).unwrap();
    std::fs::hard_link(
        content.join("page.md"),
        dir.path().join("page-hard-link.md"),
    )
    .unwrap();
    std::fs::set_permissions(
        content.join("page.md"),
        std::fs::Permissions::from_mode(0o640),
    )
    .unwrap();
    let before = std::fs::metadata(content.join("page.md")).unwrap();
    let review = |page: &str| {
        run_in(
            dir.path(),
            &["review", page, "--date", "2026-11-22", "--reviewer", "Me"],
        )
    };
    review("page.md").assert_ok();
    review("linked.md").assert_ok();
    let after = std::fs::metadata(content.join("page.md")).unwrap();
    assert_eq!(
        (
            after.ino(),
            after.mode(),
            after.uid(),
            after.gid(),
            after.nlink()
        ),
        (before.ino(), before.mode(), before.uid(), before.gid(), 2)
    );
    for reviewed in [
        content.join("page.md"),
        dir.path().join("page-hard-link.md"),
        shared,
    ] {
        let text = std::fs::read_to_string(&reviewed).unwrap();
        assert!(
            text.contains("last_reviewed_on: 2026-11-22"),
            "{reviewed:?}: {text}"
        );
    }
    assert!(
        std::fs::symlink_metadata(content.join("linked.md"))
            .unwrap()
            .is_symlink()
    );

    let locked = content.join("locked.md");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o444)).unwrap();
    let run = review("locked.md");
    run.assert_failed();
    assert!(
        run.stderr().contains("locked.md: this page is read-only"),
        "{}",
        run.stderr()
    );
    assert_eq!(std::fs::read_to_string(&locked).unwrap(), page);
    assert_eq!(std::fs::metadata(&locked).unwrap().mode() & 0o777, 0o444);
}

#[test]
fn a_feedback_address_carries_no_extra_recipients() {
    fails_with(
        &fixture_files("hostile-input/a-feedback-address-carries-no-extra-recipients"),
        &[
            "content/site.yaml:2:11: `feedback` must be one email address",
            "content/page.md:3:11: `feedback` must be one email address",
        ],
    );
}

#[test]
fn a_nul_in_a_page_becomes_the_replacement_character() {
    let (dir, run, _) = build_site(&[HOME, ("page.md", "---\ntitle: P\n---\nA\u{0}B\n")]);
    run.assert_ok();
    let html = read(&dir.path().join("public"), "page.html");
    assert!(html.contains("A\u{FFFD}B"), "{html}");
    assert!(!html.contains('\u{0}'));
}

#[test]
fn a_file_name_that_is_not_utf8_is_an_error_naming_it() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    write_site(&content, &[HOME]);
    let name = std::ffi::OsStr::from_bytes(b"caf\xe9.md");
    std::fs::write(content.join(name), "---\ntitle: Cafe\n---\nText\n").unwrap();
    let run = build(&content, &dir.path().join("public"), "2026-11-22");
    run.assert_failed();
    assert!(
        run.stderr()
            .contains("caf\u{FFFD}.md: this file's name is not UTF-8 text"),
        "{}",
        run.stderr()
    );
}

/// A flow of `n` yes/no questions in a line (each answer goes on to the next question);
/// with `used`, the outcome shows a step for each answer, so every path is its own row.
fn line_flow(n: usize, used: bool) -> String {
    let mut yaml = String::from("id: line\ntitle: Line\nquestions:\n");
    for i in 0..n {
        let next = if i + 1 < n {
            format!("q{}", i + 1)
        } else {
            "done".into()
        };
        yaml += &format!(
            "  - id: q{i}\n    type: yes-no\n    text: Question {i}?\n    next:\n      - when: {{ answer: q{i}, is: yes }}\n        goto: {next}\n      - goto: {next}\n"
        );
    }
    yaml += "outcomes:\n  - id: done\n    title: Done\n    steps:\n      - text: Finished.\n";
    if used {
        for i in 0..n {
            yaml +=
                &format!("      - text: Step {i}.\n        when: {{ answer: q{i}, is: yes }}\n");
        }
    }
    yaml
}

fn flow_command(content: &Path, args: &[&str]) -> (Run, Duration) {
    let started = Instant::now();
    let output = signpost()
        .args(["flow"])
        .args(args)
        .arg("--content")
        .arg(content)
        .output()
        .unwrap();
    (Run { output }, started.elapsed())
}

#[test]
fn long_flows_are_checked_and_tabled_without_enumerating_paths() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    // 2^40 paths if enumerated; one row once answers nothing reads are grouped.
    write_site(
        &content,
        &[
            (
                "index.md",
                "---\ntitle: Home\n---\n{{ wizard(flow=\"line\") }}\n",
            ),
            ("flows/line.yaml", &line_flow(40, false)),
        ],
    );
    let (run, took) = flow_command(&content, &["check"]);
    run.assert_ok();
    assert!(
        run.stdout().contains("40 questions, 1 outcomes"),
        "{}",
        run.stdout()
    );
    assert!(took < Duration::from_secs(5), "flow check took {took:?}");
    let (run, took) = flow_command(&content, &["table", "line"]);
    run.assert_ok();
    let table = run.stdout();
    let rows: Vec<&str> = table.lines().filter(|l| l.starts_with("| 1 |")).collect();
    assert_eq!(rows.len(), 1, "{table}");
    assert!(
        rows[0].contains("| any | any |") && rows[0].contains("**done**"),
        "{}",
        rows[0]
    );
    assert!(!table.contains("| 2 |"), "{table}");
    assert!(took < Duration::from_secs(5), "flow table took {took:?}");
    build(&content, &dir.path().join("public"), "2026-11-22").assert_ok();

    // Every answer shows: 2^20 distinct rows, more than anyone could review.
    std::fs::write(content.join("flows/line.yaml"), line_flow(20, true)).unwrap();
    flow_command(&content, &["check"]).0.assert_ok();
    let (run, took) = flow_command(&content, &["table", "line"]);
    run.assert_failed();
    assert!(
        run.stderr()
            .contains("flows/line.yaml: this flow has more than 10000 distinct paths"),
        "{}",
        run.stderr()
    );
    assert!(took < Duration::from_secs(10), "flow table took {took:?}");
}

#[test]
fn deeply_nested_yaml_is_refused_at_once_at_its_line_everywhere() {
    let deep = |prefix: &str| format!("{prefix}{}1{}\n", "[".repeat(100_000), "]".repeat(100_000));
    let started = Instant::now();
    fails_with(
        &[
            HOME,
            (
                "page.md",
                &format!("---\ntitle: P\naudience: {}---\nText\n", deep("")),
            ),
            ("site.yaml", &format!("name: S\nextra: {}", deep(""))),
            ("data/contacts-list.yaml", &format!("a: 1\nb: {}", deep(""))),
            (
                "flows/deep.yaml",
                &format!("id: deep\ntitle: D\nquestions: {}", deep("")),
            ),
        ],
        &[
            "content/page.md:3:75: this nests more than 64 levels deep",
            "content/site.yaml:2:72: this nests more than 64 levels deep",
            "content/data/contacts-list.yaml:2:68: this nests more than 64 levels deep",
            "content/flows/deep.yaml:3:76: this nests more than 64 levels deep",
        ],
    );
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    // A flow's conditions nested deep, over many lines.
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    let mut condition = String::from("{ answer: a, is: yes }");
    for _ in 0..70 {
        condition = format!("{{ not: {condition} }}");
    }
    write_site(
        &content,
        &[(
            "flows/f.yaml",
            &format!(
                "id: f\ntitle: F\nquestions:\n  - id: a\n    type: yes-no\n    text: A?\n    next:\n      - when: {condition}\n        goto: done\n      - goto: done\noutcomes:\n  - id: done\n    title: Done\n    steps: []\n"
            ),
        )],
    );
    let (run, took) = flow_command(&content, &["check"]);
    run.assert_failed();
    assert!(run.stderr().contains("f.yaml:8:"), "{}", run.stderr());
    assert!(
        run.stderr().contains("more than 64 levels deep"),
        "{}",
        run.stderr()
    );
    assert!(took < Duration::from_secs(5));
}
