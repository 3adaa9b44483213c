//! Which questions are asked on every path to a question or an outcome: the dominators of
//! the graph of routes (Cooper, Harvey and Kennedy's iterative algorithm, "A Simple, Fast
//! Dominance Algorithm"). Memory is linear in the flow, and so is time for the flows
//! editors write; no path is ever enumerated.

use crate::model::flow::Flow;
use std::collections::HashMap;

pub struct Dominators<'a> {
    /// Questions first, then outcomes; the first of a duplicated id wins, as in lookups.
    index: HashMap<&'a str, usize>,
    /// Entry and exit times in a walk of the dominator tree; `None` when not reached.
    times: Vec<Option<(usize, usize)>>,
}

impl<'a> Dominators<'a> {
    pub fn of(flow: &'a Flow) -> Self {
        let mut index = HashMap::new();
        let ids = flow.questions.iter().map(|q| q.id.as_str());
        for (i, id) in ids
            .chain(flow.outcomes.iter().map(|o| o.id.as_str()))
            .enumerate()
        {
            index.entry(id).or_insert(i);
        }
        let nodes = flow.questions.len() + flow.outcomes.len();
        let successors: Vec<Vec<usize>> = (0..nodes)
            .map(|i| match flow.questions.get(i) {
                Some(q) => q
                    .next
                    .iter()
                    .filter_map(|r| index.get(r.goto.as_str()).copied())
                    .collect(),
                None => Vec::new(),
            })
            .collect();
        let times = match index.get(flow.start.as_str()) {
            Some(&start) => tree_times(start, &successors),
            None => vec![None; nodes],
        };
        Dominators { index, times }
    }

    /// Whether question or outcome `id` can be reached from the first question.
    pub fn reached(&self, id: &str) -> bool {
        self.time(id).is_some()
    }

    /// Whether `before` is asked on every path to `at`, before it.
    pub fn always_before(&self, before: &str, at: &str) -> bool {
        match (self.time(before), self.time(at)) {
            (Some((enter_a, leave_a)), Some((enter_b, leave_b))) => {
                before != at && enter_a < enter_b && leave_b <= leave_a
            }
            _ => false,
        }
    }

    fn time(&self, id: &str) -> Option<(usize, usize)> {
        self.index.get(id).and_then(|&i| self.times[i])
    }
}

/// The immediate dominators from `start`, then entry and exit times in their tree (so that
/// "a dominates b" is two comparisons).
fn tree_times(start: usize, successors: &[Vec<usize>]) -> Vec<Option<(usize, usize)>> {
    let nodes = successors.len();
    // Post-order by an explicit stack: a flow may be thousands of questions deep.
    let mut order = vec![usize::MAX; nodes];
    let mut postorder = Vec::with_capacity(nodes);
    let mut seen = vec![false; nodes];
    let mut stack = vec![(start, 0)];
    seen[start] = true;
    while let Some((node, next)) = stack.pop() {
        if let Some(&child) = successors[node].get(next) {
            stack.push((node, next + 1));
            if !seen[child] {
                seen[child] = true;
                stack.push((child, 0));
            }
        } else {
            order[node] = postorder.len();
            postorder.push(node);
        }
    }
    let mut predecessors = vec![Vec::new(); nodes];
    for &node in &postorder {
        for &child in &successors[node] {
            predecessors[child].push(node);
        }
    }
    let mut idom = vec![usize::MAX; nodes];
    idom[start] = start;
    let intersect = |idom: &[usize], mut a: usize, mut b: usize| {
        while a != b {
            while order[a] < order[b] {
                a = idom[a];
            }
            while order[b] < order[a] {
                b = idom[b];
            }
        }
        a
    };
    let mut changed = true;
    while changed {
        changed = false;
        for &node in postorder.iter().rev().filter(|&&n| n != start) {
            let mut done = predecessors[node]
                .iter()
                .copied()
                .filter(|&p| idom[p] != usize::MAX);
            let Some(first) = done.next() else { continue };
            let new = done.fold(first, |acc, p| intersect(&idom, p, acc));
            if idom[node] != new {
                idom[node] = new;
                changed = true;
            }
        }
    }
    let mut children = vec![Vec::new(); nodes];
    for &node in &postorder {
        if node != start {
            children[idom[node]].push(node);
        }
    }
    let mut times = vec![None; nodes];
    let mut clock = 0;
    let mut stack = vec![(start, 0)];
    let mut enter = vec![0; nodes];
    while let Some((node, next)) = stack.pop() {
        if next == 0 {
            enter[node] = clock;
            clock += 1;
        }
        if let Some(&child) = children[node].get(next) {
            stack.push((node, next + 1));
            stack.push((child, 0));
        } else {
            times[node] = Some((enter[node], clock));
            clock += 1;
        }
    }
    times
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `start` -> ...: each question's routes, by id.
    fn flow(questions: &[(&str, &[&str])], outcomes: &[&str]) -> Flow {
        let json = serde_json::json!({
            "id": "f", "title": "F", "start": questions[0].0,
            "questions": questions.iter().map(|(id, next)| serde_json::json!({
                "id": id, "kind": "yes-no", "text": id,
                "next": next.iter().map(|g| serde_json::json!({"goto": g})).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
            "outcomes": outcomes.iter().map(|id| serde_json::json!({
                "id": id, "title": id, "steps": [],
            })).collect::<Vec<_>>(),
        });
        Flow::from_json(&json.to_string()).unwrap()
    }

    #[test]
    fn questions_on_every_path_and_only_those() {
        // a -> b or c; both -> d -> done; e is never reached.
        let f = flow(
            &[
                ("a", &["b", "c"]),
                ("b", &["d"]),
                ("c", &["d"]),
                ("d", &["done"]),
                ("e", &["done"]),
            ],
            &["done"],
        );
        let d = Dominators::of(&f);
        assert!(d.always_before("a", "d") && d.always_before("a", "done"));
        assert!(d.always_before("d", "done"));
        assert!(!d.always_before("b", "d") && !d.always_before("c", "done"));
        assert!(!d.always_before("d", "d") && !d.always_before("d", "a"));
        assert!(!d.reached("e") && d.reached("done"));
        assert!(!d.always_before("e", "done"));
    }

    #[test]
    fn a_long_line_is_linear() {
        let ids: Vec<String> = (0..50_000).map(|i| format!("q{i}")).collect();
        let next: Vec<[&str; 1]> = (0..ids.len())
            .map(|i| [ids.get(i + 1).map_or("done", String::as_str)])
            .collect();
        let questions: Vec<(&str, &[&str])> = ids
            .iter()
            .zip(&next)
            .map(|(id, n)| (id.as_str(), &n[..]))
            .collect();
        let f = flow(&questions, &["done"]);
        let d = Dominators::of(&f);
        assert!(d.always_before("q0", "done") && d.always_before("q49998", "q49999"));
    }
}
