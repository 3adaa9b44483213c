//! What reviewers read: every distinct path (`paths`) over the answers the rules tell
//! apart (`answer_classes`), the decision table (`table`) and the flow chart inside it
//! (`chart`).

pub(crate) mod answer_classes;
pub(crate) mod chart;
pub(crate) mod paths;
pub(crate) mod table;
