//! Dates as the flow and the stored answers write them: "YYYY-MM-DD".

use chrono::{Datelike, NaiveDate};

/// A "YYYY-MM-DD" date (read by hand: chrono's format parser is large in wasm).
pub fn iso_date(text: &str) -> Option<NaiveDate> {
    let mut it = text.trim().splitn(3, '-');
    let (y, m, d) = (it.next()?, it.next()?, it.next()?);
    let num = |s: &str| {
        s.chars()
            .all(|c| c.is_ascii_digit())
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    if y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    NaiveDate::from_ymd_opt(num(y)? as i32, num(m)?, num(d)?)
}

/// The stored form of a date: "YYYY-MM-DD".
pub fn to_iso(date: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        let d = NaiveDate::from_ymd_opt(2027, 3, 5).unwrap();
        assert_eq!(to_iso(d), "2027-03-05");
        assert_eq!(iso_date("2027-03-05"), Some(d));
        assert_eq!(iso_date("2027-3-5"), None);
    }
}
