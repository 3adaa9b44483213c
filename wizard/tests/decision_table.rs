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
    let fresh = decision_table_markdown(overseas());
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
    let paths = enumerate_paths(flow);
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
    let paths = enumerate_paths(overseas());
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
