//! The editors' lints on each page: review dates past, near or missing, owners, headings
//! written without their space, summaries too long for a list, second `h1`s, images
//! without text, links to other sites.

pub mod duplicates;
pub mod mojibake;
pub mod text_scan;

use crate::finding::{Finding, Lint};
use crate::lints::text_scan::TextScan;
use chrono::NaiveDate;
use rayon::prelude::*;
use signpost_base::dates::PageDate;
use signpost_base::diagnostic::Diagnostic;
use signpost_model::link_target::LinkTarget;
use signpost_model::page::front_matter;
use signpost_model::page::{Page, PageKind};
use signpost_model::review_status::{self, ReviewStatus};
use signpost_model::site::Site;

/// Every page's lints, and those across pages (the same title or address twice).
pub fn run(site: &Site, today: NaiveDate, due_within: u32) -> Vec<Finding> {
    let lints = Lints {
        site,
        today,
        due_within,
    };
    let mut findings: Vec<Finding> = site
        .pages
        .par_iter()
        .filter(|page| !page.generated)
        .flat_map_iter(|page| lints.page(page))
        .collect();
    findings.extend(crate::lints::duplicates::duplicate_titles(site));
    findings.extend(crate::lints::duplicates::duplicate_paths(site));
    findings
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
        findings.extend(legacy_headings(page, &text));
        findings.extend(summary_too_long(page, &front));
        findings.extend(second_h1s(page));
        findings.extend(images_without_text(page));
        findings.extend(self.text_and_links(page, &split, &front));
        findings
    }

    /// What the text says (mojibake, retired mailboxes, files hosted elsewhere), and links
    /// to other sites.
    fn text_and_links(
        &self,
        page: &Page,
        split: &front_matter::Split,
        front: &FrontLines,
    ) -> Vec<Finding> {
        let mut findings = Vec::new();
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
            review_status::status(page.review_by, self.today, self.due_within),
        ) {
            (Some(date), ReviewStatus::Overdue) => findings.push(Finding {
                lint: Lint::ReviewOverdue,
                diagnostic: Diagnostic::warning(
                    &page.file,
                    review_line,
                    format!(
                        "past its review-by date: {} ({})",
                        PageDate::Day(date),
                        signpost_base::dates::when(date, self.today)
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
                        signpost_base::dates::when(date, self.today)
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
pub struct FrontLines<'a> {
    pub yaml: &'a str,
}

impl FrontLines<'_> {
    /// File line (1-based) of the first of `keys` written at the top level.
    pub fn line_of(&self, keys: &[&str]) -> Option<usize> {
        self.yaml.lines().enumerate().find_map(|(index, line)| {
            let key = line.split_once(':')?.0.trim_end().trim_matches(['"', '\'']);
            (!line.starts_with([' ', '\t']) && keys.contains(&key)).then_some(index + 2)
        })
    }
}

/// `#Heading` without its space (Signpost reads it as a heading; other tools do not).
fn legacy_headings(page: &Page, text: &str) -> Vec<Finding> {
    let mut findings = Vec::new();
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
    findings
}

/// Lists, search results and the page's description show the summary whole.
fn summary_too_long(page: &Page, front: &FrontLines) -> Option<Finding> {
    if let Some(summary) = &page.front.summary
        && summary.chars().count() > SUMMARY_MAX
    {
        return Some(Finding {
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
    None
}

fn second_h1s(page: &Page) -> Vec<Finding> {
    let mut findings = Vec::new();
    for &line in &page.second_h1_lines {
        findings.push(Finding {
            lint: Lint::SecondH1,
            diagnostic: Diagnostic::warning(
                &page.file,
                line,
                "a second top-level heading: the page's title is its main heading",
            )
            .with_help("write it as `## …`, so screen reader users find one main heading per page"),
        });
    }
    findings
}

fn images_without_text(page: &Page) -> Vec<Finding> {
    let mut findings = Vec::new();
    for &line in &page.images_without_text {
        findings.push(Finding {
            lint: Lint::ImageTextMissing,
            diagnostic: Diagnostic::warning(
                &page.file,
                line,
                "this image has no text for people who cannot see it",
            )
            .with_help("say what it shows between the brackets: `![Map of the regions](map.png)`"),
        });
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_key_lines() {
        let front = FrontLines {
            yaml: "title: T\n  review_by: nested\nReview: 2021-12-31\n",
        };
        assert_eq!(front.line_of(&["review_by", "Review"]), Some(4));
        assert_eq!(front.line_of(&["owner"]), None);
    }
}
