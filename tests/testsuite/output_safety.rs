//! The output folder is replaced atomically, only when the build succeeded, and a folder that
//! is not a previous Signpost output is never deleted.

use crate::support;
use support::*;

const HOME: (&str, &str) = ("index.md", "---\ntitle: Home\n---\nWelcome.\n");

/// Every file under `dir` with its bytes.
fn snapshot(dir: &std::path::Path) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    walk(dir)
        .into_iter()
        .filter(|p| p.is_file())
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            (p, bytes)
        })
        .collect()
}

#[test]
fn a_failed_build_leaves_the_previous_output_exactly_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    let out = dir.path().join("public");
    write_site(
        &content,
        &[HOME, ("page.md", "---\ntitle: First version\n---\nText\n")],
    );
    build(&content, &out, "2026-11-22").assert_ok();
    let before = snapshot(&out);

    write_site(
        &content,
        &[(
            "page.md",
            "---\ntitle: Second version\nreview_by: 2021-02-30\n---\nText\n",
        )],
    );
    build(&content, &out, "2026-11-22").assert_failed();

    let after = snapshot(&out);
    assert_eq!(before, after, "the previous site changed");
    assert!(read(&out, "page.html").contains("First version"));
    let leftovers: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    let mut leftovers = leftovers;
    leftovers.sort();
    assert_eq!(
        leftovers,
        ["content", "public"],
        "staging folders were left behind"
    );
}

#[test]
fn a_successful_build_replaces_the_previous_output_whole() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    let out = dir.path().join("public");
    write_site(
        &content,
        &[HOME, ("old-page.md", "---\ntitle: Old\n---\nText\n")],
    );
    build(&content, &out, "2026-11-22").assert_ok();
    std::fs::remove_file(content.join("old-page.md")).unwrap();
    write_site(&content, &[("new-page.md", "---\ntitle: New\n---\nText\n")]);
    build(&content, &out, "2026-11-22").assert_ok();
    assert!(
        !out.join("old-page.html").exists(),
        "a removed page is still published"
    );
    assert!(out.join("new-page.html").exists());
}

#[test]
fn an_output_folder_inside_the_content_folder_is_not_read_as_content() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    let out = content.join("public");
    write_site(&content, &[HOME]);
    build(&content, &out, "2026-11-22").assert_ok();
    let first = snapshot(&out).len();
    // Before, each build copied the last one into itself: public/public/public/…
    build(&content, &out, "2026-11-22").assert_ok();
    assert!(!out.join("public").exists(), "the last build was copied in");
    assert_eq!(snapshot(&out).len(), first);
}

#[test]
fn a_folder_that_is_not_signpost_output_is_never_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    let out = dir.path().join("Documents");
    write_site(&content, &[HOME]);
    write_site(
        &out,
        &[
            ("thesis.docx", "years of work"),
            ("notes/todo.txt", "buy milk"),
        ],
    );
    let run = build(&content, &out, "2026-11-22");
    run.assert_failed();
    assert!(
        run.stderr()
            .contains("was not made by Signpost and is not empty"),
        "{}",
        run.stderr()
    );
    assert_eq!(read(&out, "thesis.docx"), "years of work");
    assert_eq!(read(&out, "notes/todo.txt"), "buy milk");
    assert!(!out.join("index.html").exists());
}

#[test]
fn an_empty_folder_may_be_used() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    let out = dir.path().join("site");
    write_site(&content, &[HOME]);
    std::fs::create_dir(&out).unwrap();
    build(&content, &out, "2026-11-22").assert_ok();
    assert!(out.join("index.html").is_file());
}

#[test]
fn the_content_folder_itself_is_never_the_output() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    write_site(&content, &[HOME]);
    let run = build(&content, dir.path(), "2026-11-22");
    run.assert_failed();
    assert!(content.join("index.md").is_file());
}

#[test]
fn sources_are_never_changed_by_a_build() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    write_site(
        &content,
        &[
            HOME,
            (
                "page.md",
                "#Legacy heading\n\nMojibake stays as written: â€™\n",
            ),
        ],
    );
    let before = std::fs::read(content.join("page.md")).unwrap();
    build(&content, &dir.path().join("public"), "2026-11-22").assert_ok();
    assert_eq!(std::fs::read(content.join("page.md")).unwrap(), before);
}
