//! Faults while writing: a build stopped by a signal, an output path that is a link, a full
//! disk. The previous site stays, and nothing is left behind.

use super::*;

/// A site big enough that its build takes a while: `pages` pages of a few kilobytes.
fn write_big_site(content: &Path, pages: usize) {
    let body = "Some guidance text, with [a link](#purpose) and *emphasis*.\n\n".repeat(60);
    std::fs::create_dir_all(content).unwrap();
    std::fs::write(content.join(HOME.0), HOME.1).unwrap();
    for n in 0..pages {
        let path = format!("area-{}/page-{n}.md", n % 10);
        let text = format!("---\ntitle: Page {n}\n---\n## Purpose\n\n{body}");
        std::fs::create_dir_all(content.join(&path).parent().unwrap()).unwrap();
        std::fs::write(content.join(&path), text).unwrap();
    }
}

/// Every file of a folder with its bytes, to compare two states of a site.
fn snapshot(dir: &Path) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    walk(dir)
        .into_iter()
        .map(|path| {
            let bytes = std::fs::read(&path).unwrap_or_default(); // empty for a folder
            (path, bytes)
        })
        .collect()
}

/// Staging folders and moved-aside sites beside the output.
fn leftovers(parent: &Path) -> Vec<String> {
    std::fs::read_dir(parent)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains(".signpost-"))
        .collect()
}

/// Starts a build, waits until its staging folder exists, and sends it `signal`.
fn build_and_signal(content: &Path, output: &Path, signal: &str) -> std::process::ExitStatus {
    let mut child = signpost()
        .args(["build", "--today", "2026-11-22", "--content"])
        .arg(content)
        .arg("--output")
        .arg(output)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let parent = output.parent().unwrap();
    let started = Instant::now();
    while leftovers(parent).is_empty() && started.elapsed() < Duration::from_secs(60) {
        std::thread::sleep(Duration::from_millis(5));
    }
    assert!(
        !leftovers(parent).is_empty(),
        "the build never started writing"
    );
    std::thread::sleep(Duration::from_millis(50));
    let sent = std::process::Command::new("kill")
        .args([signal, &child.id().to_string()])
        .status()
        .unwrap();
    assert!(sent.success());
    child.wait().unwrap()
}

#[test]
fn a_build_stopped_by_a_signal_leaves_the_previous_site_and_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    let output = dir.path().join("public");
    write_big_site(&content, 600);
    build(&content, &output, "2026-11-22").assert_ok();
    let before = snapshot(&output);
    std::fs::write(content.join("new.md"), "---\ntitle: New\n---\nNew.\n").unwrap();
    for signal in ["-INT", "-TERM"] {
        let status = build_and_signal(&content, &output, signal);
        assert_eq!(status.code(), Some(130), "{signal}: {status:?}");
        assert_eq!(leftovers(dir.path()), Vec::<String>::new(), "{signal}");
        assert!(
            snapshot(&output) == before,
            "{signal}: the previous site changed"
        );
    }
    // SIGKILL cannot be handled: the next build clears what the killed one left.
    build_and_signal(&content, &output, "-KILL");
    assert!(
        snapshot(&output) == before,
        "KILL: the previous site changed"
    );
    build(&content, &output, "2026-11-22").assert_ok();
    assert_eq!(leftovers(dir.path()), Vec::<String>::new());
    assert!(output.join("new.html").is_file());
}

#[test]
fn an_output_path_that_is_a_link_is_refused_for_what_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    write_site(&content, &[HOME]);
    std::fs::create_dir(dir.path().join("elsewhere")).unwrap();
    std::os::unix::fs::symlink(dir.path().join("elsewhere"), dir.path().join("public")).unwrap();
    let run = build(&content, &dir.path().join("public"), "2026-11-22");
    run.assert_failed();
    assert!(
        run.stderr().contains("public: the output path is a link"),
        "{}",
        run.stderr()
    );
}

#[test]
fn a_full_disk_is_one_clear_error_and_the_previous_site_stays() {
    let dir = tempfile::tempdir().unwrap();
    let disk = dir.path().join("disk");
    std::fs::create_dir(&disk).unwrap();
    // A 2 MB disk: needs root (as the project's test machines run); elsewhere, say so.
    let mounted = std::process::Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=2m", "tmpfs"])
        .arg(&disk)
        .status()
        .is_ok_and(|s| s.success());
    if !mounted {
        eprintln!("skipped: mounting a small tmpfs needs root");
        return;
    }
    let content = dir.path().join("content");
    write_site(&content, &[HOME]);
    let output = disk.join("public");
    build(&content, &output, "2026-11-22").assert_ok();
    let before = snapshot(&output);
    // Incompressible: fits once in the staging folder, not again in the site's zip.
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let noise: Vec<u8> = (0..900_000)
        .map(|_| {
            // xorshift64
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 32) as u8
        })
        .collect();
    std::fs::write(content.join("noise.bin"), noise).unwrap();
    let run = build(&content, &output, "2026-11-22");
    let after = (snapshot(&output) == before, leftovers(&disk));
    let _ = std::process::Command::new("umount").arg(&disk).status();
    run.assert_failed();
    let stderr = run.stderr();
    assert!(stderr.contains("No space left on device"), "{stderr}");
    assert!(!stderr.contains("ZipWriter"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(after.0, "the previous site changed");
    assert_eq!(after.1, Vec::<String>::new());
}
