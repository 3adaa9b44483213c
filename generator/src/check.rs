//! `signpost check`: everything `build` validates, without writing a site, plus the lints an
//! editor (or the security team's CI) wants before publishing: review dates past or near,
//! pages without an owner, links to other sites, images and scripts hosted elsewhere (they do
//! not work in an offline copy), `#Heading` without its space, mojibake, retired mailboxes,
//! and pages with the same title or address.
//!
//! Nothing is written where anyone would see it: the site is rendered into a temporary folder
//! that is thrown away, so problems only rendering finds (a template failing on one page) are
//! reported too.

use crate::build;
use crate::config::RetiredEmail;
use crate::dates::PageDate;
use crate::diagnostics::{Diagnostic, Severity};
use crate::front_matter;
use crate::links::LinkTarget;
use crate::markdown;
use crate::mojibake;
use crate::page::{Page, PageKind};
use crate::review::{self, ReviewStatus};
use crate::site::Site;
use anstyle::{AnsiColor, Style};
use chrono::NaiveDate;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, HashSet};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

pub struct CheckOptions {
    pub content_dir: PathBuf,
    /// The date review dates are checked against.
    pub today: NaiveDate,
    /// "Due soon" window in days; the site's `review_due_soon_days` when `None`.
    pub due_within: Option<u32>,
}

/// What kind of finding this is: stable names for CI to filter on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Lint {
    /// Anything `build` itself reports: front matter, shortcodes, templates, data.
    Build,
    /// A link or `#anchor` that goes nowhere.
    Link,
    /// A decision flow that fails `signpost flow check`.
    Flow,
    ReviewOverdue,
    ReviewDueSoon,
    ReviewDateMissing,
    ReviewDateWrong,
    OwnerMissing,
    ExternalLink,
    RemoteResource,
    LegacyHeading,
    ImageTextMissing,
    SecondH1,
    SummaryLong,
    Mojibake,
    RetiredEmail,
    DuplicateTitle,
    DuplicatePath,
}

impl Lint {
    pub fn name(self) -> &'static str {
        match self {
            Lint::Build => "build",
            Lint::Link => "link",
            Lint::Flow => "flow",
            Lint::ReviewOverdue => "review-overdue",
            Lint::ReviewDueSoon => "review-due-soon",
            Lint::ReviewDateMissing => "review-date-missing",
            Lint::ReviewDateWrong => "review-date-wrong",
            Lint::OwnerMissing => "owner-missing",
            Lint::ExternalLink => "external-link",
            Lint::RemoteResource => "remote-resource",
            Lint::LegacyHeading => "legacy-heading",
            Lint::ImageTextMissing => "image-text-missing",
            Lint::SecondH1 => "second-h1",
            Lint::SummaryLong => "summary-long",
            Lint::Mojibake => "mojibake",
            Lint::RetiredEmail => "retired-email",
            Lint::DuplicateTitle => "duplicate-title",
            Lint::DuplicatePath => "duplicate-path",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Finding {
    pub lint: Lint,
    pub diagnostic: Diagnostic,
}

pub struct CheckReport {
    pub findings: Vec<Finding>,
    /// Pages read (0 when the site could not be read at all).
    pub pages: usize,
    /// Whether the site could be read (a template that does not parse stops that), so its
    /// pages were checked.
    pub site_read: bool,
    pub today: NaiveDate,
    pub due_within: u32,
}

/// Checks the site in `options.content_dir`. Never writes anything.
pub fn check(options: &CheckOptions) -> CheckReport {
    let mut problems = Vec::new();
    let site = build::load_and_check(&options.content_dir, &mut problems);
    if site.as_ref().is_some_and(|site| site.config.keep_going) {
        crate::keep_going::soften(&mut problems);
    }
    let flows_dir = options.content_dir.join(crate::discover::FLOWS_DIR);
    let mut findings: Vec<Finding> = problems
        .into_iter()
        .map(|diagnostic| Finding {
            lint: build_lint(&diagnostic, &flows_dir),
            diagnostic,
        })
        .collect();
    let due_within = options.due_within.unwrap_or_else(|| {
        site.as_ref()
            .map_or(30, |site| site.config.review_due_soon_days)
    });
    let mut pages = 0;
    if let Some(site) = &site {
        pages = site.pages.iter().filter(|p| !p.generated).count();
        if !findings.iter().any(|f| f.diagnostic.is_error()) {
            findings.extend(render_problems(site, options.today));
        }
        let lints = Lints {
            site,
            today: options.today,
            due_within,
        };
        let found: Vec<Finding> = site
            .pages
            .par_iter()
            .filter(|page| !page.generated)
            .flat_map_iter(|page| lints.page(page))
            .collect();
        findings.extend(found);
        findings.extend(duplicate_titles(site));
        findings.extend(duplicate_paths(site));
    }
    sort(&mut findings);
    CheckReport {
        site_read: site.is_some(),
        findings,
        pages,
        today: options.today,
        due_within,
    }
}

/// Renders every page and generated page, keeping nothing, for the problems only rendering
/// finds (a template that fails on one page). The search index and the offline copies are
/// made from pages already rendered, with no templates of their own, so they are left out:
/// on a large site they are most of a build's time.
fn render_problems(site: &Site, today: NaiveDate) -> Vec<Finding> {
    let problems = crate::render::try_pages(site, today)
        .and_then(|()| crate::reports::try_render(site, today))
        .and_then(|()| crate::flows_page::try_render(site, today))
        .and_then(|()| {
            crate::search::search_page(site, today)
                .map(|_| ())
                .map_err(|e| vec![e])
        })
        .err()
        .unwrap_or_default();
    problems
        .into_iter()
        .map(|diagnostic| Finding {
            lint: Lint::Build,
            diagnostic,
        })
        .collect()
}

/// Which lint a problem from `build` belongs to, so CI can tell broken links from the rest.
fn build_lint(problem: &Diagnostic, flows_dir: &Path) -> Lint {
    const LINK_MESSAGES: &[&str] = &[
        "is not a heading on",
        "does not exist: there is no",
        "which does not work from a copy on disk",
        "is not allowed as a link",
        "points outside the content folder",
        "`superseded_by`",
    ];
    if problem.file.starts_with(flows_dir) {
        Lint::Flow
    } else if LINK_MESSAGES.iter().any(|m| problem.message.contains(m)) {
        Lint::Link
    } else {
        Lint::Build
    }
}

fn sort(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        // Errors, then warnings, then notes (links to other sites), so what must be fixed
        // comes first; within each, by file and line.
        let key = |f: &Finding| {
            (
                std::cmp::Reverse(f.diagnostic.severity),
                f.diagnostic.file.clone(),
                f.diagnostic.line,
                f.diagnostic.column,
                f.lint,
            )
        };
        key(a).cmp(&key(b))
    });
}

struct Lints<'a> {
    site: &'a Site,
    today: NaiveDate,
    due_within: u32,
}

impl Lints<'_> {
    fn page(&self, page: &Page) -> Vec<Finding> {
        let Ok(text) = std::fs::read_to_string(&page.file) else {
            return Vec::new(); // `build` has said why
        };
        let split = front_matter::split(&text);
        let front = FrontLines {
            yaml: split.yaml.unwrap_or(""),
        };
        let mut findings = self.reviews(page, &front);
        for &line in &page.legacy_heading_lines {
            let written = text.lines().nth(line - 1).unwrap_or("").trim_end();
            let hashes = written.bytes().take_while(|b| *b == b'#').count();
            findings.push(Finding {
                lint: Lint::LegacyHeading,
                diagnostic: Diagnostic::warning(
                    &page.file,
                    line,
                    format!("`{written}` has no space after the `#`"),
                )
                .at_column(1)
                .with_help(format!(
                    "write `{} {}`: other Markdown tools show it as plain text",
                    &written[..hashes],
                    &written[hashes..]
                )),
            });
        }
        // Lists, search results and the page's description show the summary whole.
        if let Some(summary) = &page.front.summary
            && summary.chars().count() > SUMMARY_MAX
        {
            findings.push(Finding {
                lint: Lint::SummaryLong,
                diagnostic: Diagnostic::warning(
                    &page.file,
                    front.line_of(&["summary", "description"]).unwrap_or(1),
                    format!(
                        "the summary is {} characters long: lists and search results show it whole",
                        summary.chars().count()
                    ),
                )
                .with_help(format!("say what the page is for in a sentence (up to {SUMMARY_MAX} characters); the page says the rest")),
            });
        }
        for &line in &page.second_h1_lines {
            findings.push(Finding {
                lint: Lint::SecondH1,
                diagnostic: Diagnostic::warning(
                    &page.file,
                    line,
                    "a second top-level heading: the page's title is its main heading",
                )
                .with_help(
                    "write it as `## …`, so screen reader users find one main heading per page",
                ),
            });
        }
        for &line in &page.images_without_text {
            findings.push(Finding {
                lint: Lint::ImageTextMissing,
                diagnostic: Diagnostic::warning(
                    &page.file,
                    line,
                    "this image has no text for people who cannot see it",
                )
                .with_help(
                    "say what it shows between the brackets: `![Map of the regions](map.png)`",
                ),
            });
        }
        let mut scan = TextScan::new(&page.file, &self.site.config.retired_emails);
        for (index, line) in front.yaml.lines().enumerate() {
            scan.prose(line, index + 2, 1);
        }
        scan.body(split.body, split.body_line);
        findings.append(&mut scan.findings);
        // An image from the site root that the site does not have loads from `link_origin`.
        if let Some(origin) = self.site.config.link_origin.as_deref() {
            for link in page.links.iter().filter(|l| l.is_image) {
                if let LinkTarget::Rooted(url) = &link.target
                    && self.site.layout.rooted(url).is_none()
                {
                    scan.remote(link.line, 0, "image", &format!("{origin}{url}"));
                }
            }
            findings.append(&mut scan.findings);
        }
        for link in &page.links {
            let LinkTarget::External(url) = &link.target else {
                continue;
            };
            let web = url.starts_with("http://") || url.starts_with("https://");
            if !web || link.is_image || scan.remote.contains(&(link.line, link.written.clone())) {
                continue;
            }
            findings.push(Finding {
                lint: Lint::ExternalLink,
                diagnostic: Diagnostic::info(
                    &page.file,
                    link.line,
                    format!("links to another site: {url}"),
                ),
            });
        }
        findings
    }

    fn reviews(&self, page: &Page, front: &FrontLines) -> Vec<Finding> {
        let mut findings = Vec::new();
        // A replaced page is kept for reference only: nobody reviews it again. Front matter
        // that could not be read is an error already: what it holds is not known.
        if page.front.superseded_by.is_some() || page.front.unreadable {
            return findings;
        }
        let guidance = page.kind == PageKind::Guidance;
        if guidance && page.front.owner.is_none() && !page.front.owner_unreadable {
            findings.push(Finding {
                lint: Lint::OwnerMissing,
                diagnostic: Diagnostic::warning(
                    &page.file,
                    1,
                    "this page has no owner: nobody will be reminded to review it",
                )
                .with_help("add `owner: <the team or role that owns it>` to the front matter"),
            });
        }
        let review_line = front
            .line_of(&["review_by", "Review"])
            .or_else(|| front.line_of(&["last_reviewed", "last_reviewed_on"]))
            .unwrap_or(1);
        let mark = format!(
            "review the page; if nothing needs to change, record that with `signpost review {}`",
            page.file.display()
        );
        match (
            page.review_by,
            review::status(page.review_by, self.today, self.due_within),
        ) {
            (Some(date), ReviewStatus::Overdue) => findings.push(Finding {
                lint: Lint::ReviewOverdue,
                diagnostic: Diagnostic::warning(
                    &page.file,
                    review_line,
                    format!(
                        "past its review-by date: {} ({})",
                        PageDate::Day(date),
                        crate::reports::when(date, self.today)
                    ),
                )
                .with_help(mark),
            }),
            (Some(date), ReviewStatus::DueSoon) => findings.push(Finding {
                lint: Lint::ReviewDueSoon,
                diagnostic: Diagnostic::info(
                    &page.file,
                    review_line,
                    format!(
                        "due for review by {} ({})",
                        PageDate::Day(date),
                        crate::reports::when(date, self.today)
                    ),
                )
                .with_help(mark),
            }),
            // An unreadable `review_by` is already an error of its own.
            (None, _) if guidance && !page.front.review_by_invalid => findings.push(Finding {
                lint: Lint::ReviewDateMissing,
                diagnostic: Diagnostic::warning(&page.file, review_line, "this page has no review-by date")
                    .with_help("add `review_by: YYYY-MM-DD`, or `last_reviewed: YYYY-MM-DD` with `review_interval` in site.yaml"),
            }),
            _ => {}
        }
        findings.extend(self.review_dates_in_order(page, front));
        findings
    }

    /// A last review cannot be in the future, nor after the next one is due: either is a
    /// typo (a wrong year, most often), and it makes the review notice wrong.
    fn review_dates_in_order(&self, page: &Page, front: &FrontLines) -> Option<Finding> {
        let last = page.front.last_reviewed?;
        let line = front
            .line_of(&["last_reviewed", "last_reviewed_on"])
            .unwrap_or(1);
        let problem = if last.first_day() > self.today {
            format!("`last_reviewed` is {last}, which has not come yet")
        } else if let Some(review_by) = page.review_by.filter(|by| *by < last.first_day()) {
            format!(
                "`last_reviewed` ({last}) is after `review_by` ({})",
                PageDate::Day(review_by)
            )
        } else {
            return None;
        };
        Some(Finding {
            lint: Lint::ReviewDateWrong,
            diagnostic: Diagnostic::warning(&page.file, line, problem)
                .with_help("check the year: `last_reviewed` is the day of the last review, `review_by` the day the next is due"),
        })
    }
}

/// The longest summary that reads as one sentence in a list of pages.
const SUMMARY_MAX: usize = 300;

/// The front matter's lines, to find where a key is written.
struct FrontLines<'a> {
    yaml: &'a str,
}

impl FrontLines<'_> {
    /// File line (1-based) of the first of `keys` written at the top level.
    fn line_of(&self, keys: &[&str]) -> Option<usize> {
        self.yaml.lines().enumerate().find_map(|(index, line)| {
            let key = line.split_once(':')?.0.trim_end().trim_matches(['"', '\'']);
            (!line.starts_with([' ', '\t']) && keys.contains(&key)).then_some(index + 2)
        })
    }
}

/// Looks through a page's text (front matter and body, but not code) for mojibake, retired
/// mailboxes and files hosted elsewhere.
struct TextScan<'a> {
    file: &'a Path,
    retired: &'a [RetiredEmail],
    findings: Vec<Finding>,
    /// (line, URL) of each file loaded from elsewhere, to leave out of the external links.
    remote: HashSet<(usize, String)>,
    /// (line, address) already reported: a `mailto:` link names its address twice.
    emails_seen: HashSet<(usize, String)>,
}

/// Elements that load something into the page, and the attribute that says from where.
const LOADING_ELEMENTS: &[(&str, &str)] = &[
    ("img", "src"),
    ("img", "srcset"),
    ("script", "src"),
    ("iframe", "src"),
    ("source", "src"),
    ("source", "srcset"),
    ("video", "src"),
    ("video", "poster"),
    ("audio", "src"),
    ("track", "src"),
    ("embed", "src"),
    ("object", "data"),
    ("link", "href"),
    ("input", "src"),
];

impl<'a> TextScan<'a> {
    fn new(file: &'a Path, retired: &'a [RetiredEmail]) -> Self {
        Self {
            file,
            retired,
            findings: Vec::new(),
            remote: HashSet::new(),
            emails_seen: HashSet::new(),
        }
    }

    /// Scans a page body that starts on file line `first_line`, skipping code.
    fn body(&mut self, body: &str, first_line: usize) {
        let lines = LineStarts::new(body);
        let position = |offset: usize| {
            let (line, column) = lines.position(body, offset);
            (line + first_line - 1, column)
        };
        let mut in_code_block = false;
        let mut in_html_code = 0usize;
        for (event, range) in Parser::new_ext(body, markdown::options()).into_offset_iter() {
            let source = &body[range.clone()];
            match event {
                Event::Start(Tag::CodeBlock(_)) => in_code_block = true,
                Event::End(TagEnd::CodeBlock) => in_code_block = false,
                Event::Text(_) if !in_code_block && in_html_code == 0 => {
                    self.prose_at(source, range.start, &position)
                }
                Event::Html(_) | Event::InlineHtml(_) => {
                    let lower = source.trim_start().to_ascii_lowercase();
                    if lower.starts_with("<code") || lower.starts_with("<pre") {
                        in_html_code += 1;
                    } else if lower.starts_with("</code") || lower.starts_with("</pre") {
                        in_html_code = in_html_code.saturating_sub(1);
                    }
                    if in_html_code == 0 {
                        self.prose_at(source, range.start, &position);
                    }
                    for (offset, element, url) in remote_resources(source) {
                        let (line, column) = position(range.start + offset);
                        self.remote(line, column, &format!("<{element}>"), &url);
                    }
                }
                Event::Start(Tag::Link { dest_url, .. }) => {
                    if let Some(address) = dest_url.strip_prefix("mailto:") {
                        let (line, column) = position(range.start);
                        self.emails(address, line, column);
                    }
                }
                Event::Start(Tag::Image { dest_url, .. }) if is_remote(&dest_url) => {
                    let (line, column) = position(range.start);
                    self.remote(line, column, "image", &dest_url);
                }
                _ => {}
            }
        }
    }

    fn prose_at(&mut self, text: &str, offset: usize, position: &dyn Fn(usize) -> (usize, usize)) {
        // Lines within one text event: report each finding on its own line.
        let mut start = 0;
        for line in text.split_inclusive('\n') {
            let (file_line, column) = position(offset + start);
            self.prose(line, file_line, column);
            start += line.len();
        }
    }

    /// One line of text starting at `column` of file line `line`.
    fn prose(&mut self, text: &str, line: usize, column: usize) {
        let garbled = mojibake::find(text);
        if let Some(first) = garbled.first() {
            let more = match garbled.len() {
                1 => String::new(),
                n => format!(" (and {} more on this line)", n - 1),
            };
            let column = column + text[..first.offset].chars().count();
            self.findings.push(Finding {
                lint: Lint::Mojibake,
                diagnostic: Diagnostic::warning(
                    self.file,
                    line,
                    format!(
                        "`{}` is garbled text: `{}` saved in one text encoding and read in another{more}",
                        first.text, first.meant
                    ),
                )
                .at_column(column)
                .with_help(format!("replace `{}` with `{}`", first.text, first.meant)),
            });
        }
        self.emails(text, line, column);
    }

    fn emails(&mut self, text: &str, line: usize, column: usize) {
        for retired in self.retired {
            let Some(at) = find_address(text, &retired.address) else {
                continue;
            };
            let address = retired.address.to_ascii_lowercase();
            if !self.emails_seen.insert((line, address)) {
                continue;
            }
            let help = retired.note.clone().unwrap_or_else(|| {
                "send readers to a mailbox that is read (see `retired_emails` in site.yaml)"
                    .to_string()
            });
            self.findings.push(Finding {
                lint: Lint::RetiredEmail,
                diagnostic: Diagnostic::warning(
                    self.file,
                    line,
                    format!(
                        "`{}` is a retired mailbox: nobody reads it",
                        retired.address
                    ),
                )
                .at_column(column + text[..at].chars().count())
                .with_help(help),
            });
        }
    }

    fn remote(&mut self, line: usize, column: usize, what: &str, url: &str) {
        let diagnostic = Diagnostic::warning(
            self.file,
            line,
            format!("this {what} loads {url} from another site: it will not work in an offline copy, and tells that site who reads the page"),
        )
        .at_column(column)
        .with_help("save the file in the content folder beside the page and refer to it by its path (e.g. `images/chart.png`); for contact details, write them as text");
        self.remote.insert((line, url.to_string()));
        self.findings.push(Finding {
            lint: Lint::RemoteResource,
            diagnostic,
        });
    }
}

/// Byte offset of `address` in `text` as a whole address (case-insensitive), if it is there.
fn find_address(text: &str, address: &str) -> Option<usize> {
    if address.is_empty() {
        return None;
    }
    let haystack = text.to_ascii_lowercase();
    let needle = address.to_ascii_lowercase();
    let part_of_address = |c: char| c.is_ascii_alphanumeric() || "._%+-".contains(c);
    let mut from = 0;
    while let Some(found) = haystack[from..].find(&needle) {
        let at = from + found;
        let end = at + needle.len();
        let before = haystack[..at].chars().next_back();
        let mut after = haystack[end..].chars();
        let next = after.next();
        // A full stop ends a sentence unless the address goes on (`…gov.uk.example`).
        let continues = match next {
            Some('.') => after.next().is_some_and(|c| c.is_ascii_alphanumeric()),
            Some(c) => part_of_address(c),
            None => false,
        };
        if !before.is_some_and(part_of_address) && !continues {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

fn is_remote(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("//")
}

/// `(offset, element, url)` for each element in raw HTML that loads a file from another site.
fn remote_resources(html: &str) -> Vec<(usize, String, String)> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(open) = html[from..].find('<') {
        let start = from + open;
        from = start + 1;
        let rest = &html[start + 1..];
        let name_len = rest
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(rest.len());
        let element = rest[..name_len].to_ascii_lowercase();
        if !LOADING_ELEMENTS.iter().any(|(e, _)| *e == element) {
            continue;
        }
        let end = rest.find('>').unwrap_or(rest.len());
        for (attribute, value) in attributes(&rest[name_len..end]) {
            let loads = LOADING_ELEMENTS
                .iter()
                .any(|(e, a)| *e == element && *a == attribute);
            // `srcset` is a list: `a.png 1x, https://… 2x`.
            let remote = value
                .split(',')
                .filter_map(|candidate| candidate.split_whitespace().next())
                .find(|url| is_remote(url));
            if let (true, Some(url)) = (loads, remote) {
                found.push((start, element.clone(), url.to_string()));
            }
        }
    }
    found
}

/// The attributes of a tag (the text between its name and `>`): lower-case names, values
/// with entities decoded.
fn attributes(tag: &str) -> Vec<(String, String)> {
    let mut attributes = Vec::new();
    let mut rest = tag;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
        let name_len = rest
            .find(|c: char| c.is_whitespace() || c == '=' || c == '>' || c == '/')
            .unwrap_or(rest.len());
        if name_len == 0 {
            return attributes;
        }
        let name = rest[..name_len].to_ascii_lowercase();
        rest = rest[name_len..].trim_start();
        let Some(after) = rest.strip_prefix('=') else {
            attributes.push((name, String::new()));
            continue;
        };
        let after = after.trim_start();
        let (value, remaining) = match after.chars().next() {
            Some(quote @ ('"' | '\'')) => {
                let body = &after[1..];
                let end = body.find(quote).unwrap_or(body.len());
                (&body[..end], body.get(end + 1..).unwrap_or(""))
            }
            _ => {
                let end = after.find(char::is_whitespace).unwrap_or(after.len());
                (&after[..end], &after[end..])
            }
        };
        attributes.push((name, html_escape::decode_html_entities(value).into_owned()));
        rest = remaining;
    }
}

/// Byte offsets of line starts, for offset -> (line, column).
struct LineStarts {
    starts: Vec<usize>,
}

impl LineStarts {
    fn new(text: &str) -> Self {
        Self {
            starts: std::iter::once(0)
                .chain(text.match_indices('\n').map(|(i, _)| i + 1))
                .collect(),
        }
    }

    /// 1-based line and column (in characters) of a byte offset.
    fn position(&self, text: &str, offset: usize) -> (usize, usize) {
        let index = match self.starts.binary_search(&offset) {
            Ok(index) => index,
            Err(index) => index - 1,
        };
        let start = self.starts[index];
        (index + 1, text[start..offset].chars().count() + 1)
    }
}

/// Pages with the same title: readers cannot tell them apart in lists and search results.
fn duplicate_titles(site: &Site) -> Vec<Finding> {
    let mut by_title: BTreeMap<String, Vec<&Page>> = BTreeMap::new();
    for page in site.pages.iter().filter(|p| !p.generated) {
        by_title
            .entry(page.title.trim().to_lowercase())
            .or_default()
            .push(page);
    }
    let mut findings = Vec::new();
    for pages in by_title.values().filter(|pages| pages.len() > 1) {
        for page in pages {
            let others: Vec<String> = pages
                .iter()
                .filter(|other| other.source != page.source)
                .map(|other| format!("`{}`", other.file.display()))
                .collect();
            let line = std::fs::read_to_string(&page.file)
                .ok()
                .and_then(|text| {
                    let yaml = front_matter::split(&text).yaml?.to_string();
                    FrontLines { yaml: &yaml }.line_of(&["title"])
                })
                .unwrap_or(1);
            findings.push(Finding {
                lint: Lint::DuplicateTitle,
                diagnostic: Diagnostic::warning(
                    &page.file,
                    line,
                    format!(
                        "the title `{}` is also the title of {}",
                        page.title,
                        others.join(", ")
                    ),
                )
                .with_help("give each page a title of its own"),
            });
        }
    }
    findings
}

/// Pages whose addresses differ only in capitals or punctuation. Those that differ only in
/// capitals overwrite each other on Windows and macOS, and on many web servers.
fn duplicate_paths(site: &Site) -> Vec<Finding> {
    let mut by_slug: BTreeMap<String, Vec<&Page>> = BTreeMap::new();
    for page in site.pages.iter().filter(|p| !p.generated) {
        let slug: Vec<String> = page
            .output
            .with_extension("")
            .components()
            .map(|c| crate::slug::slugify(&c.as_os_str().to_string_lossy().replace('_', "-")))
            .collect();
        by_slug.entry(slug.join("/")).or_default().push(page);
    }
    let mut findings = Vec::new();
    for pages in by_slug.values().filter(|pages| pages.len() > 1) {
        for page in pages {
            for other in pages.iter().filter(|o| o.source != page.source) {
                let same_ignoring_case = other.output.to_string_lossy().to_lowercase()
                    == page.output.to_string_lossy().to_lowercase();
                let (severity, why) = if same_ignoring_case {
                    (
                        Severity::Error,
                        "they overwrite each other on Windows and macOS",
                    )
                } else {
                    (Severity::Warning, "readers will confuse the two addresses")
                };
                let mut diagnostic = Diagnostic::warning(
                    &page.file,
                    0,
                    format!(
                        "this page's address `{}` is nearly the same as `{}` ({})",
                        page.url, other.url, why
                    ),
                )
                .with_help("rename one of the files: lower-case words joined by hyphens, e.g. `remote-working.md`");
                diagnostic.severity = severity;
                findings.push(Finding {
                    lint: Lint::DuplicatePath,
                    diagnostic,
                });
            }
        }
    }
    findings
}

impl CheckReport {
    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.diagnostic.severity == severity)
            .count()
    }

    /// Whether CI should pass: no errors (and no warnings when they are denied).
    pub fn passes(&self, deny_warnings: bool) -> bool {
        self.count(Severity::Error) == 0 && !(deny_warnings && self.count(Severity::Warning) > 0)
    }

    /// The report for CI: one object with every finding and the counts.
    pub fn to_json(&self, deny_warnings: bool) -> serde_json::Value {
        let findings: Vec<serde_json::Value> = self
            .findings
            .iter()
            .map(|f| {
                let d = &f.diagnostic;
                serde_json::json!({
                    "severity": d.severity.label(),
                    "lint": f.lint,
                    "file": d.file.to_string_lossy(),
                    "line": (d.line > 0).then_some(d.line),
                    "column": (d.column > 0).then_some(d.column),
                    "message": d.message,
                    "help": d.help,
                })
            })
            .collect();
        serde_json::json!({
            "ok": self.passes(deny_warnings),
            "today": self.today.format("%Y-%m-%d").to_string(),
            "due_within_days": self.due_within,
            "pages": self.pages,
            "counts": {
                "error": self.count(Severity::Error),
                "warning": self.count(Severity::Warning),
                "info": self.count(Severity::Info),
            },
            "findings": findings,
        })
    }

    /// The report for people. Styled; `anstream` drops the styles when `out` is not a
    /// terminal or `NO_COLOR` is set. Over a handful of warnings or notes of one lint (of
    /// the build's own, with the same fix) are one line, unless `verbose`.
    pub fn write_text(&self, out: &mut dyn Write, verbose: bool) -> io::Result<()> {
        let bold = Style::new().bold();
        let help_style = Style::new().bold().fg_color(Some(AnsiColor::Cyan.into()));
        let shown = crate::grouping::group(&self.findings, |f| {
            let d = &f.diagnostic;
            (!verbose && !d.is_error()).then(|| {
                // The build's own warnings are of many kinds: the same fix is the same kind.
                let fix = match f.lint {
                    Lint::Build => d.help.as_deref().unwrap_or(&d.message),
                    _ => "",
                };
                format!("{:?} {} {fix}", d.severity, f.lint.name())
            })
        });
        let mut grouped = false;
        for shown in shown {
            let (finding, count) = match shown {
                crate::grouping::Shown::One(finding) => (finding, 1),
                crate::grouping::Shown::Many { first, count } => (first, count),
            };
            let d = &finding.diagnostic;
            let location = match count {
                1 => d.location(),
                n => {
                    grouped = true;
                    format!("{n} times, the first at {}", d.location())
                }
            };
            let colour = match d.severity {
                Severity::Error => AnsiColor::Red,
                Severity::Warning => AnsiColor::Yellow,
                Severity::Info => AnsiColor::Blue,
            };
            let label = bold.fg_color(Some(colour.into()));
            writeln!(
                out,
                "{label}{}{label:#}[{}]: {bold}{}{bold:#}: {}",
                d.severity.label(),
                finding.lint.name(),
                location,
                d.message
            )?;
            if let Some(help) = &d.help {
                writeln!(out, "  {help_style}help{help_style:#}: {help}")?;
            }
        }
        let counts = [
            (self.count(Severity::Error), "error", "errors"),
            (self.count(Severity::Warning), "warning", "warnings"),
            (self.count(Severity::Info), "note", "notes"),
        ]
        .map(|(n, one, many)| format!("{n} {}", if n == 1 { one } else { many }));
        if grouped {
            writeln!(
                out,
                "\nMore than {} warnings or notes of one kind are shown once; --verbose lists every one.",
                crate::grouping::HANDFUL
            )?;
        }
        if !self.findings.is_empty() {
            writeln!(out)?;
        }
        if !self.site_read {
            return writeln!(
                out,
                "{bold}{}{bold:#}: the pages could not be read, so they were not checked; fix the errors above, then check again",
                counts[0],
            );
        }
        writeln!(
            out,
            "{bold}{}{bold:#}, {} and {} in {} page{} (review dates checked against {}, due soon = within {} days)",
            counts[0],
            counts[1],
            counts[2],
            self.pages,
            if self.pages == 1 { "" } else { "s" },
            PageDate::Day(self.today),
            self.due_within,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan(body: &str, retired: &[&str]) -> Vec<(Lint, usize, usize)> {
        let retired: Vec<RetiredEmail> = retired
            .iter()
            .map(|a| RetiredEmail {
                address: a.to_string(),
                note: None,
            })
            .collect();
        let mut scan = TextScan::new(Path::new("p.md"), &retired);
        scan.body(body, 10);
        scan.findings
            .iter()
            .map(|f| (f.lint, f.diagnostic.line, f.diagnostic.column))
            .collect()
    }

    #[test]
    fn retired_addresses_in_prose_and_links_but_not_in_code() {
        let body = "Email old@example.org today.\n\n\
                    Do not use `old@example.org` any more.\n\n\
                    ```\nold@example.org\n```\n\n\
                    <code>old@example.org</code>\n\n\
                    [Write to us](mailto:old@example.org)\n\n\
                    [old@example.org](mailto:old@example.org)\n\n\
                    bold@example.org and old@example.org.uk are other addresses.\n";
        assert_eq!(
            scan(body, &["old@example.org"]),
            [
                (Lint::RetiredEmail, 10, 7),
                (Lint::RetiredEmail, 20, 1),
                (Lint::RetiredEmail, 22, 1),
            ]
        );
    }

    #[test]
    fn addresses_at_the_end_of_a_sentence() {
        assert_eq!(find_address("write to A@B.org.", "a@b.org"), Some(9));
        assert_eq!(find_address("write to a@b.org.uk", "a@b.org"), None);
        assert_eq!(find_address("xa@b.org", "a@b.org"), None);
    }

    #[test]
    fn mojibake_outside_code_with_its_column() {
        assert_eq!(
            scan("It isnâ€™t.\n\n`isnâ€™t`\n", &[]),
            [(Lint::Mojibake, 10, 7)]
        );
    }

    #[test]
    fn images_and_scripts_hosted_elsewhere() {
        let body = "![Logo](https://example.org/logo.png)\n\n\
                    ![Local](images/logo.png)\n\n\
                    <p>Call us <img alt=\"number\" src=\"https://cdn.example.org/phone.png\"></p>\n\n\
                    <script src=//example.org/x.js></script>\n\n\
                    <a href=\"https://example.org/\">a link is fine</a>\n";
        assert_eq!(
            scan(body, &[]),
            [
                (Lint::RemoteResource, 10, 1),
                (Lint::RemoteResource, 14, 12),
                (Lint::RemoteResource, 16, 1),
            ]
        );
    }

    #[test]
    fn attributes_of_a_tag() {
        assert_eq!(
            attributes(r#" alt="a > b" SRC='x.png' hidden data-x=1"#),
            [
                ("alt".to_string(), "a > b".to_string()),
                ("src".to_string(), "x.png".to_string()),
                ("hidden".to_string(), String::new()),
                ("data-x".to_string(), "1".to_string()),
            ]
        );
    }

    #[test]
    fn front_matter_key_lines() {
        let front = FrontLines {
            yaml: "title: T\n  review_by: nested\nReview: 2021-12-31\n",
        };
        assert_eq!(front.line_of(&["review_by", "Review"]), Some(4));
        assert_eq!(front.line_of(&["owner"]), None);
    }
}

/// How `check` prints its findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// For people: one finding per line, with a `help:` line; coloured on a terminal.
    Text,
    /// For CI: one JSON object with `findings`, `counts` and `ok`.
    Json,
}

/// `signpost check`: prints the report and says whether CI should pass.
pub fn run(
    options: &CheckOptions,
    format: Format,
    deny_warnings: bool,
    verbose: bool,
) -> std::process::ExitCode {
    let report = check(options);
    let printed = match format {
        Format::Json => {
            let json = report.to_json(deny_warnings);
            let mut out = io::stdout().lock();
            serde_json::to_writer_pretty(&mut out, &json)
                .map_err(io::Error::from)
                .and_then(|()| writeln!(out))
        }
        Format::Text => report.write_text(&mut anstream::stdout().lock(), verbose),
    };
    if let Err(err) = printed {
        if err.kind() != io::ErrorKind::BrokenPipe {
            eprintln!("error: cannot print the report: {err}");
        }
        return std::process::ExitCode::FAILURE;
    }
    if report.passes(deny_warnings) {
        std::process::ExitCode::SUCCESS
    } else {
        if format == Format::Text && report.count(Severity::Error) == 0 {
            eprintln!("Failing because of warnings (--deny-warnings).");
        }
        std::process::ExitCode::FAILURE
    }
}
