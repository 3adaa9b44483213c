//! The review reports written with every build, at the output root, so review dates run
//! themselves:
//! - `reviews.html`: every page by review-by date (overdue, due soon, in date, no date), with
//!   owner and last review, for editors (linked from every page's footer);
//! - `pages.json`: every page's title, path, owner, review dates and audience, for tools;
//! - `reviews.ics`: one calendar event per review-by date, for owners to subscribe to;
//! - `reviews.atom`: a feed of the pages overdue or due soon, for any feed reader or mail
//!   client.

pub mod calendar;
pub mod feed;

use crate::context::DateView;
use crate::reviews::calendar::Calendar;
use chrono::NaiveDate;
use serde::Serialize;
use signpost_base::dates::{PageDate, when};
use signpost_base::diagnostic::Diagnostic;
use signpost_base::write::write_file;
use signpost_model::page::{Page, PageKind};
use signpost_model::review_status::{self, ReviewStatus};
use signpost_model::site::Site;
use std::path::Path;

use signpost_base::names::{
    PAGES_JSON, REVIEW_CALENDAR as CALENDAR, REVIEW_FEED as FEED, REVIEWS_PAGE,
};

/// One page, as the reports see it.
pub struct Review<'a> {
    pub page: &'a Page,
    pub status: ReviewStatus,
    /// Replaced by another page: kept for reference, never reviewed again.
    pub superseded: bool,
}

impl Review<'_> {
    /// Whether the page should be in reminders: current, with a review-by date.
    pub fn reminded(&self) -> bool {
        !self.superseded && self.page.review_by.is_some()
    }
}

/// Every page written from a file (not the folder indexes Signpost makes up), by review-by
/// date, then title.
pub fn reviews(site: &Site, today: NaiveDate) -> Vec<Review<'_>> {
    let mut reviews: Vec<Review> = site
        .pages
        .iter()
        .filter(|page| !page.generated)
        .map(|page| Review {
            page,
            status: review_status::status(page.review_by, today, site.config.review_due_soon_days),
            superseded: page.front.superseded_by.is_some(),
        })
        .collect();
    reviews.sort_by_cached_key(|r| {
        (
            r.page.review_by.is_none(),
            r.page.review_by,
            r.page.title.to_lowercase(),
        )
    });
    reviews
}

pub fn write(site: &Site, today: NaiveDate, out: &Path) -> Result<(), Vec<Diagnostic>> {
    let reviews = reviews(site, today);
    let page = reviews_page(site, &reviews, today).map_err(|e| vec![e])?;
    let files = [
        (REVIEWS_PAGE, page),
        (PAGES_JSON, pages_json(site, &reviews)),
        (CALENDAR, calendar(site, &reviews, today)),
        (FEED, feed::feed(site, &reviews, today)),
    ];
    let problems: Vec<Diagnostic> = files
        .iter()
        .filter_map(|(name, text)| write_file(&out.join(name), text.as_bytes()).err())
        .collect();
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

/// Renders the reviews page and keeps nothing (for `check`: its template's problems).
pub fn try_render(site: &Site, today: NaiveDate) -> Result<(), Vec<Diagnostic>> {
    reviews_page(site, &reviews(site, today), today)
        .map(|_| ())
        .map_err(|e| vec![e])
}

fn day(date: NaiveDate) -> DateView {
    DateView::from(date)
}

#[derive(Serialize)]
struct Row {
    title: String,
    href: String,
    source: String,
    owner: Option<String>,
    last_reviewed: Option<DateView>,
    reviewed_by: Option<String>,
    review_by: Option<DateView>,
    /// `overdue by about 5 years`, `in 12 days`.
    when: Option<String>,
    status: ReviewStatus,
}

#[derive(Serialize)]
struct Group {
    id: &'static str,
    title: &'static str,
    description: String,
    pages: Vec<Row>,
}

fn reviews_page(site: &Site, reviews: &[Review], today: NaiveDate) -> Result<String, Diagnostic> {
    let row = |r: &Review| Row {
        title: r.page.title.clone(),
        href: r.page.url.clone(),
        source: r.page.source.to_string_lossy().into_owned(),
        owner: r.page.front.owner.clone(),
        last_reviewed: r.page.front.last_reviewed.map(DateView::from),
        reviewed_by: r.page.front.reviewed_by.clone(),
        review_by: r.page.review_by.map(day),
        when: r.page.review_by.map(|d| when(d, today)),
        status: r.status,
    };
    let group = |id, title, description: &str, status: Option<ReviewStatus>| Group {
        id,
        title,
        description: description.to_string(),
        pages: reviews
            .iter()
            .filter(|r| match status {
                Some(status) => !r.superseded && r.status == status,
                None => r.superseded,
            })
            .map(row)
            .collect(),
    };
    let groups = [
        group(
            "overdue",
            "Overdue",
            "Past their review-by date: readers see a notice that the page may be out of date.",
            Some(ReviewStatus::Overdue),
        ),
        group(
            "due-soon",
            "Due soon",
            &format!(
                "Due for review within {} days (review_due_soon_days in site.yaml).",
                site.config.review_due_soon_days
            ),
            Some(ReviewStatus::DueSoon),
        ),
        group(
            "in-date",
            "In date",
            "Reviewed, and not due for a while.",
            Some(ReviewStatus::InDate),
        ),
        group(
            "no-date",
            "No review date",
            "Give these pages review_by, or last_reviewed (the site's review_interval then gives the date).",
            Some(ReviewStatus::Unknown),
        ),
        group(
            "superseded",
            "Replaced pages",
            "Kept for reference and pointing at the page that replaces them; they are not reviewed again.",
            None,
        ),
    ];

    let mut context = crate::context::root_page_context(
        site,
        "Page reviews",
        Some("Every page's review-by date, owner and last review."),
        "reviews",
        REVIEWS_PAGE,
        today,
    );
    context.insert("groups", &groups);
    context.insert("due_soon_days", &site.config.review_due_soon_days);
    context.insert("calendar", CALENDAR);
    context.insert("feed", FEED);
    context.insert("pages_json", PAGES_JSON);
    let file = site
        .content_dir
        .join(signpost_base::names::TEMPLATES_DIR)
        .join(REVIEWS_PAGE);
    site.templates.render(REVIEWS_PAGE, &context, &file)
}

/// One page in `pages.json`.
#[derive(Serialize)]
struct PageEntry<'a> {
    title: &'a str,
    /// The source file, from the content folder (what `signpost review` takes).
    path: String,
    /// The page in the built site, from its root.
    url: &'a str,
    kind: PageKind,
    summary: Option<&'a str>,
    owner: Option<&'a str>,
    owner_slack: Option<&'a str>,
    /// `YYYY-MM-DD`, or `YYYY-MM` when only the month is known.
    last_reviewed: Option<PageDate>,
    reviewed_by: Option<&'a str>,
    /// `YYYY-MM-DD`: written, or worked out from `last_reviewed` and the review interval.
    review_by: Option<String>,
    review_status: ReviewStatus,
    audience: &'a [String],
    /// The source path of the page that replaces this one.
    superseded_by: Option<String>,
}

/// `pages.json`: one object per page, by source path.
fn pages_json(site: &Site, reviews: &[Review]) -> String {
    let mut reviews: Vec<&Review> = reviews.iter().collect();
    reviews.sort_by(|a, b| a.page.source.cmp(&b.page.source));
    let pages: Vec<PageEntry> = reviews
        .iter()
        .map(|r| {
            let page = r.page;
            let superseded_by = page.front.superseded_by.as_ref().and_then(|(target, _)| {
                match signpost_model::link_target::classify(target, &page.source) {
                    signpost_model::link_target::LinkTarget::Internal { path, .. } => site
                        .layout
                        .page_for(&path)
                        .and_then(|s| site.page(&s))
                        .map(|p| p.source.to_string_lossy().into_owned()),
                    _ => None,
                }
            });
            PageEntry {
                title: &page.title,
                path: page.source.to_string_lossy().into_owned(),
                url: &page.url,
                kind: page.kind,
                summary: page.front.summary.as_deref(),
                owner: page.front.owner.as_deref(),
                owner_slack: page.front.owner_slack.as_deref(),
                last_reviewed: page.front.last_reviewed,
                reviewed_by: page.front.reviewed_by.as_deref(),
                review_by: page.review_by.map(|d| d.format("%Y-%m-%d").to_string()),
                review_status: r.status,
                audience: &page.front.audience,
                superseded_by,
            }
        })
        .collect();
    let mut json = serde_json::to_string_pretty(&pages).expect("JSON values serialise");
    json.push('\n');
    json
}

/// Where a page is on the published site, when the site's address is known.
pub fn published_url(site: &Site, page: &Page) -> Option<String> {
    site.config
        .site_url
        .as_ref()
        .map(|base| format!("{}/{}", base.trim_end_matches('/'), page.url))
}

/// A name for this site in ids: its address's host, or its name made into a slug.
pub fn site_id(site: &Site) -> String {
    let host = |url: &str| {
        url.split_once("://")
            .map(|(_, rest)| rest.split(['/', ':']).next().unwrap_or("").to_string())
            .filter(|h| !h.is_empty())
    };
    site.config
        .site_url
        .as_deref()
        .and_then(host)
        .unwrap_or_else(|| {
            let slug = signpost_base::slug::slugify(&site.config.name);
            format!("{}.signpost", if slug.is_empty() { "site" } else { &slug })
        })
}

fn calendar(site: &Site, reviews: &[Review], today: NaiveDate) -> String {
    let id = site_id(site);
    let events: Vec<calendar::Event> = reviews
        .iter()
        .filter(|r| r.reminded())
        .filter_map(|r| {
            let page = r.page;
            let date = page.review_by?;
            let owner = page.front.owner.as_deref().unwrap_or("no owner");
            let source = page.source.to_string_lossy();
            let mut description = format!(
                "{} ({source}) is due for review by {}.\nOwner: {owner}\n",
                page.title,
                PageDate::Day(date)
            );
            if let Some(last) = page.front.last_reviewed {
                description.push_str(&format!("Last reviewed: {last}\n"));
            }
            description.push_str(&format!(
                "If it needs no change, record the review with: signpost review {source}"
            ));
            Some(calendar::Event {
                uid: format!("review-{}@{id}", page.url),
                summary: format!("Review: {} (owner: {owner})", page.title),
                description,
                date,
                url: published_url(site, page),
            })
        })
        .collect();
    let name = format!("{}: page reviews", site.config.name);
    Calendar {
        name: &name,
        description: "The date by which each page must be reviewed, and who owns it.",
        stamp: today,
        remind_days_before: site.config.review_due_soon_days,
        events: &events,
    }
    .to_ics()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn how_far_away_a_date_is() {
        let day = |d| NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap();
        let today = day("2026-11-22");
        assert_eq!(when(today, today), "today");
        assert_eq!(when(day("2026-11-23"), today), "in 1 day");
        assert_eq!(when(day("2026-12-10"), today), "in 18 days");
        assert_eq!(when(day("2021-12-31"), today), "about 5 years ago");
        assert_eq!(when(day("2026-05-22"), today), "about 6 months ago");
    }
}
