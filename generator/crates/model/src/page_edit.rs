//! One page edited (`signpost serve`): the page read again with what the rest of the site
//! was read with, and which of the site's pages its change can reach.
//!
//! What one page's edit can change, output by output:
//!
//! - its own page and its single-page copy: always;
//! - other pages' HTML shows a page only by its title, summary and weight (their order), in
//!   the navigation (the top level, and the folders open on the way to each page), in the
//!   lists of a section's and the home page's pages, in breadcrumbs (a folder's index page)
//!   and in the "replaced by" link of pages it replaces: when one of those changed, every
//!   page in or below the folder it is listed in, the index pages above it, and the replaced
//!   pages are made again too ([`Reach::Listings`], [`replace`]);
//! - links and anchors into it: the checks across pages run on the whole site again (cheap),
//!   so a removed anchor that another page links to is reported as in a full build;
//! - whether it is published, replaced, or where (`draft`, `superseded_by`, `permalink`,
//!   `redirect_from`): pages move, appear or go, every link to it changes, so the whole site
//!   is built again ([`Reach::Site`]); as is any other file (settings, data, contacts, flows,
//!   templates, a new, removed or renamed page), which every page may show;
//! - the search index, review reports, flows page, redirects and site zip show every page:
//!   `signpost serve` makes them after the reload, in the background.
//!
//! A page's body never depends on another page's text (pages are read independently; links
//! are written from the addresses, which an edit that keeps its `permalink` does not move).

use crate::link_target::LinkTarget;
use crate::page::{self, Page};
use crate::page_cache::PageCache;
use crate::site::Site;
use signpost_base::diagnostic::Diagnostic;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

/// How far one page's edit reaches beyond its own page and copy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reach {
    /// Only the page itself (its body, contents, owner, dates…).
    Own,
    /// How other pages list it: its title, summary or weight.
    Listings,
    /// The site: build it all again, for the reason given.
    Site(&'static str),
}

/// Reads `source` again (it must be one of the site's pages) with the settings, data,
/// templates and addresses the site was read with, through `cache` (which keeps it).
pub fn read_again(
    site: &Site,
    source: &Path,
    cache: &PageCache,
) -> (Option<Page>, Vec<Diagnostic>) {
    let shortcode_names = site.templates.shortcode_names();
    let flow_titles: BTreeMap<String, String> = site
        .flows
        .iter()
        .map(|(id, loaded)| (id.clone(), loaded.flow.title.clone()))
        .collect();
    let inputs = page::Inputs {
        content_dir: &site.content_dir,
        layout: &site.layout,
        templates: &site.templates,
        shortcode_names: &shortcode_names,
        review_interval: site.config.review_interval,
        // The site built, so its settings, data and flows had no errors.
        settings_failed: false,
        contact_groups: site.contact_groups.as_deref(),
        default_owner: site.config.default_owner.as_deref(),
        flow_titles: &flow_titles,
    };
    cache.get_or_read(&site.content_dir, source, || {
        let mut found = Vec::new();
        let page = page::read(source, &inputs, &mut found);
        (page, found)
    })
}

/// How far the change from `old` to `new` (the same page) reaches.
pub fn reach(old: &Page, new: &Page) -> Reach {
    if new.front.draft {
        return Reach::Site("the page is now a draft");
    }
    if old.output != new.output || old.url != new.url || old.kind != new.kind {
        return Reach::Site("the page moved");
    }
    if old.front.superseded_by != new.front.superseded_by {
        return Reach::Site("`superseded_by` changed");
    }
    if old.front.redirect_from != new.front.redirect_from {
        return Reach::Site("`redirect_from` changed");
    }
    let listed = |p: &Page| (p.title.clone(), p.front.summary.clone(), p.front.weight);
    if listed(old) != listed(new) {
        return Reach::Listings;
    }
    Reach::Own
}

/// Puts `new` in place of the page at `index`, and returns the pages to make again: the page
/// itself and, for [`Reach::Listings`], every page that shows it (see the module's notes).
pub fn replace(site: &mut Site, index: usize, new: Page, reach: &Reach) -> BTreeSet<usize> {
    site.pages[index] = new;
    let mut pages = BTreeSet::from([index]);
    if *reach == Reach::Own {
        return pages;
    }
    // Its folder's entries may be in another order now; nothing else about the tree changed.
    let listed_in = site.pages[index].folder().to_path_buf();
    site.tree.reorder(&site.pages, &listed_in);
    // The navigation lists a page in the folder it is an entry of, and shows that folder's
    // entries on every page in it or below it (the folders on the way are open); a home or
    // section page's title is also in the breadcrumbs of every page below it (its own folder
    // is below the one it is an entry of). Pages moved by their `permalink` show the
    // navigation of the folder they came from: all of them.
    pages.extend(
        site.pages
            .iter()
            .enumerate()
            .filter(|(_, p)| {
                p.source.starts_with(&listed_in) || p.output.parent() != p.source.parent()
            })
            .map(|(i, _)| i),
    );
    // The index pages above it list it (the home page lists two levels).
    pages.extend(site.tree.ancestors(&site.pages, index));
    // Replaced pages link to what replaces them, by its title (few: all of them).
    pages.extend(
        site.pages
            .iter()
            .enumerate()
            .filter(|(_, p)| p.front.superseded_by.is_some())
            .map(|(i, _)| i),
    );
    pages
}

/// For each page, the pages that link to an anchor on it (`#heading`): when its headings
/// change, their links are checked again.
pub fn anchor_links(site: &Site) -> HashMap<PathBuf, BTreeSet<usize>> {
    let mut linking: HashMap<PathBuf, BTreeSet<usize>> = HashMap::new();
    for (index, page) in site.pages.iter().enumerate() {
        for target in anchored_targets(site, page) {
            linking.entry(target).or_default().insert(index);
        }
    }
    linking
}

/// [`anchor_links`] after the page at `index` changed its links.
pub fn relink(site: &Site, index: usize, linking: &mut HashMap<PathBuf, BTreeSet<usize>>) {
    for pages in linking.values_mut() {
        pages.remove(&index);
    }
    for target in anchored_targets(site, &site.pages[index]) {
        linking.entry(target).or_default().insert(index);
    }
}

/// The pages `page` links to an anchor on (by their source paths), as the checks across
/// pages find them.
fn anchored_targets(site: &Site, page: &Page) -> Vec<PathBuf> {
    page.links
        .iter()
        .filter_map(|link| match &link.target {
            LinkTarget::Internal {
                path,
                fragment: Some(fragment),
            } if !fragment.is_empty() => site.layout.page_for(path),
            LinkTarget::Rooted(url) if url.contains('#') => site.layout.rooted(url),
            _ => None,
        })
        .collect()
}

/// Whether a page's problems can be taken out of the site's and put back one page at a
/// time: warnings only, and none that [`page::unmapped_keys::collapse`] makes one of across
/// pages.
pub fn problems_are_its_own(problems: &[Diagnostic]) -> bool {
    problems
        .iter()
        .all(|p| !p.is_error() && !p.message.starts_with("unknown key `"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn how_far_an_edit_reaches() {
        let old = Page::generated_index("travel/index.md".into(), Path::new("content"));
        let mut body = old.clone();
        body.body_html = "<p>New words.</p>".into();
        body.front.owner = Some("CISO".into());
        assert_eq!(reach(&old, &body), Reach::Own);
        let mut titled = old.clone();
        titled.title = "Journeys".into();
        assert_eq!(reach(&old, &titled), Reach::Listings);
        let mut weighed = old.clone();
        weighed.front.weight = Some(1);
        assert_eq!(reach(&old, &weighed), Reach::Listings);
        let mut draft = old.clone();
        draft.front.draft = true;
        assert!(matches!(reach(&old, &draft), Reach::Site(_)));
        let mut replaced = old.clone();
        replaced.front.superseded_by = Some(("new.md".into(), 3));
        assert!(matches!(reach(&old, &replaced), Reach::Site(_)));
        let mut moved = old.clone();
        moved.output = "journeys/index.html".into();
        assert!(matches!(reach(&old, &moved), Reach::Site(_)));
    }

    #[test]
    fn a_folder_is_put_in_order_again_after_a_title_changes() {
        let page = |source: &str, title: &str| {
            let mut page = Page::generated_index("index.md".into(), Path::new("content"));
            page.source = source.into();
            page.kind = Page::kind_for(Path::new(source));
            page.title = title.into();
            page
        };
        let mut pages = vec![
            page("index.md", "Home"),
            page("a.md", "Alpha"),
            page("b.md", "Beta"),
        ];
        let mut tree = crate::nav::Tree::new(&pages);
        assert_eq!(tree.children(Path::new("")), [1, 2]);
        pages[1].title = "Zulu".into();
        tree.reorder(&pages, Path::new(""));
        assert_eq!(tree.children(Path::new("")), [2, 1]);
    }

    #[test]
    fn only_a_pages_own_warnings_are_taken_out_and_put_back() {
        let warning = Diagnostic::warning("a.md", 3, "an image has no text");
        assert!(problems_are_its_own(std::slice::from_ref(&warning)));
        assert!(!problems_are_its_own(&[Diagnostic::error(
            "a.md", 3, "broken"
        )]));
        let unknown = Diagnostic::warning("a.md", 2, "unknown key `layout` is ignored");
        assert!(!problems_are_its_own(&[warning, unknown]));
    }
}
