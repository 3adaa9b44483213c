//! Whether a page is past, or close to, its review-by date.

use chrono::NaiveDate;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReviewStatus {
    /// Past its review-by date: readers see a notice.
    Overdue,
    /// Review-by date within the site's "due soon" window.
    DueSoon,
    InDate,
    /// No review-by date (nor a last-reviewed date to work one out from).
    Unknown,
}

pub fn status(review_by: Option<NaiveDate>, today: NaiveDate, due_soon_days: u32) -> ReviewStatus {
    match review_by {
        None => ReviewStatus::Unknown,
        Some(date) if date < today => ReviewStatus::Overdue,
        Some(date) if (date - today).num_days() <= i64::from(due_soon_days) => {
            ReviewStatus::DueSoon
        }
        Some(_) => ReviewStatus::InDate,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn review_status_at_the_edges() {
        let day = |d| NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
        assert_eq!(status(Some(day(21)), day(22), 30), ReviewStatus::Overdue);
        assert_eq!(status(Some(day(22)), day(22), 30), ReviewStatus::DueSoon);
        assert_eq!(status(Some(day(30)), day(1), 30), ReviewStatus::DueSoon);
        assert_eq!(status(Some(day(30)), day(1), 7), ReviewStatus::InDate);
        assert_eq!(status(None, day(1), 30), ReviewStatus::Unknown);
    }
}
