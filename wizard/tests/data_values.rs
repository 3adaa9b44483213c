//! Values a flow reads from data files where a guidance page shows them too: a choice
//! question's options (`options: { data: file.key }`) and the values a route tests
//! (`is: { data: file.key }`), so the list of, say, approved services is written once.
#![cfg(feature = "yaml")]

mod common;

use common::*;
use signpost_wizard::{FlowError, evaluate, load_flow};

fn dir() -> std::path::PathBuf {
    fixtures().join("data-options")
}

#[test]
fn options_and_tested_values_come_from_the_data_file() {
    let flow = load_flow(&dir().join("flows/services.yaml"), &dir().join("data"))
        .unwrap_or_else(|e| panic!("should load: {e:#?}"));
    let question = flow.question("service").expect("the question");
    let options: Vec<(&str, &str)> = question
        .options
        .iter()
        .map(|o| (o.value.as_str(), o.label.as_str()))
        .collect();
    assert_eq!(
        options,
        [
            ("mail", "Work email"),
            ("chat", "The team chat"),
            ("other", "Another service")
        ]
    );
    assert_eq!(
        question.options[0].hint.as_deref(),
        Some("The one your line manager set up")
    );
    let outcome = |service: &str| {
        let answers = answers(&format!(r#"{{"service": "{service}"}}"#));
        evaluate(&flow, &answers, today())
            .expect("evaluates")
            .outcome
    };
    // A list in the data file, and a single value.
    assert_eq!(outcome("mail"), "approved");
    assert_eq!(outcome("chat"), "approved");
    assert_eq!(outcome("other"), "ask");
}

#[test]
fn problems_in_data_options_and_values_are_reported_where_they_are_written() {
    let errors = match load_flow(&dir().join("flows/broken.yaml"), &dir().join("data")) {
        Ok(_) => panic!("broken.yaml should not load"),
        Err(e) => e,
    };
    let at = |file: &str, line: usize, words: &str| {
        let all: Vec<String> = errors.iter().map(FlowError::to_string).collect();
        assert!(
            errors
                .iter()
                .any(|e| e.file.file_name().is_some_and(|n| n == file)
                    && e.line == line
                    && e.message.contains(words)),
            "no error at {file}:{line} containing {words:?}; got:\n{}",
            all.join("\n")
        );
    };
    // In the data file: a repeated option, a misspelt key, a value that is no option.
    at("broken_services.yaml", 4, "option \"mail\" is given twice");
    at("broken_services.yaml", 5, "unknown key");
    at(
        "broken_services.yaml",
        6,
        "\"fax\" is not an option of question \"service\"",
    );
    // In the flow: a key the data file does not have, a data file that is not there.
    at(
        "broken.yaml",
        11,
        "`broken_services.missing`: data file \"broken_services\" has no such value",
    );
    at("broken.yaml", 17, "there is no data file \"nowhere\"");
}
