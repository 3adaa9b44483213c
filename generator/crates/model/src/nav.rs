//! Navigation built from the folder tree: ordered by `weight`, then title. A page's
//! navigation shows the top level, and opens only the folders on the path to the page, so
//! its size does not grow with the site.

use crate::page::{Page, PageKind};
use serde::Serialize;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// For each folder, its entries in reading order: pages, and the index pages of sub-folders.
pub struct Tree {
    children: HashMap<PathBuf, Vec<usize>>,
    /// Folder -> its index page.
    index_of: HashMap<PathBuf, usize>,
    /// An output folder that only pages moved by their `permalink` are in -> the folder
    /// those pages are in here, whose navigation they show.
    moved_into: HashMap<PathBuf, PathBuf>,
}

#[derive(Debug, Serialize)]
pub struct NavItem {
    pub title: String,
    pub href: String,
    /// On the path to the current page: shown open.
    pub open: bool,
    pub children: Vec<NavItem>,
}

#[derive(Debug, Serialize)]
pub struct Crumb {
    pub title: String,
    pub href: String,
}

impl Tree {
    pub fn new(pages: &[Page]) -> Self {
        let mut children: HashMap<PathBuf, Vec<usize>> = HashMap::new();
        let mut index_of = HashMap::new();
        for (i, page) in pages.iter().enumerate() {
            match page.kind {
                PageKind::Home => {
                    index_of.insert(PathBuf::new(), i);
                }
                PageKind::Section => {
                    index_of.insert(
                        page.source.parent().unwrap_or(Path::new("")).to_path_buf(),
                        i,
                    );
                    children
                        .entry(page.folder().to_path_buf())
                        .or_default()
                        .push(i);
                }
                PageKind::Guidance => children
                    .entry(page.folder().to_path_buf())
                    .or_default()
                    .push(i),
            }
        }
        for entries in children.values_mut() {
            sort_entries(entries, pages);
        }
        let moved_into = pages
            .iter()
            .filter_map(|page| {
                let output_folder = page.output.parent().unwrap_or(Path::new(""));
                let source_folder = page.source.parent().unwrap_or(Path::new(""));
                (output_folder != source_folder && !index_of.contains_key(output_folder))
                    .then(|| (output_folder.to_path_buf(), source_folder.to_path_buf()))
            })
            .collect();
        Self {
            children,
            index_of,
            moved_into,
        }
    }

    /// Puts a folder's entries in order again after one of them changed its title or weight
    /// (`signpost serve`, after an edit).
    pub fn reorder(&mut self, pages: &[Page], folder: &Path) {
        if let Some(entries) = self.children.get_mut(folder) {
            sort_entries(entries, pages);
        }
    }

    /// Entries of a folder, in order.
    pub fn children(&self, folder: &Path) -> &[usize] {
        self.children.get(folder).map_or(&[], Vec::as_slice)
    }

    /// The index pages from the home page down to the folder holding `page` (the page
    /// itself excluded).
    pub fn ancestors(&self, pages: &[Page], page: usize) -> Vec<usize> {
        let source = &pages[page].source;
        let mut found: Vec<usize> = source
            .ancestors()
            .skip(1)
            .filter_map(|folder| self.index_of.get(folder).copied())
            .filter(|&i| i != page)
            .collect();
        found.reverse();
        found
    }

    /// The navigation as every page in `folder` shows it: the top level, with the folders on
    /// the way to `folder` open. It is the same for all of them, so it is made once per
    /// folder; the template marks the current page by its link.
    pub fn nav_for_folder(
        &self,
        pages: &[Page],
        folder: &Path,
        href: &dyn Fn(&Page) -> String,
    ) -> Vec<NavItem> {
        let mut open = Vec::new();
        let folder = self.moved_into.get(folder).map_or(folder, PathBuf::as_path);
        if let Some(&index) = self.index_of.get(folder) {
            open = self.ancestors(pages, index);
            open.push(index);
        }
        self.items(pages, Path::new(""), &open, href)
    }

    fn items(
        &self,
        pages: &[Page],
        folder: &Path,
        open: &[usize],
        href: &dyn Fn(&Page) -> String,
    ) -> Vec<NavItem> {
        self.children(folder)
            .iter()
            .filter(|&&i| pages[i].front.superseded_by.is_none())
            .map(|&i| {
                let page = &pages[i];
                let is_open = page.kind == PageKind::Section && open.contains(&i);
                let children = if is_open {
                    self.items(
                        pages,
                        page.source.parent().unwrap_or(Path::new("")),
                        open,
                        href,
                    )
                } else {
                    Vec::new()
                };
                NavItem {
                    title: page.title.clone(),
                    href: href(page),
                    open: is_open,
                    children,
                }
            })
            .collect()
    }

    /// Breadcrumbs: Home and each folder down to the page, not the page itself.
    pub fn breadcrumbs(
        &self,
        pages: &[Page],
        current: usize,
        href: &dyn Fn(&Page) -> String,
    ) -> Vec<Crumb> {
        self.ancestors(pages, current)
            .into_iter()
            .map(|i| Crumb {
                title: pages[i].title.clone(),
                href: href(&pages[i]),
            })
            .collect()
    }
}

/// A folder's entries in reading order: by `weight`, then title.
fn sort_entries(entries: &mut [usize], pages: &[Page]) {
    entries.sort_by_cached_key(|&i| {
        let page = &pages[i];
        (
            page.front.weight.unwrap_or(i64::MAX),
            page.title.to_lowercase(),
            page.source.clone(),
        )
    });
}
