//! The wizard's views: one step each (start page, question, check your answers, outcome)
//! and the GOV.UK form controls and messages they are made of.
//!
//! Class lists are written as plain strings (`if error { "a a--error" } else { "a" }`), not
//! with Yew's `classes!`: its set of class names brought hashing and index-set code into the
//! wasm, about 5 KB of it.

pub mod check_answers;
pub mod country_picker;
pub mod date_input;
pub mod error_summary;
pub mod outcome;
pub mod question;
pub mod radios;
pub mod start_page;
pub mod step_text;
