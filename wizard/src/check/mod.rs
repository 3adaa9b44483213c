//! Checks on a whole flow that need the full picture: every route leads somewhere,
//! every question and outcome can be reached, every path ends, and nothing uses an
//! answer that might not have been given yet. The loader turns each problem into an
//! error at a file and line.

pub(crate) mod dominators;

use crate::model::flow::{Condition, FactRule, Flow};
use crate::words::plain_text::placeholders;
use dominators::Dominators;
use std::collections::{BTreeSet, HashMap};

/// What a problem is about, by position in the flow file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Site {
    Flow,
    Question(usize),
    Route(usize, usize),
    Outcome(usize),
    OutcomeFacts(usize),
    OutcomeSummary(usize),
    Step(usize, usize),
    /// An item of a step's list.
    StepItem(usize, usize, usize),
    Fact(usize),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Problem {
    pub site: Site,
    pub message: String,
    pub help: Option<String>,
}

fn problem(site: Site, message: String, help: Option<&str>) -> Problem {
    Problem {
        site,
        message,
        help: help.map(str::to_string),
    }
}

/// Checks an already loaded flow (say, one read from JSON) and returns the problems
/// in plain words. `load_flow` runs the same checks and adds file and line.
pub fn check_flow(flow: &Flow) -> Vec<String> {
    check(flow).into_iter().map(|p| p.message).collect()
}

/// Every problem found, in file order as far as possible.
pub(crate) fn check(flow: &Flow) -> Vec<Problem> {
    let mut out = Vec::new();
    if flow.questions.is_empty() {
        out.push(problem(
            Site::Flow,
            "the flow has no questions".into(),
            None,
        ));
        return out;
    }
    check_ids(flow, &mut out);
    let dangling = check_routes(flow, &mut out);
    // The path checks assume every route leads somewhere known.
    if !dangling {
        check_reach_and_cycles(flow, &mut out);
    }
    check_facts(flow, &mut out);
    if !dangling {
        check_answers_known(flow, &mut out);
    }
    out
}

fn check_ids(flow: &Flow, out: &mut Vec<Problem>) {
    let mut seen: HashMap<String, &str> = HashMap::new();
    let mut note = |id: &str, what: &'static str, site: Site, out: &mut Vec<Problem>| {
        if let Some(before) = seen.insert(id.to_string(), what) {
            out.push(problem(
                site,
                match before == what {
                    true => format!("there are two {what}s with the id \"{id}\""),
                    false => format!("\"{id}\" is used twice: for a {before} and for a {what}"),
                },
                Some("questions, outcomes and facts each need their own id"),
            ));
        }
    };
    for (i, q) in flow.questions.iter().enumerate() {
        note(&q.id, "question", Site::Question(i), out);
    }
    for (i, o) in flow.outcomes.iter().enumerate() {
        note(&o.id, "outcome", Site::Outcome(i), out);
    }
    for (i, f) in flow.facts.iter().enumerate() {
        note(&f.id, "fact", Site::Fact(i), out);
    }
}

/// Returns true if some route leads nowhere.
fn check_routes(flow: &Flow, out: &mut Vec<Problem>) -> bool {
    let mut dangling = false;
    for (qi, q) in flow.questions.iter().enumerate() {
        if q.next.is_empty() {
            out.push(problem(
                Site::Question(qi),
                format!("question \"{}\" has no `next`", q.id),
                Some("say where to go after it: a question id or an outcome id"),
            ));
            continue;
        }
        for (ri, r) in q.next.iter().enumerate() {
            if flow.question(&r.goto).is_none() && flow.outcome(&r.goto).is_none() {
                dangling = true;
                out.push(problem(
                    Site::Route(qi, ri),
                    format!(
                        "\"{}\", where this route goes, is not a question or an outcome",
                        r.goto
                    ),
                    suggest(&r.goto, ids(flow)).as_deref(),
                ));
            }
            if r.when.is_none() && ri + 1 < q.next.len() {
                out.push(problem(
                    Site::Route(qi, ri + 1),
                    format!(
                        "this route after question \"{}\" can never be taken: the route before it has no `when`, so it always applies",
                        q.id
                    ),
                    Some("put routes with `when` first and the one without `when` last"),
                ));
            }
        }
        if q.next.last().is_some_and(|r| r.when.is_some()) {
            out.push(problem(
                Site::Route(qi, q.next.len() - 1),
                format!(
                    "after question \"{}\", answers that fit none of the `when` conditions have nowhere to go, so the path never ends",
                    q.id
                ),
                Some("end `next` with a route that has no `when`"),
            ));
        }
    }
    dangling
}

fn ids(flow: &Flow) -> Vec<&str> {
    flow.questions
        .iter()
        .map(|q| q.id.as_str())
        .chain(flow.outcomes.iter().map(|o| o.id.as_str()))
        .collect()
}

fn check_reach_and_cycles(flow: &Flow, out: &mut Vec<Problem>) {
    // Depth-first from the start; a route back to a question still being explored is
    // a cycle, and a cycle is a path that never ends.
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Open,
        Done,
    }
    let index: HashMap<&str, usize> = flow
        .questions
        .iter()
        .enumerate()
        .map(|(i, q)| (q.id.as_str(), i))
        .collect();
    let mut marks = vec![Mark::New; flow.questions.len()];
    let mut reached_outcomes = BTreeSet::new();
    // An explicit stack of (question, next route to follow): a flow may be thousands of
    // questions deep.
    let start = index.get(flow.start.as_str()).copied().unwrap_or(0);
    let mut stack = vec![(start, 0)];
    if !flow.questions.is_empty() {
        marks[start] = Mark::Open;
    } else {
        stack.clear();
    }
    while let Some((qi, ri)) = stack.pop() {
        let Some(r) = flow.questions[qi].next.get(ri) else {
            marks[qi] = Mark::Done;
            continue;
        };
        stack.push((qi, ri + 1));
        match index.get(r.goto.as_str()) {
            Some(&next) if marks[next] == Mark::Open => out.push(problem(
                Site::Route(qi, ri),
                format!(
                    "this route goes back to question \"{}\", so the questions could go round forever",
                    r.goto
                ),
                Some("a flow must always move on towards an outcome"),
            )),
            Some(&next) if marks[next] == Mark::New => {
                marks[next] = Mark::Open;
                stack.push((next, 0));
            }
            Some(_) => {}
            None => {
                reached_outcomes.insert(r.goto.clone());
            }
        }
    }
    for (qi, q) in flow.questions.iter().enumerate() {
        if marks[qi] == Mark::New {
            out.push(problem(
                Site::Question(qi),
                format!("question \"{}\" can never be reached", q.id),
                Some(
                    "no route from the first question leads here: add a `goto` to it, or remove it",
                ),
            ));
        }
    }
    for (oi, o) in flow.outcomes.iter().enumerate() {
        if !reached_outcomes.contains(&o.id) {
            out.push(problem(
                Site::Outcome(oi),
                format!("outcome \"{}\" can never be reached", o.id),
                Some("no route leads here: add a `goto` to it, or remove it"),
            ));
        }
    }
}

/// Answers and facts a condition reads.
pub(crate) fn condition_refs(
    c: &Condition,
    answers: &mut BTreeSet<String>,
    facts: &mut BTreeSet<String>,
) {
    match c {
        Condition::All(cs) | Condition::Any(cs) => {
            cs.iter().for_each(|c| condition_refs(c, answers, facts))
        }
        Condition::Not(c) => condition_refs(c, answers, facts),
        Condition::Is { answer, .. }
        | Condition::Answered { answer }
        | Condition::AnyIn { answer, .. }
        | Condition::AnyOutside { answer, .. } => {
            answers.insert(answer.clone());
        }
        Condition::Fact { fact, .. } => {
            facts.insert(fact.clone());
        }
    }
}

/// Splits `{name}` placeholders into answers and facts; unknown names are returned.
pub(crate) fn text_refs(
    flow: &Flow,
    text: &str,
    answers: &mut BTreeSet<String>,
    facts: &mut BTreeSet<String>,
) -> Vec<String> {
    let mut unknown = Vec::new();
    for name in placeholders(text) {
        if flow.question(&name).is_some() {
            answers.insert(name);
        } else if flow.fact(&name).is_some() {
            facts.insert(name);
        } else {
            unknown.push(name);
        }
    }
    unknown
}

/// The answers and facts a fact reads directly.
pub(crate) fn fact_refs(
    flow: &Flow,
    fi: usize,
) -> (BTreeSet<String>, BTreeSet<String>, Vec<String>) {
    let fact = &flow.facts[fi];
    let (mut answers, mut facts) = (BTreeSet::new(), BTreeSet::new());
    let mut unknown = Vec::new();
    match &fact.rule {
        FactRule::Cases(cases) => {
            for case in cases {
                if let Some(c) = &case.when {
                    condition_refs(c, &mut answers, &mut facts);
                }
                if let Some(r) = &case.reason {
                    unknown.extend(text_refs(flow, r, &mut answers, &mut facts));
                }
            }
        }
        FactRule::Lookup { answer, .. } => {
            answers.insert(answer.clone());
        }
        FactRule::Deadline { date, notice, .. } => {
            answers.insert(date.clone());
            facts.insert(notice.clone());
        }
        FactRule::Passed { date } => {
            facts.insert(date.clone());
        }
    }
    if let Some(r) = &fact.reason {
        unknown.extend(text_refs(flow, r, &mut answers, &mut facts));
    }
    facts.remove(&fact.id);
    (answers, facts, unknown)
}

fn check_facts(flow: &Flow, out: &mut Vec<Problem>) {
    for (fi, fact) in flow.facts.iter().enumerate() {
        let (answers, facts, unknown) = fact_refs(flow, fi);
        for a in answers.iter().filter(|a| flow.question(a).is_none()) {
            out.push(problem(
                Site::Fact(fi),
                format!(
                    "fact \"{}\" uses the answer to \"{a}\", but there is no such question",
                    fact.id
                ),
                None,
            ));
        }
        for f in facts.iter().filter(|f| flow.fact(f).is_none()) {
            out.push(problem(
                Site::Fact(fi),
                format!(
                    "fact \"{}\" uses fact \"{f}\", which is not defined",
                    fact.id
                ),
                None,
            ));
        }
        for name in unknown {
            out.push(problem(
                Site::Fact(fi),
                format!(
                    "`{{{name}}}` in the reason of fact \"{}\" is not a question or fact",
                    fact.id
                ),
                unknown_name_help(flow, &name).as_deref(),
            ));
        }
    }
    for (fi, cycle) in fact_cycles(flow) {
        out.push(problem(
            Site::Fact(fi),
            format!(
                "facts depend on each other in a circle: {}",
                cycle.join(" -> ")
            ),
            None,
        ));
    }
    for (oi, o) in flow.outcomes.iter().enumerate() {
        for f in o.facts.iter().filter(|f| flow.fact(f).is_none()) {
            out.push(problem(
                Site::OutcomeFacts(oi),
                format!(
                    "outcome \"{}\" lists fact \"{f}\", which is not defined under `facts`",
                    o.id
                ),
                suggest(f, flow.facts.iter().map(|f| f.id.as_str()).collect()).as_deref(),
            ));
        }
    }
}

/// Each circle of facts reading facts, once, at the fact where the search met it: one
/// depth-first search over all facts, with an explicit stack.
fn fact_cycles(flow: &Flow) -> Vec<(usize, Vec<String>)> {
    let mut index: HashMap<&str, usize> = HashMap::new();
    for (fi, f) in flow.facts.iter().enumerate() {
        index.entry(f.id.as_str()).or_insert(fi);
    }
    let reads: Vec<Vec<usize>> = (0..flow.facts.len())
        .map(|fi| {
            let (_, facts, _) = fact_refs(flow, fi);
            facts
                .iter()
                .filter_map(|f| index.get(f.as_str()).copied())
                .collect()
        })
        .collect();
    // 0: not seen; 1: on the current path; 2: done.
    let mut state = vec![0u8; flow.facts.len()];
    let mut cycles = Vec::new();
    for root in 0..flow.facts.len() {
        if state[root] != 0 {
            continue;
        }
        let mut stack = vec![(root, 0)];
        state[root] = 1;
        while let Some((fi, next)) = stack.pop() {
            let Some(&read) = reads[fi].get(next) else {
                state[fi] = 2;
                continue;
            };
            stack.push((fi, next + 1));
            match state[read] {
                0 => {
                    state[read] = 1;
                    stack.push((read, 0));
                }
                1 => {
                    let from = stack.iter().position(|&(f, _)| f == read).unwrap_or(0);
                    let mut cycle: Vec<String> = stack[from..]
                        .iter()
                        .map(|&(f, _)| flow.facts[f].id.clone())
                        .collect();
                    cycle.push(flow.facts[read].id.clone());
                    cycles.push((read, cycle));
                }
                _ => {}
            }
        }
    }
    cycles.sort_by_key(|(fi, _)| *fi);
    cycles
}

/// Every answer a fact needs, through the facts it reads.
fn fact_answers(flow: &Flow, id: &str, seen: &mut BTreeSet<String>) -> BTreeSet<String> {
    let mut all = BTreeSet::new();
    if !seen.insert(id.to_string()) {
        return all;
    }
    if let Some(fi) = flow.facts.iter().position(|f| f.id == id) {
        let (answers, facts, _) = fact_refs(flow, fi);
        all.extend(answers);
        for f in facts {
            all.extend(fact_answers(flow, &f, seen));
        }
    }
    all
}

fn check_answers_known(flow: &Flow, out: &mut Vec<Problem>) {
    let asked = Dominators::of(flow);
    for (qi, q) in flow.questions.iter().enumerate() {
        if !asked.reached(&q.id) {
            continue;
        }
        let not_yet = |name: &str| name != q.id && !asked.always_before(name, &q.id);
        for (ri, r) in q.next.iter().enumerate() {
            let (mut answers, mut facts) = (BTreeSet::new(), BTreeSet::new());
            if let Some(c) = &r.when {
                condition_refs(c, &mut answers, &mut facts);
            }
            let mut unknown = Vec::new();
            if let Some(reason) = &r.reason {
                unknown = text_refs(flow, reason, &mut answers, &mut facts);
            }
            for a in answers.iter().filter(|a| not_yet(a)) {
                out.push(problem(
                    Site::Route(qi, ri),
                    format!("this route uses the answer to \"{a}\", which may not have been asked yet on the way to question \"{}\"", q.id),
                    Some("a route can use the answers to its own question and to questions asked before it on every path"),
                ));
            }
            if !facts.is_empty() {
                out.push(problem(
                    Site::Route(qi, ri),
                    "routes choose by answers; facts can be used in outcomes and other facts only"
                        .into(),
                    None,
                ));
            }
            for name in unknown {
                out.push(problem(
                    Site::Route(qi, ri),
                    format!("`{{{name}}}` in this reason is not a question or fact"),
                    unknown_name_help(flow, &name).as_deref(),
                ));
            }
        }
    }
    for (oi, o) in flow.outcomes.iter().enumerate() {
        if !asked.reached(&o.id) {
            continue;
        }
        let mut needed: Vec<(Site, String, String)> = Vec::new();
        for f in &o.facts {
            for a in fact_answers(flow, f, &mut BTreeSet::new()) {
                needed.push((Site::OutcomeFacts(oi), a, format!("fact \"{f}\"")));
            }
        }
        if let Some(summary) = &o.summary {
            let (mut answers, mut facts) = (BTreeSet::new(), BTreeSet::new());
            for name in text_refs(flow, summary, &mut answers, &mut facts) {
                out.push(problem(
                    Site::OutcomeSummary(oi),
                    format!("`{{{name}}}` in this summary is not a question or fact"),
                    unknown_name_help(flow, &name).as_deref(),
                ));
            }
            for f in &facts {
                answers.extend(fact_answers(flow, f, &mut BTreeSet::new()));
            }
            for a in answers {
                needed.push((Site::OutcomeSummary(oi), a, "the summary".into()));
            }
        }
        for (si, step) in o.steps.iter().enumerate() {
            let (mut answers, mut facts) = (BTreeSet::new(), BTreeSet::new());
            if let Some(c) = &step.when {
                condition_refs(c, &mut answers, &mut facts);
            }
            let texts = std::iter::once((Site::Step(oi, si), &step.text)).chain(
                (step.items.iter().enumerate())
                    .map(|(ii, item)| (Site::StepItem(oi, si, ii), item)),
            );
            for (site, text) in texts {
                for name in text_refs(flow, text, &mut answers, &mut facts) {
                    out.push(problem(
                        site,
                        format!("`{{{name}}}` in this step is not a question or fact"),
                        unknown_name_help(flow, &name).as_deref(),
                    ));
                }
            }
            for f in &facts {
                if flow.fact(f).is_none() {
                    out.push(problem(
                        Site::Step(oi, si),
                        format!("this step uses fact \"{f}\", which is not defined"),
                        None,
                    ));
                }
                answers.extend(fact_answers(flow, f, &mut BTreeSet::new()));
            }
            for a in answers {
                needed.push((Site::Step(oi, si), a, "this step".into()));
            }
        }
        for (site, a, user) in needed {
            if !asked.always_before(&a, &o.id) {
                out.push(problem(
                    site,
                    format!("{user} needs the answer to \"{a}\", but some paths reach outcome \"{}\" without asking it", o.id),
                    Some("ask that question on every path to this outcome, or stop using it here"),
                ));
            }
        }
    }
}

/// For a `{name}` that is not a question or a fact: the near miss, or what to write.
fn unknown_name_help(flow: &Flow, name: &str) -> Option<String> {
    let names = flow.questions.iter().map(|q| q.id.as_str());
    let names = names.chain(flow.facts.iter().map(|f| f.id.as_str()));
    Some(
        suggest(name, names.collect()).unwrap_or_else(|| {
            "write the id of a question or a fact between the braces".to_string()
        }),
    )
}

/// "did you mean ...?" for a near miss.
pub(crate) fn suggest(word: &str, candidates: Vec<&str>) -> Option<String> {
    candidates
        .into_iter()
        .map(|c| (distance(word, c), c))
        .filter(|(d, c)| *d <= 2.max(c.len() / 4))
        .min()
        .map(|(_, c)| format!("did you mean \"{c}\"?"))
}

/// Levenshtein distance, small and plain.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_near_misses_only() {
        assert_eq!(
            suggest("stap", vec!["strap", "clearance"]).as_deref(),
            Some("did you mean \"strap\"?")
        );
        assert_eq!(suggest("zzz", vec!["strap", "clearance"]), None);
        assert_eq!(distance("kitten", "sitting"), 3);
    }
}
