//! The URLs in raw HTML from content, read with a real HTML tokenizer (html5gum) so that a
//! value is seen as a browser sees it: quoted or not, any case, spaced around `=`, entities
//! decoded (`javascript&colon;`), in every attribute that takes a URL.

use html5gum::{DefaultEmitter, HtmlString, Span, Token, Tokenizer};
use std::collections::BTreeMap;

/// Attributes whose value is one URL (HTML, SVG and the obsolete ones browsers still load).
const URL_ATTRIBUTES: &[&str] = &[
    "href",
    "src",
    "action",
    "formaction",
    "data",
    "xlink:href",
    "poster",
    "cite",
    "background",
    "longdesc",
    "codebase",
    "classid",
    "manifest",
    "icon",
    "lowsrc",
    "dynsrc",
    "usemap",
    "itemtype",
];

/// Attributes whose value is a list of `URL width` candidates.
const SRCSET_ATTRIBUTES: &[&str] = &["srcset", "imagesrcset"];

/// A URL found in raw HTML.
pub struct HtmlUrl<'a> {
    /// Decoded, as the browser would follow it.
    pub url: &'a str,
    /// Lines of the HTML before the tag it is in.
    pub line_offset: usize,
    /// Whether the browser loads it as a picture (`<img src>`, `srcset`, `poster`).
    pub is_image: bool,
}

/// Rewrites every URL in `html` with `rewrite` (which returns `None` to keep one as it is).
/// A tag with nothing to change is copied byte for byte; one with a change is written anew.
pub fn rewrite_html_urls(html: &str, mut rewrite: impl FnMut(HtmlUrl) -> Option<String>) -> String {
    let mut out = String::with_capacity(html.len());
    let mut copied = 0;
    for tag in start_tags(html) {
        let line_offset = html[..tag.span.start].matches('\n').count();
        let name = String::from_utf8_lossy(&tag.name).into_owned();
        let mut attributes: Vec<(String, String)> = tag
            .attributes
            .iter()
            .map(|(n, v)| (text(n), text(v)))
            .collect();
        let refresh = name == "meta"
            && attributes
                .iter()
                .any(|(n, v)| n == "http-equiv" && v.trim().eq_ignore_ascii_case("refresh"));
        let mut changed = false;
        for (attribute, value) in &mut attributes {
            let mut one = |url: &str, is_image: bool| {
                rewrite(HtmlUrl {
                    url,
                    line_offset,
                    is_image,
                })
            };
            let new = if URL_ATTRIBUTES.contains(&attribute.as_str()) {
                let is_image = matches!(
                    (name.as_str(), attribute.as_str()),
                    ("img" | "source" | "input", "src") | (_, "poster")
                );
                one(value, is_image)
            } else if SRCSET_ATTRIBUTES.contains(&attribute.as_str()) {
                rewrite_srcset(value, |url| one(url, true))
            } else if refresh && attribute == "content" {
                rewrite_refresh(value, |url| one(url, false))
            } else {
                None
            };
            if let Some(new) = new {
                *value = new;
                changed = true;
            }
        }
        if changed {
            out.push_str(&html[copied..tag.span.start]);
            write_tag(&mut out, &name, &attributes, tag.self_closing);
            copied = tag.span.end;
        }
    }
    out.push_str(&html[copied..]);
    out
}

/// Every `id` (and `<a name>`) in raw HTML: anchors other pages may link to.
pub fn html_ids(html: &str) -> Vec<String> {
    let mut ids = Vec::new();
    for tag in start_tags(html) {
        for (attribute, value) in &tag.attributes {
            if **attribute == *b"id" || (**attribute == *b"name" && *tag.name == *b"a") {
                ids.push(text(value));
            }
        }
    }
    ids
}

/// Each start tag in raw HTML as a browser reads it (not inside comments, quoted `>` kept in
/// its value): the byte offset of its `<`, its name, and its attributes (names in lower
/// case, values with entities decoded), by name.
pub fn tags(html: &str) -> impl Iterator<Item = (usize, String, Vec<(String, String)>)> + '_ {
    start_tags(html).map(|tag| {
        let attributes = tag
            .attributes
            .iter()
            .map(|(n, v)| (text(n), text(v)))
            .collect();
        (tag.span.start, text(&tag.name), attributes)
    })
}

struct Tag {
    name: HtmlString,
    attributes: BTreeMap<HtmlString, HtmlString>,
    self_closing: bool,
    span: std::ops::Range<usize>,
}

fn start_tags(html: &str) -> impl Iterator<Item = Tag> + '_ {
    let mut emitter = DefaultEmitter::<usize>::new_with_span();
    // Inside `<script>`, `<style>` and `<textarea>` a browser reads text, not tags.
    emitter.naively_switch_states(true);
    Tokenizer::new_with_emitter(html, emitter)
        .filter_map(Result::ok)
        .filter_map(|token| match token {
            Token::StartTag(tag) => {
                let Span { start, end } = tag.span;
                Some(Tag {
                    name: tag.name,
                    attributes: tag
                        .attributes
                        .into_iter()
                        .map(|(n, v)| (n, v.value))
                        .collect(),
                    self_closing: tag.self_closing,
                    span: start..end.min(html.len()),
                })
            }
            _ => None,
        })
        .filter(|tag| html.is_char_boundary(tag.span.start) && html.is_char_boundary(tag.span.end))
}

fn text(bytes: &HtmlString) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// `a.png 1x, b.png 2x`: each candidate's URL rewritten, its descriptor kept.
fn rewrite_srcset(value: &str, mut rewrite: impl FnMut(&str) -> Option<String>) -> Option<String> {
    let mut changed = false;
    let candidates: Vec<String> = value
        .split(',')
        .map(|candidate| {
            let candidate = candidate.trim();
            let (url, descriptor) = candidate
                .split_once(char::is_whitespace)
                .unwrap_or((candidate, ""));
            match rewrite(url) {
                Some(new) => {
                    changed = true;
                    format!("{new} {descriptor}").trim_end().to_string()
                }
                None => candidate.to_string(),
            }
        })
        .collect();
    changed.then(|| candidates.join(", "))
}

/// `<meta http-equiv=refresh content="0; url=…">`: the URL after the delay.
fn rewrite_refresh(value: &str, rewrite: impl FnOnce(&str) -> Option<String>) -> Option<String> {
    let (delay, rest) = value.split_once([';', ','])?;
    let rest = rest.trim_start();
    let url = match rest.get(..4) {
        Some(prefix) if prefix.eq_ignore_ascii_case("url=") => &rest[4..],
        _ => rest,
    };
    let url = url.trim().trim_matches(|c| c == '\'' || c == '"');
    rewrite(url).map(|new| format!("{delay}; url={new}"))
}

fn write_tag(out: &mut String, name: &str, attributes: &[(String, String)], self_closing: bool) {
    out.push('<');
    out.push_str(name);
    for (attribute, value) in attributes {
        out.push(' ');
        out.push_str(attribute);
        out.push_str("=\"");
        out.push_str(&html_escape::encode_double_quoted_attribute(value));
        out.push('"');
    }
    out.push_str(if self_closing { " />" } else { ">" });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn urls(html: &str) -> Vec<String> {
        let mut found = Vec::new();
        rewrite_html_urls(html, |url| {
            found.push(url.url.to_string());
            None
        });
        found
    }

    #[test]
    fn finds_urls_as_a_browser_reads_them() {
        let html = concat!(
            "<A HREF=javascript:alert(1)>x</A>",
            "<a href = \"java&#115;cript:1\">",
            "<a href='javascript&colon;2'>",
            "<form action=javascript:3><button formaction=javascript:4>",
            "<object data=javascript:5></object>",
            "<svg><a xlink:href=javascript:6></a></svg>",
            "<meta http-equiv=Refresh content=\"0;URL='javascript:7'\">",
            "<img srcset=\"a.png 1x, javascript:8 2x\">",
            "<video poster=javascript:9></video><blockquote cite=javascript:10>",
        );
        assert_eq!(
            urls(html),
            [
                "javascript:alert(1)",
                "javascript:1",
                "javascript:2",
                "javascript:3",
                "javascript:4",
                "javascript:5",
                "javascript:6",
                "javascript:7",
                "a.png",
                "javascript:8",
                "javascript:9",
                "javascript:10"
            ]
        );
        // Text and attributes that take no URL are not links.
        assert!(
            urls("<p data-href=\"/no\" title=\"href=x\">href=y</p><script>a='<a href=z>'</script>")
                .is_empty()
        );
    }

    #[test]
    fn rewrites_only_the_tags_it_changes() {
        let html = "<p id=top>See <a class=x HREF=own.md>own</a>\n<img src='x.png' alt=\"X\">";
        let out = rewrite_html_urls(html, |url| {
            assert_eq!(url.line_offset, usize::from(url.url == "x.png"));
            (url.url == "own.md").then(|| "own.html".to_string())
        });
        assert_eq!(
            out,
            "<p id=top>See <a class=\"x\" href=\"own.html\">own</a>\n<img src='x.png' alt=\"X\">"
        );
        assert_eq!(html_ids(html), ["top"]);
        let srcset = rewrite_html_urls("<img srcset=\"a.md 1x,b.png 2x\">", |url| {
            (url.url == "a.md").then(|| "a.html".into())
        });
        assert_eq!(srcset, "<img srcset=\"a.html 1x, b.png 2x\">");
    }

    #[test]
    fn tags_as_a_browser_reads_them() {
        let found: Vec<_> =
            tags(r#"x <img alt="a > b" SRC='x.png' hidden data-x=1><!-- <img src=y> -->"#)
                .collect();
        assert_eq!(
            found,
            [(
                2,
                "img".to_string(),
                vec![
                    ("alt".to_string(), "a > b".to_string()),
                    ("data-x".to_string(), "1".to_string()),
                    ("hidden".to_string(), String::new()),
                    ("src".to_string(), "x.png".to_string()),
                ]
            )]
        );
    }
}
