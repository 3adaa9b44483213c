//! `reviews.atom`: an Atom feed (RFC 4287) of the pages overdue or due soon, so review
//! reminders reach owners in any feed reader or mail client.
//!
//! An entry's id and date depend only on the page and its review-by date, not on the build,
//! so readers show each reminder once: when a page comes due, and again when it is overdue.

use crate::reviews::{self, Review};
use atom_syndication::{Category, Entry, Feed, FixedDateTime, Generator, Link, Person, Text};
use chrono::{Days, NaiveDate, TimeZone, Utc};
use signpost_base::dates::PageDate;
use signpost_model::review_status::ReviewStatus;
use signpost_model::site::Site;

pub fn feed(site: &Site, reviews: &[Review], today: NaiveDate) -> String {
    let id = reviews::site_id(site);
    let due_soon_days = site.config.review_due_soon_days;
    let mut entries: Vec<Entry> = reviews
        .iter()
        .filter(|r| r.reminded())
        .filter(|r| matches!(r.status, ReviewStatus::Overdue | ReviewStatus::DueSoon))
        .filter_map(|r| entry(site, r, &id, today, due_soon_days))
        .collect();
    // Newest first, as feed readers expect.
    entries.sort_by(|a, b| b.updated().cmp(a.updated()).then(a.id().cmp(b.id())));

    let mut feed = Feed::default();
    feed.set_id(format!("tag:{id},2026:reviews"));
    feed.set_title(Text::plain(format!(
        "{}: pages overdue or due for review",
        site.config.name
    )));
    feed.set_subtitle(Text::plain(format!(
        "Pages past their review-by date, or due for review within {due_soon_days} days."
    )));
    feed.set_updated(midnight(today));
    let mut author = Person::default();
    author.set_name(
        site.config
            .organisation
            .clone()
            .unwrap_or_else(|| site.config.name.clone()),
    );
    feed.set_authors(vec![author]);
    let mut generator = Generator::default();
    generator.set_value("Signpost");
    feed.set_generator(generator);
    let link = |rel: &str, href: String, mime: &str| {
        let mut link = Link::default();
        link.set_rel(rel);
        link.set_href(href);
        link.set_mime_type(Some(mime.to_string()));
        link
    };
    let base = site
        .config
        .site_url
        .as_ref()
        .map(|url| format!("{}/", url.trim_end_matches('/')));
    let at = |file: &str| format!("{}{file}", base.as_deref().unwrap_or(""));
    feed.set_links(vec![
        link(
            "self",
            at(signpost_base::names::REVIEW_FEED),
            "application/atom+xml",
        ),
        link(
            "alternate",
            at(signpost_base::names::REVIEWS_PAGE),
            "text/html",
        ),
    ]);
    feed.set_lang(Some(site.config.language.clone()));
    feed.set_entries(entries);
    let mut xml = feed.to_string();
    xml.push('\n');
    xml
}

fn entry(
    site: &Site,
    review: &Review,
    site_id: &str,
    today: NaiveDate,
    due_soon_days: u32,
) -> Option<Entry> {
    let page = review.page;
    let review_by = page.review_by?;
    let owner = page.front.owner.clone();
    let source = page.source.to_string_lossy();
    let (label, status, since) = match review.status {
        ReviewStatus::Overdue => (
            "Overdue",
            "overdue",
            review_by.checked_add_days(Days::new(1))?,
        ),
        _ => (
            "Due soon",
            "due-soon",
            review_by.checked_sub_days(Days::new(due_soon_days.into()))?,
        ),
    };

    let mut entry = Entry::default();
    entry.set_id(format!(
        "tag:{site_id},2026:reviews/{}/{status}/{}",
        page.url,
        review_by.format("%Y-%m-%d")
    ));
    entry.set_title(Text::plain(format!("{label}: {}", page.title)));
    // The day it became due soon or overdue, never later than today.
    let since = since.min(today);
    entry.set_updated(midnight(since));
    entry.set_published(Some(midnight(since)));
    let mut author = Person::default();
    author.set_name(owner.clone().unwrap_or_else(|| "No owner".to_string()));
    entry.set_authors(vec![author]);
    let mut link = Link::default();
    link.set_rel("alternate");
    link.set_mime_type(Some("text/html".to_string()));
    link.set_href(reviews::published_url(site, page).unwrap_or_else(|| page.url.clone()));
    entry.set_links(vec![link]);
    let mut category = Category::default();
    category.set_term(status);
    category.set_label(Some(label.to_string()));
    entry.set_categories(vec![category]);

    let mut summary = format!(
        "Review by {} ({}). Owner: {}.",
        PageDate::Day(review_by),
        signpost_base::dates::when(review_by, today),
        owner.as_deref().unwrap_or("none")
    );
    if let Some(last) = page.front.last_reviewed {
        summary.push_str(&format!(" Last reviewed: {last}."));
    }
    summary.push_str(&format!(
        " Source: {source}. If the page needs no change, record the review with `signpost review {source}`."
    ));
    entry.set_summary(Some(Text::plain(summary)));
    Some(entry)
}

fn midnight(date: NaiveDate) -> FixedDateTime {
    Utc.from_utc_datetime(&date.and_hms_opt(0, 0, 0).expect("midnight exists"))
        .fixed_offset()
}
