//! Recording a review in a page's front matter ("reviewed, no change", `signpost review`):
//! `last_reviewed` becomes the review date and `review_by` moves on by the page's
//! `review_in` or the site's `review_interval`.
//!
//! The front matter is edited as text, line by line, so every other byte of the file (the
//! editor's key order, spellings such as `Review:`, comments, quotes, line endings) stays
//! exactly as it was: the pull request shows the two dates changing and nothing else.

use crate::page::front_matter::{self, FrontMatter};
use chrono::NaiveDate;
use signpost_base::dates::{Interval, PageDate};
use signpost_base::diagnostic::{self, Diagnostic};
use std::path::Path;

const REVIEW_BY: &[&str] = &["review_by", "Review"];
const LAST_REVIEWED: &[&str] = &["last_reviewed", "last_reviewed_on"];
const REVIEWED_BY: &[&str] = &["reviewed_by"];

/// What a review changed in one page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub text: String,
    /// The review-by date now in force (written, or worked out from `review_in`).
    pub review_by: NaiveDate,
    /// `review_by` as it was written before, if it was.
    pub previous_review_by: Option<String>,
    /// Whether `review_by` is worked out from `review_in` rather than written.
    pub derived: bool,
}

/// What reviewing one file would make of it, written nowhere.
pub fn review_text(
    file: &Path,
    site_interval: Option<Interval>,
    date: NaiveDate,
    reviewer: Option<&str>,
) -> Result<Change, Diagnostic> {
    if !signpost_base::page_forms::is_page(file) {
        return Err(
            Diagnostic::error(file, 0, "this is not a page (a `.md` file)").with_help(
                "give the page's path, e.g. `content/travel/page.md` or `travel/page.md`",
            ),
        );
    }
    let text = std::fs::read_to_string(file).map_err(|err| {
        Diagnostic::error(file, 0, format!("cannot read this page: {err}"))
            .with_help("give the page's path, e.g. `content/travel/page.md` or `travel/page.md`")
    })?;
    signpost_base::write::refuse_read_only(file)?;
    update(file, &text, site_interval, date, reviewer)
}

/// The page's text after the review. Pure: reads and writes nothing.
pub fn update(
    file: &Path,
    text: &str,
    site_interval: Option<Interval>,
    date: NaiveDate,
    reviewer: Option<&str>,
) -> Result<Change, Diagnostic> {
    if let Some(name) = reviewer.filter(|n| n.trim().is_empty() || n.contains(['\n', '\r'])) {
        return Err(
            Diagnostic::error(file, 0, format!("`{name}` is not a reviewer's name"))
                .with_help("give a name on one line, e.g. --reviewer \"Jane Smith\""),
        );
    }
    let bom = if text.starts_with('\u{feff}') {
        "\u{feff}"
    } else {
        ""
    };
    let body_text = &text[bom.len()..];
    let newline = if body_text
        .split_inclusive('\n')
        .next()
        .is_some_and(|l| l.ends_with("\r\n"))
    {
        "\r\n"
    } else {
        "\n"
    };
    let lines: Vec<&str> = body_text.split_inclusive('\n').collect();
    let opens = lines.first().is_some_and(|l| l.trim_end() == "---");
    let closing = lines
        .iter()
        .skip(1)
        .position(|l| matches!(l.trim_end(), "---" | "..."))
        .map(|i| i + 1);

    let (yaml_lines, closing) = match (opens, closing) {
        (true, Some(closing)) => (&lines[1..closing], closing),
        (true, None) => {
            return Err(Diagnostic::error(
                file,
                1,
                "the front matter starts with `---` but never ends",
            )
            .with_help("add a line with just `---` after the last front matter line"));
        }
        (false, _) => {
            // No front matter yet: start one with the review dates.
            return start_front_matter(
                file,
                bom,
                body_text,
                newline,
                site_interval,
                date,
                reviewer,
            );
        }
    };

    let yaml: String = yaml_lines.concat();
    let mut problems = Vec::new();
    let front = front_matter::parse(file, &yaml, &mut problems);
    if let Some(problem) = problems.into_iter().find(Diagnostic::is_error) {
        return Err(Diagnostic {
            message: format!("fix the front matter first: {}", problem.message),
            ..problem
        });
    }

    let interval = front.review_in.or(site_interval);
    let review_by_at = find_key(file, yaml_lines, REVIEW_BY)?;
    let last_reviewed_at = find_key(file, yaml_lines, LAST_REVIEWED)?;
    let reviewed_by_at = find_key(file, yaml_lines, REVIEWED_BY)?;
    // A page that works its date out from `review_in` keeps doing so.
    let derived = review_by_at.is_none() && front.review_in.is_some();
    let review_by = interval.ok_or_else(|| no_interval(file))?.after(date);

    let edits = Edits::plan(
        yaml_lines.len(),
        newline,
        date,
        review_by,
        derived,
        reviewer,
        [&last_reviewed_at, &review_by_at, &reviewed_by_at],
    );
    let out = edits.apply(text.len(), bom, &lines, yaml_lines, closing);

    verify(file, &out, date, review_by, interval, reviewer)?;
    Ok(Change {
        text: out,
        review_by,
        previous_review_by: review_by_at.map(|at| at.value),
        derived,
    })
}

/// A page with no front matter yet: one with the review dates, before the text.
fn start_front_matter(
    file: &Path,
    bom: &str,
    body_text: &str,
    newline: &str,
    site_interval: Option<Interval>,
    date: NaiveDate,
    reviewer: Option<&str>,
) -> Result<Change, Diagnostic> {
    let interval = site_interval.ok_or_else(|| no_interval(file))?;
    let review_by = interval.after(date);
    let mut out = String::from(bom);
    out.push_str(&format!("---{newline}"));
    out.push_str(&format!("last_reviewed: {}{newline}", iso(date)));
    out.push_str(&format!("review_by: {}{newline}", iso(review_by)));
    if let Some(name) = reviewer {
        out.push_str(&format!("reviewed_by: {}{newline}", yaml_text(name)));
    }
    out.push_str(&format!("---{newline}"));
    out.push_str(body_text);
    Ok(Change {
        text: out,
        review_by,
        previous_review_by: None,
        derived: false,
    })
}

/// Edits by line index of the front matter's lines: replacements, and lines inserted before
/// an index.
struct Edits {
    replace: Vec<(usize, String)>,
    insert: Vec<(usize, String)>,
}

impl Edits {
    /// The review's edits: the dates (and reviewer) replaced where written, else added beside
    /// the review dates already there.
    fn plan(
        end: usize,
        newline: &str,
        date: NaiveDate,
        review_by: NaiveDate,
        derived: bool,
        reviewer: Option<&str>,
        [last_reviewed_at, review_by_at, reviewed_by_at]: [&Option<KeyLine>; 3],
    ) -> Self {
        let mut replace: Vec<(usize, String)> = Vec::new();
        let mut insert: Vec<(usize, String)> = Vec::new();
        // New keys go beside the review dates already there; inserted in this order.
        let beside_last_reviewed = match &last_reviewed_at {
            Some(at) => {
                replace.push((at.index, at.with_value(&iso(date))));
                at.index + 1
            }
            None => {
                let at = review_by_at.as_ref().map_or(end, |at| at.index);
                insert.push((at, format!("last_reviewed: {}{newline}", iso(date))));
                at
            }
        };
        if let Some(at) = &review_by_at {
            replace.push((at.index, at.with_value(&iso(review_by))));
        } else if !derived {
            insert.push((
                beside_last_reviewed,
                format!("review_by: {}{newline}", iso(review_by)),
            ));
        }
        if let Some(name) = reviewer {
            match &reviewed_by_at {
                Some(at) => replace.push((at.index, at.with_value(&yaml_text(name)))),
                None => insert.push((
                    beside_last_reviewed,
                    format!("reviewed_by: {}{newline}", yaml_text(name)),
                )),
            }
        }
        Self { replace, insert }
    }

    /// The page's text with the edits made; every other byte as it was.
    fn apply(
        &self,
        capacity: usize,
        bom: &str,
        lines: &[&str],
        yaml_lines: &[&str],
        closing: usize,
    ) -> String {
        let (replace, insert) = (&self.replace, &self.insert);
        let end = yaml_lines.len();
        let mut out = String::with_capacity(capacity + 64);
        out.push_str(bom);
        out.push_str(lines[0]);
        for (index, line) in yaml_lines.iter().enumerate() {
            for (_, inserted) in insert.iter().filter(|(at, _)| *at == index) {
                out.push_str(inserted);
            }
            match replace.iter().find(|(at, _)| *at == index) {
                Some((_, replaced)) => out.push_str(replaced),
                None => out.push_str(line),
            }
        }
        for (_, inserted) in insert.iter().filter(|(at, _)| *at == end) {
            out.push_str(inserted);
        }
        for line in &lines[closing..] {
            out.push_str(line);
        }
        out
    }
}

/// Reads the new front matter back: the dates must be the ones meant, and nothing else broken.
fn verify(
    file: &Path,
    text: &str,
    date: NaiveDate,
    review_by: NaiveDate,
    interval: Option<Interval>,
    reviewer: Option<&str>,
) -> Result<(), Diagnostic> {
    let split = front_matter::split(text);
    let mut problems = Vec::new();
    let front: FrontMatter = front_matter::parse(file, split.yaml.unwrap_or(""), &mut problems);
    let effective = front.review_by.map(PageDate::last_day).or_else(|| {
        Some(
            front
                .review_in
                .or(interval)?
                .after(front.last_reviewed?.last_day()),
        )
    });
    let ok = !diagnostic::has_errors(&problems)
        && front.last_reviewed == Some(PageDate::Day(date))
        && effective == Some(review_by)
        && reviewer.is_none_or(|name| front.reviewed_by.as_deref() == Some(name.trim()));
    if ok {
        Ok(())
    } else {
        Err(Diagnostic::error(
            file,
            0,
            "could not update the review dates without changing the meaning of the front matter; the file is unchanged",
        )
        .with_help("edit `last_reviewed` and `review_by` by hand"))
    }
}

fn no_interval(file: &Path) -> Diagnostic {
    Diagnostic::error(
        file,
        0,
        "there is no review interval to move `review_by` on by",
    )
    .with_help("add `review_interval: 6 months` to site.yaml, or `review_in: 6 months` to the page")
}

fn iso(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// A name as a YAML value: plain when that reads back the same, quoted otherwise.
fn yaml_text(name: &str) -> String {
    let name = name.trim();
    serde_yaml::to_string(name)
        .map(|yaml| yaml.trim_end().to_string())
        .unwrap_or_else(|_| serde_json::Value::from(name).to_string())
}

/// A top-level `key: value` line of the front matter.
#[derive(Debug)]
struct KeyLine {
    /// Index in the front matter's lines.
    index: usize,
    /// `Review:` and the spaces after it, as written.
    head: String,
    /// The value as written (without quotes).
    value: String,
    /// `'` or `"` if the value was quoted.
    quote: Option<char>,
    /// A trailing ` # comment` and the line ending, as written.
    tail: String,
}

impl KeyLine {
    fn with_value(&self, value: &str) -> String {
        let value = match self.quote {
            // Names are already quoted by `yaml_text` when they need it.
            Some(q) if value.chars().all(|c| c.is_ascii_digit() || c == '-') => {
                format!("{q}{value}{q}")
            }
            _ => value.to_string(),
        };
        format!("{}{value}{}", self.head, self.tail)
    }
}

/// The line where one of `spellings` is written at the top level of the front matter.
fn find_key(
    file: &Path,
    lines: &[&str],
    spellings: &[&str],
) -> Result<Option<KeyLine>, Diagnostic> {
    for (index, line) in lines.iter().enumerate() {
        if line.starts_with([' ', '\t', '#']) {
            continue;
        }
        let Some((key, rest)) = line.split_once(':') else {
            continue;
        };
        if !spellings.contains(&key.trim_end().trim_matches(['"', '\''])) {
            continue;
        }
        let line_number = index + 2;
        let cannot = || {
            Diagnostic::error(
                file,
                line_number,
                format!(
                    "`{}` is not written on one line, so it cannot be updated safely",
                    key.trim()
                ),
            )
            .with_help(format!(
                "write it as `{}: YYYY-MM-DD`, then run this again",
                key.trim()
            ))
        };
        let content_end = rest.trim_end_matches(['\n', '\r']).len();
        let (content, ending) = rest.split_at(content_end);
        let spaces = content.len() - content.trim_start().len();
        let value_and_comment = &content[spaces..];
        let (value_text, comment) = match value_and_comment.find(" #") {
            Some(at) if !value_and_comment.starts_with(['"', '\'']) => {
                value_and_comment.split_at(at)
            }
            _ => (value_and_comment, ""),
        };
        let (value, quote, after_quote) = match value_text.chars().next() {
            Some(q @ ('"' | '\'')) => {
                let inner = &value_text[1..];
                let close = inner.find(q).ok_or_else(cannot)?;
                (&inner[..close], Some(q), &inner[close + 1..])
            }
            Some('|' | '>' | '[' | '{' | '&' | '*' | '!') => return Err(cannot()),
            _ => (
                value_text.trim_end(),
                None,
                &value_text[value_text.trim_end().len()..],
            ),
        };
        let continues = lines
            .get(index + 1)
            .is_some_and(|next| next.starts_with([' ', '\t']) && !next.trim().is_empty());
        if continues {
            return Err(cannot());
        }
        let head_spaces = if spaces == 0 { " " } else { &content[..spaces] };
        return Ok(Some(KeyLine {
            index,
            head: format!("{key}:{head_spaces}"),
            value: value.to_string(),
            quote,
            tail: format!("{after_quote}{comment}{ending}"),
        }));
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    fn review(text: &str, reviewer: Option<&str>) -> Result<Change, Diagnostic> {
        update(
            Path::new("page.md"),
            text,
            Interval::parse("6 months").ok(),
            day("2026-11-22"),
            reviewer,
        )
    }

    #[test]
    fn moves_both_dates_and_nothing_else() {
        let text = "---\ntitle: T   # the title\nReview:   2021-12-31 # legacy spelling\nOwner: CISO\nlast_reviewed: 2021-06\n---\n\n# Body\nreview_by: 2020-01-01\n";
        let change = review(text, None).unwrap();
        assert_eq!(
            change.text,
            "---\ntitle: T   # the title\nReview:   2027-05-22 # legacy spelling\nOwner: CISO\nlast_reviewed: 2026-11-22\n---\n\n# Body\nreview_by: 2020-01-01\n"
        );
        assert_eq!(change.previous_review_by.as_deref(), Some("2021-12-31"));
        assert_eq!(change.review_by, day("2027-05-22"));
    }

    #[test]
    fn the_page_interval_wins_and_quotes_and_crlf_are_kept() {
        let text = "---\r\ntitle: T\r\nreview_in: 1 year\r\nreview_by: '2024-01-01'\r\nlast_reviewed_on: \"2023-01-01\"\r\n---\r\nBody\r\n";
        let change = review(text, None).unwrap();
        assert_eq!(
            change.text,
            "---\r\ntitle: T\r\nreview_in: 1 year\r\nreview_by: '2027-11-22'\r\nlast_reviewed_on: \"2026-11-22\"\r\n---\r\nBody\r\n"
        );
    }

    #[test]
    fn adds_missing_keys_next_to_the_others() {
        let text = "---\ntitle: T\nreview_by: 2021-12-31\nowner: CISO\n---\nBody\n";
        let change = review(text, Some("Jane Smith")).unwrap();
        assert_eq!(
            change.text,
            "---\ntitle: T\nlast_reviewed: 2026-11-22\nreviewed_by: Jane Smith\nreview_by: 2027-05-22\nowner: CISO\n---\nBody\n"
        );
        let text = "---\ntitle: T\n---\nBody\n";
        assert_eq!(
            review(text, None).unwrap().text,
            "---\ntitle: T\nlast_reviewed: 2026-11-22\nreview_by: 2027-05-22\n---\nBody\n"
        );
    }

    #[test]
    fn a_page_that_works_its_date_out_keeps_doing_so() {
        let text = "---\ntitle: T\nlast_reviewed_on: 2024-01-15\nreview_in: 3 months\n---\n";
        let change = review(text, None).unwrap();
        assert_eq!(
            change.text,
            "---\ntitle: T\nlast_reviewed_on: 2026-11-22\nreview_in: 3 months\n---\n"
        );
        assert!(change.derived);
        assert_eq!(change.review_by, day("2027-02-22"));
    }

    #[test]
    fn reviewer_names_are_quoted_when_yaml_needs_it() {
        let text = "---\ntitle: T\nreviewed_by: Someone Else\nreview_by: 2021-12-31\nlast_reviewed: 2021-06-01\n---\n";
        let change = review(text, Some("Security: Ops #1")).unwrap();
        assert!(
            change.text.contains("reviewed_by: 'Security: Ops #1'\n"),
            "{}",
            change.text
        );
        assert!(review(text, Some("  ")).is_err());
    }

    #[test]
    fn a_page_without_front_matter_gets_one() {
        let change = review("#Heading\n\nText\n", None).unwrap();
        assert_eq!(
            change.text,
            "---\nlast_reviewed: 2026-11-22\nreview_by: 2027-05-22\n---\n#Heading\n\nText\n"
        );
    }

    #[test]
    fn refuses_what_it_cannot_edit_safely() {
        assert!(review("---\ntitle: T\nreview_by: >\n  2021-12-31\n---\n", None).is_err());
        assert!(review("---\ntitle: T\nreview_by: 2021-21-09\n---\n", None).is_err());
        assert!(review("---\ntitle: T\n", None).is_err());
        let no_interval = update(
            Path::new("p.md"),
            "---\ntitle: T\n---\n",
            None,
            day("2026-11-22"),
            None,
        );
        assert!(no_interval.unwrap_err().message.contains("review interval"));
    }
}
