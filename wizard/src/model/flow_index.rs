//! Finding a flow's questions, outcomes and facts by id in constant time: flows can be
//! thousands of questions long, and every step of a walk looks one up. Built on first use;
//! never part of the flow's value (not serialised, not compared, not cloned).

use crate::model::flow::Flow;
use std::collections::HashMap;
use std::sync::OnceLock;

#[derive(Debug, Default)]
pub struct FlowIndex(OnceLock<Ids>);

#[derive(Debug)]
struct Ids {
    questions: HashMap<String, usize>,
    outcomes: HashMap<String, usize>,
    facts: HashMap<String, usize>,
}

/// The first position of each id, as a search from the front finds it.
fn positions<'a>(ids: impl Iterator<Item = &'a String>) -> HashMap<String, usize> {
    let mut map = HashMap::new();
    for (i, id) in ids.enumerate() {
        map.entry(id.clone()).or_insert(i);
    }
    map
}

impl FlowIndex {
    fn ids(&self, flow: &Flow) -> &Ids {
        self.0.get_or_init(|| Ids {
            questions: positions(flow.questions.iter().map(|q| &q.id)),
            outcomes: positions(flow.outcomes.iter().map(|o| &o.id)),
            facts: positions(flow.facts.iter().map(|f| &f.id)),
        })
    }

    pub fn question(&self, flow: &Flow, id: &str) -> Option<usize> {
        self.ids(flow).questions.get(id).copied()
    }

    pub fn outcome(&self, flow: &Flow, id: &str) -> Option<usize> {
        self.ids(flow).outcomes.get(id).copied()
    }

    pub fn fact(&self, flow: &Flow, id: &str) -> Option<usize> {
        self.ids(flow).facts.get(id).copied()
    }
}

impl Clone for FlowIndex {
    fn clone(&self) -> Self {
        FlowIndex::default()
    }
}

impl PartialEq for FlowIndex {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}
