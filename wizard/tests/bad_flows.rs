//! Broken flows and data: every problem is reported, each at its file and line.
#![cfg(feature = "yaml")]

mod common;

use common::*;
use signpost_wizard::{FlowError, load_flow};

fn errors(flow: &str, data: &str) -> Vec<FlowError> {
    let path = fixtures().join(format!("bad/{flow}.yaml"));
    match load_flow(&path, &fixtures().join(data)) {
        Ok(_) => panic!("{flow} should not load"),
        Err(e) => e,
    }
}

/// Asserts an error in `file` (name only) at `line` whose message contains `words`.
fn expect(errors: &[FlowError], file: &str, line: usize, words: &str) {
    let found = errors.iter().any(|e| {
        e.file.file_name().is_some_and(|n| n == file) && e.line == line && e.message.contains(words)
    });
    let all: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
    assert!(
        found,
        "no error at {file}:{line} containing {words:?}; got:\n{}",
        all.join("\n")
    );
}

#[test]
fn unknown_questions_lists_options_facts_and_data_are_all_reported() {
    let e = errors("unknown-references", "data");
    let f = "unknown-references.yaml";
    expect(&e, f, 11, "there is no question \"stap\"");
    expect(
        &e,
        f,
        13,
        "\"countrys\", where this route goes, is not a question or an outcome",
    );
    expect(&e, f, 18, "there is no country list \"wach\"");
    expect(&e, f, 20, "write yes or no, not \"maybe\"");
    expect(&e, f, 26, "fact \"nothing\", which is not defined");
    expect(
        &e,
        f,
        32,
        "`notice.weeks`: data file \"notice\" has no such value",
    );
    assert_eq!(e.len(), 6, "{e:#?}");
    // Near misses get a suggestion, and the text form names file, line and column.
    assert_eq!(e[0].help.as_deref(), Some("did you mean \"strap\"?"));
    assert!(e[0].to_string().ends_with("unknown-references.yaml:11:17: error: there is no question \"stap\"\n  help: did you mean \"strap\"?"));
}

#[test]
fn unreachable_questions_and_outcomes_are_reported() {
    let e = errors("unreachable", "data");
    expect(
        &e,
        "unreachable.yaml",
        8,
        "question \"orphan\" can never be reached",
    );
    expect(
        &e,
        "unreachable.yaml",
        16,
        "outcome \"lost\" can never be reached",
    );
    assert_eq!(e.len(), 2);
}

#[test]
fn paths_that_never_end_are_reported() {
    let e = errors("never-ends", "data");
    expect(
        &e,
        "never-ends.yaml",
        8,
        "have nowhere to go, so the path never ends",
    );
    expect(&e, "never-ends.yaml", 17, "goes back to question \"first\"");
    assert_eq!(e.len(), 2);
}

#[test]
fn answers_not_asked_on_every_path_and_unknown_keys_are_reported() {
    let e = errors("not-asked", "data");
    expect(
        &e,
        "not-asked.yaml",
        7,
        "`error` of a question should be text",
    );
    expect(&e, "not-asked.yaml", 14, "unknown key `txt` in a question");
    expect(
        &e,
        "not-asked.yaml",
        22,
        "fact \"picked\" needs the answer to \"second\", but some paths reach outcome \"done\" without asking it",
    );
    let typo = e.iter().find(|e| e.message.contains("txt")).unwrap();
    assert_eq!(typo.help.as_deref(), Some("did you mean \"text\"?"));
}

#[test]
fn yaml_syntax_errors_carry_their_line() {
    let e = errors("syntax", "data");
    assert_eq!(e.len(), 1);
    expect(&e, "syntax.yaml", 6, "this is not valid YAML");
    assert_eq!(e[0].column, 10);
}

#[test]
fn bad_data_is_reported_in_the_data_files() {
    let e = errors("bad-data", "bad-data");
    expect(
        &e,
        "countries.yaml",
        3,
        "MO is part of \"CX\", which is not in this file",
    );
    expect(
        &e,
        "holidays.yaml",
        6,
        "\"2027-02-30\" is not a real date: that month has 28 days",
    );
    expect(&e, "holidays.yaml", 7, "2027-12-25 is a Saturday");
    expect(
        &e,
        "lists.yaml",
        4,
        "Hong Kong (HK) is part of CN in the countries file, but this entry does not list it under `including`",
    );
    expect(&e, "lists.yaml", 6, "unknown country code \"XX\"");
    let xx = e.iter().find(|e| e.message.contains("XX")).unwrap();
    assert_eq!(xx.column, 11, "the column points at the code itself");
    assert_eq!(e.len(), 5);
}

#[test]
fn a_missing_data_file_is_reported_where_the_flow_names_it() {
    let e = errors("bad-data", "data-that-does-not-exist");
    expect(
        &e,
        "bad-data.yaml",
        4,
        "there is no data file \"countries\"",
    );
    expect(&e, "bad-data.yaml", 5, "there is no data file \"lists\"");
    expect(&e, "bad-data.yaml", 6, "there is no data file \"holidays\"");
}

#[test]
fn the_good_fixture_data_loads_and_a_flow_id_must_match_its_file() {
    let dir = std::env::temp_dir().join(format!("signpost-wizard-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("renamed.yaml");
    std::fs::copy(fixtures().join("bad/unreachable.yaml"), &path).unwrap();
    let e = load_flow(&path, &fixtures().join("data")).unwrap_err();
    expect(
        &e,
        "renamed.yaml",
        1,
        "the flow id \"unreachable\" differs from its file name",
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn step_links_items_and_action_are_checked() {
    let e = errors("bad-steps", "data");
    let f = "bad-steps.yaml";
    // Links anywhere a reader sees them: reasons, summaries, steps, items.
    expect(&e, f, 10, "`rules.md` is not allowed as a link");
    expect(
        &e,
        f,
        15,
        "`[the form](my form.docx)` looks like a link, but it is not one",
    );
    expect(&e, f, 17, "`javascript:alert(1)` is not allowed as a link");
    expect(
        &e,
        f,
        22,
        "`//elsewhere.example/list` is not allowed as a link",
    );
    expect(&e, f, 31, "`[us](tel:0800 123 456)` looks like a link");
    expect(&e, f, 31, "`mailto:` has no address after it");
    // Items: each is text, at its own line.
    expect(
        &e,
        f,
        21,
        "this item should be text, but YAML read it as a list",
    );
    expect(
        &e,
        f,
        23,
        "`{nobody}` in this step is not a question or fact",
    );
    expect(
        &e,
        f,
        24,
        "this item should be text, but YAML read it as `key: value`",
    );
    expect(&e, f, 25, "this item is empty");
    expect(&e, f, 29, "`items` should be a list");
    expect(&e, f, 32, "`items` is empty");
    expect(&e, f, 27, "`action` should be true or false");
    // Text with `: ` in it: one error, with the fix.
    expect(&e, f, 30, "unknown key `Then do this` in a step");
    let colon = e
        .iter()
        .find(|e| e.message.contains("Then do this"))
        .and_then(|e| e.help.clone());
    assert!(colon.is_some_and(|h| h.contains("put the whole text in quotes")));
    expect(
        &e,
        f,
        33,
        "YAML reads ` #` as the start of a comment, so this text stops at \"Phone the service desk on option\"",
    );
    expect(&e, f, 35, "\"Bring these with you\" has a list under it");
    let list = e.iter().find(|e| e.line == 35).and_then(|e| e.help.clone());
    assert!(list.is_some_and(|h| h.contains("put the list under `items:`")));
    expect(&e, f, 37, "`text` of a step is empty");
    // Columns count characters, not bytes; a cut after two spaces is still a cut.
    expect(&e, f, 38, "`desk.html` is not allowed as a link");
    assert_eq!(e.iter().find(|e| e.line == 38).map(|e| e.column), Some(30));
    expect(&e, f, 39, "so this text stops at \"Phone option\"");
    assert_eq!(e.iter().find(|e| e.line == 39).map(|e| e.column), Some(23));
    expect(&e, f, 40, "a link's address cannot hold a {placeholder}");
    assert_eq!(e.len(), 20, "{e:#?}");
    // The column points at the link itself.
    assert_eq!(e.iter().find(|e| e.line == 17).map(|e| e.column), Some(25));
    assert_eq!(e.iter().find(|e| e.line == 33).map(|e| e.column), Some(42));
}

#[test]
fn yaml_mistakes_get_help_in_plain_words() {
    // Each is named where the mistake is, not where YAML gave up.
    let e = errors("bracket-start", "data");
    assert_eq!(e.len(), 1, "{e:#?}");
    assert_eq!((e[0].line, e[0].column), (12, 9), "{e:#?}");
    assert!(
        e[0].message.starts_with("this text starts with a bracket"),
        "{e:#?}"
    );
    let help = e[0].help.as_deref().unwrap_or_default();
    assert!(
        help.contains("text that starts with `{` or `[` must be in quotes"),
        "{help}"
    );

    let e = errors("unclosed-quote", "data");
    assert_eq!(e.len(), 1, "{e:#?}");
    assert_eq!((e[0].line, e[0].column), (6, 11), "{e:#?}");
    assert_eq!(
        e[0].message,
        "this value opens a quote that is never closed"
    );

    let e = errors("unclosed-list", "data");
    assert_eq!(e.len(), 1, "{e:#?}");
    assert_eq!((e[0].line, e[0].column), (11, 12), "{e:#?}");
    assert!(e[0].message.contains("never closed with `]`"), "{e:#?}");

    let e = errors("repeated-key", "data");
    assert_eq!(e.len(), 1, "{e:#?}");
    assert_eq!((e[0].line, e[0].column), (16, 9), "{e:#?}");
    assert_eq!(e[0].message, "`text` is written twice (first on line 14)");

    let e = errors("tabs", "data");
    assert_eq!(e.len(), 1, "{e:#?}");
    assert_eq!((e[0].line, e[0].column), (7, 1), "{e:#?}");
    assert_eq!(e[0].message, "this line is indented with a tab character");
    let help = e[0].help.as_deref().unwrap_or_default();
    assert!(help.contains("indent with spaces"), "{help}");
}

#[test]
fn words_readers_see_are_not_cut_short_or_left_with_markup() {
    let e = errors("plain-words", "data");
    let f = "plain-words.yaml";
    expect(&e, f, 6, "`{first}` is not filled in here");
    expect(
        &e,
        f,
        7,
        "this text stops at \"Ask your manager (see section\"",
    );
    expect(&e, f, 10, "this text stops at \"Another part\"");
    expect(
        &e,
        f,
        12,
        "links work in summaries, steps, items and reasons, not here",
    );
    // An unknown placeholder is named where it is written, with the near miss.
    expect(
        &e,
        f,
        16,
        "`{frist}` in this reason is not a question or fact",
    );
    let frist = e.iter().find(|e| e.line == 16).unwrap();
    assert_eq!(frist.column, 27, "{frist:?}");
    assert_eq!(frist.help.as_deref(), Some("did you mean \"first\"?"));
    expect(
        &e,
        f,
        21,
        "`{nothing}` in this summary is not a question or fact",
    );
    // `#2` is not how people write comments: the text was cut.
    expect(&e, f, 23, "this text stops at \"Phone 0800 123 4567.\"");
    assert_eq!(e.len(), 7, "{e:#?}");
}

#[test]
fn summaries_fill_in_placeholders() {
    let path = fixtures().join("good/summary.yaml");
    let flow = load_flow(&path, &fixtures().join("data")).unwrap_or_else(|e| panic!("{e:#?}"));
    let e = signpost_wizard::evaluate(&flow, &answers(r#"{"first": true}"#), today()).unwrap();
    assert_eq!(
        e.summary.as_deref(),
        Some("Yes was your answer: see [the form](https://a.example/form).")
    );
    assert_eq!(e.steps[0].text, "Fill in the form.");
}

#[test]
fn links_from_the_site_root_need_the_sites_link_origin() {
    let root = root().join("content");
    let (flow, data) = (root.join("flows/overseas-travel.yaml"), root.join("data"));
    let e = signpost_wizard::load_site_flow(&flow, &data, None).unwrap_err();
    assert_eq!(e.len(), 1, "{e:#?}");
    assert!(
        e[0].message
            .starts_with("`/gs/overseas-travel-form.docx` starts with `/`")
    );
    let text = std::fs::read_to_string(&flow).unwrap();
    let line = text.lines().position(|l| l.contains("](/gs/")).unwrap() + 1;
    let column = text.lines().nth(line - 1).unwrap().find("](/gs/").unwrap() + 3;
    assert_eq!((e[0].line, e[0].column), (line, column));

    let loaded =
        signpost_wizard::load_site_flow(&flow, &data, Some("https://intranet.example")).unwrap();
    let json = loaded.to_json();
    assert!(json.contains("(https://intranet.example/gs/overseas-travel-form.docx)"));
    assert!(!json.contains("](/gs/"));
}
