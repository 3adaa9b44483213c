//! Counting working days back from travel: weekends, England and Wales bank holidays,
//! and the edges of the bank-holiday data.
#![cfg(feature = "yaml")]

mod common;

use common::*;
use signpost_wizard::{Holidays, OutOfRange, is_working_day, latest_submission_date};

fn holidays() -> &'static Holidays {
    overseas()
        .holidays
        .as_ref()
        .expect("the overseas flow has bank holidays")
}

fn latest(travel: &str, days: u32) -> String {
    latest_submission_date(date(travel), days, holidays())
        .unwrap_or_else(|e| panic!("{travel}: {e}"))
        .to_string()
}

#[test]
fn the_travel_day_never_counts() {
    // Travel on a Tuesday: one working day's notice means the Monday before.
    assert_eq!(latest("2027-02-16", 1), "2027-02-15");
    // Zero days' notice is the travel day itself.
    assert_eq!(latest("2027-02-16", 0), "2027-02-16");
}

#[test]
fn weekends_are_skipped() {
    // Travel on a Monday: one working day before is the Friday.
    assert_eq!(latest("2027-02-22", 1), "2027-02-19");
    // Three clear weeks of weekdays, no holidays: 15 working days is exactly 3 weeks.
    assert_eq!(latest("2027-03-15", 15), "2027-02-22");
    // Travel on a Sunday counts back from the Saturday, which is not a working day.
    assert_eq!(latest("2027-01-10", 15), "2026-12-16");
}

#[test]
fn christmas_and_new_year_are_skipped() {
    // 25 and 28 December 2026 and 1 January 2027 are bank holidays.
    assert_eq!(latest("2027-01-11", 15), "2026-12-16");
    assert_eq!(latest("2027-01-11", 20), "2026-12-09");
    assert_eq!(latest("2027-01-04", 15), "2026-12-09");
    // Travel on 29 December: the working day before is Christmas Eve.
    assert_eq!(latest("2026-12-29", 1), "2026-12-24");
    // Christmas 2027 falls at a weekend: the substitute days 27 and 28 December, and
    // 3 January 2028 for New Year, do not count.
    assert_eq!(latest("2027-12-29", 20), "2027-11-29");
    assert_eq!(latest("2028-01-04", 15), "2027-12-09");
}

#[test]
fn easter_2027_is_skipped() {
    // Good Friday 26 March and Easter Monday 29 March 2027.
    assert_eq!(latest("2027-03-30", 1), "2027-03-25");
    assert_eq!(latest("2027-04-08", 15), "2027-03-16");
    assert_eq!(latest("2027-04-08", 20), "2027-03-09");
}

#[test]
fn working_days_are_weekdays_that_are_not_bank_holidays() {
    assert!(is_working_day(date("2027-03-25"), holidays()));
    assert!(
        !is_working_day(date("2027-03-26"), holidays()),
        "Good Friday"
    );
    assert!(!is_working_day(date("2027-03-27"), holidays()), "Saturday");
    assert!(!is_working_day(date("2027-03-28"), holidays()), "Sunday");
    assert!(
        !is_working_day(date("2027-03-29"), holidays()),
        "Easter Monday"
    );
}

#[test]
fn dates_past_the_end_of_the_data_are_refused() {
    let err = latest_submission_date(date("2029-01-08"), 15, holidays()).unwrap_err();
    assert_eq!(
        err,
        OutOfRange {
            date: date("2029-01-08"),
            from: date("2026-01-01"),
            to: date("2028-12-31"),
        }
    );
    assert!(
        err.to_string()
            .contains("only known from Thursday 1 January 2026 to Sunday 31 December 2028")
    );
    // The last day of the data is still fine.
    assert!(latest_submission_date(date("2028-12-31"), 15, holidays()).is_ok());
}

#[test]
fn counting_back_before_the_start_of_the_data_is_refused() {
    let err = latest_submission_date(date("2026-01-12"), 15, holidays()).unwrap_err();
    assert!(err.date < date("2026-01-01"), "{err:?}");
}
