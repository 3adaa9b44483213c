//! The readable text of a rendered page body, split at its `h2` headings: what site search
//! indexes. Scripts, styles and the wizard's mount point are not text a reader sees.
//!
//! Two readers fill the same sections: [`from_events`] reads a page's Markdown events as they
//! are rendered (cheap, and what almost every page takes), and [`sections`] parses the
//! rendered HTML (for pages whose raw HTML or shortcodes the events do not show).

use lol_html::html_content::{Element, TextChunk};
use lol_html::{HtmlRewriter, Settings, doc_text, element, end_tag};
use pulldown_cmark::{Event, HeadingLevel, Tag, TagEnd};
use std::cell::RefCell;
use std::rc::Rc;

/// One part of a page: the text before the first `h2` (no heading), or an `h2` and the
/// text up to the next one.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TextSection {
    pub heading: String,
    /// The heading's `id` (empty for the text before the first heading).
    pub id: String,
    /// The text, whitespace collapsed to single spaces.
    pub text: String,
}

/// Elements whose content is not read as text (and `section.wizard`, `[hidden]`).
const SKIPPED: &[&str] = &["script", "style", "template", "noscript"];

/// Elements that separate words: their start adds a space, so `<li>a</li><li>b</li>`
/// reads `a b`, not `ab`.
const BLOCKS: &[&str] = &[
    "p",
    "li",
    "dt",
    "dd",
    "td",
    "th",
    "tr",
    "br",
    "div",
    "section",
    "blockquote",
    "pre",
    "ul",
    "ol",
    "dl",
    "table",
    "h1",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "figcaption",
    "details",
    "summary",
];

fn is_skipped(el: &Element) -> bool {
    let name = el.tag_name();
    SKIPPED.contains(&name.as_str())
        || el.has_attribute("hidden")
        || (name == "section"
            && el
                .get_attribute("class")
                .is_some_and(|c| c.split_whitespace().any(|c| c == "wizard")))
}

#[derive(Default)]
struct State {
    sections: Vec<TextSection>,
    current: TextSection,
    in_heading: bool,
    skip_depth: usize,
    /// Raw text of the node being read (entities still encoded; chunks can split one).
    pending: String,
}

impl State {
    fn push_text(&mut self, decoded: &str) {
        let target = if self.in_heading {
            &mut self.current.heading
        } else {
            &mut self.current.text
        };
        push_collapsed(target, decoded);
    }

    fn space(&mut self) {
        if !self.in_heading && !self.current.text.ends_with(' ') {
            self.current.text.push(' ');
        }
    }

    fn finish(mut self) -> Vec<TextSection> {
        let last = std::mem::take(&mut self.current);
        self.sections.push(last);
        for section in &mut self.sections {
            section.heading = section.heading.trim().to_string();
            section.text = section.text.trim().to_string();
        }
        // An empty lead-in (a page that starts with a heading) is not a section.
        if self.sections.len() > 1 && self.sections[0].text.is_empty() {
            self.sections.remove(0);
        }
        self.sections
    }
}

/// Appends `text` to `out` with runs of whitespace as one space.
fn push_collapsed(out: &mut String, text: &str) {
    if !text.is_ascii() {
        for (i, word) in text.split(char::is_whitespace).enumerate() {
            if i > 0 && !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
            out.push_str(word);
        }
        return;
    }
    // ASCII (almost always): copied in runs, broken only where whitespace is not already a
    // single space after a word. Search reads every page, so this is worth the care.
    let mut after_space = out.is_empty() || out.ends_with(' ');
    let mut run_start = 0;
    for (i, &b) in text.as_bytes().iter().enumerate() {
        // The ASCII characters `char::is_whitespace` matches.
        if !matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r') {
            after_space = false;
        } else if b == b' ' && !after_space {
            after_space = true;
        } else {
            out.push_str(&text[run_start..i]);
            if !after_space {
                out.push(' ');
                after_space = true;
            }
            run_start = i + 1;
        }
    }
    out.push_str(&text[run_start..]);
}

/// Splits a page body into its sections of plain text.
pub fn sections(body_html: &str) -> Vec<TextSection> {
    let state = Rc::new(RefCell::new(State::default()));
    let (elements, texts) = (state.clone(), state.clone());
    // One handler for every element, deciding by tag name: far cheaper for lol_html than
    // matching a long list of selectors against each element, and search reads every page.
    let settings = Settings::new()
        .append_element_content_handler(element!("*", move |el: &mut Element| {
            let name = el.tag_name();
            if is_skipped(el) {
                if el.can_have_content() {
                    elements.borrow_mut().skip_depth += 1;
                    let skip = elements.clone();
                    el.on_end_tag(end_tag!(move |_end| {
                        skip.borrow_mut().skip_depth -= 1;
                        Ok(())
                    }))?;
                }
                return Ok(());
            }
            if BLOCKS.contains(&name.as_str()) {
                elements.borrow_mut().space();
            }
            if name == "h2" && elements.borrow().skip_depth == 0 {
                let mut s = elements.borrow_mut();
                let next = TextSection {
                    id: el.get_attribute("id").unwrap_or_default(),
                    ..TextSection::default()
                };
                let done = std::mem::replace(&mut s.current, next);
                s.sections.push(done);
                s.in_heading = true;
                drop(s);
                let heading = elements.clone();
                el.on_end_tag(end_tag!(move |_end| {
                    heading.borrow_mut().in_heading = false;
                    Ok(())
                }))?;
            }
            Ok(())
        }))
        .append_document_content_handler(doc_text!(move |chunk: &mut TextChunk| {
            let mut s = texts.borrow_mut();
            s.pending.push_str(chunk.as_str());
            if chunk.last_in_text_node() {
                let raw = std::mem::take(&mut s.pending);
                if s.skip_depth == 0 {
                    let decoded = html_escape::decode_html_entities(&raw);
                    s.push_text(&decoded);
                }
            }
            Ok(())
        }));
    // Only the handlers matter: the rewritten HTML goes nowhere. The body is our own
    // rendering; should it ever fail to parse, search simply has less.
    let mut rewriter = HtmlRewriter::new(settings, |_: &[u8]| {});
    let _ = rewriter
        .write(body_html.as_bytes())
        .and_then(|()| rewriter.end());
    let state = std::mem::take(&mut *state.borrow_mut());
    state.finish()
}

/// The same sections as [`sections`] would read from the HTML these events render to, or
/// `None` when the events hold what only the HTML shows (raw HTML, footnote numbers).
pub fn from_events(events: &[Event]) -> Option<Vec<TextSection>> {
    let mut state = State::default();
    // Image descriptions are attributes in the HTML, not text.
    let mut in_image = 0usize;
    for event in events {
        match event {
            Event::Html(_) | Event::InlineHtml(_) | Event::FootnoteReference(_) => return None,
            Event::InlineMath(_) | Event::DisplayMath(_) => return None,
            Event::Start(Tag::Image { .. }) => in_image += 1,
            Event::End(TagEnd::Image) => in_image -= 1,
            _ if in_image > 0 => {}
            Event::Start(Tag::Heading {
                level: HeadingLevel::H2,
                id,
                ..
            }) => {
                let next = TextSection {
                    id: id.as_deref().unwrap_or_default().to_string(),
                    ..TextSection::default()
                };
                let done = std::mem::replace(&mut state.current, next);
                state.sections.push(done);
                state.in_heading = true;
            }
            Event::End(TagEnd::Heading(HeadingLevel::H2)) => state.in_heading = false,
            // The tags rendered as elements in BLOCKS.
            Event::Start(
                Tag::Paragraph
                | Tag::Heading { .. }
                | Tag::BlockQuote(_)
                | Tag::CodeBlock(_)
                | Tag::List(_)
                | Tag::Item
                | Tag::Table(_)
                | Tag::TableHead
                | Tag::TableRow
                | Tag::TableCell
                | Tag::DefinitionList
                | Tag::DefinitionListTitle
                | Tag::DefinitionListDefinition,
            )
            | Event::Rule
            | Event::HardBreak => state.space(),
            Event::Text(text) | Event::Code(text) => state.push_text(text),
            Event::SoftBreak => state.push_text("\n"),
            _ => {}
        }
    }
    Some(state.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_at_h2_and_reads_text() {
        let html = "<p>Intro &amp; more</p><ul><li>one</li><li>two</li></ul>\
                    <h2 id=\"part-two\">Part <em>Two</em></h2><p>Fill in\n  the form.</p>\
                    <h3 id=\"x\">Steps</h3><p>Send it.</p>";
        let sections = sections(html);
        assert_eq!(sections.len(), 2);
        assert_eq!(sections[0].heading, "");
        assert_eq!(sections[0].text, "Intro & more one two");
        assert_eq!(sections[1].heading, "Part Two");
        assert_eq!(sections[1].id, "part-two");
        assert_eq!(sections[1].text, "Fill in the form. Steps Send it.");
    }

    #[test]
    fn leaves_out_scripts_and_the_wizard() {
        let html = "<h2 id=\"a\">A</h2><section class=\"wizard\"><p>checker note</p></section>\
                    <script type=\"application/json\">{\"secret\":1}</script><p>kept</p>";
        let sections = sections(html);
        assert_eq!(sections.len(), 1, "{sections:?}");
        assert_eq!(sections[0].text, "kept");
    }

    #[test]
    fn every_kind_of_whitespace_is_one_space() {
        let mut out = String::new();
        push_collapsed(&mut out, "  a\t\x0b b\r\n");
        push_collapsed(&mut out, "c\u{a0}\u{2003}d ");
        push_collapsed(&mut out, " e  f\tg h");
        assert_eq!(out, "a b c d e f g h");
        let mut out = "x".to_string();
        push_collapsed(&mut out, " y");
        assert_eq!(out, "x y");
    }

    #[test]
    fn text_that_looks_like_markup_stays_text() {
        let sections = sections("<p>&lt;img src=x onerror=alert(1)&gt;</p>");
        assert_eq!(sections[0].text, "<img src=x onerror=alert(1)>");
    }

    /// Both readers must agree, or a page's search text would depend on how it was read.
    #[test]
    fn events_read_the_same_text_as_the_html() {
        let markdown = "Intro with *emphasis*, `code` and a [link](a.md).\nSoft break.  \nHard break.\n\n\
                        # Big heading\n\n\
                        ## Part *Two* {#part-two}\n\n\
                        - one\n- two\n  - nested\n\n\
                        1. first\n2. [ ] task\n\n\
                        > quoted\n> text\n\n\
                        | A | B |\n|---|---|\n| 1 & 2 | <3 |\n\n\
                        ```\nlet x = 1;\n```\n\n\
                        ![a picture](p.png) after the picture\n\n---\n\n\
                        ### Steps\n\nSend ~~it~~ &amp; wait.\n\n## Next\n\nEnd.";
        let events: Vec<Event> =
            pulldown_cmark::Parser::new_ext(markdown, crate::markdown::options()).collect();
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, events.iter().cloned());
        assert_eq!(from_events(&events), Some(sections(&html)), "{html}");
    }

    #[test]
    fn events_with_raw_html_are_left_to_the_html_reader() {
        let events: Vec<Event> =
            pulldown_cmark::Parser::new_ext("<div>x</div>\n\ny", crate::markdown::options())
                .collect();
        assert_eq!(from_events(&events), None);
    }
}
