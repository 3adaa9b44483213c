//! Where each source file goes in the built site, and how a link from one page reaches
//! another. Output mirrors the content folder: `travel/page.md` -> `travel/page.html`, every
//! folder gets an `index.html`. Links are always relative, so the site works from disk.

use crate::links::{self, LinkTarget};
use crate::markdown::LinkWriter;
use crate::page_forms;
use std::collections::{HashMap, HashSet};
use std::ffi::OsString;
use std::path::{Path, PathBuf};

pub struct Layout {
    /// Every page's source path, including the `index.md` of folders that have none (those
    /// pages are generated).
    // Keyed by the path's text: hashing a `Path` parses its components every time, and
    // every link on every page is looked up here.
    pages: HashSet<OsString>,
    /// Each page's source path by its output path (`a/b.html` -> `a/b.html.md.erb`).
    by_output: HashMap<OsString, PathBuf>,
    folders: HashSet<OsString>,
    assets: HashSet<OsString>,
    link_origin: Option<String>,
}

impl Layout {
    pub fn new(page_sources: &[PathBuf], assets: &[PathBuf], link_origin: Option<String>) -> Self {
        let mut folders = HashSet::new();
        for page in page_sources {
            for ancestor in page.ancestors().skip(1) {
                if !ancestor.as_os_str().is_empty() {
                    folders.insert(ancestor.as_os_str().to_owned());
                }
            }
        }
        let mut by_output: HashMap<OsString, PathBuf> = page_sources
            .iter()
            .map(|p| (Self::output_for(p).into_os_string(), p.clone()))
            .collect();
        let generated = folders
            .iter()
            .map(|f| Path::new(f).join("index.md"))
            .chain(std::iter::once(PathBuf::from("index.md")));
        for index in generated {
            by_output
                .entry(Self::output_for(&index).into_os_string())
                .or_insert(index);
        }
        let pages = by_output
            .values()
            .map(|p| p.as_os_str().to_owned())
            .collect();
        let assets = assets.iter().map(|p| p.as_os_str().to_owned()).collect();
        Self {
            pages,
            by_output,
            folders,
            assets,
            link_origin,
        }
    }

    /// Folders that need an index page generated, because they have no index page.
    pub fn folders_without_index(&self, page_sources: &[PathBuf]) -> Vec<PathBuf> {
        let existing: HashSet<PathBuf> = page_sources.iter().map(|p| Self::output_for(p)).collect();
        let mut missing: Vec<PathBuf> = self
            .folders
            .iter()
            .map(|f| Path::new(f).join("index.md"))
            .chain(std::iter::once(PathBuf::from("index.md")))
            .filter(|index| !existing.contains(&Self::output_for(index)))
            .collect();
        missing.sort();
        missing
    }

    /// `a/b.md` -> `a/b.html`, `a/b.html.md.erb` -> `a/b.html`.
    pub fn output_for(source: &Path) -> PathBuf {
        page_forms::output_for(source)
    }

    /// The page a link points at, by source path: `page.md`, a folder, or `page.html`.
    pub fn page_for(&self, path: &Path) -> Option<PathBuf> {
        if self.pages.contains(path.as_os_str()) {
            return Some(path.to_path_buf());
        }
        if path.as_os_str().is_empty() || self.folders.contains(path.as_os_str()) {
            return self
                .by_output
                .get(path.join("index.html").as_os_str())
                .cloned();
        }
        if path.extension().is_some_and(|e| e == "html") {
            return self.by_output.get(path.as_os_str()).cloned();
        }
        // `page.md` written for a page kept as `page.html.md.erb` or `page.markdown`.
        page_forms::is_page(path)
            .then(|| {
                self.by_output
                    .get(Self::output_for(path).as_os_str())
                    .cloned()
            })
            .flatten()
    }

    pub fn is_asset(&self, path: &Path) -> bool {
        self.assets.contains(path.as_os_str())
    }

    pub fn link_origin(&self) -> Option<&str> {
        self.link_origin.as_deref()
    }

    /// The link writer for the page whose output is `page_output`.
    pub fn links_from<'a>(&'a self, page_output: &Path) -> PageLinks<'a> {
        PageLinks {
            layout: self,
            root: links::root_prefix(page_output),
        }
    }
}

/// Writes links for one page: relative to that page's place in the output.
pub struct PageLinks<'a> {
    layout: &'a Layout,
    root: String,
}

impl PageLinks<'_> {
    /// Relative URL of a file in the output, from this page.
    pub fn to_output(&self, output: &Path) -> String {
        format!("{}{}", self.root, links::url_path(output))
    }
}

impl LinkWriter for PageLinks<'_> {
    fn href(&self, target: &LinkTarget) -> Option<String> {
        match target {
            LinkTarget::Internal { path, fragment } => {
                let output = match self.layout.page_for(path) {
                    Some(page) => Layout::output_for(&page),
                    None if self.layout.is_asset(path) => path.clone(),
                    None => return None, // reported by the link check
                };
                let fragment = fragment
                    .as_ref()
                    .map(|f| format!("#{f}"))
                    .unwrap_or_default();
                Some(format!("{}{fragment}", self.to_output(&output)))
            }
            LinkTarget::Rooted(path) => self
                .layout
                .link_origin
                .as_ref()
                .map(|origin| format!("{origin}{path}")),
            // Protocol-relative `//host/x` is written out with its scheme.
            LinkTarget::External(url) => Some(url.clone()),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layout() -> Layout {
        let pages = vec![
            PathBuf::from("index.md"),
            PathBuf::from("travel/overseas.md"),
            PathBuf::from("devices/own.md"),
        ];
        Layout::new(
            &pages,
            &[PathBuf::from("travel/map.png")],
            Some("https://intranet.example".into()),
        )
    }

    #[test]
    fn links_become_relative_output_paths() {
        let layout = layout();
        let links = layout.links_from(Path::new("travel/overseas.html"));
        let internal = |p: &str, f: Option<&str>| LinkTarget::Internal {
            path: p.into(),
            fragment: f.map(String::from),
        };
        assert_eq!(
            links
                .href(&internal("devices/own.md", Some("rules")))
                .unwrap(),
            "../devices/own.html#rules"
        );
        assert_eq!(
            links.href(&internal("devices", None)).unwrap(),
            "../devices/index.html"
        );
        assert_eq!(links.href(&internal("", None)).unwrap(), "../index.html");
        assert_eq!(
            links.href(&internal("travel/map.png", None)).unwrap(),
            "../travel/map.png"
        );
        assert_eq!(links.href(&internal("travel/missing.md", None)), None);
        assert_eq!(
            links
                .href(&LinkTarget::Rooted("/gs/f.docx".into()))
                .unwrap(),
            "https://intranet.example/gs/f.docx"
        );
    }

    #[test]
    fn folders_without_an_index_get_one() {
        let layout = layout();
        let pages = vec![
            PathBuf::from("index.md"),
            PathBuf::from("travel/overseas.md"),
            PathBuf::from("devices/own.md"),
        ];
        assert_eq!(
            layout.folders_without_index(&pages),
            vec![
                PathBuf::from("devices/index.md"),
                PathBuf::from("travel/index.md")
            ]
        );
    }
}
