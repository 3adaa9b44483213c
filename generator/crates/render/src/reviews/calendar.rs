//! `reviews.ics`: every page's review-by date as an all-day event (owner in the summary), so
//! owners can subscribe in Outlook, Google Calendar or any other calendar client (RFC 5545).
//!
//! Written by hand rather than with a library because the format is small and the details
//! that matter are all here: CRLF line ends, lines folded at 75 octets without splitting a
//! character, TEXT values escaped, stable UIDs, and a DTSTAMP from the build date so the same
//! content gives the same file.

use chrono::NaiveDate;

/// One review-by date.
pub struct Event {
    /// Stable across builds: the same page is the same event, so moving its date moves the
    /// event in subscribers' calendars.
    pub uid: String,
    pub summary: String,
    pub description: String,
    pub date: NaiveDate,
    /// The page on the published site, when the site's address is known.
    pub url: Option<String>,
}

pub struct Calendar<'a> {
    pub name: &'a str,
    pub description: &'a str,
    /// The build date: every event's DTSTAMP.
    pub stamp: NaiveDate,
    /// A reminder this many days before each date (the site's "due soon" window).
    pub remind_days_before: u32,
    pub events: &'a [Event],
}

impl Calendar<'_> {
    pub fn to_ics(&self) -> String {
        let mut out = Lines::default();
        out.line("BEGIN:VCALENDAR");
        out.line("VERSION:2.0");
        out.line("PRODID:-//Signpost//Page reviews//EN");
        out.line("CALSCALE:GREGORIAN");
        out.line("METHOD:PUBLISH");
        out.property("NAME", &text(self.name));
        out.property("X-WR-CALNAME", &text(self.name));
        out.property("DESCRIPTION", &text(self.description));
        out.property("X-WR-CALDESC", &text(self.description));
        // Ask subscribed clients to look again daily.
        out.line("REFRESH-INTERVAL;VALUE=DURATION:P1D");
        out.line("X-PUBLISHED-TTL:P1D");
        let stamp = format!("{}T000000Z", basic(self.stamp));
        for event in self.events {
            out.line("BEGIN:VEVENT");
            out.property("UID", &text(&event.uid));
            out.property("DTSTAMP", &stamp);
            out.property("DTSTART;VALUE=DATE", &basic(event.date));
            let next_day = event.date.succ_opt().unwrap_or(event.date);
            out.property("DTEND;VALUE=DATE", &basic(next_day));
            out.property("SUMMARY", &text(&event.summary));
            out.property("DESCRIPTION", &text(&event.description));
            if let Some(url) = &event.url {
                out.property("URL;VALUE=URI", url);
            }
            out.line("CATEGORIES:Page review");
            out.line("TRANSP:TRANSPARENT");
            out.line("STATUS:CONFIRMED");
            if self.remind_days_before > 0 {
                out.line("BEGIN:VALARM");
                out.line("ACTION:DISPLAY");
                out.property("TRIGGER", &format!("-P{}D", self.remind_days_before));
                out.property("DESCRIPTION", &text(&event.summary));
                out.line("END:VALARM");
            }
            out.line("END:VEVENT");
        }
        out.line("END:VCALENDAR");
        out.0
    }
}

/// `20261122`: the DATE form.
fn basic(date: NaiveDate) -> String {
    date.format("%Y%m%d").to_string()
}

/// A TEXT value: backslash, semicolon, comma and newlines escaped (RFC 5545, 3.3.11).
pub fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

#[derive(Default)]
struct Lines(String);

impl Lines {
    fn property(&mut self, name: &str, value: &str) {
        self.line(&format!("{name}:{value}"));
    }

    /// Appends a content line, folded so no line is longer than 75 octets (RFC 5545, 3.1).
    fn line(&mut self, line: &str) {
        const LIMIT: usize = 75;
        let mut width = 0;
        for c in line.chars() {
            if width + c.len_utf8() > LIMIT {
                self.0.push_str("\r\n ");
                width = 1; // the space that marks a continuation counts
            }
            self.0.push(c);
            width += c.len_utf8();
        }
        self.0.push_str("\r\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped() {
        assert_eq!(
            text("Review: a, b; c\\d\nnext\r\nline"),
            "Review: a\\, b\\; c\\\\d\\nnext\\nline"
        );
    }

    #[test]
    fn long_lines_fold_at_75_octets_between_characters() {
        let mut lines = Lines::default();
        let long = format!("SUMMARY:{}", "é".repeat(60));
        lines.line(&long);
        for line in lines.0.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(line.len() <= 75, "{} octets: {line}", line.len());
        }
        let unfolded = lines.0.replace("\r\n ", "");
        assert_eq!(unfolded, format!("{long}\r\n"));
    }

    #[test]
    fn a_calendar_with_one_event() {
        let day = |d| NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap();
        let events = [Event {
            uid: "travel/page.md@example.org".into(),
            summary: "Review: Travel (owner: CISO)".into(),
            description: "Line one\nLine two".into(),
            date: day("2027-05-31"),
            url: Some("https://example.org/travel/page.html".into()),
        }];
        let ics = Calendar {
            name: "Guidance: page reviews",
            description: "Review-by dates",
            stamp: day("2026-11-22"),
            remind_days_before: 30,
            events: &events,
        }
        .to_ics();
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        assert!(ics.ends_with("END:VEVENT\r\nEND:VCALENDAR\r\n"));
        assert!(ics.contains("\r\nDTSTAMP:20261122T000000Z\r\n"));
        assert!(ics.contains("\r\nDTSTART;VALUE=DATE:20270531\r\nDTEND;VALUE=DATE:20270601\r\n"));
        assert!(ics.contains("\r\nSUMMARY:Review: Travel (owner: CISO)\r\n"));
        assert!(ics.contains("\r\nDESCRIPTION:Line one\\nLine two\r\n"));
        assert!(ics.contains("\r\nTRIGGER:-P30D\r\n"));
        assert!(!ics.replace("\r\n", "").contains('\n'), "CRLF only");
    }
}
