//! Looks through a page's text, but not its code, for mojibake, retired mailboxes and
//! files hosted on other sites.

use crate::finding::{Finding, Lint};
use crate::lints::mojibake;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use signpost_base::diagnostic::Diagnostic;
use signpost_base::html_urls;
use signpost_model::page::markdown;
use signpost_model::settings::RetiredEmail;
use std::collections::HashSet;
use std::path::Path;

/// Looks through a page's text (front matter and body, but not code) for mojibake, retired
/// mailboxes and files hosted elsewhere.
pub struct TextScan<'a> {
    file: &'a Path,
    retired: &'a [RetiredEmail],
    pub findings: Vec<Finding>,
    /// (line, URL) of each file loaded from elsewhere, to leave out of the external links.
    pub remote: HashSet<(usize, String)>,
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
    pub fn new(file: &'a Path, retired: &'a [RetiredEmail]) -> Self {
        Self {
            file,
            retired,
            findings: Vec::new(),
            remote: HashSet::new(),
            emails_seen: HashSet::new(),
        }
    }

    /// Scans a page body that starts on file line `first_line`, skipping code.
    pub fn body(&mut self, body: &str, first_line: usize) {
        let lines = signpost_base::line_index::LineIndex::new(body);
        let position = |offset: usize| {
            let (line, column) = lines.line_col(body, offset);
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
    pub fn prose(&mut self, text: &str, line: usize, column: usize) {
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

    pub fn remote(&mut self, line: usize, column: usize, what: &str, url: &str) {
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

/// `(offset, element, url)` for each element in raw HTML that loads a file from another site,
/// read as a browser reads it (the tags in a comment load nothing).
fn remote_resources(html: &str) -> Vec<(usize, String, String)> {
    let mut found = Vec::new();
    for (start, element, attributes) in html_urls::tags(html) {
        for (attribute, value) in attributes {
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
}
