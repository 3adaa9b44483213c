//! The GOV.UK date input: Day, Month and Year boxes in a fieldset whose legend is the
//! question, and the checks on what was typed (which part is missing, is it a real date).

use crate::components::error_summary::error_message;
use crate::components::radios::described_by;
use crate::ids;
use crate::io::iso_date::iso_date;
use chrono::{Datelike, NaiveDate};
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// What the reader typed, as typed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DateParts {
    pub day: String,
    pub month: String,
    pub year: String,
}

/// Which of day, month, year a problem is about (highlighted, and the first one is
/// where the error summary's link goes).
pub type Bad = [bool; 3];

const NAMES: [&str; 3] = ["day", "month", "year"];

impl DateParts {
    /// Parts of a stored "YYYY-MM-DD" answer, without leading zeros.
    pub fn from_iso(text: &str) -> DateParts {
        match iso_date(text) {
            Some(d) => DateParts {
                day: d.day().to_string(),
                month: d.month().to_string(),
                year: d.year().to_string(),
            },
            None => DateParts::default(),
        }
    }

    fn get(&self, i: usize) -> &str {
        [&self.day, &self.month, &self.year][i].trim()
    }

    /// The date typed; `Ok(None)` when all three boxes are empty and the question may be
    /// left blank. `name` is what the messages call it ("travel date").
    pub fn parse(&self, optional: bool, name: &str) -> Result<Option<NaiveDate>, (String, Bad)> {
        let empty: Vec<usize> = (0..3).filter(|&i| self.get(i).is_empty()).collect();
        if empty.len() == 3 {
            return if optional {
                Ok(None)
            } else {
                Err((
                    format!("Enter the {name}, for example 27 3 2027"),
                    [true; 3],
                ))
            };
        }
        if !empty.is_empty() {
            let mut bad = [false; 3];
            empty.iter().for_each(|&i| bad[i] = true);
            let names: Vec<&str> = empty.iter().map(|&i| NAMES[i]).collect();
            return Err((
                format!("The {name} must include a {}", names.join(" and a ")),
                bad,
            ));
        }
        let number = |i: usize| -> Option<u32> {
            let s = self.get(i);
            (s.len() <= 4 && s.chars().all(|c| c.is_ascii_digit()))
                .then(|| s.parse().ok())
                .flatten()
        };
        let (day, month, year) = (number(0), number(1), number(2));
        let bad = [
            !matches!(day, Some(1..=31)),
            !matches!(month, Some(1..=12)),
            !(self.get(2).len() == 4 && year.is_some()),
        ];
        if bad.iter().any(|b| *b) {
            let message = if bad[2] && !bad[0] && !bad[1] {
                format!("The year of the {name} must be 4 numbers, for example 27 3 2027")
            } else {
                format!("The {name} must be a real date, for example 27 3 2027")
            };
            return Err((message, bad));
        }
        match NaiveDate::from_ymd_opt(
            year.unwrap_or(0) as i32,
            month.unwrap_or(0),
            day.unwrap_or(0),
        ) {
            Some(d) => Ok(Some(d)),
            None => Err((
                format!("The {name} must be a real date, for example 27 3 2027"),
                [true, false, false],
            )),
        }
    }
}

/// The element id of each box: the day box has the question's field id.
pub fn part_id(prefix: &str, question: &str, i: usize) -> String {
    if i == 0 {
        ids::field(prefix, question)
    } else {
        ids::part(prefix, question, NAMES[i])
    }
}

pub struct DateInput<'a> {
    pub prefix: &'a str,
    pub question: &'a str,
    pub text: &'a str,
    pub hint: Option<&'a str>,
    pub parts: &'a DateParts,
    pub bad: Bad,
    pub error: Option<&'a str>,
    pub onchange: Callback<DateParts>,
}

pub fn date_input(props: DateInput) -> Html {
    let p = props.prefix;
    let q = props.question;
    let hint_id = ids::part(p, q, "hint");
    let error_id = ids::part(p, q, "error");
    let described = described_by(
        props.hint.is_some().then_some(&hint_id),
        props.error.as_ref().map(|_| &error_id),
    );
    let boxes = [("Day", 2usize), ("Month", 2), ("Year", 4)];
    html! {
        <div class={if props.error.is_some() { "wizard-form-group wizard-form-group--error" } else { "wizard-form-group" }}>
            <fieldset class="wizard-fieldset" aria-describedby={described}>
                <legend class="wizard-fieldset__legend">
                    <h2 class="wizard-heading" id={ids::heading(p)} tabindex="-1">{ props.text }</h2>
                </legend>
                if let Some(hint) = props.hint {
                    <div class="wizard-hint" id={hint_id.clone()}>{ hint }</div>
                }
                if let Some(error) = props.error {
                    { error_message(&error_id, error) }
                }
                <div class="wizard-date-input">
                    { for boxes.iter().enumerate().map(|(i, (label, width))| {
                        let id = part_id(p, q, i);
                        let value = props.parts.get(i).to_string();
                        let oninput = {
                            let parts = props.parts.clone();
                            let cb = props.onchange.clone();
                            Callback::from(move |e: InputEvent| {
                                let input: HtmlInputElement = e.target_unchecked_into();
                                let mut next = parts.clone();
                                match i {
                                    0 => next.day = input.value(),
                                    1 => next.month = input.value(),
                                    _ => next.year = input.value(),
                                }
                                cb.emit(next);
                            })
                        };
                        let bad = props.error.is_some() && props.bad[i];
                        html! {
                            <div class="wizard-date-input__item">
                                <label class="wizard-date-input__label" for={id.clone()}>{ *label }</label>
                                <input class={format!("wizard-input wizard-input--width-{width}{}", if bad { " wizard-input--error" } else { "" })}
                                    id={id} type="text" inputmode="numeric" autocomplete="off"
                                    aria-invalid={bad.then_some("true")}
                                    value={value} {oninput} />
                            </div>
                        }
                    }) }
                </div>
            </fieldset>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(d: &str, m: &str, y: &str) -> DateParts {
        DateParts {
            day: d.into(),
            month: m.into(),
            year: y.into(),
        }
    }

    #[test]
    fn parses_real_dates() {
        assert_eq!(
            parts("27", "3", "2027").parse(false, "date"),
            Ok(NaiveDate::from_ymd_opt(2027, 3, 27))
        );
        assert_eq!(
            parts(" 01 ", "03", "2027").parse(false, "date"),
            Ok(NaiveDate::from_ymd_opt(2027, 3, 1))
        );
    }

    #[test]
    fn blank_is_fine_only_when_optional() {
        assert_eq!(parts("", "", "").parse(true, "date"), Ok(None));
        assert_eq!(
            parts("", "", "").parse(false, "date").unwrap_err().1,
            [true; 3]
        );
    }

    #[test]
    fn names_the_missing_parts() {
        assert_eq!(
            parts("27", "", "2027").parse(true, "travel date"),
            Err((
                "The travel date must include a month".into(),
                [false, true, false]
            ))
        );
        assert_eq!(
            parts("", "3", "").parse(true, "travel date"),
            Err((
                "The travel date must include a day and a year".into(),
                [true, false, true]
            ))
        );
    }

    #[test]
    fn rejects_impossible_dates() {
        assert_eq!(
            parts("31", "2", "2027")
                .parse(true, "travel date")
                .unwrap_err()
                .0,
            "The travel date must be a real date, for example 27 3 2027"
        );
        assert_eq!(
            parts("32", "1", "2027").parse(true, "date").unwrap_err().1,
            [true, false, false]
        );
        assert_eq!(
            parts("x", "13", "2027").parse(true, "date").unwrap_err().1,
            [true, true, false]
        );
        assert_eq!(
            parts("1", "1", "27")
                .parse(true, "travel date")
                .unwrap_err()
                .0,
            "The year of the travel date must be 4 numbers, for example 27 3 2027"
        );
    }

    #[test]
    fn round_trips_stored_answers() {
        assert_eq!(DateParts::from_iso("2027-03-05"), parts("5", "3", "2027"));
        assert_eq!(DateParts::from_iso("nonsense"), DateParts::default());
    }
}
