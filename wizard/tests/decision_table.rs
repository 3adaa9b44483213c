//! The golden decision table and the paths behind it. Any change to the overseas rules
//! or their data changes content/flows/overseas-travel.table.md, so the change shows up
//! in review as a readable diff.
#![cfg(feature = "yaml")]

mod common;

use common::*;
use signpost_wizard::{decision_table_markdown, enumerate_paths, evaluate};
use std::collections::BTreeSet;

#[test]
fn the_committed_decision_table_is_up_to_date() {
    let golden = root().join("content/flows/overseas-travel.table.md");
    let fresh = decision_table_markdown(overseas()).unwrap();
    if std::env::var_os("SIGNPOST_UPDATE_GOLDEN").is_some() {
        std::fs::write(&golden, &fresh).expect("write the golden table");
        return;
    }
    let committed = std::fs::read_to_string(&golden).unwrap_or_default();
    if committed != fresh {
        let first = committed
            .lines()
            .zip(fresh.lines())
            .position(|(a, b)| a != b)
            .map(|n| n + 1)
            .unwrap_or(committed.lines().count().min(fresh.lines().count()) + 1);
        panic!(
            "{} is out of date (first difference at line {first}).\n\
             If the rule change is intended, regenerate it and review the diff:\n    \
             SIGNPOST_UPDATE_GOLDEN=1 cargo test -p signpost-wizard --test decision_table\n\
             (or `signpost flow table overseas-travel > content/flows/overseas-travel.table.md`).",
            golden.display()
        );
    }
}

#[test]
fn every_path_example_reaches_its_own_outcome() {
    let flow = overseas();
    let paths = enumerate_paths(flow).unwrap();
    for p in &paths {
        let e = evaluate(flow, &p.example, date("2026-01-01")).expect("examples evaluate");
        assert_eq!(e.outcome, p.outcome, "{:?}", p.answers);
        let asked: Vec<&str> = p.answers.iter().map(|(q, _)| q.as_str()).collect();
        assert_eq!(e.asked, asked);
    }
    let outcomes: BTreeSet<&str> = paths.iter().map(|p| p.outcome.as_str()).collect();
    assert_eq!(
        outcomes,
        BTreeSet::from(["not-required", "part-one-complete", "part-two"])
    );
}

#[test]
fn paths_are_distinct() {
    let paths = enumerate_paths(overseas()).unwrap();
    for (i, a) in paths.iter().enumerate() {
        for b in &paths[i + 1..] {
            assert!(
                a.answers != b.answers,
                "two paths with the same answers: {:?}",
                a.answers
            );
        }
    }
}

#[test]
fn the_table_shows_each_outcomes_steps_and_when_they_appear() {
    let md = decision_table_markdown(overseas()).unwrap();
    let part_two = &md[md
        .find("### `part-two`: Complete Part One and Part Two")
        .expect("the outcome has a section")..];
    for line in [
        "1. *(only when `notify_strap_team` is yes)* Tell the STRAP team",
        "5. *(only when `equipment` is yes)* Collect this information:\n   - your name\n   - your email address\n",
        "6. *(only when `equipment` is no)* Collect this information:\n   - your name\n",
        "9. Fill in the [Overseas Travel Form](/gs/overseas-travel-form.docx).\n10. *(only when `late` is yes)* Send the completed form",
        "*(only when `equipment` is yes)* Before you travel, request International Roaming",
        "*(only when `equipment` is no; information, no tick box)* Note: you said you will not take MoJ IT equipment",
        "*(only when `travel_date` is answered and `late` is no)* Send the completed form",
        "*(only when `travel_date` is not answered)* Send the completed form",
        "*(information, no tick box)* The security team will consider",
        "*(only when `debrief` is mandatory)*",
    ] {
        assert!(part_two.contains(line), "missing {line:?} in:\n{part_two}");
    }
}

#[test]
fn the_table_draws_the_routes_as_a_chart() {
    let md = decision_table_markdown(overseas()).unwrap();
    let chart = &md[md
        .find("```mermaid\nflowchart TD\n")
        .expect("a Mermaid chart")..];
    let chart = &chart[..chart[3..].find("```").expect("the chart ends") + 3];
    for line in [
        "  start([Start]) --> q_clearance\n",
        "  q_strap --> q_equipment\n",
        "  q_equipment -->|\"strap is yes\"| q_countries\n",
        "  q_equipment -->|\"equipment is yes\"| q_countries\n",
        "  q_equipment -->|otherwise| o_not_required\n",
        "  q_countries -->|\"countries includes a country on the special-attention list\"| q_business_area\n",
        "  o_part_two([\"Complete Part One and Part Two – you need approval before you travel\"])\n",
    ] {
        assert!(chart.contains(line), "missing {line:?} in:\n{chart}");
    }
    // Every question and outcome is drawn.
    let flow = overseas();
    assert_eq!(
        chart.matches("[\"").count(),
        flow.questions.len() + flow.outcomes.len()
    );
}
