//! Every distinct path through a flow: the answers are grouped into classes that the
//! rules can tell apart (each option; yes and no; for countries, which list tests come
//! out true), every combination is walked, and rows that differ in one answer only but
//! end the same way are merged.

use crate::check::{condition_refs, fact_refs, text_refs};
use crate::model::answers::Answers;
use crate::model::flow::{FactRule, Flow, Question};
use crate::report::answer_classes::{Class, classes as answer_classes, sample_dates};
use crate::run::evaluate::{Run, evaluate};
use crate::words::plain_text::join_with;
use chrono::NaiveDate;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

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

struct Row {
    cells: Vec<(String, BTreeSet<usize>)>,
    example: Answers,
    outcome: String,
    facts: BTreeMap<String, String>,
}

/// The most rows a decision table has: more than a reader could review.
pub const MAX_ROWS: usize = 10_000;

/// A flow with more distinct paths than [`MAX_ROWS`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TooManyPaths;

impl std::fmt::Display for TooManyPaths {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "this flow has more than {MAX_ROWS} distinct paths, more than a reader could review in a table"
        )
    }
}

impl std::error::Error for TooManyPaths {}

/// Every distinct path, in time linear in the rows found: answers that no rule tells apart
/// after their own question are one row, and the walk stops past [`MAX_ROWS`].
pub fn enumerate_paths(flow: &Flow) -> Result<Vec<FlowPath>, TooManyPaths> {
    let (today, travel) = sample_dates(flow);
    let mut classes: BTreeMap<String, Vec<Class>> = BTreeMap::new();
    for q in &flow.questions {
        classes.insert(q.id.clone(), answer_classes(flow, q, travel)?);
    }
    let read_later = read_after_their_question(flow);
    let mut rows = walk(flow, &classes, &read_later, today)?;
    merge(&mut rows);
    Ok(rows
        .into_iter()
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
        .collect())
}

/// Questions whose answer something reads besides their own routes (another route, a
/// fact, an outcome, a text): only their answer classes need rows of their own.
fn read_after_their_question(flow: &Flow) -> HashSet<String> {
    let (mut answers, mut facts) = (BTreeSet::new(), BTreeSet::new());
    for q in &flow.questions {
        for r in &q.next {
            let mut own = BTreeSet::new();
            if let Some(c) = &r.when {
                condition_refs(c, &mut own, &mut facts);
            }
            own.remove(&q.id);
            answers.extend(own);
            if let Some(reason) = &r.reason {
                text_refs(flow, reason, &mut answers, &mut facts);
            }
        }
    }
    for o in &flow.outcomes {
        if let Some(summary) = &o.summary {
            text_refs(flow, summary, &mut answers, &mut facts);
        }
        for step in &o.steps {
            if let Some(c) = &step.when {
                condition_refs(c, &mut answers, &mut facts);
            }
            for text in std::iter::once(&step.text).chain(&step.items) {
                text_refs(flow, text, &mut answers, &mut facts);
            }
        }
    }
    for fi in 0..flow.facts.len() {
        answers.extend(fact_refs(flow, fi).0);
    }
    answers.into_iter().collect()
}

/// One question on the path being walked: its answer classes grouped by where they lead.
struct Frame<'a> {
    question: &'a Question,
    /// (classes, where they go: `None` when no route fits).
    groups: Vec<(BTreeSet<usize>, Option<&'a str>)>,
    next: usize,
    /// Whether a group's answer is set (and its cell pushed).
    active: bool,
}

/// Walks every path depth-first with one set of answers, changed one answer at a time (an
/// explicit stack: a flow may be thousands of questions deep).
fn walk<'a>(
    flow: &'a Flow,
    classes: &BTreeMap<String, Vec<Class>>,
    read_later: &HashSet<String>,
    today: NaiveDate,
) -> Result<Vec<Row>, TooManyPaths> {
    let mut rows = Vec::new();
    let mut run = Run::new(flow, None);
    let mut answers = Answers::new();
    let mut cells: Vec<(String, BTreeSet<usize>)> = Vec::new();
    let mut on_path: HashSet<&'a str> = HashSet::new();
    let mut stack: Vec<Frame<'a>> = Vec::new();
    let mut arrive = |at: &str,
                      run: &mut Run,
                      answers: &Answers,
                      cells: &[(String, BTreeSet<usize>)],
                      on_path: &HashSet<&'a str>,
                      stack: &mut Vec<Frame<'a>>|
     -> Result<(), TooManyPaths> {
        if let Some(q) = flow.question(at) {
            // A question asked twice would mean a cycle; validation rules that out.
            if on_path.contains(q.id.as_str()) {
                return Ok(());
            }
            let mut groups: Vec<(BTreeSet<usize>, Option<&'a str>)> = Vec::new();
            for (i, class) in classes[&q.id].iter().enumerate() {
                run.set_answer(&q.id, Some(class.answer.clone()));
                let goto = run.route_index(q).map(|r| q.next[r].goto.as_str());
                // An answer read later needs its own row; one that is not goes with the
                // others that take the same route.
                let same = if read_later.contains(&q.id) {
                    None
                } else {
                    groups.iter_mut().find(|(_, g)| *g == goto)
                };
                match same {
                    Some((set, _)) => {
                        set.insert(i);
                    }
                    None => groups.push((BTreeSet::from([i]), goto)),
                }
            }
            run.set_answer(&q.id, None);
            stack.push(Frame {
                question: q,
                groups,
                next: 0,
                active: false,
            });
            return Ok(());
        }
        let Ok(eval) = evaluate(flow, answers, today) else {
            return Ok(());
        };
        if rows.len() == MAX_ROWS {
            return Err(TooManyPaths);
        }
        let facts = eval
            .facts
            .iter()
            .map(|(id, v)| (id.clone(), fact_in_words(flow, id, v, &eval.facts)))
            .collect();
        rows.push(Row {
            cells: cells.to_vec(),
            example: answers.clone(),
            outcome: eval.outcome,
            facts,
        });
        Ok(())
    };
    arrive(
        &flow.start,
        &mut run,
        &answers,
        &cells,
        &on_path,
        &mut stack,
    )?;
    while let Some(frame) = stack.last_mut() {
        let q = frame.question;
        if frame.active {
            frame.active = false;
            cells.pop();
            answers.remove(&q.id);
            run.set_answer(&q.id, None);
            on_path.remove(q.id.as_str());
        }
        let Some((set, goto)) = frame.groups.get(frame.next).cloned() else {
            stack.pop();
            continue;
        };
        frame.next += 1;
        frame.active = true;
        let answer = classes[&q.id][*set.first().expect("a group has a class")]
            .answer
            .clone();
        answers.set(q.id.clone(), answer.clone());
        run.set_answer(&q.id, Some(answer));
        cells.push((q.id.clone(), set));
        on_path.insert(q.id.as_str());
        if let Some(goto) = goto {
            arrive(goto, &mut run, &answers, &cells, &on_path, &mut stack)?;
        }
    }
    Ok(rows)
}

/// Merges rows that ask the same questions, end the same way and differ in one answer,
/// until no more merge. For each position, the rows alike everywhere else are found by a
/// hash of the cells before and after it, then compared: a pass is linear in the table.
fn merge(rows: &mut Vec<Row>) {
    let mut hashes: Vec<RowHashes> = rows.iter().map(RowHashes::of).collect();
    loop {
        let mut merged = false;
        let longest = rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
        for k in 0..longest {
            let mut first: HashMap<u64, Vec<usize>> = HashMap::new();
            let mut gone = vec![false; rows.len()];
            for j in 0..rows.len() {
                let Some(key) = hashes[j].around(k) else {
                    continue;
                };
                let candidates = first.entry(key).or_default();
                match candidates
                    .iter()
                    .copied()
                    .find(|&i| mergeable(&rows[i], &rows[j]) == Some(k))
                {
                    Some(i) => {
                        let extra = rows[j].cells[k].1.clone();
                        rows[i].cells[k].1.extend(extra);
                        hashes[i] = RowHashes::of(&rows[i]);
                        gone[j] = true;
                        merged = true;
                    }
                    None => candidates.push(j),
                }
            }
            let mut j = 0;
            rows.retain(|_| {
                j += 1;
                !gone[j - 1]
            });
            let mut j = 0;
            hashes.retain(|_| {
                j += 1;
                !gone[j - 1]
            });
        }
        if !merged {
            return;
        }
    }
}

/// Rolling hashes of a row's cells, so that the row without any one cell hashes in O(1).
struct RowHashes {
    /// The outcome, the facts and the number of cells.
    head: u64,
    /// Each cell's question alone.
    ids: Vec<u64>,
    /// `before[i]`: the cells before `i`; `after[i]`: the cells from `i` on.
    before: Vec<u64>,
    after: Vec<u64>,
}

impl RowHashes {
    fn of(row: &Row) -> Self {
        const BASE: u64 = 0x100_0000_01b3;
        let cells: Vec<u64> = row.cells.iter().map(hash_of).collect();
        let mut before = vec![0u64; cells.len() + 1];
        for (i, h) in cells.iter().enumerate() {
            before[i + 1] = before[i].wrapping_mul(BASE).wrapping_add(*h);
        }
        let mut after = vec![0u64; cells.len() + 1];
        for (i, h) in cells.iter().enumerate().rev() {
            after[i] = after[i + 1].wrapping_mul(BASE).wrapping_add(*h);
        }
        RowHashes {
            head: hash_of(&(&row.outcome, &row.facts, row.cells.len())),
            ids: row.cells.iter().map(|(q, _)| hash_of(q)).collect(),
            before,
            after,
        }
    }

    /// The row with any answer at position `k`; `None` when it has no position `k`.
    fn around(&self, k: usize) -> Option<u64> {
        let id = self.ids.get(k)?;
        Some(hash_of(&(
            self.head,
            k,
            self.before[k],
            id,
            self.after[k + 1],
        )))
    }
}

fn hash_of(value: &impl std::hash::Hash) -> u64 {
    use std::hash::Hasher;
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    value.hash(&mut hasher);
    hasher.finish()
}

/// The one position where two rows differ, if that is all that differs (`Some(None)`
/// would be no difference at all, which two rows of a walk never have).
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
