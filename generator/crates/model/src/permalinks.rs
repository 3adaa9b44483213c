//! Jekyll's `permalink`: the page is published at that address instead of beside its file
//! (`permalink: /guides/travel/` -> `guides/travel/index.html`). Every link to a page is
//! written to its address, so the addresses are known before any page is read: each page's
//! front matter is looked at first, for this key alone.

use crate::page::front_matter;
use crate::page_cache::PageCache;
use rayon::prelude::*;
use signpost_base::diagnostic::Diagnostic;
use signpost_base::page_forms;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// Each moved page's output path, by its source path; and what is wrong with any
/// `permalink` (an unsafe address, a folder's index page moved away, or an address that is
/// another page's or file's). `cache` keeps what unchanged files said (`signpost serve`).
pub fn read(
    content_dir: &Path,
    pages: &[PathBuf],
    assets: &[PathBuf],
    cache: Option<&PageCache>,
) -> (HashMap<PathBuf, PathBuf>, Vec<Diagnostic>) {
    let mut wanted: Vec<(PathBuf, String, usize)> = pages
        .par_iter()
        .filter_map(|source| {
            let find = || permalink_in(&content_dir.join(source));
            let (address, line) = match cache {
                Some(cache) => cache.permalink(content_dir, source, find),
                None => find(),
            }?;
            Some((source.clone(), address, line))
        })
        .collect();
    let mut problems = Vec::new();
    let mut moves = Vec::new();
    wanted.sort();
    for (source, address, line) in wanted {
        let problem = |message: String, help: &str| {
            Diagnostic::error(content_dir.join(&source), line, message).with_help(help.to_string())
        };
        match page_forms::permalink_output(&address) {
            Err(why) => problems.push(problem(
                format!("`permalink: {address}` cannot be this page's address: {why}"),
                "give an address on this site from its root, e.g. `permalink: /guides/travel/` or `/guides/travel.html`",
            )),
            // Where the page is anyway.
            Ok(output) if output == page_forms::output_for(&source) => {}
            Ok(_) if page_forms::is_index(&source) => problems.push(problem(
                format!("`permalink: {address}` would move a folder's index page away from its folder"),
                "remove the permalink (the page stays the folder's address), or move the file",
            )),
            Ok(output) => moves.push((source, address, line, output)),
        }
    }
    if moves.is_empty() {
        return (HashMap::new(), problems);
    }

    let moving: HashSet<&PathBuf> = moves.iter().map(|(source, ..)| source).collect();
    // Every other address of the site: the pages that stay beside their files, the folders'
    // index pages Signpost makes where a folder has none, and the files.
    let mut taken: HashMap<PathBuf, String> = HashMap::new();
    for page in pages {
        for folder in page.ancestors().skip(1) {
            let what = match folder.as_os_str().is_empty() {
                true => "the address of the home page".to_string(),
                false => format!(
                    "the address of the index page of the folder {}",
                    shown(folder)
                ),
            };
            taken.entry(folder.join("index.html")).or_insert(what);
        }
    }
    for page in pages.iter().filter(|p| !moving.contains(p)) {
        let what = format!("the address of {}", shown(page));
        taken.insert(page_forms::output_for(page), what);
    }
    for asset in assets {
        taken.insert(asset.clone(), format!("the file {}", shown(asset)));
    }
    let mut moved = HashMap::new();
    for (source, address, line, output) in moves {
        let problem = |message: String, help: &str| {
            Diagnostic::error(content_dir.join(&source), line, message).with_help(help.to_string())
        };
        if let Some(what) = taken.get(&output) {
            problems.push(problem(
                format!("`permalink: {address}` is {what}: one would replace the other"),
                "change the permalink, or remove it to keep the page beside its file",
            ));
            continue;
        }
        taken.insert(
            output.clone(),
            format!("the address {} asks for", shown(&source)),
        );
        moved.insert(source, output);
    }
    (moved, problems)
}

/// The page's `permalink` (if it has one written from the root) and its line. Anything
/// else about the front matter is for the page's own reading to report.
pub fn permalink_in(file: &Path) -> Option<(String, usize)> {
    let mut buffer = [0; HEAD];
    let (head, whole) = read_head(file, &mut buffer)?;
    let rest;
    let text = match front_matter::split(head).yaml {
        // Front matter longer than the head: the file is read whole after all.
        None if !whole && head.trim_start_matches('\u{feff}').starts_with("---") => {
            rest = std::fs::read_to_string(file).ok()?;
            rest.as_str()
        }
        _ => head,
    };
    let yaml = front_matter::split(text).yaml?;
    if !yaml.contains("permalink") {
        return None;
    }
    let value: serde_yaml::Value = serde_yaml::from_str(yaml).ok()?;
    let address = value.get("permalink")?.as_str()?.trim().to_string();
    let (line, _) = crate::yaml::key_position(yaml, "permalink", 2);
    address.starts_with('/').then_some((address, line))
}

/// Front matter is a few lines: the head of the file holds all of it in nearly every page.
const HEAD: usize = 4096;

/// The head of the file, as text, and whether it is the whole file. Only the front matter
/// is wanted here, and every page is read whole once, later: reading each whole twice (a
/// buffer allocated for each) showed in the read stage's profile. `None` where what is read
/// is not UTF-8 text (the page's own reading reports that).
fn read_head<'a>(file: &Path, buffer: &'a mut [u8; HEAD]) -> Option<(&'a str, bool)> {
    use std::io::Read;
    let mut opened = std::fs::File::open(file).ok()?;
    let mut filled = 0;
    while filled < HEAD {
        match opened.read(&mut buffer[filled..]) {
            Ok(0) => break,
            Ok(read) => filled += read,
            Err(err) if err.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => return None,
        }
    }
    let whole = filled < HEAD;
    let head = &buffer[..filled];
    let valid = match std::str::from_utf8(head) {
        Ok(text) => text.len(),
        // A character cut in two where the head stops.
        Err(err) if !whole && err.error_len().is_none() => err.valid_up_to(),
        Err(_) => return None,
    };
    let text = std::str::from_utf8(&head[..valid]).ok()?;
    Some((text, whole))
}

fn shown(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_permalink_is_found_however_long_the_front_matter() {
        let dir = tempfile::tempdir().unwrap();
        let write = |name: &str, text: &str| {
            let file = dir.path().join(name);
            std::fs::write(&file, text).unwrap();
            file
        };
        let short = write("short.md", "---\ntitle: T\npermalink: /a/\n---\nBody\n");
        assert_eq!(permalink_in(&short), Some(("/a/".to_string(), 3)));
        // Past the head, with a character cut in two where it stops.
        let long_value = format!("x{}", "é".repeat(3000));
        let long = write(
            "long.md",
            &format!("---\ntitle: T\nsummary: {long_value}\npermalink: /b/\n---\nBody\n"),
        );
        assert_eq!(permalink_in(&long), Some(("/b/".to_string(), 4)));
        let body_only = write(
            "body.md",
            &format!("Body {}\npermalink: /c/\n", "é".repeat(3000)),
        );
        assert_eq!(permalink_in(&body_only), None);
        let never_ends = write(
            "open.md",
            &format!("---\ntitle: T\n{}", "a: b\n".repeat(3000)),
        );
        assert_eq!(permalink_in(&never_ends), None);
    }
}
