//! The answers a decision table tells apart, by question: each option, yes and no, a date
//! given or not, and for countries each combination of the flow's list tests that some
//! set of countries can produce.

use crate::model::answers::Answer;
use crate::model::flow::{Condition, FactRule, Flow, Question, QuestionKind};
use crate::report::paths::{MAX_ROWS, TooManyPaths};
use crate::run::places::on_any;
use crate::words::plain_text::join_with;
use chrono::{Datelike, Days, NaiveDate, Weekday};
use std::collections::HashSet;

/// A group of answers the rules treat alike.
pub(crate) struct Class {
    pub(crate) label: String,
    pub(crate) answer: Answer,
    /// For countries: the words for each list test, as it comes out for this class.
    pub(crate) tests: Vec<String>,
}

/// A "today" and a travel date well inside the bank-holiday data, so that a deadline
/// can always be worked out and is never late.
pub(crate) fn sample_dates(flow: &Flow) -> (NaiveDate, NaiveDate) {
    let today = flow
        .holidays
        .as_ref()
        .map(|h| h.from)
        .unwrap_or(NaiveDate::from_ymd_opt(2026, 1, 1).expect("a real date"));
    let mut travel = today + Days::new(120);
    while travel.weekday() != Weekday::Mon {
        travel = travel + Days::new(1);
    }
    (today, travel)
}

pub(crate) fn classes(
    flow: &Flow,
    q: &Question,
    travel: NaiveDate,
) -> Result<Vec<Class>, TooManyPaths> {
    let class = |label: &str, answer| Class {
        label: label.to_string(),
        answer,
        tests: Vec::new(),
    };
    Ok(match q.kind {
        QuestionKind::YesNo => vec![
            class("yes", Answer::Bool(true)),
            class("no", Answer::Bool(false)),
        ],
        QuestionKind::Choice => q
            .options
            .iter()
            .map(|o| class(&o.value, Answer::Text(o.value.clone())))
            .collect(),
        QuestionKind::Date => {
            let given = class("given", Answer::Text(travel.format("%Y-%m-%d").to_string()));
            if q.optional {
                vec![class("not given", Answer::Skipped), given]
            } else {
                vec![given]
            }
        }
        QuestionKind::Countries => return country_classes(flow, &q.id),
    })
}

/// A test the rules make on a set of countries.
#[derive(Clone, PartialEq)]
enum Atom {
    In(Vec<String>),
    Outside(Vec<String>),
}

impl Atom {
    fn holds_for(&self, flow: &Flow, code: &str) -> bool {
        match self {
            Atom::In(lists) => on_any(flow, code, lists),
            Atom::Outside(lists) => !on_any(flow, code, lists),
        }
    }

    fn words(&self, flow: &Flow, holds: bool) -> String {
        let (Atom::In(lists) | Atom::Outside(lists)) = self;
        let names = join_with(
            lists
                .iter()
                .map(|id| flow.list(id).map(|l| l.name.as_str()).unwrap_or(id)),
            "or",
        );
        match (self, holds) {
            (Atom::In(_), true) => format!("includes a country on the {names}"),
            (Atom::In(_), false) => format!("none on the {names}"),
            (Atom::Outside(_), true) => format!("includes a country outside {names}"),
            (Atom::Outside(_), false) => format!("all in {names}"),
        }
    }
}

/// One class per combination of the flow's country tests that some set of countries
/// can produce, each with a smallest example set. A set of countries passes a test when
/// one of them does, so the combinations are the unions of single countries' ones: found
/// by closing those under union (as many steps as combinations, never all 2^tests), then
/// put in the order of their bits.
fn country_classes(flow: &Flow, question: &str) -> Result<Vec<Class>, TooManyPaths> {
    let atoms = atoms(flow, question);
    let signature =
        |code: &str| -> Vec<bool> { atoms.iter().map(|a| a.holds_for(flow, code)).collect() };
    let singles: Vec<(Vec<bool>, &str)> = flow
        .countries
        .iter()
        .map(|c| (signature(&c.code), c.code.as_str()))
        .collect();
    let mut distinct: Vec<&Vec<bool>> = singles.iter().map(|(s, _)| s).collect();
    distinct.sort();
    distinct.dedup();
    let mut found: HashSet<Vec<bool>> = distinct.iter().map(|s| (*s).clone()).collect();
    let mut todo: Vec<Vec<bool>> = found.iter().cloned().collect();
    while let Some(mask) = todo.pop() {
        for single in &distinct {
            let union: Vec<bool> = mask
                .iter()
                .zip(single.iter())
                .map(|(a, b)| *a || *b)
                .collect();
            if !found.contains(&union) {
                if found.len() == MAX_ROWS {
                    return Err(TooManyPaths);
                }
                found.insert(union.clone());
                todo.push(union);
            }
        }
    }
    // As numbers with test i as bit i, smallest first.
    let mut masks: Vec<Vec<bool>> = found.into_iter().collect();
    masks.sort_by(|a, b| a.iter().rev().cmp(b.iter().rev()));
    let mut out = Vec::new();
    for mask in masks {
        // For each test it passes, the first country that passes it and no test the
        // combination fails; for none, the first country that passes none.
        let fits = |s: &Vec<bool>| s.iter().zip(&mask).all(|(s, m)| *m || !*s);
        let mut codes: Vec<String> = Vec::new();
        let wanted: Vec<usize> = (0..atoms.len()).filter(|&i| mask[i]).collect();
        for &i in &wanted {
            if let Some((_, code)) = singles.iter().find(|(s, _)| s[i] && fits(s))
                && !codes.iter().any(|c| c == code)
            {
                codes.push(code.to_string());
            }
        }
        if wanted.is_empty() {
            if let Some((_, code)) = singles.iter().find(|(s, _)| fits(s)) {
                codes.push(code.to_string());
            }
        }
        let tests: Vec<String> = atoms
            .iter()
            .enumerate()
            .map(|(i, a)| a.words(flow, mask[i]))
            .collect();
        let label = if atoms.is_empty() {
            "any".to_string()
        } else {
            tests.join("; ")
        };
        out.push(Class {
            label,
            answer: Answer::List(codes),
            tests,
        });
    }
    Ok(out)
}

/// Every distinct country test on this question, anywhere in the flow.
fn atoms(flow: &Flow, question: &str) -> Vec<Atom> {
    let mut out = Vec::new();
    let mut note = |c: &Condition| {
        collect_atoms(c, question, &mut out);
    };
    for q in &flow.questions {
        q.next
            .iter()
            .filter_map(|r| r.when.as_ref())
            .for_each(&mut note);
    }
    for o in &flow.outcomes {
        o.steps
            .iter()
            .filter_map(|s| s.when.as_ref())
            .for_each(&mut note);
    }
    for f in &flow.facts {
        if let FactRule::Cases(cases) = &f.rule {
            cases
                .iter()
                .filter_map(|c| c.when.as_ref())
                .for_each(&mut note);
        }
    }
    out
}

fn collect_atoms(c: &Condition, question: &str, out: &mut Vec<Atom>) {
    let atom = match c {
        Condition::All(cs) | Condition::Any(cs) => {
            cs.iter().for_each(|c| collect_atoms(c, question, out));
            None
        }
        Condition::Not(c) => {
            collect_atoms(c, question, out);
            None
        }
        Condition::AnyIn { answer, lists } if answer == question => Some(Atom::In(lists.clone())),
        Condition::AnyOutside { answer, lists } if answer == question => {
            Some(Atom::Outside(lists.clone()))
        }
        _ => None,
    };
    if let Some(a) = atom
        && !out.contains(&a)
    {
        out.push(a);
    }
}
