//! Shared helpers for the engine tests: the real overseas flow, answers from JSON,
//! dates.
#![allow(dead_code)]

use chrono::NaiveDate;
use signpost_wizard::{Answers, Evaluation, Flow, evaluate, load_flow};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The repository root (the wizard crate sits one level down).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// content/flows/overseas-travel.yaml with content/data, loaded once.
pub fn overseas() -> &'static Flow {
    static FLOW: OnceLock<Flow> = OnceLock::new();
    FLOW.get_or_init(|| {
        let root = root();
        load_flow(
            &root.join("content/flows/overseas-travel.yaml"),
            &root.join("content/data"),
        )
        .unwrap_or_else(|errors| {
            let text: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
            panic!("the overseas flow should load:\n{}", text.join("\n"))
        })
    })
}

pub fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("a test date")
}

/// "Today" in the tests, fixed so results never drift with the clock.
pub fn today() -> NaiveDate {
    date("2026-11-23")
}

pub fn answers(json: &str) -> Answers {
    Answers::from_json(json).expect("test answers are valid JSON")
}

/// Evaluates the overseas flow, panicking with the error if it fails.
pub fn run(json: &str) -> Evaluation {
    evaluate(overseas(), &answers(json), today())
        .unwrap_or_else(|e| panic!("evaluation of {json} failed: {e}"))
}

/// A cleared traveller (SC, not STRAP) taking equipment to these countries, in HQ.
pub fn sc_to(countries: &str) -> Evaluation {
    run(&format!(
        r#"{{"clearance":"sc","strap":false,"equipment":true,"countries":{countries},"business_area":"moj-hq"}}"#
    ))
}

/// A STRAP-briefed traveller taking equipment to these countries, in HQ.
pub fn strap_to(countries: &str) -> Evaluation {
    run(&format!(
        r#"{{"clearance":"dv","strap":true,"equipment":true,"countries":{countries},"business_area":"moj-hq"}}"#
    ))
}

pub fn fact(e: &Evaluation, name: &str) -> serde_json::Value {
    e.facts
        .get(name)
        .cloned()
        .unwrap_or_else(|| panic!("fact {name} missing from {:?}", e.facts))
}

pub fn has_reason(e: &Evaluation, text: &str) -> bool {
    e.reasons.iter().any(|r| r == text)
}

/// The outcome's steps as text, each with its list items after a colon: what the tests
/// look for words in.
pub fn steps(e: &Evaluation) -> Vec<String> {
    e.steps
        .iter()
        .map(|step| match step.items.is_empty() {
            true => step.text.clone(),
            false => format!("{} {}", step.text, step.items.join("; ")),
        })
        .collect()
}
