//! Links as editors write them, and where they go in the built site.
//!
//! Pages link to each other by source path (`../travel/page.md#part-two`); the generator
//! rewrites those to relative output paths so the site works from disk and under any
//! sub-path. Root-relative links (`/gs/form.docx`) point at the organisation's intranet
//! and resolve against the site's `link_origin`.

use std::path::{Component, Path, PathBuf};

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

/// Works out what a link in the page at `page_source` (relative to the content root) means.
pub fn classify(url: &str, page_source: &Path) -> LinkTarget {
    let url = url.trim();
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

/// `a/b/../c` -> `a/c`; `None` if it climbs above the root.
pub fn normalise(path: &Path) -> Option<PathBuf> {
    let mut parts: Vec<&std::ffi::OsStr> = Vec::new();
    for component in path.components() {
        match component {
            Component::Normal(part) => parts.push(part),
            Component::CurDir => {}
            Component::ParentDir => {
                parts.pop()?;
            }
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    Some(parts.iter().collect())
}

/// The relative prefix from a page's output file to the site root: `""` or `"../../"`.
pub fn root_prefix(output: &Path) -> String {
    let depth = output.components().count().saturating_sub(1);
    "../".repeat(depth)
}

/// The link from a page in `folder` to `target` (both paths in the site), as short as it
/// can be: from `a/b`, `a/b/c.html` is `c.html` and `a/d/e.html` is `../d/e.html`.
pub fn relative_url(folder: &Path, target: &Path) -> String {
    let from: Vec<_> = folder.components().collect();
    let to: Vec<_> = target.components().collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut path = PathBuf::new();
    for _ in common..from.len() {
        path.push("..");
    }
    path.extend(&to[common..]);
    let url = url_path(&path);
    // `a:b.html` would read as a URL with the scheme `a`; `./a:b.html` is the file.
    if url
        .split('/')
        .next()
        .is_some_and(|first| first.contains(':'))
    {
        format!("./{url}")
    } else {
        url
    }
}

/// `a/b c.html` as a URL path: forward slashes, spaces and other unsafe bytes escaped.
pub fn url_path(path: &Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    percent_encoding::utf8_percent_encode(&text, PATH_ESCAPES).to_string()
}

const PATH_ESCAPES: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}');

fn percent_decode(text: &str) -> String {
    percent_encoding::percent_decode_str(text)
        .decode_utf8_lossy()
        .into_owned()
}

/// The scheme of an absolute URL (`https`, `mailto`, `javascript`), if it has one.
pub fn scheme_of(url: &str) -> Option<&str> {
    let (scheme, _) = url.split_once(':')?;
    let mut chars = scheme.chars();
    let valid = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then_some(scheme)
}

/// Rewrites every `href="…"` and `src="…"` in raw HTML from content with `rewrite`,
/// which returns `None` to keep a value as it is.
pub fn rewrite_html_urls(html: &str, mut rewrite: impl FnMut(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some((start, end)) = next_url_attribute(rest) {
        out.push_str(&rest[..start]);
        let value = &rest[start..end];
        match rewrite(&decode_entities(value)) {
            Some(new) => out.push_str(&html_escape::encode_quoted_attribute(&new)),
            None => out.push_str(value),
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// Every `href`/`src` value in raw HTML, decoded, for checking.
pub fn html_urls(html: &str) -> Vec<String> {
    let mut urls = Vec::new();
    rewrite_html_urls(html, |url| {
        urls.push(url.to_string());
        None
    });
    urls
}

/// Every `id="…"` in raw HTML: anchors other pages may link to.
pub fn html_ids(html: &str) -> Vec<String> {
    let mut ids = Vec::new();
    let lower = html.to_ascii_lowercase();
    let mut from = 0;
    while let Some(found) = lower[from..].find("id=") {
        let at = from + found;
        from = at + 3;
        let before = lower[..at].chars().last();
        if !before.is_some_and(char::is_whitespace) {
            continue;
        }
        if let Some((start, end)) = quoted_value(html, at + 3) {
            ids.push(decode_entities(&html[start..end]));
        }
    }
    ids
}

/// Byte range of the next `href`/`src` attribute value in `html`.
fn next_url_attribute(html: &str) -> Option<(usize, usize)> {
    let lower = html.to_ascii_lowercase();
    let mut from = 0;
    loop {
        let href = lower[from..].find("href=").map(|i| (from + i, 5));
        let src = lower[from..].find("src=").map(|i| (from + i, 4));
        let (at, len) = match (href, src) {
            (Some(h), Some(s)) => {
                if h.0 < s.0 {
                    h
                } else {
                    s
                }
            }
            (Some(found), None) | (None, Some(found)) => found,
            (None, None) => return None,
        };
        from = at + len;
        if lower[..at].chars().last().is_some_and(char::is_whitespace) {
            if let Some(range) = quoted_value(html, at + len) {
                return Some(range);
            }
        }
    }
}

fn quoted_value(html: &str, at: usize) -> Option<(usize, usize)> {
    let quote = html[at..]
        .chars()
        .next()
        .filter(|c| *c == '"' || *c == '\'')?;
    let start = at + 1;
    let end = start + html[start..].find(quote)?;
    Some((start, end))
}

fn decode_entities(text: &str) -> String {
    html_escape::decode_html_entities(text).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_urls_are_as_short_as_they_can_be() {
        let from = Path::new("a/b");
        assert_eq!(relative_url(from, Path::new("a/b/c.html")), "c.html");
        assert_eq!(
            relative_url(from, Path::new("a/d/e f.html")),
            "../d/e%20f.html"
        );
        assert_eq!(
            relative_url(from, Path::new("index.html")),
            "../../index.html"
        );
        assert_eq!(
            relative_url(from, Path::new("a/b/c/index.html")),
            "c/index.html"
        );
        assert_eq!(
            relative_url(Path::new(""), Path::new("a/x.html")),
            "a/x.html"
        );
    }

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

    #[test]
    fn root_prefixes() {
        assert_eq!(root_prefix(Path::new("index.html")), "");
        assert_eq!(root_prefix(Path::new("a/b/c.html")), "../../");
    }

    #[test]
    fn rewrites_and_reads_raw_html() {
        let html =
            r#"<a href="/gs/form.docx">form</a> <img src='x.png'> <p data-href="/no" id="top">"#;
        let out = rewrite_html_urls(html, |url| {
            url.starts_with('/')
                .then(|| format!("https://example.org{url}"))
        });
        assert!(out.contains(r#"href="https://example.org/gs/form.docx""#));
        assert!(out.contains(r#"data-href="/no""#));
        assert_eq!(html_urls(html), vec!["/gs/form.docx", "x.png"]);
        assert_eq!(html_ids(html), vec!["top"]);
    }
}
