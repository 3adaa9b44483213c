//! What a flow is: its questions, routes, outcomes and facts (`flow`), finding them by id
//! (`flow_index`), and a reader's answers to it (`answers`).

pub(crate) mod answers;
pub(crate) mod flow;
pub(crate) mod flow_index;
