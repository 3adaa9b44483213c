//! Markdown to HTML with pulldown-cmark: GitHub-style heading ids, links collected for
//! checking and rewritten to output paths, raw HTML passed through (content is trusted).

use crate::link_target::{Link, LinkWriter};
use crate::page::abbreviations::with_abbreviations;
use crate::page::headless_tables;
use crate::page::kramdown_syntax;
use crate::page::legacy_headings::fix_legacy_headings;
use crate::page::link_rewrite::{raw_html, rewrite};
use crate::page::markup_checks::{MarkupChecks, MarkupFindings, MarkupProblem};
use crate::page::old_ids::{OldIds, add_old_ids};
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use signpost_base::slug::{self, Ids};
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
    let kramdown = kramdown_syntax::read(&body);
    let headless = headless_tables::add_delimiter_rows(&kramdown.body);
    let body = headless.body;
    let lines = LineIndex::new(&body, headless.added_lines);
    let mut out = Rendered {
        legacy_heading_lines: legacy_lines.iter().map(|l| l + body_line - 1).collect(),
        ..Rendered::default()
    };
    // Sized from the text up front (about an event per 8 bytes of a typical page, HTML half
    // as long again as the Markdown): growing them page after page cost more than parsing.
    let mut events: Vec<Event> = Vec::with_capacity(body.len() / 8);
    out.html.reserve(body.len() * 3 / 2);
    let mut headings = Headings::new();
    let mut checks = MarkupChecks::default();
    let mut heading_problems = Vec::new();
    let mut in_headless_table = false;
    heading_problems.extend(kramdown.problems.into_iter().map(|mut problem| {
        problem.line += body_line - 1;
        problem
    }));
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
            headings.line = line();
        }
        if headings.heading.is_some() {
            match event {
                Event::End(TagEnd::Heading(_)) => {
                    headings.end(&mut events, &mut out, &mut heading_problems, title);
                }
                Event::Text(ref text) | Event::Code(ref text) => {
                    headings.text.push_str(text);
                    headings.events.push(event);
                }
                other => headings
                    .events
                    .push(rewrite(other, line, page_source, writer, &mut out)),
            }
            continue;
        }
        match event {
            Event::Start(Tag::Table(_)) if lines.headless_table(range.start) => {
                in_headless_table = true;
                heading_problems.push(MarkupProblem::warning(
                    line(),
                    "this table has no header row: screen reader users hear its cells without being told what each column holds".to_string(),
                    "if the first row names the columns, add a line `|---|` under it (one `---|` for each column); if not, add a first row that does, then that line",
                ));
                events.push(event);
            }
            // Every row of a table written without a header row stays in its body, as
            // kramdown showed it: an empty head (taken out below) and the first row.
            Event::Start(Tag::TableHead) if in_headless_table => {
                events.push(Event::Start(Tag::TableHead));
                events.push(Event::End(TagEnd::TableHead));
                events.push(Event::Start(Tag::TableRow));
            }
            Event::End(TagEnd::TableHead) if in_headless_table => {
                in_headless_table = false;
                events.push(Event::End(TagEnd::TableRow));
            }
            Event::Start(tag @ Tag::Heading { .. }) => headings.heading = Some(tag),
            Event::Start(Tag::FootnoteDefinition(ref label)) => {
                out.anchors.push(label.to_string());
                events.push(event);
            }
            Event::Start(Tag::Table(_)) => {
                events.push(Event::Html(table_scroll_start(out.headings.last()).into()));
                events.push(event);
            }
            Event::End(TagEnd::Table) => {
                events.push(event);
                events.push(Event::Html("</div>\n".into()));
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
    add_old_ids(&mut events, headings.old_ids, &mut out.anchors);
    if !kramdown.abbreviations.is_empty() {
        events = with_abbreviations(events, &kramdown.abbreviations);
    }
    pulldown_cmark::html::push_html(&mut out.html, events.into_iter());
    if !headless.tables.is_empty() {
        out.html = out.html.replace("<thead><tr></tr></thead>", "");
    }
    out.checks = checks.finish(&body);
    out.checks.problems.extend(heading_problems);
    out
}

/// The heading being read: its id is only known once its text is, so its events are held
/// until its end.
#[derive(Default)]
struct Headings<'a> {
    heading: Option<Tag<'a>>,
    events: Vec<Event<'a>>,
    text: String,
    line: usize,
    first_seen: bool,
    ids: Ids,
    /// Where each heading's text starts in the page's events (none for the title, which
    /// the theme shows), its level, its text and its id.
    old_ids: Vec<OldIds>,
}

impl<'a> Headings<'a> {
    fn new() -> Self {
        Self {
            ids: Ids::for_page(),
            ..Self::default()
        }
    }

    /// The heading's end: gives it its id (reporting ids that cannot be kept) and puts it
    /// in `events`, or leaves it out when it is the title the theme shows.
    fn end(
        &mut self,
        events: &mut Vec<Event<'a>>,
        out: &mut Rendered,
        problems: &mut Vec<MarkupProblem>,
        title: Option<&str>,
    ) {
        let Some(Tag::Heading {
            level,
            id,
            classes,
            attrs,
        }) = self.heading.take()
        else {
            unreachable!("only headings are held")
        };
        let text = self.text.trim().to_string();
        // `{#travel rules}` reads as the id `travel` and an attribute `rules`.
        if let (Some(written), Some((stray, None))) = (&id, attrs.first()) {
            problems.push(MarkupProblem::error(
                self.line,
                format!("`{{#{written} {stray}}}`: an id cannot have spaces"),
                format!("write `{{#{written}-{stray}}}`"),
            ));
        }
        let wanted = id
            .as_ref()
            .map_or_else(|| slug::slugify(&text), |id| id.to_string());
        let unique = self.ids.unique(&wanted);
        // An id written by hand is a promise that links to it land here.
        if id.is_some() && unique != wanted {
            problems.push(MarkupProblem::error(
                self.line,
                format!(
                    "`{{#{wanted}}}` is already the id of another heading or part of this page"
                ),
                "give this heading an id of its own",
            ));
        }
        // An id written by hand was the old engine's id too.
        let id_written = id.is_some();
        let id = unique;
        let is_first = !self.first_seen;
        self.first_seen = true;
        if is_first {
            out.first_heading = Some(text.clone());
            if level == HeadingLevel::H1 && title.is_none_or(|t| t.trim() == text) {
                // The theme shows the title as the page's h1.
                self.events.clear();
                self.old_ids.push(OldIds {
                    at: events.len(),
                    is_title: true,
                    id_written,
                    level: 1,
                    text: text.clone(),
                    id: id.clone(),
                });
                self.text.clear();
                out.anchors.push(id);
                return;
            }
        }
        if level == HeadingLevel::H1 {
            out.second_h1_lines.push(self.line);
        }
        out.headings.push(Heading {
            level: level as u8,
            text,
            id: id.clone(),
        });
        out.anchors.push(id.clone());
        self.old_ids.push(OldIds {
            at: events.len() + 1,
            is_title: false,
            id_written,
            level: level as u8,
            text: self.text.trim().to_string(),
            id: id.clone(),
        });
        events.push(Event::Start(Tag::Heading {
            level,
            id: Some(id.into()),
            classes,
            attrs,
        }));
        events.append(&mut self.events);
        events.push(Event::End(TagEnd::Heading(level)));
        self.text.clear();
    }
}

/// Opens the region a table scrolls in when it is wider than the screen: focusable, so
/// keyboard users can scroll it, and named by the heading the table is under.
fn table_scroll_start(heading: Option<&Heading>) -> String {
    let name = match heading {
        Some(h) => format!(
            "aria-labelledby=\"{}\"",
            html_escape::encode_double_quoted_attribute(&h.id)
        ),
        None => "aria-label=\"Table\"".to_string(),
    };
    format!("<div class=\"table-scroll\" role=\"region\" {name} tabindex=\"0\">\n")
}

/// Lines as the editor wrote them: the text's lines less those added to it (see
/// headless_tables.rs).
struct LineIndex {
    lines: signpost_base::line_index::LineIndex,
    /// Lines added to the text as written, sorted.
    added: Vec<usize>,
}

impl LineIndex {
    fn new(text: &str, added: Vec<usize>) -> Self {
        let lines = signpost_base::line_index::LineIndex::new(text);
        Self { lines, added }
    }

    /// The line, as the editor wrote the text, of a byte offset in it.
    fn line(&self, offset: usize) -> usize {
        let line = self.lines.line(offset);
        line - self.added.partition_point(|&added| added <= line)
    }

    /// Whether the table starting at `offset` was written without a header row.
    fn headless_table(&self, offset: usize) -> bool {
        let line = self.lines.line(offset);
        self.added.binary_search(&(line + 1)).is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::link_target::LinkTarget;

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
    fn tables_without_a_header_row_are_tables_with_every_row_in_the_body() {
        let r = render_body(
            "Intro\n\n|[Remote](remote.md)|All users|\n|B|C|\n\nAfter [x](x.md)\n",
            Some("T"),
        );
        assert!(
            r.html.contains("<table><tbody>\n<tr><td><a href=\"travel/remote.html\">Remote</a></td><td>All users</td></tr>\n<tr><td>B</td><td>C</td></tr>"),
            "{}",
            r.html
        );
        assert!(!r.html.contains("<th"));
        // Lines are still the lines as written.
        let lines: Vec<usize> = r.links.iter().map(|l| l.line).collect();
        assert_eq!(lines, [7, 10]);
        assert_eq!(r.checks.problems.len(), 1);
        assert_eq!(r.checks.problems[0].line, 7);
    }

    #[test]
    fn kramdown_attribute_lists_and_abbreviations() {
        let r = render_body(
            "## Steps\n{: #the-steps}\n\nThe API and APIs.\n\n```\nAPI\n```\n\n*[API]: Application <Programming> Interface\n",
            Some("T"),
        );
        assert!(
            r.html.contains(r#"<h2 id="the-steps">Steps</h2>"#),
            "{}",
            r.html
        );
        assert!(r.html.contains(r#"The <abbr title="Application &lt;Programming&gt; Interface">API</abbr> and APIs."#), "{}", r.html);
        assert!(r.html.contains("<code>API\n</code>"));
        assert!(!r.html.contains("*["));
    }

    #[test]
    fn old_engines_heading_ids_are_kept_as_extra_anchors() {
        let r = render_body(
            "## Load / stress testing\n\n## 5. Network events\n\nMail <team@example.org>\n",
            Some("T"),
        );
        assert!(
            r.html.contains(
                r#"<h2 id="load--stress-testing"><span id="load-stress-testing"></span>"#
            ),
            "{}",
            r.html
        );
        assert!(r.html.contains(r#"<span id="network-events"></span>"#));
        assert!(r.html.contains(r#"href="mailto:team@example.org""#));
        assert!(r.anchors.contains(&"load-stress-testing".to_string()));
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
    fn tables_scroll_in_a_focusable_region_named_by_their_heading() {
        let r = render_body(
            "| a | b |\n|---|---|\n| 1 | 2 |\n\n## Who approves\n\n| c |\n|---|\n| 3 |\n",
            Some("T"),
        );
        assert!(
            r.html.starts_with(
                "<div class=\"table-scroll\" role=\"region\" aria-label=\"Table\" tabindex=\"0\">\n<table>"
            ),
            "{}",
            r.html
        );
        assert!(
            r.html.contains(
                "<div class=\"table-scroll\" role=\"region\" aria-labelledby=\"who-approves\" tabindex=\"0\">\n<table>"
            ),
            "{}",
            r.html
        );
        assert_eq!(r.html.matches("</table>\n</div>").count(), 2, "{}", r.html);
    }

    #[test]
    fn raw_html_passes_through_and_counts_ids() {
        let r = render_body("<div id=\"box\"><b>bold</b></div>\n", Some("T"));
        assert!(r.html.contains("<div id=\"box\"><b>bold</b></div>"));
        assert!(r.anchors.contains(&"box".to_string()));
    }
}
