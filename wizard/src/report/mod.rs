//! What reviewers read: every distinct path (`paths`), the decision table (`table`) and
//! the flow chart inside it (`chart`).

pub(crate) mod chart;
pub(crate) mod paths;
pub(crate) mod table;
