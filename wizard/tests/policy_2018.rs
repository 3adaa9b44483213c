//! The May 2018 rules (seed 000) as a second flow with its own data, in
//! tests/fixtures/policy-2018/. It loads and gives the 2018 answers with the same
//! engine: a policy change is an edit to content, not to Rust.
//!
//! 2018 said "at least 14 days' notice". The 2026 text says "working days" where it
//! means them, so the plain "days" of 2018 are read as calendar days
//! (policy-2018/data/notice.yaml says so, and the engine counts accordingly).
#![cfg(feature = "yaml")]

mod common;

use common::*;
use serde_json::json;
use signpost_wizard::{Evaluation, Flow, decision_table_markdown, evaluate, load_flow};
use std::sync::OnceLock;

fn flow_2018() -> &'static Flow {
    static FLOW: OnceLock<Flow> = OnceLock::new();
    FLOW.get_or_init(|| {
        let dir = fixtures().join("policy-2018");
        load_flow(&dir.join("flows/overseas-travel.yaml"), &dir.join("data")).unwrap_or_else(
            |errors| {
                let text: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
                panic!("the 2018 flow should load:\n{}", text.join("\n"))
            },
        )
    })
}

fn run_2018(json: &str) -> Evaluation {
    evaluate(flow_2018(), &answers(json), today()).unwrap_or_else(|e| panic!("{json}: {e}"))
}

fn trip(countries: &str) -> String {
    format!(
        r#"{{"clearance":"sc","strap":false,"equipment":true,"countries":{countries},"business_area":"moj-hq","travel_date":"2027-03-15"}}"#
    )
}

#[test]
fn the_2018_list_has_seventeen_countries() {
    let list = flow_2018().list("listed-2018").unwrap();
    assert_eq!(list.countries.len(), 17);
}

#[test]
fn the_2018_list_and_notice_apply() {
    let e = run_2018(&trip(r#"["RU"]"#));
    assert_eq!(e.outcome, "operational-security");
    assert_eq!(e.facts["notice_days"], json!(14));
    // 14 calendar days before Monday 15 March 2027, weekends included.
    assert_eq!(e.facts["latest_submission_date"], json!("2027-03-01"));
    assert_eq!(e.facts["approver"], json!("scs"));
    assert!(has_reason(&e, "Russia is on the 2018 list of countries."));
}

#[test]
fn the_same_trip_gets_different_answers_under_2018_and_today() {
    // Cyprus was listed in 2018 and is not now; Estonia is listed now and was not then.
    let cyprus = trip(r#"["CY"]"#);
    assert_eq!(run_2018(&cyprus).outcome, "operational-security");
    assert_eq!(run(&cyprus).outcome, "part-one-complete");
    let estonia = trip(r#"["EE"]"#);
    assert_eq!(run_2018(&estonia).outcome, "permission");
    assert_eq!(run(&estonia).outcome, "part-two");
    // Hong Kong counts as China under both.
    let hk = trip(r#"["HK"]"#);
    assert_eq!(run_2018(&hk).outcome, "operational-security");
    assert_eq!(run(&hk).outcome, "part-two");
    // Today's deadline is 15 working days; 2018's was 14 calendar days.
    assert_eq!(
        run(&hk).facts["latest_submission_date"],
        json!("2027-02-22")
    );
    assert_eq!(
        run_2018(&hk).facts["latest_submission_date"],
        json!("2027-03-01")
    );
}

#[test]
fn governors_approve_for_hmpps_outside_hq_in_2018_too() {
    let e = run_2018(
        r#"{"clearance":"none","equipment":true,"countries":["ES"],"business_area":"hmpps-other"}"#,
    );
    assert_eq!(e.outcome, "permission");
    assert_eq!(e.facts["approver"], json!("governor"));
    assert_eq!(
        steps(&e)[0],
        "Ask your line manager and your Governor for permission before you travel."
    );
}

#[test]
fn enhanced_sc_and_dv_contact_corporate_security_for_every_trip() {
    let e = run_2018(r#"{"clearance":"dv","equipment":false}"#);
    assert_eq!(e.outcome, "corporate-security");
    assert_eq!(e.facts["contact_corporate_security"], json!(true));
    let e = run_2018(r#"{"clearance":"sc","equipment":false}"#);
    assert_eq!(e.outcome, "not-required");
    let e = run_2018(
        r#"{"clearance":"esc","equipment":true,"countries":["ES"],"business_area":"hmcts"}"#,
    );
    assert!(
        steps(&e)
            .iter()
            .any(|s| s.starts_with("Contact Corporate Security branch"))
    );
}

#[test]
fn a_2018_deadline_needs_no_bank_holidays() {
    // Travel after the 2026-2028 bank holiday data is fine with calendar days.
    let e = run_2018(
        r#"{"clearance":"sc","equipment":true,"countries":["IR"],"business_area":"nps","travel_date":"2030-01-14"}"#,
    );
    assert_eq!(e.facts["latest_submission_date"], json!("2029-12-31"));
}

#[test]
fn the_2018_decision_table_can_be_made() {
    let table = decision_table_markdown(flow_2018()).unwrap();
    assert!(table.contains("**operational-security**"));
    assert!(table.contains("14 calendar days before travel"));
}
