//! Links in a page's Markdown and raw HTML: recorded for checking, and rewritten to where
//! their targets are in the built site.

use crate::link_target::{self, Link, LinkWriter};
use crate::page::markdown::Rendered;
use pulldown_cmark::{CowStr, Event, Tag};
use signpost_base::html_urls;
use std::path::Path;

/// Records links for checking and swaps in the output URL.
pub fn rewrite<'a>(
    event: Event<'a>,
    line: impl Fn() -> usize,
    page_source: &Path,
    writer: &dyn LinkWriter,
    out: &mut Rendered,
) -> Event<'a> {
    match event {
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            // `<a@b.org>` is an email autolink: pulldown-cmark gives the bare address, and
            // writes `mailto:` before it itself.
            let dest_url = match link_type {
                pulldown_cmark::LinkType::Email => {
                    let mailto = CowStr::from(format!("mailto:{dest_url}"));
                    record(mailto, line(), false, page_source, writer, out);
                    dest_url
                }
                _ => record(dest_url, line(), false, page_source, writer, out),
            };
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            })
        }
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let dest_url = record(dest_url, line(), true, page_source, writer, out);
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            })
        }
        Event::InlineHtml(html) => {
            Event::InlineHtml(raw_html(&html, line(), page_source, writer, out).into())
        }
        other => other,
    }
}

fn record<'a>(
    dest: CowStr<'a>,
    line: usize,
    is_image: bool,
    page_source: &Path,
    writer: &dyn LinkWriter,
    out: &mut Rendered,
) -> CowStr<'a> {
    let target = link_target::classify(&dest, page_source);
    let href = writer.href(&target);
    out.links.push(Link {
        target,
        written: dest.to_string(),
        line,
        is_image,
    });
    href.map_or(dest, CowStr::from)
}

/// Raw HTML from content passes through, with its links checked and rewritten like
/// Markdown links, and its ids counted as anchors.
pub fn raw_html(
    html: &str,
    line: usize,
    page_source: &Path,
    writer: &dyn LinkWriter,
    out: &mut Rendered,
) -> String {
    out.anchors.extend(html_urls::html_ids(html));
    html_urls::rewrite_html_urls(html, |found| {
        let target = link_target::classify(found.url, page_source);
        let href = writer.href(&target);
        out.links.push(Link {
            target,
            written: found.url.to_string(),
            line: line + found.line_offset,
            is_image: found.is_image,
        });
        href
    })
}
