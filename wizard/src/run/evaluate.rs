//! Walking a flow with a reader's answers: the next question to ask, and the outcome
//! with its facts, reasons and steps.

use crate::model::answers::{Answer, Answers, answer_label, check_answer};
use crate::model::flow::{Condition, DayCount, FactRule, Flow, Outcome, Question};
use crate::run::places::{Membership, membership, name, on_any};
use crate::run::working_days::{calendar_days_before, latest_submission_date};
use crate::words::plain_text::{fill, format_date, join_with};
use chrono::NaiveDate;
use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeMap;
use std::fmt;

/// The result of a whole run through the flow.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evaluation {
    pub outcome: String,
    /// Only the facts the outcome lists; dates as "YYYY-MM-DD" or null.
    pub facts: BTreeMap<String, Value>,
    /// Why, in plain words and in order, without repeats.
    pub reasons: Vec<String>,
    /// The outcome's summary, with `{placeholders}` filled in.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// The outcome's checklist, with `{placeholders}` filled in.
    pub steps: Vec<OutcomeStep>,
    /// Ids of the questions on the path, in the order asked.
    pub asked: Vec<String>,
}

/// A step of the outcome, for this reader.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OutcomeStep {
    /// May hold `[label](url)` links.
    pub text: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<String>,
    /// Something to do (drawn with a tick box), not only something to know.
    pub action: bool,
}

impl Evaluation {
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("an evaluation always serialises")
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EvalError {
    /// The path needs an answer to this question and there is none.
    Missing { question: String },
    /// The answer given cannot be used.
    Invalid { question: String, message: String },
}

impl fmt::Display for EvalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EvalError::Missing { question } => {
                write!(f, "the answer to \"{question}\" is needed but missing")
            }
            EvalError::Invalid { question, message } => {
                write!(f, "the answer to \"{question}\" cannot be used: {message}")
            }
        }
    }
}

impl std::error::Error for EvalError {}

/// Where the reader is in the flow.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Next<'a> {
    Question(&'a Question),
    Outcome(&'a Outcome),
}

/// The first question on the path without a usable answer, or the outcome when every
/// question on the path is answered. An optional question counts as answered when its
/// key is present (`null` means the reader left it blank).
pub fn next_question<'a>(flow: &'a Flow, answers: &Answers) -> Next<'a> {
    let mut run = Run::new(flow, None);
    match run.walk(answers, false) {
        Ok(Stop::Outcome(o)) => Next::Outcome(o),
        Ok(Stop::Question(q)) => Next::Question(q),
        // Only a broken hand-made flow gets here; asking the first question is safe.
        Err(_) => Next::Question(&flow.questions[0]),
    }
}

/// The questions on the path so far that have usable answers, in order: what a
/// "check your answers" page lists.
pub fn answered_path<'a>(flow: &'a Flow, answers: &Answers) -> Vec<&'a Question> {
    let mut run = Run::new(flow, None);
    let _ = run.walk(answers, false);
    run.asked
}

/// Runs the whole flow. Answers the path does not need are ignored; a missing optional
/// answer counts as left blank.
pub fn evaluate(flow: &Flow, answers: &Answers, today: NaiveDate) -> Result<Evaluation, EvalError> {
    let mut run = Run::new(flow, Some(today));
    let outcome = match run.walk(answers, true)? {
        Stop::Outcome(o) => o,
        Stop::Question(q) => {
            return Err(EvalError::Missing {
                question: q.id.clone(),
            });
        }
    };
    let mut facts = BTreeMap::new();
    for id in &outcome.facts {
        facts.insert(id.clone(), run.fact(id)?);
    }
    let mut steps = Vec::new();
    for step in &outcome.steps {
        let shown = match &step.when {
            Some(c) => run.holds(c)?,
            None => true,
        };
        if shown {
            steps.push(OutcomeStep {
                text: run.fill(&step.text)?,
                items: step
                    .items
                    .iter()
                    .map(|item| run.fill(item))
                    .collect::<Result<_, _>>()?,
                action: step.action,
            });
        }
    }
    let summary = match &outcome.summary {
        Some(summary) => Some(run.fill(summary)?),
        None => None,
    };
    Ok(Evaluation {
        outcome: outcome.id.clone(),
        summary,
        facts,
        reasons: run.reasons,
        steps,
        asked: run.asked.iter().map(|q| q.id.clone()).collect(),
    })
}

enum Stop<'a> {
    Question(&'a Question),
    Outcome(&'a Outcome),
}

/// One pass through the flow: the answers used so far (checked and normalised), the
/// facts worked out, and the reasons gathered.
pub(crate) struct Run<'a> {
    flow: &'a Flow,
    today: Option<NaiveDate>,
    answers: BTreeMap<String, Answer>,
    facts: BTreeMap<String, Value>,
    pub(crate) asked: Vec<&'a Question>,
    pub(crate) reasons: Vec<String>,
}

impl<'a> Run<'a> {
    pub(crate) fn new(flow: &'a Flow, today: Option<NaiveDate>) -> Self {
        Run {
            flow,
            today,
            answers: BTreeMap::new(),
            facts: BTreeMap::new(),
            asked: Vec::new(),
            reasons: Vec::new(),
        }
    }

    /// Follows the routes from the first question. With `strict`, a missing or bad
    /// answer is an error; without, the walk stops at that question.
    fn walk(&mut self, given: &Answers, strict: bool) -> Result<Stop<'a>, EvalError> {
        let flow = self.flow;
        let mut at = flow.start.as_str();
        // A valid flow has no cycles; the bound guards a hand-made JSON flow.
        for _ in 0..=flow.questions.len() {
            if let Some(o) = flow.outcome(at) {
                return Ok(Stop::Outcome(o));
            }
            let Some(q) = flow.question(at) else {
                return Err(EvalError::Invalid {
                    question: at.to_string(),
                    message: "the flow has no such question".into(),
                });
            };
            let answer = match given.get(&q.id) {
                None if strict && q.optional => Answer::Skipped,
                None if strict => {
                    return Err(EvalError::Missing {
                        question: q.id.clone(),
                    });
                }
                None => return Ok(Stop::Question(q)),
                Some(a) => match check_answer(flow, q, a, self.today) {
                    Ok(a) => a,
                    Err(message) if strict => {
                        return Err(EvalError::Invalid {
                            question: q.id.clone(),
                            message,
                        });
                    }
                    Err(_) => return Ok(Stop::Question(q)),
                },
            };
            self.answers.insert(q.id.clone(), answer);
            self.asked.push(q);
            at = self.route(q)?;
        }
        Err(EvalError::Invalid {
            question: at.to_string(),
            message: "the flow goes round in a circle".into(),
        })
    }

    /// For a walk over every path (the decision table), which keeps one run and changes
    /// one answer at a time instead of walking from the first question for each.
    pub(crate) fn set_answer(&mut self, id: &str, answer: Option<Answer>) {
        self.facts.clear();
        match answer {
            Some(answer) => self.answers.insert(id.to_string(), answer),
            None => self.answers.remove(id),
        };
    }

    /// The first of a question's routes whose condition holds, with the answers set so
    /// far; `None` when none fits.
    pub(crate) fn route_index(&mut self, q: &Question) -> Option<usize> {
        for (i, route) in q.next.iter().enumerate() {
            let taken = match &route.when {
                Some(c) => self.holds(c).ok()?,
                None => true,
            };
            if taken {
                return Some(i);
            }
        }
        None
    }

    /// Takes the first route whose condition holds, noting its reason.
    fn route(&mut self, q: &'a Question) -> Result<&'a str, EvalError> {
        for route in &q.next {
            let taken = match &route.when {
                Some(c) => self.holds(c)?,
                None => true,
            };
            if taken {
                if let Some(reason) = &route.reason {
                    self.explain(route.when.as_ref(), reason)?;
                }
                return Ok(&route.goto);
            }
        }
        Err(EvalError::Invalid {
            question: q.id.clone(),
            message: "no route fits this answer".into(),
        })
    }

    /// Adds the country details behind a condition, then the reason text itself.
    fn explain(&mut self, when: Option<&Condition>, reason: &str) -> Result<(), EvalError> {
        if let Some(c) = when {
            let mut details = Vec::new();
            self.details(c, &mut details)?;
            for d in details {
                self.add_reason(d);
            }
        }
        let text = self.fill(reason)?;
        self.add_reason(text);
        Ok(())
    }

    fn add_reason(&mut self, reason: String) {
        if !self.reasons.contains(&reason) {
            self.reasons.push(reason);
        }
    }

    fn answer(&self, id: &str) -> Result<&Answer, EvalError> {
        self.answers.get(id).ok_or_else(|| EvalError::Missing {
            question: id.to_string(),
        })
    }

    fn codes(&self, id: &str) -> Result<&[String], EvalError> {
        match self.answer(id)? {
            Answer::List(codes) => Ok(codes),
            _ => Ok(&[]),
        }
    }

    pub(crate) fn holds(&mut self, c: &Condition) -> Result<bool, EvalError> {
        Ok(match c {
            Condition::All(cs) => {
                for c in cs {
                    if !self.holds(c)? {
                        return Ok(false);
                    }
                }
                true
            }
            Condition::Any(cs) => {
                for c in cs {
                    if self.holds(c)? {
                        return Ok(true);
                    }
                }
                false
            }
            Condition::Not(c) => !self.holds(c)?,
            Condition::Is { answer, values } => {
                let given = answer_value(self.answer(answer)?);
                values.contains(&given)
            }
            Condition::Answered { answer } => !matches!(self.answer(answer)?, Answer::Skipped),
            Condition::AnyIn { answer, lists } => self
                .codes(answer)?
                .iter()
                .any(|code| on_any(self.flow, code, lists)),
            Condition::AnyOutside { answer, lists } => self
                .codes(answer)?
                .iter()
                .any(|code| !on_any(self.flow, code, lists)),
            Condition::Fact { fact, values } => {
                let v = self.fact(fact)?;
                values.contains(&v)
            }
        })
    }

    /// Plain-words lines for the country tests that made a condition true:
    /// "Hong Kong is part of China, which is on the special-attention list."
    fn details(&mut self, c: &Condition, out: &mut Vec<String>) -> Result<(), EvalError> {
        let flow = self.flow;
        match c {
            Condition::All(cs) | Condition::Any(cs) => {
                for c in cs {
                    if self.holds(c)? {
                        self.details(c, out)?;
                    }
                }
            }
            Condition::AnyIn { answer, lists } => {
                for code in self.codes(answer)? {
                    for list in lists.iter().filter_map(|id| flow.list(id)) {
                        match membership(flow, code, list) {
                            Some(Membership::Listed) => {
                                out.push(format!("{} is on the {}.", name(flow, code), list.name))
                            }
                            Some(Membership::PartOf(parent)) => out.push(format!(
                                "{} is part of {}, which is on the {}.",
                                name(flow, code),
                                name(flow, &parent),
                                list.name
                            )),
                            Some(Membership::IncludedWith(with)) => out.push(format!(
                                "The {} includes {} with {}.",
                                list.name,
                                name(flow, code),
                                name(flow, &with)
                            )),
                            None => {}
                        }
                    }
                }
            }
            Condition::AnyOutside { answer, lists } => {
                let names: Vec<&str> = lists
                    .iter()
                    .filter_map(|id| flow.list(id))
                    .map(|l| l.name.as_str())
                    .collect();
                for code in self.codes(answer)? {
                    if !on_any(flow, code, lists) {
                        out.push(format!(
                            "{} is not in {}.",
                            name(flow, code),
                            join_with(names.iter().copied(), "or")
                        ));
                    }
                }
            }
            // Negations and plain answers are explained by the reason text itself.
            _ => {}
        }
        Ok(())
    }

    /// A fact's value, worked out once and kept.
    pub(crate) fn fact(&mut self, id: &str) -> Result<Value, EvalError> {
        if let Some(v) = self.facts.get(id) {
            return Ok(v.clone());
        }
        let flow = self.flow;
        let Some(fact) = flow.fact(id) else {
            return Err(EvalError::Invalid {
                question: id.to_string(),
                message: "the flow has no such fact".into(),
            });
        };
        let mut reason = fact.reason.as_deref().map(|r| (None, r));
        let value = match &fact.rule {
            FactRule::Cases(cases) => {
                let mut found = Value::Null;
                reason = None;
                for case in cases {
                    let matched = match &case.when {
                        Some(c) => self.holds(c)?,
                        None => true,
                    };
                    if matched {
                        found = case.value.clone();
                        reason = case.reason.as_deref().map(|r| (case.when.as_ref(), r));
                        break;
                    }
                }
                found
            }
            FactRule::Lookup { answer, table } => {
                let key = answer_value(self.answer(answer)?);
                key.as_str()
                    .and_then(|k| table.get(k))
                    .cloned()
                    .unwrap_or(Value::Null)
            }
            FactRule::Deadline {
                date,
                notice,
                count,
            } => self.deadline(date, notice, *count)?,
            FactRule::Passed { date } => match self.fact(date)?.as_str() {
                Some(d) => {
                    let d = parse_date(d);
                    Value::Bool(matches!((d, self.today), (Some(d), Some(t)) if d < t))
                }
                None => Value::Bool(false),
            },
        };
        self.facts.insert(id.to_string(), value.clone());
        if let Some((when, text)) = reason
            && !matches!(value, Value::Null | Value::Bool(false))
        {
            self.explain(when, text)?;
        }
        Ok(value)
    }

    fn deadline(&mut self, date: &str, notice: &str, count: DayCount) -> Result<Value, EvalError> {
        let travel = match self.answer(date)? {
            Answer::Text(t) => parse_date(t),
            _ => None,
        };
        let Some(travel) = travel else {
            return Ok(Value::Null);
        };
        let days = self.fact(notice)?.as_u64().unwrap_or(0) as u32;
        let latest = match count {
            DayCount::CalendarDays => calendar_days_before(travel, days),
            DayCount::WorkingDays => {
                let Some(holidays) = &self.flow.holidays else {
                    return Err(EvalError::Invalid {
                        question: date.to_string(),
                        message: "the flow has no bank holidays to count working days".into(),
                    });
                };
                Some(latest_submission_date(travel, days, holidays).map_err(|e| {
                    EvalError::Invalid {
                        question: date.to_string(),
                        message: e.to_string(),
                    }
                })?)
            }
        };
        Ok(latest
            .map(|d| Value::String(crate::words::plain_text::iso(d)))
            .unwrap_or(Value::Null))
    }

    /// Fills `{question_id}` with the answer in words and `{fact_id}` with the fact
    /// in words.
    pub(crate) fn fill(&mut self, text: &str) -> Result<String, EvalError> {
        let mut failure = None;
        let filled = fill(text, |name| {
            if failure.is_some() {
                return None;
            }
            match self.words(name) {
                Ok(w) => w,
                Err(e) => {
                    failure = Some(e);
                    None
                }
            }
        });
        match failure {
            Some(e) => Err(e),
            None => Ok(filled),
        }
    }

    fn words(&mut self, name: &str) -> Result<Option<String>, EvalError> {
        let flow = self.flow;
        if let Some(q) = flow.question(name) {
            return Ok(Some(answer_label(flow, q, self.answer(name)?)));
        }
        if let Some(fact) = flow.fact(name) {
            let v = self.fact(name)?;
            return Ok(Some(fact_words(fact, &v)));
        }
        Ok(None)
    }
}

/// A fact's value in words: its label if it has one, dates in full, yes/no.
pub(crate) fn fact_words(fact: &crate::model::flow::Fact, v: &Value) -> String {
    match v {
        Value::String(s) => {
            if let Some(label) = fact.labels.get(s) {
                label.clone()
            } else if let Some(d) = parse_date(s) {
                format_date(d)
            } else {
                s.clone()
            }
        }
        Value::Bool(b) => if *b { "yes" } else { "no" }.to_string(),
        Value::Null => "none".to_string(),
        // The same text as serde_json writes, without serde_json's writer in the wasm.
        other => crate::words::json_text::json_text(other),
    }
}

/// The answer as a JSON value, to compare with the values written in conditions.
fn answer_value(a: &Answer) -> Value {
    match a {
        Answer::Skipped => Value::Null,
        Answer::Bool(b) => Value::Bool(*b),
        Answer::Text(t) => Value::String(t.clone()),
        Answer::List(l) => Value::Array(l.iter().cloned().map(Value::String).collect()),
    }
}

fn parse_date(s: &str) -> Option<NaiveDate> {
    crate::words::plain_text::parse_iso(s)
}
