//! Running a flow on a reader's answers: the route taken, the outcome and its facts
//! (`evaluate`), deadlines in working days (`working_days`) and which lists a place is on
//! (`places`).

pub(crate) mod evaluate;
pub(crate) mod places;
pub(crate) mod working_days;
