//! A reader's answers, keyed by question id, and the checks on one answer.

use crate::model::flow::{DayCount, FactRule, Flow, Question, QuestionKind};
use crate::words::plain_text::{format_date, join_and};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One answer as it appears in JSON or YAML: `true`, `"sc"`, `["HK", "FR"]`,
/// `"2027-03-15"`, or `null` for an optional question left blank.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Answer {
    Skipped,
    Bool(bool),
    Text(String),
    List(Vec<String>),
}

/// Answers by question id, e.g. `{"clearance": "sc", "strap": false}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Answers(pub BTreeMap<String, Answer>);

impl Answers {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn from_json(json: &str) -> Result<Self, serde_json::Error> {
        serde_json::from_str(json)
    }

    pub fn get(&self, key: &str) -> Option<&Answer> {
        self.0.get(key)
    }

    pub fn set(&mut self, key: impl Into<String>, answer: Answer) {
        self.0.insert(key.into(), answer);
    }

    pub fn remove(&mut self, key: &str) -> Option<Answer> {
        self.0.remove(key)
    }
}

/// Checks one answer and returns it in canonical form (yes/no as a bool, country codes
/// upper-case without repeats, dates as YYYY-MM-DD), or a message in plain words.
pub fn validate_answer(
    flow: &Flow,
    question: &Question,
    answer: &Answer,
    today: NaiveDate,
) -> Result<Answer, String> {
    check_answer(flow, question, answer, Some(today))
}

/// Like `validate_answer`; without `today` the checks that depend on it are skipped.
pub(crate) fn check_answer(
    flow: &Flow,
    question: &Question,
    answer: &Answer,
    today: Option<NaiveDate>,
) -> Result<Answer, String> {
    if let Answer::Skipped = answer {
        return if question.optional {
            Ok(Answer::Skipped)
        } else {
            Err(question.unanswered())
        };
    }
    match question.kind {
        QuestionKind::YesNo => match answer {
            Answer::Bool(b) => Ok(Answer::Bool(*b)),
            Answer::Text(t) => match t.trim().to_ascii_lowercase().as_str() {
                "yes" | "true" => Ok(Answer::Bool(true)),
                "no" | "false" => Ok(Answer::Bool(false)),
                _ => Err("Select yes or no".to_string()),
            },
            _ => Err("Select yes or no".to_string()),
        },
        QuestionKind::Choice => match answer {
            Answer::Text(t) if question.option(t.trim()).is_some() => {
                Ok(Answer::Text(t.trim().to_string()))
            }
            _ => Err(format!(
                "Select one of: {}",
                join_or(question.options.iter().map(|o| o.label.as_str()))
            )),
        },
        QuestionKind::Countries => {
            let codes: Vec<&str> = match answer {
                Answer::List(l) => l.iter().map(|s| s.as_str()).collect(),
                // A single code, e.g. from a URL or a quick `flow eval`.
                Answer::Text(t) => t.split(',').collect(),
                _ => Vec::new(),
            };
            let mut out: Vec<String> = Vec::new();
            for code in codes.iter().map(|c| c.trim()).filter(|c| !c.is_empty()) {
                let Some(country) = flow.country(code) else {
                    return Err(format!(
                        "\"{code}\" is not a country or territory we know. Choose from the list"
                    ));
                };
                if !out.contains(&country.code) {
                    out.push(country.code.clone());
                }
            }
            if out.is_empty() {
                return Err(question.unanswered());
            }
            Ok(Answer::List(out))
        }
        QuestionKind::Date => {
            let Answer::Text(t) = answer else {
                return Err(format!(
                    "The {} must be a real date, for example 27 3 2027",
                    question.answer_name()
                ));
            };
            let Ok(date) = crate::words::plain_text::parse_iso(t.trim()).ok_or(()) else {
                return Err(format!(
                    "The {} must be a real date, for example 27 3 2027",
                    question.answer_name()
                ));
            };
            if let Some(today) = today
                && date < today
            {
                return Err(format!(
                    "The {} must be today or in the future",
                    question.answer_name()
                ));
            }
            if counts_working_days(flow, &question.id)
                && let Some(h) = &flow.holidays
                && (date > h.to || date < h.from)
            {
                return Err(format!(
                    "We can only work out deadlines for travel up to {}, because bank holidays after that are not known yet. Contact the security team for later dates",
                    format_date(h.to)
                ));
            }
            Ok(Answer::Text(crate::words::plain_text::iso(date)))
        }
    }
}

/// Does some deadline count working days back from this date question?
fn counts_working_days(flow: &Flow, question: &str) -> bool {
    flow.facts.iter().any(|f| {
        matches!(&f.rule, FactRule::Deadline { date, count: DayCount::WorkingDays, .. } if date == question)
    })
}

/// The answer in words, for "check your answers" and reasons:
/// "Security Check (SC)", "Yes", "Hong Kong and France", "Monday 15 March 2027".
pub fn answer_label(flow: &Flow, question: &Question, answer: &Answer) -> String {
    match (question.kind, answer) {
        (_, Answer::Skipped) => "Not given".to_string(),
        (QuestionKind::YesNo, Answer::Bool(b)) => if *b { "Yes" } else { "No" }.to_string(),
        (QuestionKind::Choice, Answer::Text(t)) => question
            .option(t)
            .map(|o| o.label.clone())
            .unwrap_or_else(|| t.clone()),
        (QuestionKind::Countries, Answer::List(codes)) => join_and(
            codes
                .iter()
                .map(|c| flow.country(c).map(|c| c.name.as_str()).unwrap_or(c)),
        ),
        (QuestionKind::Date, Answer::Text(t)) => crate::words::plain_text::parse_iso(t)
            .ok_or(())
            .map(format_date)
            .unwrap_or_else(|_| t.clone()),
        (_, Answer::Bool(b)) => b.to_string(),
        (_, Answer::Text(t)) => t.clone(),
        (_, Answer::List(l)) => l.join(", "),
    }
}

fn join_or<'a>(items: impl Iterator<Item = &'a str>) -> String {
    crate::words::plain_text::join_with(items, "or")
}
