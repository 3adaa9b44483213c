//! The review reports every build writes at the output root: `reviews.html`, `pages.json`,
//! `reviews.ics` and `reviews.atom`, read back with real parsers (the `icalendar` crate's
//! parser, `atom_syndication` and `quick-xml`).

use crate::support;
use icalendar::{Component, DatePerhapsTime};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use support::*;

fn built(today: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    build(&workspace().join("content"), &out, today).assert_ok();
    (dir, out)
}

fn pages_json(out: &Path) -> Vec<serde_json::Value> {
    serde_json::from_str::<serde_json::Value>(&read(out, "pages.json"))
        .expect("pages.json is JSON")
        .as_array()
        .expect("an array of pages")
        .clone()
}

/// Pages that get reminders: current (not replaced), with a review-by date.
fn reminded(pages: &[serde_json::Value]) -> Vec<&serde_json::Value> {
    pages
        .iter()
        .filter(|p| p["superseded_by"].is_null() && p["review_by"].is_string())
        .collect()
}

#[test]
fn pages_json_lists_every_page_with_its_review_facts() {
    let (_dir, out) = built("2026-11-22");
    let pages = pages_json(&out);
    assert_eq!(pages.len(), 8);
    for page in &pages {
        for key in [
            "title",
            "path",
            "url",
            "owner",
            "last_reviewed",
            "review_by",
            "audience",
        ] {
            assert!(page.get(key).is_some(), "{key} missing from {page}");
        }
        assert!(out.join(page["url"].as_str().unwrap()).is_file(), "{page}");
    }
    let policy = pages
        .iter()
        .find(|p| p["path"] == "devices/mobile-devices-and-remote-working-policy.md")
        .unwrap();
    assert_eq!(policy["owner"], "CISO");
    assert_eq!(policy["review_by"], "2021-12-31");
    assert_eq!(policy["last_reviewed"], "2021-06");
    assert_eq!(policy["review_status"], "overdue");
    assert_eq!(policy["audience"], serde_json::json!([]));
    let old = pages
        .iter()
        .find(|p| p["path"] == "travel/taking-it-equipment-abroad-2018.md")
        .unwrap();
    assert_eq!(
        old["superseded_by"],
        "travel/accessing-it-systems-from-overseas.md"
    );
}

#[test]
fn the_calendar_has_one_event_per_review_date_with_the_owner() {
    let (_dir, out) = built("2026-11-22");
    let ics = read(&out, "reviews.ics");
    // RFC 5545: CRLF line ends, lines folded at 75 octets.
    assert!(!ics.replace("\r\n", "").contains('\n'), "bare LF");
    for line in ics.split("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line}", line.len());
    }
    let calendar: icalendar::Calendar = ics.parse().expect("the icalendar crate parses it");
    let events: Vec<&icalendar::Event> = calendar.events().collect();
    let pages = pages_json(&out);
    let expected = reminded(&pages);
    assert_eq!(events.len(), expected.len(), "{ics}");
    assert_eq!(events.len(), 7, "every current page, not the replaced one");

    let mut uids = BTreeSet::new();
    for event in &events {
        let uid = event.get_uid().expect("a UID");
        assert!(uids.insert(uid.to_string()), "UIDs are unique: {uid}");
        assert!(event.get_timestamp().is_some(), "a DTSTAMP");
        let summary = event.get_summary().expect("a summary");
        assert!(summary.contains("(owner: CISO)"), "{summary}");
        let Some(DatePerhapsTime::Date(start)) = event.get_start() else {
            panic!("an all-day event: {:?}", event.get_start());
        };
        let title = summary
            .strip_prefix("Review: ")
            .and_then(|s| s.strip_suffix(" (owner: CISO)"))
            .unwrap_or_else(|| panic!("`Review: <title> (owner: <owner>)`: {summary}"))
            // TEXT escaping (RFC 5545): `\,` is a comma, whether or not the parser unescapes it.
            .replace("\\,", ",");
        let page = expected
            .iter()
            .find(|p| p["title"] == title.as_str())
            .unwrap_or_else(|| panic!("no page for `{summary}`"));
        assert_eq!(
            start.format("%Y-%m-%d").to_string(),
            page["review_by"].as_str().unwrap(),
            "{summary}"
        );
    }

    // UIDs are stable from build to build, so a moved date moves the event.
    let (_dir2, later) = built("2027-01-05");
    let calendar: icalendar::Calendar = read(&later, "reviews.ics").parse().unwrap();
    let later_uids: BTreeSet<String> = calendar
        .events()
        .map(|e| e.get_uid().unwrap().to_string())
        .collect();
    assert_eq!(uids, later_uids);
}

#[test]
fn the_feed_lists_pages_overdue_or_due_soon() {
    let (_dir, out) = built("2026-11-22");
    let xml = read(&out, "reviews.atom");
    well_formed_atom(&xml);
    let feed = atom_syndication::Feed::read_from(xml.as_bytes()).expect("a valid Atom feed");
    let titles: BTreeSet<String> = feed
        .entries()
        .iter()
        .map(|e| e.title().value.clone())
        .collect();
    assert_eq!(
        titles,
        BTreeSet::from([
            "Overdue: General advice on taking equipment abroad".to_string(),
            "Overdue: Mobile Devices and Remote Working Policy".to_string(),
            "Overdue: Using your own smartphone, laptop, tablet or PC for work".to_string(),
        ]),
        "the replaced 2018 page is not reviewed again"
    );
    assert!(!feed.id().is_empty());
    for entry in feed.entries() {
        assert!(!entry.id().is_empty());
        assert_eq!(entry.authors()[0].name(), "CISO");
        let href = entry.links()[0].href();
        assert!(out.join(href).is_file(), "entry links to {href}");
        assert!(
            entry.summary().unwrap().value.contains("signpost review"),
            "the summary says how to record a review"
        );
    }

    // Three weeks before the current pages' review-by date, they are due soon.
    let (_dir2, later) = built("2027-05-10");
    let feed = atom_syndication::Feed::read_from(read(&later, "reviews.atom").as_bytes()).unwrap();
    let due_soon = feed
        .entries()
        .iter()
        .filter(|e| e.title().value.starts_with("Due soon: "))
        .count();
    assert_eq!(
        due_soon, 4,
        "the home page, two sections and the overseas page"
    );
}

/// Checks, with an XML parser of its own, that the feed is well-formed Atom.
fn well_formed_atom(xml: &str) {
    use quick_xml::events::Event;
    let mut reader = quick_xml::NsReader::from_str(xml);
    let mut root = None;
    let mut depth = 0usize;
    loop {
        match reader.read_resolved_event() {
            Ok((namespace, Event::Start(start))) => {
                if depth == 0 {
                    root = Some((
                        format!("{namespace:?}"),
                        String::from_utf8_lossy(start.local_name().as_ref()).into_owned(),
                    ));
                }
                depth += 1;
            }
            Ok((_, Event::End(_))) => depth -= 1,
            Ok((_, Event::Eof)) => break,
            Ok(_) => {}
            Err(err) => panic!("not well-formed XML: {err}\n{xml}"),
        }
    }
    assert_eq!(depth, 0);
    let (namespace, name) = root.expect("a root element");
    assert_eq!(name, "feed");
    assert!(
        namespace.contains("http://www.w3.org/2005/Atom"),
        "{namespace}"
    );
}

#[test]
fn the_reviews_page_groups_pages_and_every_page_links_to_it() {
    let (_dir, out) = built("2026-11-22");
    let html = read(&out, "reviews.html");
    let position = |needle: &str| {
        html.find(needle)
            .unwrap_or_else(|| panic!("no `{needle}` in reviews.html"))
    };
    assert!(position("id=\"reviews-overdue\"") < position("id=\"reviews-due-soon\""));
    assert!(position("id=\"reviews-due-soon\"") < position("id=\"reviews-in-date\""));
    assert!(position("id=\"reviews-in-date\"") < position("id=\"reviews-no-date\""));
    assert!(html.contains(">Overdue (3)</h2>"), "{html}");
    assert!(html.contains(">In date (4)</h2>"), "{html}");
    assert!(html.contains(">Replaced pages (1)</h2>"), "{html}");
    // Oldest first in each group, with owner and last review.
    assert!(
        position("href=\"travel/general-advice-on-taking-equipment-abroad.html\"")
            < position("href=\"devices/using-your-own-device.html\"")
    );
    assert!(html.contains("<time datetime=\"2018-01\">January 2018</time>"));
    for file in ["reviews.ics", "reviews.atom", "pages.json"] {
        assert!(html.contains(&format!("href=\"{file}\"")), "{file}");
    }
    let page = read(&out, "travel/accessing-it-systems-from-overseas.html");
    assert!(page.contains("href=\"../reviews.html\""), "footer link");
    assert_eq!(broken_links(&out), Vec::<String>::new());
}

#[test]
fn a_page_where_a_report_goes_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    write_site(
        &content,
        &[("index.md", "# Home\n"), ("reviews.md", "# Reviews\n")],
    );
    let run = build(&content, &dir.path().join("public"), "2026-11-22");
    run.assert_failed();
    assert!(run.stderr().contains("reviews.md"), "{}", run.stderr());
    assert!(run.stderr().contains("reviews.html"), "{}", run.stderr());
}
