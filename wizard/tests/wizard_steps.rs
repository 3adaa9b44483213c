//! What the wizard app relies on: the next question, the path so far, checking one
//! answer, and the flow as JSON.
#![cfg(feature = "yaml")]

mod common;

use common::*;
use signpost_wizard::{
    Answer, Flow, Next, answer_label, answered_path, check_flow, evaluate, next_question,
    validate_answer,
};

fn next_id(json: &str) -> String {
    match next_question(overseas(), &answers(json)) {
        Next::Question(q) => q.id.clone(),
        Next::Outcome(o) => format!("outcome:{}", o.id),
    }
}

#[test]
fn questions_come_one_at_a_time_along_the_path() {
    assert_eq!(next_id("{}"), "clearance");
    assert_eq!(next_id(r#"{"clearance":"none"}"#), "strap");
    assert_eq!(
        next_id(r#"{"clearance":"none","strap":false}"#),
        "equipment"
    );
    // Everyone is asked about equipment, cleared or not.
    assert_eq!(next_id(r#"{"clearance":"sc","strap":false}"#), "equipment");
    assert_eq!(
        next_id(r#"{"clearance":"sc","strap":false,"equipment":false}"#),
        "countries"
    );
    assert_eq!(
        next_id(r#"{"clearance":"none","strap":false,"equipment":false}"#),
        "outcome:not-required"
    );
    assert_eq!(
        next_id(r#"{"clearance":"sc","strap":false,"equipment":true,"countries":["RU"]}"#),
        "business_area"
    );
    let all = r#"{"clearance":"sc","strap":false,"equipment":true,"countries":["RU"],"business_area":"nps"}"#;
    assert_eq!(
        next_id(all),
        "travel_date",
        "an optional question is still asked"
    );
    let skipped = r#"{"clearance":"sc","strap":false,"equipment":true,"countries":["RU"],"business_area":"nps","travel_date":null}"#;
    assert_eq!(next_id(skipped), "outcome:part-two");
}

#[test]
fn a_bad_answer_asks_the_question_again() {
    assert_eq!(
        next_id(r#"{"clearance":"sc","strap":false,"equipment":true,"countries":["XX"]}"#),
        "countries"
    );
}

#[test]
fn changing_an_answer_keeps_later_answers_and_follows_the_new_path() {
    // The reader said STRAP yes and went on; now they change it to no.
    let json = r#"{"clearance":"none","strap":false,"countries":["ES"],"business_area":"nps"}"#;
    assert_eq!(next_id(json), "equipment");
    let path: Vec<String> = answered_path(overseas(), &answers(json))
        .iter()
        .map(|q| q.id.clone())
        .collect();
    assert_eq!(path, ["clearance", "strap"]);
    // Once equipment is answered, the kept country answer is used again.
    let json = r#"{"clearance":"none","strap":false,"equipment":true,"countries":["ES"],"business_area":"nps"}"#;
    assert_eq!(next_id(json), "outcome:part-one-complete");
}

#[test]
fn answered_path_lists_the_questions_for_check_your_answers() {
    let json = r#"{"clearance":"dv","strap":true,"equipment":false,"countries":["HK"],"business_area":"hmpps-other","travel_date":"2027-03-15"}"#;
    let flow = overseas();
    let a = answers(json);
    let path = answered_path(flow, &a);
    let ids: Vec<&str> = path.iter().map(|q| q.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "clearance",
            "strap",
            "equipment",
            "countries",
            "business_area",
            "travel_date"
        ]
    );
    let labels: Vec<String> = path
        .iter()
        .map(|q| answer_label(flow, q, a.get(&q.id).unwrap()))
        .collect();
    assert_eq!(
        labels,
        [
            "Developed Vetting (DV)",
            "Yes",
            "No",
            "Hong Kong",
            "HMPPS outside HQ (for example, a prison)",
            "Monday 15 March 2027"
        ]
    );
}

#[test]
fn one_answer_is_checked_with_a_plain_message() {
    let flow = overseas();
    let q = |id: &str| flow.question(id).unwrap();
    let text = |s: &str| Answer::Text(s.into());
    let t = today();

    let countries = validate_answer(
        flow,
        q("countries"),
        &Answer::List(vec!["hk".into(), "HK".into(), "cy-north".into()]),
        t,
    );
    assert_eq!(
        countries,
        Ok(Answer::List(vec!["HK".into(), "CY-NORTH".into()]))
    );
    let unknown = validate_answer(flow, q("countries"), &Answer::List(vec!["ZZ".into()]), t);
    assert!(
        unknown
            .unwrap_err()
            .contains("\"ZZ\" is not a country or territory")
    );
    let none = validate_answer(flow, q("countries"), &Answer::List(vec![]), t);
    assert!(none.unwrap_err().starts_with("Choose at least one country"));

    assert_eq!(
        validate_answer(flow, q("strap"), &text("Yes"), t),
        Ok(Answer::Bool(true))
    );
    assert!(validate_answer(flow, q("strap"), &text("maybe"), t).is_err());
    assert!(
        validate_answer(flow, q("clearance"), &text("secret"), t)
            .unwrap_err()
            .starts_with("Select one of")
    );
    // Not answered at all: the flow's own message for the question.
    assert_eq!(
        validate_answer(flow, q("strap"), &Answer::Skipped, t),
        Err("Select yes if you are subject to STRAP briefing".to_string())
    );
    assert_eq!(
        q("clearance").unanswered(),
        "Select the level of national security clearance you hold"
    );

    let date = |s: &str| validate_answer(flow, q("travel_date"), &text(s), t);
    assert_eq!(date("2027-03-15"), Ok(text("2027-03-15")));
    assert!(
        date("2027-02-30")
            .unwrap_err()
            .starts_with("The travel date must be a real date, for example 27 3 2027")
    );
    assert!(
        date("15/03/2027")
            .unwrap_err()
            .starts_with("The travel date must be a real date, for example 27 3 2027")
    );
    assert!(
        date("2026-11-20")
            .unwrap_err()
            .contains("The travel date must be today or in the future")
    );
    assert!(
        date("2029-01-08")
            .unwrap_err()
            .contains("Sunday 31 December 2028")
    );
    assert_eq!(
        validate_answer(flow, q("travel_date"), &Answer::Skipped, t),
        Ok(Answer::Skipped)
    );
    assert!(validate_answer(flow, q("clearance"), &Answer::Skipped, t).is_err());
}

#[test]
fn the_flow_survives_json_and_gives_the_same_answers() {
    let flow = overseas();
    let json = flow.to_json();
    let back = Flow::from_json(&json).expect("the flow reads back from JSON");
    assert_eq!(&back, flow);
    assert!(check_flow(&back).is_empty());
    let a = answers(
        r#"{"clearance":"sc","strap":false,"countries":["MO"],"business_area":"nps","travel_date":"2027-04-08"}"#,
    );
    assert_eq!(evaluate(&back, &a, today()), evaluate(flow, &a, today()));
    // Small enough to embed in a page.
    assert!(json.len() < 60_000, "flow JSON is {} bytes", json.len());
}

#[test]
fn every_place_a_traveller_might_name_is_there() {
    let flow = overseas();
    assert!(
        flow.countries.len() >= 251,
        "249 ISO codes plus CN-XZ and CY-NORTH"
    );
    for code in [
        "HK", "MO", "TW", "PS", "CN-XZ", "CY-NORTH", "CY", "GB", "US", "AE",
    ] {
        assert!(flow.country(code).is_some(), "{code}");
    }
    assert_eq!(flow.country("HK").unwrap().part_of.as_deref(), Some("CN"));
    assert!(
        flow.country("AE")
            .unwrap()
            .aliases
            .contains(&"UAE".to_string())
    );
    // Sorted by name for the picker.
    let names: Vec<String> = flow
        .countries
        .iter()
        .map(|c| c.name.to_lowercase())
        .collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted);
}

#[test]
fn the_special_attention_list_is_exactly_the_forty_in_the_policy() {
    // Seed 002, Part One step 4, in its order.
    let policy = [
        "Argentina",
        "Armenia",
        "Azerbaijan",
        "Belarus",
        "China",
        "Cuba",
        "Egypt",
        "Estonia",
        "France",
        "Georgia",
        "Germany",
        "India",
        "Indonesia",
        "Iran",
        "Iraq",
        "Israel",
        "Kazakhstan",
        "Kyrgyzstan",
        "Latvia",
        "Lebanon",
        "Libya",
        "Lithuania",
        "Moldova",
        "Northern area of the Republic of Cyprus",
        "North Korea",
        "Pakistan",
        "Russia",
        "Saudi Arabia",
        "Serbia",
        "South Africa",
        "South Korea",
        "Syria",
        "Taiwan",
        "Tajikistan",
        "Turkey",
        "Turkmenistan",
        "United Arab Emirates",
        "Ukraine",
        "Uzbekistan",
        "Vietnam",
    ];
    let flow = overseas();
    let list = flow.list("special-attention").unwrap();
    let names: Vec<&str> = list
        .countries
        .iter()
        .map(|c| flow.country(c).unwrap().name.as_str())
        .collect();
    assert_eq!(names, policy);
    let mut covered: Vec<&str> = list.included.keys().map(String::as_str).collect();
    covered.sort();
    // Kosovo is not named: counted with Serbia, the strict reading (a note on the page).
    assert_eq!(covered, ["CN-XZ", "HK", "MO", "PS", "XK"]);
}
