//! The wizard's views: one step each (start page, question, check your answers, outcome)
//! and the GOV.UK form controls and messages they are made of.

pub mod check_answers;
pub mod country_picker;
pub mod date_input;
pub mod error_summary;
pub mod outcome;
pub mod question;
pub mod radios;
pub mod start_page;
pub mod step_text;
