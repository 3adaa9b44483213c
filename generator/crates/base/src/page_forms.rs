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

/// Where a Jekyll `permalink` publishes a page, as Jekyll does: `/a/b/` -> `a/b/index.html`,
/// `/a/b.html` -> `a/b.html`, `/a/b` -> `a/b.html`. An address that is not a plain path
/// inside the site is refused, saying why.
pub fn permalink_output(address: &str) -> Result<PathBuf, &'static str> {
    if address.contains(':') {
        return Err("placeholders such as `:title` are not read: write the address out");
    }
    if address.contains(['?', '#']) {
        return Err("a page's address has no `?` or `#` part");
    }
    let decoded = percent_encoding::percent_decode_str(address).decode_utf8_lossy();
    if decoded.contains(['\\', ':', '?', '#']) || decoded.chars().any(char::is_control) {
        return Err("it has characters a file name in the site cannot have");
    }
    let relative = crate::url_path::normalise(Path::new(decoded.trim_start_matches('/')))
        .ok_or("it climbs out of the site with `..`")?;
    if relative
        .components()
        .any(|part| part.as_os_str().to_string_lossy().starts_with('.'))
    {
        return Err("a part of it starts with `.`, which makes a hidden file or folder");
    }
    let name = relative
        .file_name()
        .map(|n| n.to_string_lossy().into_owned());
    Ok(match name {
        Some(name) if !decoded.ends_with('/') => match name.ends_with(".html") {
            true => relative,
            false => relative.with_file_name(format!("{name}.html")),
        },
        _ => relative.join("index.html"),
    })
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

    #[test]
    fn a_permalink_is_an_address_as_jekyll_writes_it() {
        let out = |a: &str| permalink_output(a).map(|p| p.to_string_lossy().into_owned());
        assert_eq!(
            out("/guides/travel/").as_deref(),
            Ok("guides/travel/index.html")
        );
        assert_eq!(out("/cookies.html").as_deref(), Ok("cookies.html"));
        assert_eq!(out("/guides/travel").as_deref(), Ok("guides/travel.html"));
        assert_eq!(out("/notes.txt").as_deref(), Ok("notes.txt.html"));
        assert_eq!(out("/").as_deref(), Ok("index.html"));
        assert_eq!(out("/a/./b/../c/").as_deref(), Ok("a/c/index.html"));
        assert_eq!(out("/my%20page/").as_deref(), Ok("my page/index.html"));
        for unsafe_address in [
            "/../etc/passwd",
            "/a/%2e%2e/%2e%2e/x",
            "/:path/:basename/",
            "/a?b",
            "/.git/config",
            "/a/%5c..%5cb",
            "/a%00b",
        ] {
            assert!(
                permalink_output(unsafe_address).is_err(),
                "{unsafe_address}"
            );
        }
    }
}
