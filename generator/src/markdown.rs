//! Markdown to HTML with pulldown-cmark: GitHub-style heading ids, links collected for
//! checking and rewritten to output paths, raw HTML passed through (content is trusted).

use crate::html_urls;
use crate::links::{self, Link, LinkTarget};
use crate::markup_checks::{MarkupChecks, MarkupFindings, MarkupProblem};
use crate::slug::{self, Ids};
use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::path::Path;

#[derive(Debug, Clone, serde::Serialize)]
pub struct Heading {
    pub level: u8,
    pub text: String,
    pub id: String,
}

/// What one page's Markdown turned into.
#[derive(Debug, Default)]
pub struct Rendered {
    pub html: String,
    pub headings: Vec<Heading>,
    /// Every id on the page a link could point at (headings, raw HTML ids, footnotes).
    pub anchors: Vec<String>,
    pub links: Vec<Link>,
    /// The first heading's text, used as the title when front matter has none. A first
    /// level-1 heading is left out of `html` when it is (or duplicates) the title, since the
    /// theme prints the title as the page's h1.
    pub first_heading: Option<String>,
    /// Lines that had `#Heading` without a space (fixed here; `check` reports them).
    pub legacy_heading_lines: Vec<usize>,
    /// What the Markdown would show readers other than meant: `{#id}`s that cannot be kept
    /// as written, and what markup_checks.rs finds.
    pub checks: MarkupFindings,
    /// Lines of `# Headings` kept in the body: the page's title is its `h1` already, so each
    /// is a second one (`check` reports them).
    pub second_h1_lines: Vec<usize>,
}

/// How links are written into the HTML; the caller knows the site's layout.
pub trait LinkWriter {
    /// The URL to emit for a link, or `None` to keep it as written.
    fn href(&self, target: &LinkTarget) -> Option<String>;
}

pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Renders a page body. `body_line` is the file line the body starts on, `title` the front
/// matter title if any.
pub fn render(
    body: &str,
    body_line: usize,
    page_source: &Path,
    title: Option<&str>,
    writer: &dyn LinkWriter,
) -> Rendered {
    let (body, legacy_lines) = fix_legacy_headings(body);
    let lines = LineIndex::new(&body);
    let mut out = Rendered {
        legacy_heading_lines: legacy_lines.iter().map(|l| l + body_line - 1).collect(),
        ..Rendered::default()
    };
    let mut ids = Ids::for_page();
    // Sized from the text up front (about an event per 8 bytes of a typical page, HTML half
    // as long again as the Markdown): growing them page after page cost more than parsing.
    let mut events: Vec<Event> = Vec::with_capacity(body.len() / 8);
    out.html.reserve(body.len() * 3 / 2);
    // The heading being read: its id is only known once its text is.
    let mut heading: Option<Tag> = None;
    let mut heading_events: Vec<Event> = Vec::new();
    let mut heading_text = String::new();
    let mut first_heading_seen = false;
    let mut checks = MarkupChecks::default();
    let mut heading_line = 0;
    let mut heading_problems = Vec::new();
    // A block of raw HTML comes a line at a time, and a tag may run over lines: the block is
    // read whole, from the line it starts on.
    let mut html_block: Option<(String, usize)> = None;

    for (event, range) in Parser::new_ext(&body, options()).into_offset_iter() {
        // Lines are looked up only for the few events that need one (links, raw HTML).
        let line = || lines.line(range.start) + body_line - 1;
        checks.see(&event, &body[range.clone()], line);
        if let Event::Html(html) = &event {
            html_block
                .get_or_insert_with(|| (String::new(), line()))
                .0
                .push_str(html);
            continue;
        }
        if let Some((html, first_line)) = html_block.take() {
            let html = raw_html(&html, first_line, page_source, writer, &mut out);
            // Blocks of HTML never sit inside a heading.
            events.push(Event::Html(html.into()));
        }
        if let Event::Start(Tag::Heading { .. }) = &event {
            heading_line = line();
        }
        if heading.is_some() {
            match event {
                Event::End(TagEnd::Heading(_)) => {
                    let Some(Tag::Heading {
                        level,
                        id,
                        classes,
                        attrs,
                    }) = heading.take()
                    else {
                        unreachable!("only headings are held")
                    };
                    let text = heading_text.trim().to_string();
                    // `{#travel rules}` reads as the id `travel` and an attribute `rules`.
                    if let (Some(written), Some((stray, None))) = (&id, attrs.first()) {
                        heading_problems.push(MarkupProblem::error(
                            heading_line,
                            format!("`{{#{written} {stray}}}`: an id cannot have spaces"),
                            format!("write `{{#{written}-{stray}}}`"),
                        ));
                    }
                    let wanted = id
                        .as_ref()
                        .map_or_else(|| slug::slugify(&text), |id| id.to_string());
                    let unique = ids.unique(&wanted);
                    // An id written by hand is a promise that links to it land here.
                    if id.is_some() && unique != wanted {
                        heading_problems.push(MarkupProblem::error(
                            heading_line,
                            format!("`{{#{wanted}}}` is already the id of another heading or part of this page"),
                            "give this heading an id of its own",
                        ));
                    }
                    let id = unique;
                    let is_first = !first_heading_seen;
                    first_heading_seen = true;
                    if is_first {
                        out.first_heading = Some(text.clone());
                        if level == HeadingLevel::H1 && title.is_none_or(|t| t.trim() == text) {
                            // The theme shows the title as the page's h1.
                            heading_events.clear();
                            heading_text.clear();
                            out.anchors.push(id);
                            continue;
                        }
                    }
                    if level == HeadingLevel::H1 {
                        out.second_h1_lines.push(heading_line);
                    }
                    out.headings.push(Heading {
                        level: level as u8,
                        text,
                        id: id.clone(),
                    });
                    out.anchors.push(id.clone());
                    events.push(Event::Start(Tag::Heading {
                        level,
                        id: Some(id.into()),
                        classes,
                        attrs,
                    }));
                    events.append(&mut heading_events);
                    events.push(Event::End(TagEnd::Heading(level)));
                    heading_text.clear();
                }
                Event::Text(ref text) | Event::Code(ref text) => {
                    heading_text.push_str(text);
                    heading_events.push(event);
                }
                other => heading_events.push(rewrite(other, line, page_source, writer, &mut out)),
            }
            continue;
        }
        match event {
            Event::Start(tag @ Tag::Heading { .. }) => heading = Some(tag),
            Event::Start(Tag::FootnoteDefinition(ref label)) => {
                out.anchors.push(label.to_string());
                events.push(event);
            }
            other => {
                let event = rewrite(other, line, page_source, writer, &mut out);
                events.push(event);
            }
        }
    }
    if let Some((html, first_line)) = html_block.take() {
        let html = raw_html(&html, first_line, page_source, writer, &mut out);
        events.push(Event::Html(html.into()));
    }
    pulldown_cmark::html::push_html(&mut out.html, events.into_iter());
    out.checks = checks.finish(&body);
    out.checks.problems.extend(heading_problems);
    out
}

/// Records links for checking and swaps in the output URL.
fn rewrite<'a>(
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
            let dest_url = record(dest_url, line(), false, page_source, writer, out);
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
    let target = links::classify(&dest, page_source);
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
fn raw_html(
    html: &str,
    line: usize,
    page_source: &Path,
    writer: &dyn LinkWriter,
    out: &mut Rendered,
) -> String {
    out.anchors.extend(html_urls::html_ids(html));
    html_urls::rewrite_html_urls(html, |found| {
        let target = links::classify(found.url, page_source);
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

/// `#Heading` (no space) was accepted by the old publishing tool; CommonMark needs the space.
/// Returns the fixed text and the body lines (1-based) that needed it. Code blocks are left
/// alone.
pub fn fix_legacy_headings(body: &str) -> (std::borrow::Cow<'_, str>, Vec<usize>) {
    let mut fixed_lines = Vec::new();
    let mut in_fence: Option<char> = None;
    for (index, line) in body.lines().enumerate() {
        let trimmed = line.trim_start();
        for (fence, c) in [("```", '`'), ("~~~", '~')] {
            if trimmed.starts_with(fence) {
                in_fence = if in_fence == Some(c) {
                    None
                } else {
                    in_fence.or(Some(c))
                };
            }
        }
        if in_fence.is_none() && line.starts_with('#') && legacy_heading_hashes(line).is_some() {
            fixed_lines.push(index + 1);
        }
    }
    if fixed_lines.is_empty() {
        return (std::borrow::Cow::Borrowed(body), fixed_lines);
    }
    // Most pages have none, so the copy is made only when one was found.
    let mut out = String::with_capacity(body.len() + fixed_lines.len());
    for (index, line) in body.split_inclusive('\n').enumerate() {
        match legacy_heading_hashes(line)
            .filter(|_| fixed_lines.binary_search(&(index + 1)).is_ok())
        {
            Some(hashes) => {
                out.push_str(&line[..hashes]);
                out.push(' ');
                out.push_str(&line[hashes..]);
            }
            None => out.push_str(line),
        }
    }
    (std::borrow::Cow::Owned(out), fixed_lines)
}

/// The number of `#` when `line` is a heading written without its space (`##Contacts`).
fn legacy_heading_hashes(line: &str) -> Option<usize> {
    let hashes = line.bytes().take_while(|b| *b == b'#').count();
    let next = line[hashes..].chars().next();
    ((1..=6).contains(&hashes) && next.is_some_and(|c| !c.is_whitespace() && c != '#'))
        .then_some(hashes)
}

/// Byte offset to line number, by binary search over line starts.
struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    fn new(text: &str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Self { starts }
    }

    fn line(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(index) => index + 1,
            Err(index) => index,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct KeepLinks;
    impl LinkWriter for KeepLinks {
        fn href(&self, target: &LinkTarget) -> Option<String> {
            match target {
                LinkTarget::Internal { path, fragment } => Some(format!(
                    "{}{}",
                    path.with_extension("html").display(),
                    fragment
                        .as_ref()
                        .map(|f| format!("#{f}"))
                        .unwrap_or_default()
                )),
                _ => None,
            }
        }
    }

    fn render_body(body: &str, title: Option<&str>) -> Rendered {
        render(body, 5, Path::new("travel/page.md"), title, &KeepLinks)
    }

    #[test]
    fn headings_get_github_ids_custom_ids_and_unique_ids() {
        let r = render_body(
            "## Part Two\n\n## Part Two\n\n### Steps {#the-steps}\n",
            Some("T"),
        );
        let ids: Vec<&str> = r.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["part-two", "part-two-1", "the-steps"]);
        assert!(r.html.contains(r#"<h2 id="part-two">Part Two</h2>"#));
        assert!(r.html.contains(r#"<h3 id="the-steps">Steps</h3>"#));
    }

    #[test]
    fn legacy_headings_render_and_are_reported() {
        let r = render_body(
            "#Accessing systems\n\n##Contacts\n\n```\n#!/bin/sh\n```\n",
            None,
        );
        assert_eq!(r.first_heading.as_deref(), Some("Accessing systems"));
        assert!(r.html.contains(r#"<h2 id="contacts">Contacts</h2>"#));
        assert!(
            !r.html.contains("<h1"),
            "the title h1 is the theme's: {}",
            r.html
        );
        assert!(r.html.contains("#!/bin/sh"));
        assert_eq!(r.legacy_heading_lines, vec![5, 7]);
    }

    #[test]
    fn links_are_recorded_with_lines_and_rewritten() {
        let r = render_body(
            "Intro\n\nSee [other](../devices/own.md#rules) and <a href=\"/gs/form.docx\">form</a>.\n",
            Some("T"),
        );
        assert_eq!(r.links.len(), 2);
        assert_eq!(r.links[0].line, 7);
        assert!(
            r.html.contains(r#"href="devices/own.html#rules""#),
            "{}",
            r.html
        );
    }

    #[test]
    fn gfm_extensions() {
        let r = render_body(
            "| a | b |\n|---|---|\n| 1 | 2 |\n\n~~old~~\n\n- [x] done\n\nNote[^1]\n\n[^1]: A footnote.\n",
            Some("T"),
        );
        assert!(r.html.contains("<table>"));
        assert!(r.html.contains("<del>old</del>"));
        assert!(r.html.contains("checkbox"));
        assert!(r.html.contains("footnote-definition"));
        assert!(r.anchors.contains(&"1".to_string()));
    }

    #[test]
    fn raw_html_passes_through_and_counts_ids() {
        let r = render_body("<div id=\"box\"><b>bold</b></div>\n", Some("T"));
        assert!(r.html.contains("<div id=\"box\"><b>bold</b></div>"));
        assert!(r.anchors.contains(&"box".to_string()));
    }
}
