//! Evaluating the real overseas travel flow with arbitrary answers, as `flow eval` and the
//! wizard do: the next question, the path so far, and the outcome.
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn flow() -> &'static signpost_wizard::Flow {
    static FLOW: OnceLock<signpost_wizard::Flow> = OnceLock::new();
    FLOW.get_or_init(|| {
        let content = signpost_fuzz::project_content();
        signpost_wizard::load_flow(
            &content.join("flows/overseas-travel.yaml"),
            &content.join("data"),
        )
        .expect("the real flow loads")
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let answers: signpost_wizard::Answers = match signpost_wizard::Answers::from_json(text) {
        Ok(answers) => answers,
        Err(_) => match serde_yaml::from_str(text) {
            Ok(answers) if signpost_wizard::too_deep(text).is_none() => answers,
            _ => return,
        },
    };
    let flow = flow();
    let _ = signpost_wizard::next_question(flow, &answers);
    let _ = signpost_wizard::answered_path(flow, &answers);
    for today in ["2026-01-01", "2026-12-31", "2030-06-15", "1999-01-01"] {
        let today = chrono::NaiveDate::parse_from_str(today, "%Y-%m-%d").unwrap();
        if let Ok(evaluation) = signpost_wizard::evaluate(flow, &answers, today) {
            let _ = evaluation.to_json();
        }
    }
});
