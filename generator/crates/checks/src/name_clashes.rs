//! The files Signpost writes itself (the search page, the review reports, the site copy,
//! the theme's assets), and pages or files of the content that would be written over them
//! or over each other. Checked with the other checks, so `check` agrees with `build`, and
//! nothing is dropped without a word.

use signpost_base::diagnostic::Diagnostic;
use signpost_base::names;
use signpost_model::site::Site;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

pub fn check(site: &Site) -> Vec<Diagnostic> {
    // Compared in lower case: `Search.html` and `search.html` are one file on Windows and
    // macOS.
    let generated: HashMap<PathBuf, &str> =
        names::generated_files(site.config.offline_copies, &site.config.name)
            .into_iter()
            .map(|(path, what)| (lower(&path), what))
            .collect();
    let theme_assets: Vec<PathBuf> = signpost_model::theme::asset_paths()
        .iter()
        .map(|p| lower(p))
        .collect();
    let mut problems = Vec::new();
    let page_outputs: HashMap<&Path, &Path> = site
        .pages
        .iter()
        .filter(|p| !p.generated)
        .map(|p| (p.output.as_path(), p.source.as_path()))
        .collect();
    for page in site.pages.iter().filter(|p| !p.generated) {
        if let Some(what) = generated.get(&lower(&page.output)) {
            problems.push(
                Diagnostic::error(
                    &page.file,
                    0,
                    format!(
                        "this page would be written to {}, which is {what}",
                        page.output.display()
                    ),
                )
                .with_help("rename the file"),
            );
        }
        let copy_name = page
            .output
            .to_string_lossy()
            .ends_with(names::PAGE_COPY_EXTENSION);
        if site.config.offline_copies && copy_name {
            problems.push(
                Diagnostic::error(
                    &page.file,
                    0,
                    format!(
                        "pages cannot end in `.{}`: that name is kept for the pages' offline copies",
                        names::PAGE_COPY_EXTENSION
                    ),
                )
                .with_help("rename the file"),
            );
        }
    }
    for asset in &site.assets {
        let file = site.content_dir.join(asset);
        if let Some(what) = generated.get(&lower(asset)) {
            problems.push(
                Diagnostic::error(
                    &file,
                    0,
                    format!(
                        "this file would be written over {what} ({})",
                        asset.display()
                    ),
                )
                .with_help("rename or move the file"),
            );
        } else if let Some(page) = page_outputs.get(asset.as_path()) {
            problems.push(
                Diagnostic::error(
                    &file,
                    0,
                    format!(
                        "this file and the page {} would both be written to {}",
                        page.display(),
                        asset.display()
                    ),
                )
                .with_help("rename one of them"),
            );
        } else if theme_assets.contains(&lower(asset)) {
            problems.push(
                Diagnostic::warning(
                    &file,
                    0,
                    format!("this file replaces the theme's own {}", asset.display()),
                )
                .with_help("if that is not meant, rename it; the theme's file is then used"),
            );
        }
    }
    problems
}

fn lower(path: &Path) -> PathBuf {
    PathBuf::from(path.to_string_lossy().to_lowercase())
}
