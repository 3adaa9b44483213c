//! The own-device check (content/flows/own-device.yaml), a second decision written as
//! content only: its committed decision table is up to date, every path ends where the
//! table says, and the facts it shares with its guidance page come from the data file.
#![cfg(feature = "yaml")]

mod common;

use common::*;
use signpost_wizard::{Flow, decision_table_markdown, enumerate_paths, evaluate, load_flow};
use std::sync::OnceLock;

fn own_device() -> &'static Flow {
    static FLOW: OnceLock<Flow> = OnceLock::new();
    FLOW.get_or_init(|| {
        load_flow(
            &root().join("content/flows/own-device.yaml"),
            &root().join("content/data"),
        )
        .unwrap_or_else(|errors| {
            let text: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
            panic!("the own-device flow should load:\n{}", text.join("\n"))
        })
    })
}

#[test]
fn the_committed_decision_table_is_up_to_date() {
    let golden = root().join("content/flows/own-device.table.md");
    let fresh = decision_table_markdown(own_device()).unwrap();
    if std::env::var_os("SIGNPOST_UPDATE_GOLDEN").is_some() {
        std::fs::write(&golden, &fresh).expect("write the golden table");
        return;
    }
    let committed = std::fs::read_to_string(&golden).unwrap_or_default();
    assert!(
        committed == fresh,
        "{} is out of date. If the change is intended, regenerate it and review the diff:\n    \
         SIGNPOST_UPDATE_GOLDEN=1 cargo test -p signpost-wizard --test own_device\n\
         (or `signpost flow table own-device > content/flows/own-device.table.md`).",
        golden.display()
    );
}

#[test]
fn every_path_example_reaches_its_own_outcome() {
    let flow = own_device();
    let paths = enumerate_paths(flow).unwrap();
    assert_eq!(paths.len(), 8, "the rows of own-device.table.md");
    for path in &paths {
        let got = evaluate(flow, &path.example, today()).expect("evaluates");
        assert_eq!(got.outcome, path.outcome, "{:?}", path.answers);
    }
    let outcomes: std::collections::BTreeSet<&str> =
        paths.iter().map(|p| p.outcome.as_str()).collect();
    assert_eq!(
        outcomes.into_iter().collect::<Vec<_>>(),
        ["ask-first", "not-for-this-information", "yes-once-done"]
    );
}

#[test]
fn the_services_and_screen_lock_time_come_from_the_data_file() {
    let flow = own_device();
    let service = flow.question("service").expect("the service question");
    let values: Vec<&str> = service.options.iter().map(|o| o.value.as_str()).collect();
    assert_eq!(values, ["g-suite", "office-365", "mojdt-slack", "other"]);
    let run = |json: &str| evaluate(flow, &answers(json), today()).expect("evaluates");
    let yes = run(
        r#"{"classification": "official-sensitive", "service": "office-365", "line_manager": true,
            "store_files": false, "shared": false}"#,
    );
    assert_eq!(yes.outcome, "yes-once-done");
    assert_eq!(yes.facts["screen_lock_minutes"], serde_json::json!(10));
    let device = &yes.steps[0];
    assert!(
        device
            .items
            .iter()
            .any(|i| i == "locks the screen if you do not use it for 10 minutes"),
        "{:?}",
        device.items
    );
    // Sensitive information on a service the data file says is not for it.
    let slack = run(r#"{"classification": "not-sure", "service": "mojdt-slack"}"#);
    assert_eq!(slack.outcome, "not-for-this-information");
    assert!(
        slack.reasons.iter().any(|r| r
            == "The MoJ Digital & Technology Slack must not be used for sensitive information."),
        "{:?}",
        slack.reasons
    );
    // Not sensitive: any listed service, once the line manager agrees.
    let plain = run(
        r#"{"classification": "official", "service": "mojdt-slack", "line_manager": true,
            "store_files": true, "shared": true}"#,
    );
    assert_eq!(plain.outcome, "yes-once-done");
}
