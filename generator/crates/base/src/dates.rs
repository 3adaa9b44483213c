//! Review dates as editors write them: a day (`2025-05-01`) or, for old pages, a month
//! (`2018-05`), and review intervals such as `6 months` or `1 year`.

use chrono::{Datelike, Months, NaiveDate};
use serde::Serialize;
use std::fmt;

/// A date known to the day, or only to the month ("This guidance is dated May 2018").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum PageDate {
    Month { year: i32, month: u32 },
    Day(NaiveDate),
}

impl PageDate {
    /// Parses `YYYY-MM-DD` or `YYYY-MM`. The error says what was wrong in plain words.
    pub fn parse(text: &str) -> Result<Self, String> {
        let text = text.trim();
        let parts: Vec<&str> = text.split('-').collect();
        let numbers: Option<Vec<u32>> = parts.iter().map(|p| p.parse().ok()).collect();
        let shape_ok = matches!(parts.as_slice(), [y, m] | [y, m, _] if y.len() == 4 && m.len() == 2)
            && parts.get(2).is_none_or(|d| d.len() == 2);
        let Some(numbers) = numbers.filter(|_| shape_ok) else {
            return Err(format!("\"{text}\" is not a date"));
        };
        let year = numbers[0] as i32;
        let month = numbers[1];
        if !(1..=12).contains(&month) {
            return Err(format!(
                "\"{text}\" has no month {month} (months run from 01 to 12)"
            ));
        }
        match numbers.get(2) {
            None => Ok(PageDate::Month { year, month }),
            Some(&day) => NaiveDate::from_ymd_opt(year, month, day)
                .map(PageDate::Day)
                .ok_or_else(|| {
                    let last = last_day_of_month(year, month);
                    format!("\"{text}\" is not a real date: that month has {last} days")
                }),
        }
    }

    /// The last day the date covers: a month counts until its end.
    pub fn last_day(self) -> NaiveDate {
        match self {
            PageDate::Day(day) => day,
            PageDate::Month { year, month } => {
                NaiveDate::from_ymd_opt(year, month, last_day_of_month(year, month))
                    .expect("valid month")
            }
        }
    }

    /// The first day the date covers.
    pub fn first_day(self) -> NaiveDate {
        match self {
            PageDate::Day(day) => day,
            PageDate::Month { year, month } => {
                NaiveDate::from_ymd_opt(year, month, 1).expect("valid month")
            }
        }
    }

    /// Machine form: `2025-05-01` or `2018-05`.
    pub fn iso(self) -> String {
        match self {
            PageDate::Day(day) => day.format("%Y-%m-%d").to_string(),
            PageDate::Month { year, month } => format!("{year:04}-{month:02}"),
        }
    }
}

impl fmt::Display for PageDate {
    /// Reader form, GOV.UK style: `1 May 2025`, or `May 2018`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PageDate::Day(day) => write!(f, "{}", day.format("%-d %B %Y")),
            PageDate::Month { .. } => write!(f, "{}", self.first_day().format("%B %Y")),
        }
    }
}

impl Serialize for PageDate {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.iso())
    }
}

fn last_day_of_month(year: i32, month: u32) -> u32 {
    let first = NaiveDate::from_ymd_opt(year, month, 1).expect("valid month");
    let next = first + Months::new(1);
    next.pred_opt().expect("a day before").day()
}

/// A review interval: `6 months`, `1 year`, `2 weeks`, `90 days`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Interval {
    Days(u32),
    Months(u32),
}

impl Interval {
    pub fn parse(text: &str) -> Result<Self, String> {
        let mut words = text.split_whitespace();
        let (Some(count), Some(unit), None) = (words.next(), words.next(), words.next()) else {
            return Err(format!("\"{text}\" is not an interval"));
        };
        let count: u32 = count
            .parse()
            .map_err(|_| format!("\"{count}\" is not a whole number"))?;
        if count == 0 {
            // Every page would be due for review the day it was reviewed.
            return Err(format!("\"{text}\" is no time at all"));
        }
        let interval = match unit.trim_end_matches('s') {
            "day" => Interval::Days(count),
            "week" => Interval::Days(count.saturating_mul(7)),
            "month" => Interval::Months(count),
            "year" => Interval::Months(count.saturating_mul(12)),
            _ => {
                return Err(format!(
                    "\"{unit}\" is not a unit of time (use days, weeks, months or years)"
                ));
            }
        };
        if interval.too_long() {
            // Guidance unreviewed for longer than that is not guidance any more, and a
            // date sum this far out could leave the calendar.
            return Err(format!(
                "\"{text}\" is longer than {MAX_YEARS} years (review guidance at least that often)"
            ));
        }
        Ok(interval)
    }

    fn too_long(self) -> bool {
        match self {
            // Ten years of days, leap days included.
            Interval::Days(days) => days > MAX_YEARS * 366,
            Interval::Months(months) => months > MAX_YEARS * 12,
        }
    }

    /// The day the interval ends. A parsed interval is at most ten years and dates have
    /// four-digit years, so the sum stays in the calendar; should it not, the latest day.
    pub fn after(self, date: NaiveDate) -> NaiveDate {
        match self {
            Interval::Days(days) => date.checked_add_days(chrono::Days::new(days.into())),
            Interval::Months(months) => date.checked_add_months(Months::new(months)),
        }
        .unwrap_or(NaiveDate::MAX)
    }
}

/// The longest review interval, in years.
const MAX_YEARS: u32 = 10;

/// `in 12 days`, `today`, `3 days ago`: how far a review-by date is from today.
pub fn when(review_by: NaiveDate, today: NaiveDate) -> String {
    let days = (review_by - today).num_days();
    let span = |n: i64| match n {
        1 => "1 day".to_string(),
        n if n < 60 => format!("{n} days"),
        n if n < 730 => format!("about {} months", (n as f64 / 30.44).round()),
        n => format!("about {} years", (n as f64 / 365.25).round()),
    };
    match days {
        0 => "today".to_string(),
        d if d > 0 => format!("in {}", span(d)),
        d => format!("{} ago", span(-d)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_days_and_months() {
        assert_eq!(
            PageDate::parse("2025-05-01"),
            Ok(PageDate::Day(NaiveDate::from_ymd_opt(2025, 5, 1).unwrap()))
        );
        assert_eq!(
            PageDate::parse("2018-05"),
            Ok(PageDate::Month {
                year: 2018,
                month: 5
            })
        );
        assert_eq!(PageDate::parse("2018-05").unwrap().to_string(), "May 2018");
        assert_eq!(
            PageDate::parse("2025-05-01").unwrap().to_string(),
            "1 May 2025"
        );
    }

    #[test]
    fn refuses_impossible_dates_with_reasons() {
        assert!(
            PageDate::parse("2021-02-30")
                .unwrap_err()
                .contains("28 days")
        );
        assert!(
            PageDate::parse("2022-21-09")
                .unwrap_err()
                .contains("no month 21")
        );
        assert!(PageDate::parse("next week").is_err());
        assert!(PageDate::parse("2021-2-3").is_err());
    }

    #[test]
    fn month_precision_counts_to_the_end_of_the_month() {
        let may = PageDate::parse("2024-02").unwrap();
        assert_eq!(
            may.last_day(),
            NaiveDate::from_ymd_opt(2024, 2, 29).unwrap()
        );
    }

    #[test]
    fn intervals() {
        let day = NaiveDate::from_ymd_opt(2025, 8, 31).unwrap();
        assert_eq!(
            Interval::parse("6 months").unwrap().after(day),
            NaiveDate::from_ymd_opt(2026, 2, 28).unwrap()
        );
        assert_eq!(
            Interval::parse("1 year").unwrap().after(day),
            NaiveDate::from_ymd_opt(2026, 8, 31).unwrap()
        );
        assert_eq!(Interval::parse("2 weeks").unwrap(), Interval::Days(14));
        assert!(Interval::parse("soon").is_err());
        assert!(Interval::parse("3 fortnights").is_err());
        assert_eq!(Interval::parse("10 years").unwrap(), Interval::Months(120));
        assert_eq!(Interval::parse("3652 days").unwrap(), Interval::Days(3652));
        for long in [
            "11 years",
            "121 months",
            "300000 years",
            "999999999 days",
            "4294967295 weeks",
        ] {
            let error = Interval::parse(long).unwrap_err();
            assert!(error.contains("longer than 10 years"), "{long}: {error}");
        }
        let last = NaiveDate::MAX;
        assert_eq!(Interval::Months(u32::MAX).after(last), NaiveDate::MAX);
        assert_eq!(Interval::Days(u32::MAX).after(last), NaiveDate::MAX);
    }
}
