//! The overseas decision, rule by rule (design notes "The overseas decision", seed 002).
#![cfg(feature = "yaml")]

mod common;

use common::*;
use serde_json::json;
use signpost_wizard::{EvalError, evaluate};

// ---- Rule 1: scope ----

#[test]
fn no_equipment_no_clearance_no_strap_is_not_required() {
    let e = run(r#"{"clearance":"none","strap":false,"equipment":false}"#);
    assert_eq!(e.outcome, "not-required");
    assert!(e.facts.is_empty(), "not-required reports no facts");
    assert_eq!(e.asked, ["clearance", "strap", "equipment"]);
    assert!(e.reasons[0].starts_with("You will not take MoJ IT equipment overseas"));
}

#[test]
fn equipment_brings_an_uncleared_traveller_into_the_process() {
    let e = run(
        r#"{"clearance":"none","strap":false,"equipment":true,"countries":["ES"],"business_area":"hmcts"}"#,
    );
    assert_eq!(e.outcome, "part-one-complete");
    assert_eq!(e.asked, ["clearance", "strap", "equipment", "countries"]);
}

#[test]
fn cleared_travellers_follow_the_process_for_every_trip_and_are_asked_about_equipment() {
    for clearance in ["sc", "esc", "dv"] {
        for trip in ["business", "personal"] {
            let e = run(&format!(
                r#"{{"clearance":"{clearance}","strap":false,"trip":"{trip}","equipment":false,"countries":["ES"]}}"#
            ));
            assert_eq!(e.outcome, "part-one-complete", "{clearance} {trip}");
            assert_eq!(e.asked, ["clearance", "strap", "equipment", "countries"]);
        }
    }
    let e = sc_to(r#"["ES"]"#);
    assert!(has_reason(
        &e,
        "You hold Security Check (SC) clearance, so you follow this process for every trip, business or personal."
    ));
}

#[test]
fn strap_briefed_travellers_follow_the_process_even_without_clearance_or_equipment() {
    let e = run(r#"{"clearance":"none","strap":true,"equipment":false,"countries":["ES"]}"#);
    assert_eq!(e.outcome, "part-one-complete");
    assert!(e.asked.contains(&"equipment".to_string()));
}

// ---- Steps about equipment go only to those taking it (our reading, shown as a note) ----

#[test]
fn a_cleared_traveller_without_kit_gets_no_equipment_steps() {
    let equipment_words = [
        "roaming",
        "remote wipe",
        "asset tag",
        "make and type",
        "VPN",
        "network you use",
        "business need for you to take MoJ IT equipment",
    ];
    for countries in [r#"["ES"]"#, r#"["CN"]"#] {
        let e = run(&format!(
            r#"{{"clearance":"sc","strap":false,"equipment":false,"countries":{countries},"business_area":"moj-hq"}}"#
        ));
        let all = steps(&e).join("\n");
        for word in equipment_words {
            assert!(!all.contains(word), "{countries}: {word:?} in\n{all}");
        }
        assert!(all.contains(
            "Tell your Senior Line Manager (the head of your immediate team) about your trip"
        ));
        assert!(
            all.contains(
                "This is our reading of the policy, to be confirmed with the security team"
            )
        );
        // With kit, every equipment step is there, and no note.
        let with_kit = run(&format!(
            r#"{{"clearance":"sc","strap":false,"equipment":true,"countries":{countries},"business_area":"moj-hq"}}"#
        ));
        let all = steps(&with_kit).join("\n");
        assert!(all.contains("remote wipe"), "{all}");
        assert!(!all.contains("our reading of the policy"), "{all}");
    }
    let e = run(
        r#"{"clearance":"sc","strap":false,"equipment":false,"countries":["CN"],"business_area":"moj-hq"}"#,
    );
    let all = steps(&e).join("\n");
    assert!(all.contains("Collect this information: your name; your email address; your business area; your security clearance; the countries"), "{all}");
}

// ---- Rules 2 and 5: Part One only ----

#[test]
fn safe_countries_complete_part_one_with_its_steps() {
    let e = sc_to(r#"["ES", "US"]"#);
    assert_eq!(e.outcome, "part-one-complete");
    assert_eq!(e.facts.len(), 1);
    assert_eq!(fact(&e, "notify_strap_team"), json!(false));
    assert!(steps(&e)[0].starts_with("Get confirmation from your Senior Line Manager"));
    assert!(steps(&e).iter().any(|s| s.contains("HR Business Partner")));
    assert!(
        steps(&e)
            .iter()
            .any(|s| s.contains("request International Roaming and the remote wipe function"))
    );
    assert!(
        steps(&e)
            .iter()
            .any(|s| s.starts_with("Take a copy of this guidance"))
    );
    assert!(has_reason(
        &e,
        "None of your countries is on the special-attention list."
    ));
}

#[test]
fn part_one_does_not_need_business_area_or_travel_date() {
    let e = run(r#"{"clearance":"sc","strap":false,"equipment":true,"countries":["IE"]}"#);
    assert_eq!(e.outcome, "part-one-complete");
}

// ---- Rule 3: STRAP outside the safe regions ----

#[test]
fn strap_outside_the_safe_regions_notifies_the_strap_team_and_goes_to_part_two() {
    let e = strap_to(r#"["JP"]"#);
    assert_eq!(e.outcome, "part-two");
    assert_eq!(fact(&e, "notify_strap_team"), json!(true));
    assert_eq!(
        fact(&e, "debrief"),
        json!("possible"),
        "Japan is not special-attention"
    );
    assert_eq!(fact(&e, "notice_working_days"), json!(20));
    assert!(has_reason(
        &e,
        "Japan is not in Western Europe, North America or Australia and New Zealand."
    ));
    assert!(
        steps(&e)
            .iter()
            .any(|s| s.contains("STRAPTeam@cluster2security.gov.uk"))
    );
}

#[test]
fn strap_inside_every_safe_region_completes_part_one() {
    for c in ["ES", "CA", "US", "AU", "NZ", "NO", "GB"] {
        let e = strap_to(&format!(r#"["{c}"]"#));
        assert_eq!(e.outcome, "part-one-complete", "{c}");
        assert_eq!(fact(&e, "notify_strap_team"), json!(false), "{c}");
    }
}

#[test]
fn a_country_in_no_region_list_counts_as_outside_for_strap() {
    // Greece and Mexico are left out of the region lists; the strict reading applies.
    for c in ["GR", "MX"] {
        let e = strap_to(&format!(r#"["{c}"]"#));
        assert_eq!(e.outcome, "part-two", "{c}");
        assert_eq!(fact(&e, "notify_strap_team"), json!(true), "{c}");
    }
    // Without STRAP the regions do not matter.
    assert_eq!(sc_to(r#"["GR"]"#).outcome, "part-one-complete");
}

#[test]
fn special_attention_countries_in_western_europe_need_part_two_but_not_the_strap_team() {
    let e = strap_to(r#"["FR"]"#);
    assert_eq!(e.outcome, "part-two");
    assert_eq!(fact(&e, "notify_strap_team"), json!(false));
    assert_eq!(fact(&e, "debrief"), json!("mandatory"));
    assert_eq!(fact(&e, "notice_working_days"), json!(20));
}

// ---- Rule 4: special-attention countries ----

#[test]
fn a_special_attention_country_means_part_two_and_a_mandatory_debrief() {
    let e = sc_to(r#"["RU"]"#);
    assert_eq!(e.outcome, "part-two");
    assert_eq!(fact(&e, "debrief"), json!("mandatory"));
    assert_eq!(fact(&e, "notify_strap_team"), json!(false));
    assert_eq!(fact(&e, "notice_working_days"), json!(15));
    assert!(has_reason(&e, "Russia is on the special-attention list."));
    assert!(
        steps(&e)
            .iter()
            .any(|s| s.contains("you must have a debrief"))
    );
}

#[test]
fn every_entry_of_the_special_attention_list_leads_to_part_two() {
    let flow = overseas();
    let list = flow.list("special-attention").expect("the list is loaded");
    for code in &list.countries {
        let e = sc_to(&format!(r#"["{code}"]"#));
        assert_eq!(e.outcome, "part-two", "{code}");
        assert_eq!(fact(&e, "debrief"), json!("mandatory"), "{code}");
    }
}

#[test]
fn hong_kong_macau_and_tibet_count_as_china() {
    for (code, name) in [("HK", "Hong Kong"), ("MO", "Macau"), ("CN-XZ", "Tibet")] {
        let e = sc_to(&format!(r#"["{code}"]"#));
        assert_eq!(e.outcome, "part-two", "{code}");
        assert_eq!(fact(&e, "debrief"), json!("mandatory"));
        assert!(
            has_reason(
                &e,
                &format!("{name} is part of China, which is on the special-attention list.")
            ),
            "{code}: {:?}",
            e.reasons
        );
    }
}

#[test]
fn taiwan_is_on_the_list_in_its_own_right() {
    let e = sc_to(r#"["TW"]"#);
    assert_eq!(e.outcome, "part-two");
    assert!(has_reason(&e, "Taiwan is on the special-attention list."));
}

#[test]
fn the_palestinian_territories_count_with_israel() {
    let e = sc_to(r#"["PS"]"#);
    assert_eq!(e.outcome, "part-two");
    assert_eq!(fact(&e, "debrief"), json!("mandatory"));
    assert!(has_reason(
        &e,
        "The special-attention list includes Palestinian territories with Israel."
    ));
}

#[test]
fn northern_cyprus_is_special_attention_but_the_republic_of_cyprus_is_not() {
    let north = sc_to(r#"["CY-NORTH"]"#);
    assert_eq!(north.outcome, "part-two");
    assert!(has_reason(
        &north,
        "Northern area of the Republic of Cyprus is on the special-attention list."
    ));
    let republic = sc_to(r#"["CY"]"#);
    assert_eq!(republic.outcome, "part-one-complete");
    // Cyprus is in no region list, so a STRAP-briefed traveller goes to Part Two.
    let strap = strap_to(r#"["CY"]"#);
    assert_eq!(strap.outcome, "part-two");
    assert_eq!(fact(&strap, "notify_strap_team"), json!(true));
    assert_eq!(fact(&strap, "debrief"), json!("possible"));
}

#[test]
fn passing_through_counts_as_visiting() {
    // Spain by way of a change of planes in Dubai.
    let e = sc_to(r#"["ES", "AE"]"#);
    assert_eq!(e.outcome, "part-two");
    assert!(has_reason(
        &e,
        "United Arab Emirates is on the special-attention list."
    ));
    // Australia by way of Singapore: fine for most, Part Two for STRAP.
    assert_eq!(sc_to(r#"["AU", "SG"]"#).outcome, "part-one-complete");
    assert_eq!(strap_to(r#"["AU", "SG"]"#).outcome, "part-two");
}

// ---- Rule 6: Part Two ----

#[test]
fn the_governor_approves_for_hmpps_outside_hq_and_the_senior_line_manager_for_everyone_else() {
    for (area, approver) in [
        ("moj-hq", "senior-line-manager"),
        ("hmpps-hq", "senior-line-manager"),
        ("hmcts", "senior-line-manager"),
        ("nps", "senior-line-manager"),
        ("hmpps-other", "governor"),
        ("other", "senior-line-manager"),
    ] {
        let e = run(&format!(
            r#"{{"clearance":"sc","strap":false,"equipment":true,"countries":["RU"],"business_area":"{area}"}}"#
        ));
        assert_eq!(fact(&e, "approver"), json!(approver), "{area}");
    }
    let e = run(
        r#"{"clearance":"sc","strap":false,"equipment":true,"countries":["RU"],"business_area":"hmpps-other"}"#,
    );
    assert!(
        steps(&e)
            .iter()
            .any(|s| s.starts_with("Ask your Governor for approval"))
    );
    assert!(has_reason(
        &e,
        "Your Governor approves your request, because your business area is: HMPPS outside HQ (for example, a prison)."
    ));
}

#[test]
fn part_two_lists_the_information_form_and_address() {
    let e = sc_to(r#"["IN"]"#);
    let all = steps(&e).join("\n");
    for words in [
        "Collect this information",
        "Asset tag",
        "who you are travelling with",
        "Overseas Travel Form",
        "security@justice.gov.uk",
        "international roaming",
        "Take a copy of this guidance",
    ] {
        assert!(
            all.to_lowercase().contains(&words.to_lowercase()),
            "{words}"
        );
    }
}

#[test]
fn the_debrief_is_possible_when_no_special_attention_country_is_visited() {
    let e = strap_to(r#"["BR"]"#);
    assert_eq!(fact(&e, "debrief"), json!("possible"));
    assert!(
        steps(&e)
            .iter()
            .any(|s| s.contains("might need to arrange a debrief"))
    );
}

// ---- Rule 7: notice and deadline ----

#[test]
fn notice_is_15_working_days_or_20_with_strap() {
    assert_eq!(fact(&sc_to(r#"["RU"]"#), "notice_working_days"), json!(15));
    assert_eq!(
        fact(&strap_to(r#"["RU"]"#), "notice_working_days"),
        json!(20)
    );
}

#[test]
fn without_a_travel_date_there_is_no_deadline_and_nothing_is_late() {
    let e = sc_to(r#"["RU"]"#);
    assert_eq!(fact(&e, "latest_submission_date"), json!(null));
    assert_eq!(fact(&e, "late"), json!(false));
    assert!(
        steps(&e)
            .iter()
            .any(|s| s.contains("at least 15 working days before you travel"))
    );
    // Left blank explicitly (null) is the same.
    let e = run(
        r#"{"clearance":"sc","strap":false,"equipment":true,"countries":["RU"],"business_area":"nps","travel_date":null}"#,
    );
    assert_eq!(fact(&e, "latest_submission_date"), json!(null));
}

#[test]
fn with_a_travel_date_the_deadline_counts_back_working_days() {
    let e = run(
        r#"{"clearance":"sc","strap":false,"equipment":true,"countries":["RU"],"business_area":"nps","travel_date":"2027-03-15"}"#,
    );
    assert_eq!(fact(&e, "latest_submission_date"), json!("2027-02-22"));
    assert_eq!(fact(&e, "late"), json!(false));
    assert!(
        steps(&e)
            .iter()
            .any(|s| s.contains("by Monday 22 February 2027"))
    );
    let strap = run(
        r#"{"clearance":"dv","strap":true,"equipment":true,"countries":["RU"],"business_area":"nps","travel_date":"2027-04-08"}"#,
    );
    assert_eq!(fact(&strap, "latest_submission_date"), json!("2027-03-09"));
}

#[test]
fn a_late_request_says_so_plainly_first() {
    // Today is Monday 23 November 2026; travel on 4 December needs a form by 13 November.
    let e = run(
        r#"{"clearance":"sc","strap":false,"equipment":true,"countries":["CN"],"business_area":"moj-hq","travel_date":"2026-12-04"}"#,
    );
    assert_eq!(fact(&e, "late"), json!(true));
    // What to do now, in order: collect, ask, fill in, then send now saying it is late.
    let all = steps(&e);
    let at = |start: &str| {
        all.iter()
            .position(|s| s.starts_with(start))
            .unwrap_or_else(|| panic!("no step starting {start:?} in {all:#?}"))
    };
    assert!(at("Collect this information") < at("Fill in the [Overseas Travel Form]"));
    let send = at("Send the completed form");
    assert!(at("Fill in the [Overseas Travel Form]") < send);
    assert!(all[send].contains(
        "[security@justice.gov.uk](mailto:security@justice.gov.uk) now, and say that it is late"
    ));
    // Said once: one send step, and "late" in no other step.
    assert_eq!(
        all.iter()
            .filter(|s| s.starts_with("Send the completed form"))
            .count(),
        1
    );
    assert_eq!(
        all.iter().filter(|s| s.contains("late")).count(),
        1,
        "{all:#?}"
    );
}

#[test]
fn the_latest_day_itself_is_not_late() {
    // Travel Monday 14 December 2026: 15 working days back is Monday 23 November, today.
    let e = run(
        r#"{"clearance":"sc","strap":false,"equipment":true,"countries":["CN"],"business_area":"moj-hq","travel_date":"2026-12-14"}"#,
    );
    assert_eq!(fact(&e, "latest_submission_date"), json!("2026-11-23"));
    assert_eq!(fact(&e, "late"), json!(false));
}

#[test]
fn a_travel_date_past_the_bank_holiday_data_is_refused_not_guessed() {
    let err = evaluate(
        overseas(),
        &answers(
            r#"{"clearance":"sc","strap":false,"equipment":true,"countries":["CN"],"business_area":"moj-hq","travel_date":"2029-01-08"}"#,
        ),
        today(),
    )
    .unwrap_err();
    match err {
        EvalError::Invalid { question, message } => {
            assert_eq!(question, "travel_date");
            assert!(message.contains("Sunday 31 December 2028"), "{message}");
        }
        other => panic!("expected an invalid travel date, got {other:?}"),
    }
}

// ---- answers the path does or does not need ----

#[test]
fn answers_the_path_does_not_need_are_ignored() {
    let e = run(
        r#"{"clearance":"sc","strap":false,"equipment":false,"trip":"personal","countries":["ES"],"business_area":"nonsense","travel_date":"yesterday"}"#,
    );
    assert_eq!(e.outcome, "part-one-complete");
}

#[test]
fn a_missing_needed_answer_names_the_question() {
    let err = evaluate(
        overseas(),
        &answers(r#"{"clearance":"sc","strap":false,"equipment":false}"#),
        today(),
    )
    .unwrap_err();
    assert_eq!(
        err,
        EvalError::Missing {
            question: "countries".into()
        }
    );
    assert!(err.to_string().contains("countries"));
    let err = evaluate(
        overseas(),
        &answers(r#"{"clearance":"sc","strap":false,"equipment":true,"countries":["RU"]}"#),
        today(),
    )
    .unwrap_err();
    assert_eq!(
        err,
        EvalError::Missing {
            question: "business_area".into()
        }
    );
}

#[test]
fn a_bad_needed_answer_is_an_error_in_plain_words() {
    let err = evaluate(
        overseas(),
        &answers(r#"{"clearance":"sc","strap":false,"equipment":true,"countries":["XX"]}"#),
        today(),
    )
    .unwrap_err();
    assert!(matches!(&err, EvalError::Invalid { question, message }
        if question == "countries" && message.contains("\"XX\" is not a country")));
    let err = evaluate(
        overseas(),
        &answers(r#"{"clearance":"top-secret"}"#),
        today(),
    )
    .unwrap_err();
    assert!(matches!(&err, EvalError::Invalid { question, .. } if question == "clearance"));
}

#[test]
fn answers_from_urls_and_yaml_are_understood() {
    // Text yes/no, lower-case codes and a comma list, as a URL or a quick CLI call gives.
    let e = run(
        r#"{"clearance":"sc","strap":"no","equipment":true,"countries":"es, hk","business_area":"nps"}"#,
    );
    assert_eq!(e.outcome, "part-two");
    let yaml = "clearance: dv\nstrap: true\nequipment: yes\ncountries: [JP]\nbusiness_area: hmcts\ntravel_date: 2027-03-15\n";
    let a: signpost_wizard::Answers = serde_yaml::from_str(yaml).unwrap();
    let e = evaluate(overseas(), &a, today()).unwrap();
    assert_eq!(fact(&e, "latest_submission_date"), json!("2027-02-15"));
}

#[test]
fn reasons_come_without_repeats() {
    let e = sc_to(r#"["HK", "RU"]"#);
    let mut seen = std::collections::HashSet::new();
    for r in &e.reasons {
        assert!(seen.insert(r), "repeated reason: {r}");
    }
}
