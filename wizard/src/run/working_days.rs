//! Counting working days back from a travel date. Weekends and bank holidays are not
//! working days; a day outside the bank-holiday data is an error, never a guess.

use crate::model::flow::Holidays;
use crate::words::plain_text::format_date;
use chrono::{Datelike, Days, NaiveDate, Weekday};
use std::fmt;

/// A day that the bank-holiday data does not cover.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OutOfRange {
    pub date: NaiveDate,
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl fmt::Display for OutOfRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "cannot count working days around {}: bank holidays are only known from {} to {}",
            format_date(self.date),
            format_date(self.from),
            format_date(self.to)
        )
    }
}

impl std::error::Error for OutOfRange {}

/// True on a weekday that is not a bank holiday. Days outside the data are treated as
/// unknown by `latest_submission_date`; this only answers for the data it has.
pub fn is_working_day(day: NaiveDate, holidays: &Holidays) -> bool {
    !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) && !holidays.dates.contains(&day)
}

/// The latest day to submit so that `working_days` working days come before travel.
/// Counting starts from the day before travel: the travel day itself never counts, and
/// the day found is itself one of the counted days.
pub fn latest_submission_date(
    travel: NaiveDate,
    working_days: u32,
    holidays: &Holidays,
) -> Result<NaiveDate, OutOfRange> {
    let out_of_range = |date| OutOfRange {
        date,
        from: holidays.from,
        to: holidays.to,
    };
    // The travel day must be known too, or "the day before" could be guessed wrongly.
    if travel > holidays.to || travel < holidays.from {
        return Err(out_of_range(travel));
    }
    let mut day = travel;
    let mut counted = 0;
    while counted < working_days {
        day = day
            .checked_sub_days(Days::new(1))
            .ok_or(out_of_range(travel))?;
        if day < holidays.from {
            return Err(out_of_range(day));
        }
        if is_working_day(day, holidays) {
            counted += 1;
        }
    }
    Ok(day)
}

/// `days` calendar days before travel (the 2018 rules: "at least 14 days' notice").
pub fn calendar_days_before(travel: NaiveDate, days: u32) -> Option<NaiveDate> {
    travel.checked_sub_days(Days::new(days.into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn holidays() -> Holidays {
        Holidays {
            region: "test".into(),
            from: d("2027-01-01"),
            to: d("2027-12-31"),
            dates: vec![d("2027-03-26"), d("2027-03-29")],
        }
    }

    #[test]
    fn counts_from_the_day_before_travel() {
        // Wednesday travel: 2 working days back is Monday.
        assert_eq!(
            latest_submission_date(d("2027-02-17"), 2, &holidays()),
            Ok(d("2027-02-15"))
        );
    }

    #[test]
    fn skips_weekends_and_holidays() {
        // Tuesday 30 March 2027, after Easter: one working day back is Thursday 25 March.
        assert_eq!(
            latest_submission_date(d("2027-03-30"), 1, &holidays()),
            Ok(d("2027-03-25"))
        );
    }

    #[test]
    fn refuses_days_outside_the_data() {
        let h = holidays();
        assert!(latest_submission_date(d("2028-01-03"), 1, &h).is_err());
        assert_eq!(
            latest_submission_date(d("2027-01-04"), 2, &h),
            Err(OutOfRange {
                date: d("2026-12-31"),
                from: h.from,
                to: h.to
            })
        );
    }

    #[test]
    fn calendar_days_include_weekends() {
        assert_eq!(
            calendar_days_before(d("2027-03-15"), 14),
            Some(d("2027-03-01"))
        );
    }
}
