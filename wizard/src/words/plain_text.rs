//! Small helpers for plain-words text: lists, dates, `{placeholder}` filling.

use chrono::{Datelike, NaiveDate};

/// "Friday 12 March 2027" (GOV.UK style: no comma, no "th").
pub fn format_date(d: NaiveDate) -> String {
    const DAYS: [&str; 7] = [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ];
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    format!(
        "{} {} {} {}",
        DAYS[d.weekday().num_days_from_monday() as usize],
        d.day(),
        MONTHS[d.month0() as usize],
        d.year()
    )
}

/// "a", "a and b", "a, b and c".
pub fn join_and<'a>(items: impl Iterator<Item = &'a str>) -> String {
    join_with(items, "and")
}

pub(crate) fn join_with<'a>(items: impl Iterator<Item = &'a str>, word: &str) -> String {
    let items: Vec<&str> = items.collect();
    match items.as_slice() {
        [] => String::new(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{} {word} {last}", init.join(", ")),
    }
}

/// Replaces each `{name}` in `text` with `value(name)`; unknown names stay as written
/// (validation reports them before a flow is ever used).
pub(crate) fn fill(text: &str, mut value: impl FnMut(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) if is_name(&after[..close]) => {
                let name = &after[..close];
                match value(name) {
                    Some(v) if at_sentence_start(&out) => out.push_str(&capitalise(&v)),
                    Some(v) => out.push_str(&v),
                    None => out.push_str(&rest[open..open + close + 2]),
                }
                rest = &after[close + 1..];
            }
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The `{name}` placeholders in `text`, in order.
pub(crate) fn placeholders(text: &str) -> Vec<String> {
    let mut names = Vec::new();
    fill(text, |name| {
        names.push(name.to_string());
        None
    });
    names
}

/// A placeholder at the start of a sentence gets a capital: "{approver} approves".
fn at_sentence_start(before: &str) -> bool {
    // `[{approver} approves](…)`: a link's words start where the link does.
    let before = before.strip_suffix('[').unwrap_or(before);
    let trimmed = before.trim_end();
    trimmed.is_empty() || (before.ends_with(' ') && trimmed.ends_with(['.', '!', '?']))
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn is_name(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// "YYYY-MM-DD" read without chrono's format machinery (large in wasm).
pub fn parse_iso(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| {
        s.get(r)
            .filter(|t| t.bytes().all(|c| c.is_ascii_digit()))?
            .parse::<u32>()
            .ok()
    };
    NaiveDate::from_ymd_opt(num(0..4)? as i32, num(5..7)?, num(8..10)?)
}

/// "YYYY-MM-DD".
pub fn iso(d: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_lists_in_plain_english() {
        assert_eq!(join_and(["a"].into_iter()), "a");
        assert_eq!(join_and(["a", "b"].into_iter()), "a and b");
        assert_eq!(join_and(["a", "b", "c"].into_iter()), "a, b and c");
    }

    #[test]
    fn formats_dates_gov_uk_style() {
        let d = NaiveDate::from_ymd_opt(2027, 3, 12).unwrap();
        assert_eq!(format_date(d), "Friday 12 March 2027");
    }

    #[test]
    fn fills_known_placeholders_and_keeps_others() {
        let s = fill("Ask {approver} by {date}; {x y} {", |n| {
            (n == "approver").then(|| "your Governor".to_string())
        });
        assert_eq!(s, "Ask your Governor by {date}; {x y} {");
        let s = fill("{approver} approves. {approver} again", |_| {
            Some("your Governor".into())
        });
        assert_eq!(s, "Your Governor approves. Your Governor again");
        // A link's words that start a sentence start with a capital too.
        let s = fill("[{approver} approves](/x). [{approver}](/y)", |_| {
            Some("your Governor".into())
        });
        assert_eq!(s, "[Your Governor approves](/x). [Your Governor](/y)");
        assert_eq!(placeholders("{a} and {b}"), vec!["a", "b"]);
    }
}
