//! Finds everything in the content folder: pages, data, flows, template overrides, and files
//! to copy as they are.

use signpost_base::diagnostic::Diagnostic;
use signpost_base::names::{DATA_DIR, FLOWS_DIR, TEMPLATES_DIR};
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// Paths are relative to the content root, sorted.
#[derive(Debug, Default)]
pub struct Sources {
    pub pages: Vec<PathBuf>,
    pub data: Vec<PathBuf>,
    pub flows: Vec<PathBuf>,
    pub templates: Vec<PathBuf>,
    pub assets: Vec<PathBuf>,
    /// Another site engine's files, never published: one entry per file, by the name shown
    /// for it (`_layouts/` for each file in that folder).
    pub left_out: Vec<String>,
    /// Every file found, whatever it is: what the site was built from, for `signpost serve`
    /// to tell from an editor's temporary file.
    pub files: Vec<PathBuf>,
}

/// Every file of the content folder. A link that leads outside the folder is an error (one
/// per link, all of them in one run) and is never followed: a content repository that
/// commits a link to `/etc/passwd` must not publish the build machine's files.
pub fn discover(content_dir: &Path) -> Result<Sources, Vec<Diagnostic>> {
    if !content_dir.is_dir() {
        return Err(vec![
            Diagnostic::error(content_dir, 0, "there is no content folder here").with_help(
                "run signpost in your site's folder, or give the folder with --content DIR",
            ),
        ]);
    }
    let root = content_dir.canonicalize().map_err(|err| {
        vec![Diagnostic::error(
            content_dir,
            0,
            format!("cannot read this: {err}"),
        )]
    })?;
    let mut sources = Sources::default();
    let mut problems = Vec::new();
    let mut walker = WalkDir::new(content_dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| {
            entry.depth() == 0
                || !(entry.file_name().to_string_lossy().starts_with('.') || is_site(entry))
        });
    while let Some(entry) = walker.next() {
        let entry = entry.map_err(|err| {
            let path = err.path().unwrap_or(content_dir).to_path_buf();
            vec![Diagnostic::error(
                path,
                0,
                format!("cannot read this: {err}"),
            )]
        })?;
        if entry.depth() > 0 && entry.path_is_symlink() && !leads_inside(entry.path(), &root) {
            problems.push(link_outside(entry.path()));
            if entry.file_type().is_dir() {
                walker.skip_current_dir();
            }
            continue;
        }
        if !entry.file_type().is_file() {
            continue;
        }
        let relative = entry
            .path()
            .strip_prefix(content_dir)
            .expect("inside the content folder")
            .to_path_buf();
        sources.files.push(relative.clone());
        if let Some(shown) = crate::left_out::engine_file(&relative) {
            sources.left_out.push(shown);
            continue;
        }
        if relative.to_str().is_none() {
            // It would be written under its own name but linked under another.
            problems.push(
                Diagnostic::error(entry.path(), 0, "this file's name is not UTF-8 text")
                    .with_help("rename it (and its folder, if that is the one) with letters a browser can link to"),
            );
            continue;
        }
        let top = relative
            .components()
            .next()
            .map(|c| c.as_os_str().to_string_lossy().into_owned());
        let nested = relative.components().count() > 1;
        let extension = relative.extension().and_then(|e| e.to_str()).unwrap_or("");
        match (top.as_deref(), nested, extension) {
            (Some(DATA_DIR), true, "yaml" | "yml") => sources.data.push(relative),
            (Some(FLOWS_DIR), true, "yaml" | "yml") => sources.flows.push(relative),
            // Decision tables and notes beside flows are for reviewers, not readers.
            (Some(FLOWS_DIR | DATA_DIR), true, _) => {}
            (Some(TEMPLATES_DIR), true, _) => sources.templates.push(relative),
            (_, false, "yaml" | "yml") => {} // site.yaml and other settings at the root
            _ if signpost_base::page_forms::is_page(&relative) => sources.pages.push(relative),
            _ => sources.assets.push(relative),
        }
    }
    if problems.is_empty() {
        Ok(sources)
    } else {
        Err(problems)
    }
}

/// Whether the link at `path` ends inside the content folder (`root`, resolved).
fn leads_inside(path: &Path, root: &Path) -> bool {
    path.canonicalize()
        .is_ok_and(|target| target.starts_with(root))
}

fn link_outside(path: &Path) -> Diagnostic {
    let target = std::fs::read_link(path)
        .map(|t| t.display().to_string())
        .unwrap_or_default();
    Diagnostic::error(
        path,
        0,
        format!("this is a link to `{target}`, outside the content folder: it is not published"),
    )
    .with_help("put the file itself in the content folder, or remove the link")
}

/// A site Signpost built (its output folder, put inside the content folder): not content,
/// or each build would copy the last one into itself.
fn is_site(entry: &walkdir::DirEntry) -> bool {
    entry.file_type().is_dir()
        && entry
            .path()
            .join(signpost_base::names::OUTPUT_MARKER)
            .is_file()
}
