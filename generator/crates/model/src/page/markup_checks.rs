//! What a page's Markdown would show readers other than the editor meant, found while it
//! is rendered: raw HTML left open or closed twice (the theme's own blocks end up inside
//! it, or cut short), a comment never closed (browsers hide the rest of the page), table
//! cells past the table's columns and footnotes with no note (pulldown-cmark drops the one
//! and prints the other as written), and images with no text for screen readers.

use pulldown_cmark::{Event, Tag, TagEnd};
use signpost_base::html_scan;

/// Something in a page's Markdown that the page would show other than meant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkupProblem {
    /// The file line.
    pub line: usize,
    /// Only a warning: the page may mean it (a pattern such as `[^a-z]` looks like a
    /// footnote with no note).
    pub warning: bool,
    pub message: String,
    pub help: String,
}

impl MarkupProblem {
    pub fn error(line: usize, message: String, help: impl Into<String>) -> Self {
        Self {
            line,
            warning: false,
            message,
            help: help.into(),
        }
    }

    pub fn warning(line: usize, message: String, help: impl Into<String>) -> Self {
        Self {
            line,
            warning: true,
            message,
            help: help.into(),
        }
    }
}

/// What the checks found in one page.
#[derive(Debug, Default)]
pub struct MarkupFindings {
    pub problems: Vec<MarkupProblem>,
    /// Lines of images written with no text (`![](map.png)`), which `check` reports.
    pub images_without_text: Vec<usize>,
}

/// Follows a page's events as they are rendered; [`MarkupChecks::finish`] says what it found.
#[derive(Default)]
pub struct MarkupChecks {
    found: MarkupFindings,
    comments: CommentTracker,
    balance: HtmlBalance,
    /// The line of the text being read in one run (a reference such as `[^note]` may come
    /// in pieces), and the run's text, in a buffer kept from run to run.
    text_run: Option<usize>,
    text: String,
    footnote_refs: Vec<(usize, String)>,
    footnotes_defined: Vec<String>,
    in_code_block: bool,
    table_columns: usize,
    /// The image being read, with its line and the text written for it so far.
    image: Option<(usize, String)>,
}

impl MarkupChecks {
    /// Looks at one event: `source` is the Markdown it came from, `line` gives its file
    /// line (looked up only when needed).
    pub fn see(&mut self, event: &Event, source: &str, line: impl Fn() -> usize) {
        match event {
            Event::Start(Tag::CodeBlock(_)) => self.in_code_block = true,
            Event::End(TagEnd::CodeBlock) => self.in_code_block = false,
            Event::Start(Tag::Table(alignments)) => self.table_columns = alignments.len(),
            // pulldown-cmark leaves out cells past the table's columns, without a word.
            Event::Start(Tag::TableRow) => {
                let (cells, columns) = (row_cells(source), self.table_columns);
                if cells > columns {
                    self.found.problems.push(MarkupProblem::warning(
                        line(),
                        format!("this table row has {cells} cells, but the table has {columns} columns: readers do not see the extra ones"),
                        "add the column to the table's first row (and its `|---|` line), or join the cells",
                    ));
                }
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                self.footnotes_defined.push(label.to_string())
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                // What is inside a comment is not markup.
                let markup = self.comments.read(html, line());
                self.balance.read(&markup, line(), &mut self.found.problems);
            }
            Event::Start(Tag::Image { .. }) => self.image = Some((line(), String::new())),
            Event::End(TagEnd::Image) => {
                if let Some((at, text)) = self.image.take()
                    && text.trim().is_empty()
                {
                    self.found.images_without_text.push(at);
                }
            }
            _ => {}
        }
        if let (Event::Text(text) | Event::Code(text), Some((_, alt))) = (event, &mut self.image) {
            alt.push_str(text);
        }
        match event {
            Event::Text(text) if !self.in_code_block => {
                self.text_run.get_or_insert_with(line);
                self.text.push_str(text);
            }
            _ => self.end_text_run(),
        }
    }

    fn end_text_run(&mut self) {
        if let Some(at) = self.text_run.take() {
            // Most text has no `^`: one quick look spares searching it for `[^`.
            if self.text.contains('^') {
                self.footnote_refs
                    .extend(footnote_labels(&self.text).map(|label| (at, label)));
            }
            self.text.clear();
        }
    }

    /// What was found, once every event has been seen; `body` is the page's Markdown.
    pub fn finish(mut self, body: &str) -> MarkupFindings {
        self.end_text_run();
        if let Some(line) = self.comments.open {
            self.found.problems.push(MarkupProblem::error(
                line,
                "this HTML comment (`<!--`) is never closed".to_string(),
                "end it with `-->`: until then, browsers hide the rest of the page from readers",
            ));
        }
        // pulldown-cmark shows a reference to a note that is not there as the text
        // `[^note]`; written `\[^note]`, that is what the editor meant.
        for (line, label) in std::mem::take(&mut self.footnote_refs) {
            if !self.footnotes_defined.contains(&label) && !body.contains(&format!("\\[^{label}]"))
            {
                self.found.problems.push(MarkupProblem::warning(
                    line,
                    format!("the footnote `[^{label}]` has no note, so the page shows it as written"),
                    format!("add the note at the end of the page: `[^{label}]: The text of the note.` (or write `\\[^{label}]` if it is not a footnote)"),
                ));
            }
        }
        if let Some((name, raw, line)) = self.balance.open.first() {
            self.found.problems.push(MarkupProblem::error(
                *line,
                format!("`{raw}` is never closed with `</{name}>`"),
                "close it where it ends: until then the rest of the page, the page's owner and feedback blocks included, is inside it",
            ));
        }
        self.found
    }
}

/// The cells of a table row as written (`| a | b |` has two): split at every `|` but
/// `\|`, inside `code` too, as GitHub's tables (and pulldown-cmark) do.
fn row_cells(row: &str) -> usize {
    let row = row.trim();
    let row = row.strip_prefix('|').unwrap_or(row);
    let row = row
        .strip_suffix('|')
        .filter(|r| !r.ends_with('\\'))
        .unwrap_or(row);
    let (mut cells, mut escaped) = (1, false);
    for c in row.chars() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '|' => cells += 1,
            _ => {}
        }
    }
    cells
}

/// The labels of `[^label]` footnote references left as text.
fn footnote_labels(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split("[^").skip(1).filter_map(|rest| {
        let label = &rest[..rest.find(']')?];
        (!label.is_empty() && !label.contains(char::is_whitespace)).then(|| label.to_string())
    })
}

/// Block elements opened and closed in a page's raw HTML, in order.
#[derive(Default)]
struct HtmlBalance {
    /// (name in lower case, the start tag as written, line), innermost last.
    open: Vec<(String, String, usize)>,
    /// Inside a `script`, `style` or `textarea` (which may run over several lines, each
    /// read on its own): what it holds is not markup.
    raw_text_of: Option<String>,
}

/// Elements whose content is text, whatever it looks like.
const RAW_TEXT: &[&str] = &["script", "style", "textarea"];

/// The block elements followed: one left open takes in the rest of the page.
const CONTAINERS: &[&str] = &[
    "div",
    "section",
    "aside",
    "details",
    "article",
    "header",
    "footer",
    "figure",
    "nav",
    "table",
    "form",
    "fieldset",
    "blockquote",
];

impl HtmlBalance {
    fn read(&mut self, html: &str, line: usize, problems: &mut Vec<MarkupProblem>) {
        for token in html_scan::tokens(html) {
            if let Some(raw_text_of) = &self.raw_text_of {
                if let html_scan::Token::End { name, .. } = token
                    && name.eq_ignore_ascii_case(raw_text_of)
                {
                    self.raw_text_of = None;
                }
                continue;
            }
            match token {
                html_scan::Token::Start(tag) => {
                    let name = tag.name.to_ascii_lowercase();
                    if RAW_TEXT.contains(&name.as_str()) {
                        self.raw_text_of = Some(name);
                    } else if CONTAINERS.contains(&name.as_str()) {
                        self.open.push((name, tag.raw.to_string(), line));
                    }
                }
                html_scan::Token::End { name, raw } => {
                    let name = name.to_ascii_lowercase();
                    if !CONTAINERS.contains(&name.as_str()) {
                        continue;
                    }
                    match self.open.iter().rposition(|(open, _, _)| *open == name) {
                        Some(at) => self.open.truncate(at),
                        None => problems.push(MarkupProblem::error(
                            line,
                            format!("`{raw}` closes nothing this page opened"),
                            "remove it: it would close part of the page around the content",
                        )),
                    }
                }
                _ => {}
            }
        }
    }
}

/// Follows `<!--` and `-->` through a page's raw HTML, in order.
#[derive(Default)]
struct CommentTracker {
    /// Where the comment now open started.
    open: Option<usize>,
}

impl CommentTracker {
    /// Reads `html`, written at `line`; returns the parts of it outside comments.
    fn read(&mut self, mut html: &str, line: usize) -> String {
        let mut outside = String::new();
        loop {
            let marker = if self.open.is_some() { "-->" } else { "<!--" };
            let Some(at) = html.find(marker) else {
                if self.open.is_none() {
                    outside.push_str(html);
                }
                return outside;
            };
            if self.open.is_none() {
                outside.push_str(&html[..at]);
            }
            html = &html[at + marker.len()..];
            self.open = match self.open {
                Some(_) => None,
                // `<!-->` and `<!--->` are empty comments, closed where they open.
                None if html.starts_with('>') || html.starts_with("->") => {
                    html = &html[html.find('>').map_or(0, |end| end + 1)..];
                    None
                }
                None => Some(line),
            };
        }
    }
}
