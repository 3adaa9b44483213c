//! Every distinct path through a flow: the answers are grouped into classes that the
//! rules can tell apart (each option; yes and no; for countries, which list tests come
//! out true), every combination is walked, and rows that differ in one answer only but
//! end the same way are merged.

use crate::answers::{Answer, Answers};
use crate::countries::on_any;
use crate::evaluate::{Next, evaluate, next_question};
use crate::flow::{Condition, FactRule, Flow, Question, QuestionKind};
use crate::text::join_with;
use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// One distinct path: the answers that take it (in words), an example, and where it ends.
#[derive(Debug, Clone, PartialEq)]
pub struct FlowPath {
    /// (question id, answer class in words), in the order asked.
    pub answers: Vec<(String, String)>,
    /// Concrete answers that take this path.
    pub example: Answers,
    pub outcome: String,
    /// The outcome's facts in words ("15 working days before travel").
    pub facts: BTreeMap<String, String>,
}

/// A group of answers the rules treat alike.
struct Class {
    label: String,
    answer: Answer,
    /// For countries: the words for each list test, as it comes out for this class.
    tests: Vec<String>,
}

struct Row {
    cells: Vec<(String, BTreeSet<usize>)>,
    example: Answers,
    outcome: String,
    facts: BTreeMap<String, String>,
}

pub fn enumerate_paths(flow: &Flow) -> Vec<FlowPath> {
    let (today, travel) = sample_dates(flow);
    let classes: BTreeMap<String, Vec<Class>> = flow
        .questions
        .iter()
        .map(|q| (q.id.clone(), classes(flow, q, travel)))
        .collect();
    let mut rows = Vec::new();
    walk(flow, &classes, today, Answers::new(), Vec::new(), &mut rows);
    merge(&mut rows);
    rows.into_iter()
        .map(|row| FlowPath {
            answers: row
                .cells
                .iter()
                .map(|(q, set)| (q.clone(), describe(&classes[q], set)))
                .collect(),
            example: row.example,
            outcome: row.outcome,
            facts: row.facts,
        })
        .collect()
}

fn walk(
    flow: &Flow,
    classes: &BTreeMap<String, Vec<Class>>,
    today: NaiveDate,
    answers: Answers,
    cells: Vec<(String, BTreeSet<usize>)>,
    rows: &mut Vec<Row>,
) {
    match next_question(flow, &answers) {
        Next::Question(q) => {
            // A question asked twice would mean a cycle; validation rules that out.
            if cells.iter().any(|(id, _)| id == &q.id) {
                return;
            }
            for (i, class) in classes[&q.id].iter().enumerate() {
                let mut answers = answers.clone();
                answers.set(q.id.clone(), class.answer.clone());
                let mut cells = cells.clone();
                cells.push((q.id.clone(), BTreeSet::from([i])));
                walk(flow, classes, today, answers, cells, rows);
            }
        }
        Next::Outcome(_) => {
            let Ok(eval) = evaluate(flow, &answers, today) else {
                return;
            };
            let facts = eval
                .facts
                .iter()
                .map(|(id, v)| (id.clone(), fact_in_words(flow, id, v, &eval.facts)))
                .collect();
            rows.push(Row {
                cells,
                example: answers,
                outcome: eval.outcome,
                facts,
            });
        }
    }
}

/// Merges rows that ask the same questions, end the same way and differ in one answer,
/// until no more merge.
fn merge(rows: &mut Vec<Row>) {
    loop {
        let mut merged = false;
        'outer: for i in 0..rows.len() {
            for j in i + 1..rows.len() {
                if let Some(k) = mergeable(&rows[i], &rows[j]) {
                    let extra = rows[j].cells[k].1.clone();
                    rows[i].cells[k].1.extend(extra);
                    rows.remove(j);
                    merged = true;
                    break 'outer;
                }
            }
        }
        if !merged {
            return;
        }
    }
}

/// The one position where two rows differ, if that is all that differs.
fn mergeable(a: &Row, b: &Row) -> Option<usize> {
    if a.outcome != b.outcome || a.facts != b.facts || a.cells.len() != b.cells.len() {
        return None;
    }
    let mut differ = None;
    for (k, (ca, cb)) in a.cells.iter().zip(&b.cells).enumerate() {
        if ca.0 != cb.0 {
            return None;
        }
        if ca.1 != cb.1 {
            if differ.is_some() {
                return None;
            }
            differ = Some(k);
        }
    }
    differ
}

fn describe(classes: &[Class], set: &BTreeSet<usize>) -> String {
    if set.len() == classes.len() && classes.len() > 1 {
        return "any".into();
    }
    // Country classes merged over some tests: name only the tests they agree on,
    // when exactly the classes agreeing on those are in the set.
    let first = &classes[*set.iter().next().expect("a row has an answer")];
    let agreed: Vec<usize> = (0..first.tests.len())
        .filter(|&t| set.iter().all(|&i| classes[i].tests[t] == first.tests[t]))
        .collect();
    if set.len() > 1 && !agreed.is_empty() {
        let same: BTreeSet<usize> = (0..classes.len())
            .filter(|&i| {
                agreed
                    .iter()
                    .all(|&t| classes[i].tests[t] == first.tests[t])
            })
            .collect();
        if &same == set {
            return agreed
                .iter()
                .map(|&t| first.tests[t].as_str())
                .collect::<Vec<_>>()
                .join("; ");
        }
    }
    join_with(set.iter().map(|&i| classes[i].label.as_str()), "or")
}

/// A fact in words for the table: dates stay symbolic, since they depend on the
/// travel date and on today.
fn fact_in_words(flow: &Flow, id: &str, v: &Value, all: &BTreeMap<String, Value>) -> String {
    let rule = flow.fact(id).map(|f| &f.rule);
    match rule {
        Some(FactRule::Deadline { notice, count, .. }) => match v {
            Value::Null => "none (no travel date)".into(),
            _ => {
                let n = all
                    .get(notice)
                    .map(|n| n.to_string())
                    .unwrap_or_else(|| notice.clone());
                format!("{n} {} before travel", count.words())
            }
        },
        Some(FactRule::Passed { date }) => match all.get(date) {
            Some(Value::String(_)) => "yes, once that date has passed".into(),
            _ => "no".into(),
        },
        _ => match v {
            Value::Bool(b) => if *b { "yes" } else { "no" }.into(),
            Value::String(s) => s.clone(),
            Value::Null => "none".into(),
            other => other.to_string(),
        },
    }
}

/// A "today" and a travel date well inside the bank-holiday data, so that a deadline
/// can always be worked out and is never late.
fn sample_dates(flow: &Flow) -> (NaiveDate, NaiveDate) {
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

fn classes(flow: &Flow, q: &Question, travel: NaiveDate) -> Vec<Class> {
    let class = |label: &str, answer| Class {
        label: label.to_string(),
        answer,
        tests: Vec::new(),
    };
    match q.kind {
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
        QuestionKind::Countries => country_classes(flow, &q.id),
    }
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
/// can produce, each with a smallest example set.
fn country_classes(flow: &Flow, question: &str) -> Vec<Class> {
    let atoms = atoms(flow, question);
    let mut out = Vec::new();
    for mask in 0..(1usize << atoms.len()) {
        let wanted = |i: usize| mask & (1 << i) != 0;
        // A country that makes atom `i` true and every unwanted atom false.
        let witness = |i: Option<usize>| {
            flow.countries.iter().find(|c| {
                atoms.iter().enumerate().all(|(j, a)| {
                    let holds = a.holds_for(flow, &c.code);
                    if Some(j) == i {
                        holds
                    } else {
                        wanted(j) || !holds
                    }
                })
            })
        };
        let mut codes: Vec<String> = Vec::new();
        let mut possible = true;
        for i in (0..atoms.len()).filter(|&i| wanted(i)) {
            match witness(Some(i)) {
                Some(c) if !codes.contains(&c.code) => codes.push(c.code.clone()),
                Some(_) => {}
                None => possible = false,
            }
        }
        if mask == 0 {
            match witness(None) {
                Some(c) => codes.push(c.code.clone()),
                None => possible = false,
            }
        }
        if !possible {
            continue;
        }
        let tests: Vec<String> = atoms
            .iter()
            .enumerate()
            .map(|(i, a)| a.words(flow, wanted(i)))
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
    out
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
