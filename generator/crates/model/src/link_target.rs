//! Links as editors write them, and where they go in the built site.
//!
//! Pages link to each other by source path (`../travel/page.md#part-two`); the generator
//! rewrites those to relative output paths so the site works from disk and under any
//! sub-path. Root-relative links (`/gs/form.docx`) point at the organisation's intranet
//! and resolve against the site's `link_origin`.

use signpost_base::url_path::{normalise, percent_decode, scheme_of};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkTarget {
    /// Another site, or mail/phone: left alone.
    External(String),
    /// `/path` on the organisation's own site: needs `link_origin`.
    Rooted(String),
    /// `#anchor` on the same page.
    SamePage(String),
    /// A file in the content folder, by its path from the content root.
    Internal {
        path: PathBuf,
        fragment: Option<String>,
    },
    /// `javascript:` and friends: never emitted.
    Unsafe(String),
    /// A relative path that climbs out of the content folder.
    OutsideContent(String),
}

/// A link found in a page, with the line it is on.
#[derive(Debug, Clone)]
pub struct Link {
    pub target: LinkTarget,
    pub written: String,
    pub line: usize,
    pub is_image: bool,
}

/// How links are written into the HTML; the caller knows the site's layout.
pub trait LinkWriter {
    /// The URL to emit for a link, or `None` to keep it as written.
    fn href(&self, target: &LinkTarget) -> Option<String>;
}

/// Works out what a link in the page at `page_source` (relative to the content root) means.
pub fn classify(url: &str, page_source: &Path) -> LinkTarget {
    // As a browser reads a URL: tabs and newlines anywhere are dropped (`java\tscript:`),
    // controls and spaces around it trimmed.
    let cleaned: String;
    let url = if url.contains(['\t', '\n', '\r']) {
        cleaned = url.replace(['\t', '\n', '\r'], "");
        &cleaned
    } else {
        url
    };
    let url = url.trim_matches(|c: char| c <= ' ');
    if let Some(fragment) = url.strip_prefix('#') {
        return LinkTarget::SamePage(percent_decode(fragment));
    }
    if let Some(rest) = url.strip_prefix("//") {
        return LinkTarget::External(format!("https://{rest}"));
    }
    if url.starts_with('/') {
        return LinkTarget::Rooted(url.to_string());
    }
    if let Some(scheme) = scheme_of(url) {
        return match scheme.to_ascii_lowercase().as_str() {
            "http" | "https" | "mailto" | "tel" | "ftp" | "sms" => {
                LinkTarget::External(url.to_string())
            }
            _ => LinkTarget::Unsafe(url.to_string()),
        };
    }
    let (path_part, fragment) = match url.split_once('#') {
        Some((path, fragment)) => (path, Some(percent_decode(fragment))),
        None => (url, None),
    };
    let path_part = path_part
        .split_once('?')
        .map_or(path_part, |(path, _)| path);
    if path_part.is_empty() {
        return LinkTarget::SamePage(fragment.unwrap_or_default());
    }
    let base = page_source.parent().unwrap_or(Path::new(""));
    match normalise(&base.join(percent_decode(path_part))) {
        Some(path) => LinkTarget::Internal { path, fragment },
        None => LinkTarget::OutsideContent(url.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn internal(path: &str, fragment: Option<&str>) -> LinkTarget {
        LinkTarget::Internal {
            path: path.into(),
            fragment: fragment.map(String::from),
        }
    }

    #[test]
    fn classifies_links() {
        let page = Path::new("travel/overseas.md");
        assert_eq!(
            classify("../devices/own.md#rules", page),
            internal("devices/own.md", Some("rules"))
        );
        assert_eq!(
            classify("advice.md", page),
            internal("travel/advice.md", None)
        );
        assert_eq!(
            classify("#part-two", page),
            LinkTarget::SamePage("part-two".into())
        );
        assert_eq!(
            classify("/gs/form.docx", page),
            LinkTarget::Rooted("/gs/form.docx".into())
        );
        assert_eq!(
            classify("https://www.gov.uk", page),
            LinkTarget::External("https://www.gov.uk".into())
        );
        assert_eq!(
            classify("mailto:a@b.c", page),
            LinkTarget::External("mailto:a@b.c".into())
        );
        assert!(matches!(
            classify("JavaScript:alert(1)", page),
            LinkTarget::Unsafe(_)
        ));
        assert!(matches!(
            classify("../../etc/passwd", page),
            LinkTarget::OutsideContent(_)
        ));
        assert_eq!(
            classify("my%20file.pdf", page),
            internal("travel/my file.pdf", None)
        );
    }
}
