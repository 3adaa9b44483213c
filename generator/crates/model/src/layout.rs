//! Where each source file goes in the built site, and how a link from one page reaches
//! another. Output mirrors the content folder: `travel/page.md` -> `travel/page.html`, every
//! folder gets an `index.html`, and a page with a `permalink` goes where that says
//! (`permalinks.rs`). Links are always relative, so the site works from disk.

use crate::link_target::{LinkTarget, LinkWriter};
use rustc_hash::{FxHashMap, FxHashSet};
use signpost_base::page_forms;
use signpost_base::url_path::url_path;
use std::borrow::Cow;
use std::collections::HashMap;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

pub struct Layout {
    /// Every page's source path, including the `index.md` of folders that have none (those
    /// pages are generated), with its URL path from the site root (worked out once: every
    /// link to the page is written with it).
    // Keyed by the path's text: hashing a `Path` parses its components every time, and
    // every link on every page is looked up here (with FxHash: the keys are the site's own
    // paths, and SipHash showed in the read stage's profile).
    pages: FxHashMap<OsString, String>,
    /// Each page's source path by its output path (`a/b.html` -> `a/b.html.md.erb`).
    by_output: FxHashMap<OsString, PathBuf>,
    folders: FxHashSet<OsString>,
    assets: FxHashSet<OsString>,
    /// The output path of each page published at its `permalink`, by source path.
    moved: FxHashMap<OsString, PathBuf>,
    link_origin: Option<String>,
    /// The path the old site was served under (`/docs`), or empty.
    baseurl: String,
}

impl Layout {
    pub fn new(page_sources: &[PathBuf], assets: &[PathBuf], link_origin: Option<String>) -> Self {
        let mut folders = FxHashSet::default();
        for page in page_sources {
            for ancestor in page.ancestors().skip(1) {
                if !ancestor.as_os_str().is_empty() {
                    folders.insert(ancestor.as_os_str().to_owned());
                }
            }
        }
        let mut by_output: FxHashMap<OsString, PathBuf> = page_sources
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
            .iter()
            .map(|(output, p)| (p.as_os_str().to_owned(), url_path(Path::new(output))))
            .collect();
        let assets = assets.iter().map(|p| p.as_os_str().to_owned()).collect();
        Self {
            pages,
            by_output,
            folders,
            assets,
            moved: FxHashMap::default(),
            link_origin,
            baseurl: String::new(),
        }
    }

    /// Pages published at their `permalink` (checked already: no address is taken twice),
    /// by source path: found there, and no longer beside their files.
    pub fn with_permalinks(mut self, moved: HashMap<PathBuf, PathBuf>) -> Self {
        for (source, output) in moved {
            self.by_output.remove(Self::output_for(&source).as_os_str());
            self.by_output
                .insert(output.clone().into_os_string(), source.clone());
            if let Some(url) = self.pages.get_mut(source.as_os_str()) {
                *url = url_path(&output);
            }
            self.moved.insert(source.into_os_string(), output);
        }
        self
    }

    /// Where the page `source` is published: at its `permalink`, or beside its file.
    pub fn output_of(&self, source: &Path) -> PathBuf {
        match self.moved.get(source.as_os_str()) {
            Some(output) => output.clone(),
            None => Self::output_for(source),
        }
    }

    /// Links written from the site root start with `baseurl` (Jekyll's, `/docs`).
    pub fn with_baseurl(mut self, baseurl: &str) -> Self {
        self.baseurl = baseurl.trim_end_matches('/').to_string();
        self
    }

    /// The page or file of this site that a link written from the site root
    /// (`/documentation/x.html`, `/images/a.png`, `/docs/page/`) means, as it was served by
    /// the old engine: by output address, with or without `.html` or a trailing slash, under
    /// `baseurl`. `None` if the site has no such page or file.
    pub fn rooted(&self, url: &str) -> Option<PathBuf> {
        let path = url.split(['#', '?']).next().unwrap_or_default();
        let path = match self.baseurl.as_str() {
            "" => path,
            base => path
                .strip_prefix(base)
                .filter(|rest| rest.is_empty() || rest.starts_with('/'))
                .unwrap_or(path),
        };
        let decoded = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
        let relative =
            signpost_base::url_path::normalise(Path::new(decoded.trim_start_matches('/')))?;
        if self.is_asset(&relative) {
            return Some(relative);
        }
        if relative.as_os_str().is_empty() || decoded.ends_with('/') {
            let folder_index = relative.join("index.html");
            let pretty = relative.with_extension("html");
            return [folder_index, pretty]
                .iter()
                .find_map(|output| self.by_output.get(output.as_os_str()).cloned());
        }
        match relative.extension().and_then(|e| e.to_str()) {
            Some("html" | "htm") => self
                .by_output
                .get(relative.with_extension("html").as_os_str())
                .cloned(),
            Some("md") => None, // reported as written from the root, which pages are not
            _ => {
                let with_html = PathBuf::from(format!("{}.html", relative.display()));
                [with_html, relative.join("index.html")]
                    .iter()
                    .find_map(|output| self.by_output.get(output.as_os_str()).cloned())
            }
        }
    }

    /// Folders that need an index page generated, because they have no index page.
    pub fn folders_without_index(&self, page_sources: &[PathBuf]) -> Vec<PathBuf> {
        let existing: FxHashSet<PathBuf> =
            page_sources.iter().map(|p| Self::output_for(p)).collect();
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

    /// `a/b.md` -> `a/b.html`, `a/b.html.md.erb` -> `a/b.html`: where a page goes without a
    /// `permalink` (see [`Layout::output_of`]).
    pub fn output_for(source: &Path) -> PathBuf {
        page_forms::output_for(source)
    }

    /// The page a link points at, by source path: `page.md`, a folder, or `page.html`.
    pub fn page_for(&self, path: &Path) -> Option<PathBuf> {
        self.page_source(path).map(Path::to_path_buf)
    }

    /// [`Layout::page_for`], borrowed from the layout (every link of every page asks).
    fn page_source(&self, path: &Path) -> Option<&Path> {
        if let Some((page, _)) = self.pages.get_key_value(path.as_os_str()) {
            return Some(Path::new(page));
        }
        let by_output =
            |output: &Path| self.by_output.get(output.as_os_str()).map(PathBuf::as_path);
        if path.as_os_str().is_empty() || self.folders.contains(path.as_os_str()) {
            return by_output(&path.join("index.html"));
        }
        if path.extension().is_some_and(|e| e == "html") {
            return by_output(path);
        }
        // `page.md` written for a page kept as `page.html.md.erb` or `page.markdown`.
        page_forms::is_page(path)
            .then(|| by_output(&Self::output_for(path)))
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
            root: signpost_base::url_path::root_prefix(page_output),
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
        format!("{}{}", self.root, url_path(output))
    }
}

impl LinkWriter for PageLinks<'_> {
    fn href(&self, target: &LinkTarget) -> Option<String> {
        match target {
            LinkTarget::Internal { path, fragment } => {
                let url = match self.layout.page_source(path) {
                    Some(page) => Cow::Borrowed(self.layout.pages[page.as_os_str()].as_str()),
                    None if self.layout.is_asset(path) => Cow::Owned(url_path(path)),
                    None => return None, // reported by the link check
                };
                let fragment_len = fragment.as_ref().map_or(0, |f| f.len() + 1);
                let mut href = String::with_capacity(self.root.len() + url.len() + fragment_len);
                href.push_str(&self.root);
                href.push_str(&url);
                if let Some(fragment) = fragment {
                    href.push('#');
                    href.push_str(fragment);
                }
                Some(href)
            }
            LinkTarget::Rooted(url) => match self.layout.rooted(url) {
                Some(found) => {
                    let output = if self.layout.is_asset(&found) {
                        found
                    } else {
                        self.layout.output_of(&found)
                    };
                    let fragment = url.split_once('#').map(|(_, f)| format!("#{f}"));
                    Some(format!(
                        "{}{}",
                        self.to_output(&output),
                        fragment.unwrap_or_default()
                    ))
                }
                None => self
                    .layout
                    .link_origin
                    .as_ref()
                    .map(|origin| format!("{origin}{url}")),
            },
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
    fn links_from_the_site_root_find_the_sites_own_pages_and_files_first() {
        let pages = vec![
            PathBuf::from("index.html.md.erb"),
            PathBuf::from("docs/kube.html.md.erb"),
            PathBuf::from("guides/index.md"),
            PathBuf::from("guides/pretty.markdown"),
        ];
        let layout = Layout::new(&pages, &[PathBuf::from("images/a b.png")], None);
        let found = |url: &str| layout.rooted(url).map(|p| p.to_string_lossy().into_owned());
        assert_eq!(
            found("/docs/kube.html#x").as_deref(),
            Some("docs/kube.html.md.erb")
        );
        assert_eq!(
            found("/docs/kube").as_deref(),
            Some("docs/kube.html.md.erb")
        );
        assert_eq!(
            found("/guides/pretty/").as_deref(),
            Some("guides/pretty.markdown")
        );
        assert_eq!(found("/guides/").as_deref(), Some("guides/index.md"));
        assert_eq!(found("/").as_deref(), Some("index.html.md.erb"));
        assert_eq!(
            found("/images/a%20b.png").as_deref(),
            Some("images/a b.png")
        );
        assert_eq!(found("/gs/form.docx"), None);
        let under = Layout::new(&pages, &[], None).with_baseurl("/security/");
        assert_eq!(
            under
                .rooted("/security/docs/kube.html")
                .map(|p| p.to_string_lossy().into_owned())
                .as_deref(),
            Some("docs/kube.html.md.erb")
        );
        let links = layout.links_from(Path::new("docs/kube.html"));
        assert_eq!(
            links
                .href(&LinkTarget::Rooted("/guides/pretty/#top".into()))
                .unwrap(),
            "../guides/pretty.html#top"
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
