//! The name of every file and folder Signpost reads from a content folder or writes into a
//! site, in one place: the rules for output names were spread over five modules, and a
//! check that a page is not written over one of Signpost's own files needs all of them.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The site's settings, at the content root.
pub const SITE_YAML: &str = "site.yaml";
/// Folders at the content root with a meaning of their own.
pub const DATA_DIR: &str = "data";
pub const FLOWS_DIR: &str = "flows";
pub const TEMPLATES_DIR: &str = "templates";

/// The file that marks a folder as Signpost's output.
pub const OUTPUT_MARKER: &str = ".signpost-output";
/// Theme files are copied under this folder of the output.
pub const ASSETS_DIR: &str = "assets";

/// A single-page copy is written beside its page: `a/b.html` -> `a/b.offline.html`.
pub const PAGE_COPY_EXTENSION: &str = "offline.html";
/// The script that shows a copy is out of date, under `assets/`.
pub const COPY_CHECK_SCRIPT: &str = "copy-check.js";

/// The search index script loaded first, under `assets/`.
pub const SEARCH_INDEX: &str = "search-index.js";
/// The page of search results, at the site root.
pub const SEARCH_PAGE: &str = "search.html";

/// The review reports, at the site root.
pub const REVIEWS_PAGE: &str = "reviews.html";
pub const PAGES_JSON: &str = "pages.json";
pub const REVIEW_CALENDAR: &str = "reviews.ics";
pub const REVIEW_FEED: &str = "reviews.atom";

/// The editors' page of decision flows, at the site root.
pub const FLOWS_PAGE: &str = "flows.html";

/// The site zip's file name, from the site's name.
pub fn zip_name(site_name: &str) -> String {
    format!("{}.zip", file_name_slug(site_name))
}

/// `IT Security Guidance` -> `it-security-guidance`: safe in any file system.
pub fn file_name_slug(name: &str) -> String {
    let mut slug = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    if slug.is_empty() {
        "site".to_string()
    } else {
        slug.to_string()
    }
}

/// Every file Signpost writes itself, with what it is. The site zip is there when the site
/// makes offline copies; its name comes from the site's name.
pub fn generated_files(offline_copies: bool, site_name: &str) -> HashMap<PathBuf, &'static str> {
    let mut files = HashMap::from([
        (PathBuf::from(SEARCH_PAGE), "the site's search page"),
        (
            Path::new(ASSETS_DIR).join(SEARCH_INDEX),
            "the site's search index",
        ),
        (PathBuf::from(REVIEWS_PAGE), "the review report"),
        (PathBuf::from(PAGES_JSON), "the list of pages for tools"),
        (PathBuf::from(REVIEW_CALENDAR), "the review calendar"),
        (PathBuf::from(REVIEW_FEED), "the review feed"),
        (
            PathBuf::from(FLOWS_PAGE),
            "the editors' page of decision flows",
        ),
    ]);
    if offline_copies {
        files.insert(
            PathBuf::from(zip_name(site_name)),
            "the site's downloadable copy",
        );
    }
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names() {
        assert_eq!(
            file_name_slug("IT Security Guidance"),
            "it-security-guidance"
        );
        assert_eq!(file_name_slug("  Ça & co! "), "a-co");
        assert_eq!(file_name_slug("£££"), "site");
    }
}
