//! The file names a page may have: Signpost's own `*.md`, and the forms other site engines
//! use for the same Markdown (Jekyll's `*.markdown`, Middleman's and the GOV.UK tech-docs
//! template's `*.html.md` and `*.html.md.erb`), so a site moves over with its files as they
//! are.

use std::path::{Path, PathBuf};

/// Longest first: `kube.html.md.erb` is a page named `kube`, not `kube.html.md`.
const PAGE_SUFFIXES: &[&str] = &[".html.md.erb", ".html.md", ".markdown", ".md"];

/// Endings of files that look like pages but are in a form Signpost does not read.
const UNREAD_PAGE_SUFFIXES: &[&str] = &[
    ".md.erb",
    ".mdx",
    ".mkd",
    ".mkdn",
    ".mdown",
    ".rst",
    ".adoc",
    ".asciidoc",
    ".textile",
];

/// The page's name without its page ending (`kube` for `kube.html.md.erb`), if it is a page.
pub fn page_name(path: &Path) -> Option<&str> {
    let name = path.file_name()?.to_str()?;
    PAGE_SUFFIXES
        .iter()
        .find_map(|suffix| name.strip_suffix(suffix))
        .filter(|stem| !stem.is_empty())
}

pub fn is_page(path: &Path) -> bool {
    page_name(path).is_some()
}

/// A file that looks like a page in a form that is not read (`notes.mdx`, `a.rst`).
pub fn looks_like_unread_page(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    // `GUIDE.MD` too: the page endings are read only in lower case.
    !is_page(path)
        && UNREAD_PAGE_SUFFIXES
            .iter()
            .chain(PAGE_SUFFIXES)
            .any(|s| name.ends_with(s))
}

/// Where a page goes in the built site: `a/b.md` and `a/b.html.md.erb` -> `a/b.html`.
pub fn output_for(source: &Path) -> PathBuf {
    match page_name(source) {
        Some(name) => source.with_file_name(format!("{name}.html")),
        None => source.with_extension("html"),
    }
}

/// A folder's index page: `index.md`, `index.html.md.erb`, …
pub fn is_index(source: &Path) -> bool {
    page_name(source) == Some("index")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_in_every_engines_form_go_to_one_html_file() {
        for (source, output) in [
            ("a/kube.html.md.erb", "a/kube.html"),
            ("a/kube.html.md", "a/kube.html"),
            ("a/kube.markdown", "a/kube.html"),
            ("a/kube.md", "a/kube.html"),
            ("index.html.md.erb", "index.html"),
        ] {
            assert_eq!(output_for(Path::new(source)), PathBuf::from(output));
            assert!(is_page(Path::new(source)));
        }
        assert!(is_index(Path::new("x/index.html.md.erb")));
        assert!(!is_page(Path::new("layouts/custom.erb")));
        assert!(!is_page(Path::new(".md")));
        assert!(looks_like_unread_page(Path::new("notes.mdx")));
        assert!(looks_like_unread_page(Path::new("guide.rst")));
        assert!(!looks_like_unread_page(Path::new("guide.md")));
        assert!(!looks_like_unread_page(Path::new("image.png")));
        assert!(looks_like_unread_page(Path::new("GUIDE.MD")));
    }
}
