//! Shared helpers for the end-to-end tests: run the real `signpost` binary on real and
//! fixture sites, and read what it wrote.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The workspace root.
pub fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("generator/ is in the workspace")
        .to_path_buf()
}

/// A fixture site under `tests/fixtures/`.
pub fn fixture(name: &str) -> PathBuf {
    workspace().join("tests/fixtures").join(name)
}

/// The `signpost` binary, built by cargo for these tests.
pub fn signpost() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_signpost"));
    command.env_remove("SIGNPOST_TODAY");
    command
}

/// The result of running `signpost build`.
pub struct Run {
    pub output: Output,
}

impl Run {
    pub fn ok(&self) -> bool {
        self.output.status.success()
    }

    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.output.stderr).into_owned()
    }

    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.output.stdout).into_owned()
    }

    /// Fails the test with everything signpost said.
    pub fn assert_ok(&self) -> &Self {
        assert!(
            self.ok(),
            "signpost failed:\n{}{}",
            self.stdout(),
            self.stderr()
        );
        self
    }

    pub fn assert_failed(&self) -> &Self {
        assert!(
            !self.ok(),
            "signpost should have failed:\n{}",
            self.stderr()
        );
        assert!(
            !self.stderr().contains("panicked"),
            "signpost panicked:\n{}",
            self.stderr()
        );
        self
    }
}

/// Runs `signpost build --content <content> --output <output> --today <today>`.
pub fn build(content: &Path, output: &Path, today: &str) -> Run {
    let output = signpost()
        .args(["build", "--today", today, "--content"])
        .arg(content)
        .arg("--output")
        .arg(output)
        .output()
        .expect("signpost runs");
    Run { output }
}

/// Copies a folder tree (for tests that edit a site).
pub fn copy_tree(from: &Path, to: &Path) {
    for entry in walk(from) {
        let relative = entry.strip_prefix(from).expect("inside");
        let target = to.join(relative);
        if entry.is_dir() {
            std::fs::create_dir_all(&target).expect("create folder");
        } else {
            std::fs::create_dir_all(target.parent().expect("has a parent")).expect("create folder");
            std::fs::copy(&entry, &target).expect("copy file");
        }
    }
}

/// Every path under `dir`, folders before their contents.
pub fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut found = vec![dir.to_path_buf()];
    let mut index = 0;
    while index < found.len() {
        let path = found[index].clone();
        if path.is_dir() {
            let mut children: Vec<PathBuf> = std::fs::read_dir(&path)
                .expect("read folder")
                .map(|e| e.expect("entry").path())
                .collect();
            children.sort();
            found.extend(children);
        }
        index += 1;
    }
    found
}

/// Writes a small site from `(path, text)` pairs into `dir`.
pub fn write_site(dir: &Path, files: &[(&str, &str)]) {
    for (path, text) in files {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().expect("has a parent")).expect("create folder");
        std::fs::write(path, text).expect("write file");
    }
}

/// The files of a fixture site under `tests/fixtures/` as (path, text) pairs, for the
/// helpers that write a site where a test builds it (a build writes beside its content).
pub fn fixture_files(name: &str) -> Vec<(&'static str, &'static str)> {
    let root = fixture(name);
    let mut files = Vec::new();
    let mut folders = vec![root.clone()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).expect("a fixture folder") {
            let path = entry.expect("a fixture entry").path();
            if path.is_dir() {
                folders.push(path);
                continue;
            }
            let relative = path
                .strip_prefix(&root)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            let text = std::fs::read_to_string(&path).expect("a fixture file is text");
            // Leaked: a test's sites live as long as the test binary.
            files.push((&*relative.leak(), &*text.leak()));
        }
    }
    files.sort();
    files
}

/// Reads a built page.
pub fn read(dir: &Path, path: &str) -> String {
    std::fs::read_to_string(dir.join(path)).unwrap_or_else(|e| panic!("cannot read {path}: {e}"))
}

/// Values of an attribute (`href`, `src`, `id`) everywhere in an HTML page, entities decoded.
pub fn attribute_values(html: &str, attribute: &str) -> Vec<String> {
    let needle = format!(" {attribute}=\"");
    let mut values = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find(&needle) {
        rest = &rest[at + needle.len()..];
        if let Some(end) = rest.find('"') {
            values.push(
                rest[..end]
                    .replace("&amp;", "&")
                    .replace("&quot;", "\"")
                    .replace("&#x27;", "'"),
            );
            rest = &rest[end..];
        }
    }
    values
}

/// Every `.html` file under a built site, as paths relative to it.
pub fn html_files(site: &Path) -> Vec<PathBuf> {
    walk(site)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .map(|p| p.strip_prefix(site).expect("inside").to_path_buf())
        .collect()
}

/// Checks that every relative link and asset in every page of a built site exists, and that
/// every `#anchor` is an id on its target page. Returns the problems found.
pub fn broken_links(site: &Path) -> Vec<String> {
    let mut problems = Vec::new();
    for page in html_files(site) {
        let html = read(site, page.to_str().expect("UTF-8 path"));
        let urls = attribute_values(&html, "href")
            .into_iter()
            .chain(attribute_values(&html, "src"));
        for url in urls {
            if url.contains(':') {
                continue; // other sites, mail, phone
            }
            let (path, fragment) = url
                .split_once('#')
                .map_or((url.as_str(), None), |(p, f)| (p, Some(f)));
            let target = if path.is_empty() {
                page.clone()
            } else {
                let joined = page
                    .parent()
                    .unwrap_or(Path::new(""))
                    .join(path.replace("%20", " "));
                normalise(&joined)
            };
            let file = site.join(&target);
            if !file.is_file() {
                problems.push(format!(
                    "{}: `{url}` -> {} does not exist",
                    page.display(),
                    target.display()
                ));
                continue;
            }
            if let Some(fragment) = fragment.filter(|f| !f.is_empty()) {
                let target_html = read(site, target.to_str().expect("UTF-8 path"));
                if !attribute_values(&target_html, "id")
                    .iter()
                    .any(|id| id == fragment)
                {
                    problems.push(format!(
                        "{}: `{url}`: no id `{fragment}` in {}",
                        page.display(),
                        target.display()
                    ));
                }
            }
        }
    }
    problems
}

fn normalise(path: &Path) -> PathBuf {
    let mut parts: Vec<std::ffi::OsString> = Vec::new();
    for component in path.components() {
        match component {
            std::path::Component::ParentDir => {
                parts.pop();
            }
            std::path::Component::Normal(part) => parts.push(part.to_os_string()),
            _ => {}
        }
    }
    parts.iter().collect()
}
