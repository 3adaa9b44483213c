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
    let text = std::fs::read_to_string(file).ok()?;
    let yaml = front_matter::split(&text).yaml?;
    if !yaml.contains("permalink") {
        return None;
    }
    let value: serde_yaml::Value = serde_yaml::from_str(yaml).ok()?;
    let address = value.get("permalink")?.as_str()?.trim().to_string();
    let (line, _) = crate::yaml::key_position(yaml, "permalink", 2);
    address.starts_with('/').then_some((address, line))
}

fn shown(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}
