//! A page's front matter: the YAML block between `---` lines at the top of a Markdown file.
//! Accepts the organisation's legacy spellings (`Review`, `Owner`, `Target audience`) and
//! the GOV.UK tech-docs keys (`last_reviewed_on`, `review_in`, `owner_slack`), so old pages
//! build as they are.

use crate::yaml;
use serde_yaml::{Mapping, Value};
use signpost_base::dates::{Interval, PageDate};
use signpost_base::diagnostic::Diagnostic;
use std::path::Path;

/// Every key we understand, with its other accepted spellings.
const KEYS: &[(&str, &[&str])] = &[
    ("title", &[]),
    ("summary", &["description"]),
    ("owner", &["Owner"]),
    ("owner_slack", &[]),
    ("review_by", &["Review"]),
    ("last_reviewed", &["last_reviewed_on"]),
    ("reviewed_by", &[]),
    ("review_in", &[]),
    ("audience", &["Target audience"]),
    ("feedback", &[]),
    ("superseded_by", &[]),
    ("weight", &[]),
    ("draft", &[]),
    // jekyll-redirect-from's old addresses, and Jekyll's address for the page.
    ("redirect_from", &[]),
    ("permalink", &[]),
];

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Feedback {
    /// Use the site's feedback address.
    #[default]
    Site,
    Address(String),
    Off,
}

#[derive(Debug, Clone, Default)]
pub struct FrontMatter {
    pub title: Option<String>,
    pub summary: Option<String>,
    pub owner: Option<String>,
    pub owner_slack: Option<String>,
    pub review_by: Option<PageDate>,
    pub last_reviewed: Option<PageDate>,
    /// Who last reviewed the page (`signpost review --reviewer` writes it).
    pub reviewed_by: Option<String>,
    pub review_in: Option<Interval>,
    pub audience: Vec<String>,
    pub feedback: Feedback,
    /// The replacing page's source path as written, and the line it is on.
    pub superseded_by: Option<(String, usize)>,
    pub weight: Option<i64>,
    /// `draft: true`: not published yet (left out of the site, with a note).
    pub draft: bool,
    /// Old addresses of the page (`redirect_from`), each with its line: each gets a page
    /// sending readers on.
    pub redirect_from: Vec<(String, usize)>,
    /// Line in the file where `review_by` is (or the front matter starts), for messages.
    pub review_by_line: usize,
    /// `review_by` was given but is not a date: no review-by date is worked out in its
    /// place, so the page is not also called overdue by a date the editor never wrote.
    pub review_by_invalid: bool,
    /// The front matter is not valid YAML (an error already): nothing in it is known.
    pub unreadable: bool,
    /// `owner` is written, but not as text (an error already).
    pub owner_unreadable: bool,
}

/// A Markdown file split into its front matter and body.
pub struct Split<'a> {
    pub yaml: Option<&'a str>,
    pub body: &'a str,
    /// Line of the file on which the body starts (1-based).
    pub body_line: usize,
}

/// Splits off a leading `---` … `---` block. A file without one is all body.
pub fn split(text: &str) -> Split<'_> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Some(rest) = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))
    else {
        return Split {
            yaml: None,
            body: text,
            body_line: 1,
        };
    };
    let mut offset = 0;
    for (index, line) in rest.split_inclusive('\n').enumerate() {
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            return Split {
                yaml: Some(&rest[..offset]),
                body: &rest[offset + line.len()..],
                body_line: index + 3,
            };
        }
        offset += line.len();
    }
    // No closing line: treat the whole file as body so the editor sees their text, and the
    // parser below reports it.
    Split {
        yaml: None,
        body: text,
        body_line: 1,
    }
}

/// Reads front matter. Problems are pushed to `problems`; what could be read is returned.
pub fn parse(file: &Path, yaml_text: &str, problems: &mut Vec<Diagnostic>) -> FrontMatter {
    const FIRST_LINE: usize = 2; // the line after the opening `---`
    let mut front = FrontMatter {
        review_by_line: 1,
        ..FrontMatter::default()
    };
    let mapping = match yaml::parse(file, yaml_text, FIRST_LINE)
        .and_then(|v| yaml::top_mapping(file, v, FIRST_LINE, "title: My page"))
    {
        Ok(mapping) => mapping,
        Err(problem) => {
            problems.push(problem);
            front.unreadable = true;
            return front;
        }
    };

    let known: Vec<&str> = KEYS
        .iter()
        .flat_map(|(key, aliases)| std::iter::once(*key).chain(aliases.iter().copied()))
        .collect();
    problems.extend(yaml::unknown_keys(
        file, yaml_text, FIRST_LINE, &mapping, &known,
    ));

    let field = Fields {
        file,
        text: yaml_text,
        mapping: &mapping,
    };
    for (key, _) in KEYS {
        let Some((spelling, value)) = field.get(key, problems) else {
            continue;
        };
        let (line, column) = yaml::key_position(yaml_text, spelling, FIRST_LINE);
        let entry = Entry {
            key,
            spelling,
            value,
            line,
            column,
        };
        let front = &mut front;
        match entry.key {
            "draft" | "title" | "summary" | "owner" | "owner_slack" | "reviewed_by"
            | "audience" => read_about(front, &entry, &field, problems),
            "review_by" | "last_reviewed" | "review_in" => {
                read_review(front, &entry, &field, problems)
            }
            "feedback" => read_feedback(front, &entry, &field, problems),
            "superseded_by" | "redirect_from" | "permalink" | "weight" => {
                read_addresses(front, &entry, &field, problems)
            }
            _ => unreachable!("every key in KEYS is handled"),
        }
    }
    front
}

/// What the page is, who it is for and who owns it: draft, title, summary, owner, audience.
fn read_about(
    front: &mut FrontMatter,
    entry: &Entry,
    field: &Fields,
    problems: &mut Vec<Diagnostic>,
) {
    match entry.key {
        "draft" => match entry.value {
            Value::Bool(draft) => front.draft = *draft,
            _ => problems.push(field.at(
                entry,
                "`draft` must be true or false".to_string(),
                "write `draft: true` to leave the page out of the site until it is ready",
            )),
        },
        "title" => front.title = field.text(entry, problems),
        "summary" => front.summary = field.text(entry, problems),
        "owner" => {
            front.owner = field.text(entry, problems);
            // A list or mapping is an error of its own: the page is not also ownerless.
            front.owner_unreadable = entry.value.is_sequence() || entry.value.is_mapping();
        }
        "owner_slack" => front.owner_slack = field.text(entry, problems),
        "reviewed_by" => front.reviewed_by = field.text(entry, problems),
        "audience" => match entry.value {
            Value::Null => {}
            Value::Sequence(items) => {
                for item in items {
                    match yaml::scalar_text(item) {
                        Some(text) => front.audience.push(text),
                        None => problems.push(field.at(
                            entry,
                            format!("`{}` must be a list of names", entry.spelling),
                            "write each audience as plain text, for example `- Technical users`",
                        )),
                    }
                }
            }
            _ => front
                .audience
                .extend(field.text(entry, problems).filter(|t| !t.trim().is_empty())),
        },
        _ => {}
    }
}

/// When the page was last reviewed and is next due.
fn read_review(
    front: &mut FrontMatter,
    entry: &Entry,
    field: &Fields,
    problems: &mut Vec<Diagnostic>,
) {
    match entry.key {
        "review_by" | "last_reviewed" => {
            let Some(text) = field.text(entry, problems) else {
                return;
            };
            match PageDate::parse(&text) {
                Ok(date) if entry.key == "review_by" => {
                    front.review_by = Some(date);
                    front.review_by_line = entry.line;
                }
                Ok(date) => front.last_reviewed = Some(date),
                Err(reason) => {
                    front.review_by_invalid |= entry.key == "review_by";
                    problems.push(field.at(
                        entry,
                        format!("`{}`: {reason}", entry.spelling),
                        "write the date as YYYY-MM-DD (for example 2025-05-01), or YYYY-MM for a month",
                    ))
                }
            }
        }
        "review_in" => {
            let Some(text) = field.text(entry, problems) else {
                return;
            };
            match Interval::parse(&text) {
                Ok(interval) => front.review_in = Some(interval),
                Err(reason) => problems.push(field.at(
                    entry,
                    format!("`review_in`: {reason}"),
                    "write a number and a unit, for example `6 months` or `1 year`",
                )),
            }
        }
        _ => {}
    }
}

/// Where readers' feedback on the page goes.
fn read_feedback(
    front: &mut FrontMatter,
    entry: &Entry,
    field: &Fields,
    problems: &mut Vec<Diagnostic>,
) {
    match entry.value {
        Value::Bool(false) => front.feedback = Feedback::Off,
        Value::String(address) if signpost_base::mail_address::is_mail_address(address) => {
            front.feedback = Feedback::Address(address.clone());
        }
        Value::String(off) if matches!(off.as_str(), "off" | "none") => {
            front.feedback = Feedback::Off
        }
        _ => problems.push(field.at(entry,
            "`feedback` must be one email address (nothing after it, such as `?cc=`), or `false` to turn feedback off"
                .to_string(),
            "for example `feedback: itpolicycontent@digital.justice.gov.uk`",
        )),
    }
}

/// Where the page sits: the page that replaces it, its old and fixed addresses, its place in the navigation.
fn read_addresses(
    front: &mut FrontMatter,
    entry: &Entry,
    field: &Fields,
    problems: &mut Vec<Diagnostic>,
) {
    match entry.key {
        "superseded_by" => {
            if let Some(target) = field.text(entry, problems) {
                front.superseded_by = Some((target, entry.line));
            }
        }
        "redirect_from" => {
            let addresses = match entry.value {
                Value::Sequence(items) => items.iter().map(yaml::scalar_text).collect(),
                other => vec![yaml::scalar_text(other)],
            };
            for address in addresses {
                match address.filter(|a| a.starts_with('/')) {
                    Some(address) => front.redirect_from.push((address, entry.line)),
                    None => problems.push(field.at(
                        entry,
                        "`redirect_from` must be addresses on this site, from its root".to_string(),
                        "for example `redirect_from: [/guides/old-name/]`",
                    )),
                }
            }
        }
        // The page's address: read before any page (see permalinks.rs); here it is
        // only checked for being written from the site's root.
        "permalink" => match field.text(entry, problems) {
            Some(address) if address.starts_with('/') => {}
            Some(_) => problems.push(field.at(
                entry,
                "`permalink` must be an address on this site, from its root".to_string(),
                "for example `permalink: /cookies.html`",
            )),
            None => {}
        },
        "weight" => match entry.value.as_i64() {
            Some(weight) => front.weight = Some(weight),
            None => problems.push(field.at(
                entry,
                "`weight` must be a whole number".to_string(),
                "lower numbers come first in the navigation, for example `weight: 10`",
            )),
        },
        _ => {}
    }
}

/// One front matter key as the page wrote it: its name, the spelling the editor used (the
/// name or an alias), its value, and where the value is (file line and column).
struct Entry<'a> {
    key: &'static str,
    spelling: &'static str,
    value: &'a Value,
    line: usize,
    column: usize,
}

/// Looks up fields by their canonical name or any alias.
struct Fields<'a> {
    file: &'a Path,
    text: &'a str,
    mapping: &'a Mapping,
}

impl<'a> Fields<'a> {
    /// An error at `entry`'s value.
    fn at(&self, entry: &Entry, message: String, help: &str) -> Diagnostic {
        Diagnostic::error(self.file, entry.line, message)
            .at_column(entry.column)
            .with_help(help.to_string())
    }

    /// The value of `key` under whichever spelling the editor used; an error if two are used.
    fn get(
        &self,
        key: &'static str,
        problems: &mut Vec<Diagnostic>,
    ) -> Option<(&'static str, &'a Value)> {
        let aliases = KEYS
            .iter()
            .find(|(k, _)| *k == key)
            .map_or(&[][..], |(_, a)| *a);
        let mut found: Option<(&'static str, &'a Value)> = None;
        for spelling in std::iter::once(key).chain(aliases.iter().copied()) {
            let Some(value) = self.mapping.get(spelling) else {
                continue;
            };
            let stored = spelling;
            if let Some((first, _)) = found {
                let (line, _) = yaml::key_position(self.text, stored, 2);
                problems.push(
                    Diagnostic::error(
                        self.file,
                        line,
                        format!("`{stored}` repeats `{first}`: they mean the same thing"),
                    )
                    .at_column(1)
                    .with_help(format!(
                        "keep one of them (`{key}` is the current spelling)"
                    )),
                );
            } else {
                found = Some((stored, value));
            }
        }
        found
    }

    /// A text value; numbers are accepted as text; lists and mappings are an error.
    fn text(&self, entry: &Entry, problems: &mut Vec<Diagnostic>) -> Option<String> {
        if entry.value.is_null() {
            return None;
        }
        let text = yaml::scalar_text(entry.value);
        if text.is_none() {
            let spelling = entry.spelling;
            problems.push(self.at(
                entry,
                format!("`{spelling}` must be plain text, not a list or a mapping"),
                &format!("write it on one line, for example `{spelling}: some text`"),
            ));
        }
        // `title: ""` says nothing, as `title:` does: the page's first heading is its title.
        text.map(|t| t.trim().to_string()).filter(|t| !t.is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> (FrontMatter, Vec<Diagnostic>) {
        let split = split(text);
        let mut problems = Vec::new();
        let front = parse(
            Path::new("page.md"),
            split.yaml.unwrap_or(""),
            &mut problems,
        );
        (front, problems)
    }

    #[test]
    fn splits_front_matter_from_body() {
        let s = split("---\ntitle: A\n---\n# Body\n");
        assert_eq!(s.yaml, Some("title: A\n"));
        assert_eq!(s.body, "# Body\n");
        assert_eq!(s.body_line, 4);
        let none = split("# Just a body\n");
        assert!(none.yaml.is_none());
        assert_eq!(none.body_line, 1);
    }

    #[test]
    fn legacy_spellings_work() {
        let (front, problems) =
            read("---\nReview: 2021-12-31\nOwner: CISO\nTarget audience:\n---\n");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(front.owner.as_deref(), Some("CISO"));
        assert_eq!(front.review_by.unwrap().iso(), "2021-12-31");
        assert!(front.audience.is_empty());
    }

    #[test]
    fn tech_docs_keys_work() {
        let (front, problems) = read(
            "---\ntitle: T\nlast_reviewed_on: 2024-01-15\nreview_in: 6 months\nowner_slack: \"#team\"\n---\n",
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(front.last_reviewed.unwrap().iso(), "2024-01-15");
        assert_eq!(front.review_in, Some(Interval::Months(6)));
        assert_eq!(front.owner_slack.as_deref(), Some("#team"));
    }

    #[test]
    fn impossible_dates_are_errors_at_their_line() {
        let (_, problems) = read("---\ntitle: T\nreview_by: 2021-02-30\n---\n");
        assert_eq!(problems.len(), 1);
        assert_eq!((problems[0].line, problems[0].column), (3, 12));
        assert!(problems[0].message.contains("2021-02-30"));
    }

    #[test]
    fn every_problem_is_reported() {
        let (_, problems) = read("---\ntitel: T\nweight: heavy\nlast_reviewed: 2022-21-09\n---\n");
        let lines: Vec<usize> = problems.iter().map(|p| p.line).collect();
        assert_eq!(lines.len(), 3, "{problems:?}");
        assert!(
            problems
                .iter()
                .any(|p| p.help.as_deref() == Some("did you mean `title`?"))
        );
    }

    #[test]
    fn two_spellings_of_one_key_is_an_error() {
        let (_, problems) = read("---\nowner: A\nOwner: B\n---\n");
        assert!(
            problems.iter().any(|p| p.is_error() && p.line == 3),
            "{problems:?}"
        );
    }

    #[test]
    fn feedback_address_or_off() {
        assert_eq!(
            read("---\nfeedback: false\n---\n").0.feedback,
            Feedback::Off
        );
        assert_eq!(
            read("---\nfeedback: a@b.c\n---\n").0.feedback,
            Feedback::Address("a@b.c".into())
        );
        assert!(read("---\nfeedback: yes please\n---\n").1[0].is_error());
    }
}
