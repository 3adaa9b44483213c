//! `signpost flow check|eval|table` on the real overseas flow, and the guidance text rendered
//! from the same data as the wizard.

use crate::support;
use std::io::Write;
use std::process::Stdio;
use support::*;

fn eval(answers: &str, today: &str) -> (bool, serde_json::Value, String) {
    let mut child = signpost()
        .current_dir(workspace())
        .args([
            "flow",
            "eval",
            "overseas-travel",
            "--answers",
            "-",
            "--today",
            today,
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("signpost runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(answers.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let json = serde_json::from_str(&stdout).unwrap_or(serde_json::Value::Null);
    (
        output.status.success(),
        json,
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn eval_prints_outcome_facts_and_reasons_as_json() {
    let (ok, json, stderr) = eval(
        r#"{"clearance":"sc","strap":false,"equipment":true,"business_area":"hmpps-other","countries":["HK"],"travel_date":"2027-01-04"}"#,
        "2026-11-22",
    );
    assert!(ok, "{stderr}");
    assert_eq!(json["outcome"], "part-two");
    assert_eq!(json["facts"]["approver"], "governor");
    assert_eq!(json["facts"]["debrief"], "mandatory");
    assert_eq!(json["facts"]["notice_working_days"], 15);
    // 15 working days back from 3 January 2027, skipping Christmas and New Year bank holidays.
    assert_eq!(json["facts"]["latest_submission_date"], "2026-12-09");
    assert_eq!(json["facts"]["late"], false);
    let reasons = json["reasons"].to_string();
    assert!(
        reasons.contains("Hong Kong is part of China, which is on the special-attention list"),
        "{reasons}"
    );
}

#[test]
fn eval_says_when_it_is_too_late() {
    let (ok, json, stderr) = eval(
        r#"{"clearance":"dv","strap":true,"equipment":true,"business_area":"moj-hq","countries":["JP"],"travel_date":"2026-12-01"}"#,
        "2026-11-22",
    );
    assert!(ok, "{stderr}");
    assert_eq!(json["outcome"], "part-two");
    assert_eq!(json["facts"]["notify_strap_team"], true);
    assert_eq!(json["facts"]["notice_working_days"], 20);
    assert_eq!(json["facts"]["late"], true);
}

#[test]
fn eval_reads_yaml_answers_and_not_required() {
    let (ok, json, stderr) = eval(
        "clearance: none\nstrap: false\nequipment: false\n",
        "2026-11-22",
    );
    assert!(ok, "{stderr}");
    assert_eq!(json["outcome"], "not-required");
}

#[test]
fn eval_names_a_missing_answer() {
    let (ok, _, stderr) = eval(r#"{"clearance":"sc"}"#, "2026-11-22");
    assert!(!ok);
    assert!(
        stderr.contains("strap") || stderr.to_lowercase().contains("strap"),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"));
}

#[test]
fn table_matches_the_committed_golden_file() {
    let output = signpost()
        .current_dir(workspace())
        .args(["flow", "table", "overseas-travel"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let golden =
        std::fs::read_to_string(workspace().join("content/flows/overseas-travel.table.md"))
            .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        golden,
        "the decision table changed: review it, then run `cargo run -- flow table overseas-travel > content/flows/overseas-travel.table.md`"
    );
}

#[test]
fn check_passes_the_real_flow_and_names_problems_in_a_broken_one() {
    let output = signpost()
        .current_dir(workspace())
        .args(["flow", "check"])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        String::from_utf8_lossy(&output.stdout).contains("ok: content/flows/overseas-travel.yaml")
    );

    let (dir, content, stderr) =
        flow_check_edited(|text| text.replacen("    next: part-two", "    next: part-too", 1));
    let flow = content.join("flows/overseas-travel.yaml");
    let text =
        std::fs::read_to_string(workspace().join("content/flows/overseas-travel.yaml")).unwrap();
    assert!(stderr.contains("flows/overseas-travel.yaml:"), "{stderr}");
    assert!(stderr.contains("part-too"), "{stderr}");
    // The same problem stops a build, naming the same file and line.
    let run = build(&content, &dir.path().join("public"), "2026-11-22");
    run.assert_failed();
    assert!(
        run.stderr().contains("flows/overseas-travel.yaml:"),
        "{}",
        run.stderr()
    );
    // Only there: the page that shows the wizard is not also told the flow does not exist.
    assert!(
        !run.stderr().contains("there is no flow"),
        "{}",
        run.stderr()
    );

    // A page that names a flow that is not there hears of it, with the near miss.
    std::fs::write(&flow, text).unwrap();
    let page = content.join("travel/accessing-it-systems-from-overseas.md");
    let markdown = std::fs::read_to_string(&page).unwrap();
    let misnamed = markdown.replace(
        "wizard(flow=\"overseas-travel\")",
        "wizard(flow=\"overseas-travl\")",
    );
    assert_ne!(markdown, misnamed, "the fixture edit applies");
    std::fs::write(&page, misnamed).unwrap();
    let run = build(&content, &dir.path().join("public"), "2026-11-22");
    run.assert_failed();
    assert!(
        run.stderr().contains(
            "travel/accessing-it-systems-from-overseas.md:32:1: shortcode `wizard`: there is no flow `overseas-travl` in content/flows/ (did you mean `overseas-travel`?)"
        ),
        "{}",
        run.stderr()
    );
}

#[test]
fn the_guidance_text_comes_from_the_same_data_as_the_wizard() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    build(&workspace().join("content"), &out, "2026-11-22").assert_ok();
    let html = read(&out, "travel/accessing-it-systems-from-overseas.html");
    assert!(
        html.contains("China (including Hong Kong, Macau and Tibet)"),
        "special-attention list rendered from data"
    );
    assert!(
        html.contains("15 working days") && html.contains("20 working days"),
        "notice periods rendered from data"
    );
    assert!(
        html.contains("<script type=\"application/json\" id=\"signpost-flow-overseas-travel\">"),
        "flow embedded for the wizard"
    );
    assert!(html.contains("data-flow=\"overseas-travel\""));
    assert!(
        html.contains("class=\"wizard-fallback\""),
        "a note in place of the wizard without JavaScript"
    );

    // A policy change is a content edit: a new notice period shows in the page.
    let content = dir.path().join("content");
    copy_tree(&workspace().join("content"), &content);
    let notice = content.join("data/notice.yaml");
    let text = std::fs::read_to_string(&notice).unwrap();
    std::fs::write(&notice, text.replacen("standard: 15", "standard: 16", 1)).unwrap();
    let out2 = dir.path().join("public2");
    build(&content, &out2, "2026-11-22").assert_ok();
    assert!(
        read(&out2, "travel/accessing-it-systems-from-overseas.html").contains("16 working days")
    );
}

#[test]
fn eval_lists_the_steps_with_their_items_links_and_tick_boxes() {
    let (ok, json, stderr) = eval(
        r#"{"clearance":"sc","strap":false,"equipment":true,"business_area":"moj-hq","countries":["IN"]}"#,
        "2026-11-22",
    );
    assert!(ok, "{stderr}");
    let steps = json["steps"].as_array().expect("steps are listed");
    let collect = steps
        .iter()
        .find(|s| s["text"] == "Collect this information:")
        .expect("the information to collect is a step");
    assert_eq!(collect["items"][0], "your name");
    assert_eq!(collect["items"].as_array().unwrap().len(), 14);
    // A step that only informs has no tick box; the form link is as written in the flow.
    let informs = steps
        .iter()
        .find(|s| {
            s["text"]
                .as_str()
                .unwrap()
                .starts_with("The security team will consider")
        })
        .unwrap();
    assert_eq!(informs["action"], false);
    assert!(steps.iter().any(|s| s["text"]
        == "Fill in the [Overseas Travel Form](/gs/overseas-travel-form.docx)."
        && s["action"] == true));
}

#[test]
fn step_links_from_the_site_root_point_at_the_link_origin_or_are_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    copy_tree(&workspace().join("content"), &content);
    let run = build(&content, &dir.path().join("public"), "2026-11-22");
    run.assert_ok();
    let page = read(
        &dir.path().join("public"),
        "travel/accessing-it-systems-from-overseas.html",
    );
    assert!(
        page.contains(
            "[Overseas Travel Form](https://intranet.justice.gov.uk/gs/overseas-travel-form.docx)"
        ),
        "the flow on the page carries the whole address"
    );

    // Without link_origin the same link cannot work from disk: the build says where it is.
    let site = content.join("site.yaml");
    let settings = std::fs::read_to_string(&site).unwrap();
    let without = settings.replace("link_origin: https://intranet.justice.gov.uk\n", "");
    assert_ne!(settings, without, "the fixture edit applies");
    std::fs::write(&site, without).unwrap();
    // The pages' own rooted links would fail too: take them out to see the flow's error alone.
    for page in walk(&content)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
    {
        let text = std::fs::read_to_string(&page).unwrap();
        std::fs::write(&page, text.replace("](/", "](https://intranet.example/")).unwrap();
    }
    let run = build(&content, &dir.path().join("public"), "2026-11-22");
    run.assert_failed();
    let flow_text = std::fs::read_to_string(content.join("flows/overseas-travel.yaml")).unwrap();
    let line = flow_text
        .lines()
        .position(|l| l.contains("](/gs/overseas-travel-form.docx)"))
        .unwrap()
        + 1;
    assert!(
        run.stderr()
            .contains(&format!("flows/overseas-travel.yaml:{line}:")),
        "{}",
        run.stderr()
    );
    assert!(run.stderr().contains("link_origin"), "{}", run.stderr());
    // `flow check` reads the same settings and says the same.
    let flow_check_fails_with = |expected: &str| {
        let output = signpost()
            .args(["flow", "check", "--content"])
            .arg(&content)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!output.status.success(), "{stderr}");
        assert!(stderr.contains(expected), "{stderr}");
    };
    flow_check_fails_with(&format!("flows/overseas-travel.yaml:{line}:"));

    // A `link_origin` that is not a web address is what to fix, in `flow check` as in `build`.
    std::fs::write(&site, settings.replace("https://intranet", "intranet")).unwrap();
    flow_check_fails_with("site.yaml:4:14: `link_origin` must be a web address");
}

/// Builds a copy of the real content with `edit` applied to the text of `data/{file}`;
/// returns what the build printed, having checked that it failed.
fn build_with_data_file(file: &str, edit: impl Fn(&str) -> String) -> String {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    copy_tree(&workspace().join("content"), &content);
    let path = content.join("data").join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    let edited = edit(&text);
    assert_ne!(text, edited, "the edit applies");
    std::fs::write(&path, edited).unwrap();
    let run = build(&content, &dir.path().join("public"), "2026-11-22");
    run.assert_failed();
    run.stderr().replace(&format!("{}/", content.display()), "")
}

fn build_with_notice_file(notice: &str) -> String {
    build_with_data_file("notice.yaml", |_| notice.to_string())
}

#[test]
fn a_notice_period_that_is_not_a_whole_number_is_an_error_in_the_data_file() {
    // Before, these built, and the wizard counted no notice at all: a deadline on the
    // travel day itself.
    for (written, help) in [
        ("\"15\"", "write the number without quotes"),
        ("fifteen", "write a whole number of days, e.g. 15"),
        ("15.5", "write a whole number of days, e.g. 15"),
        ("-5", "write a whole number of days, e.g. 15"),
    ] {
        let stderr = build_with_notice_file(&format!(
            "unit: working days\nstandard: {written}\nstrap: 20\n"
        ));
        assert!(
            stderr.contains(&format!(
                "error: data/notice.yaml:2:11: a notice period is a whole number of days, not {written}"
            )),
            "{stderr}"
        );
        assert!(stderr.contains(&format!("help: {help}")), "{stderr}");
    }
}

#[test]
fn a_missing_data_value_names_the_keys_there_are() {
    let stderr = build_with_notice_file("unit: working days\nstandard_days: 15\nstrap: 20\n");
    assert!(
        stderr.contains("`notice.standard`: data file \"notice\" has no such value"),
        "{stderr}"
    );
    assert!(
        stderr.contains("help: it has: unit, standard_days, strap"),
        "{stderr}"
    );
    let stderr = build_with_notice_file("# to do\n");
    assert!(
        stderr.contains("`notice.standard`: data file \"notice\" is empty"),
        "{stderr}"
    );
}

#[test]
fn one_mistake_in_a_data_file_is_one_error() {
    // Before: the repeat twice (the templates and the wizard both read the file), then an
    // unknown code for every country the lists name.
    let stderr = build_with_data_file("countries.yaml", |text| {
        text.replacen(
            "FR: { name: France, aliases: [Corsica] }",
            "FR: { name: France, aliases: [Corsica] }\nFR: { name: French Republic }",
            1,
        )
    });
    assert!(
        stderr
            .contains("error: data/countries.yaml:93:1: `FR` is written twice (first on line 92)"),
        "{stderr}"
    );
    assert!(stderr.contains("1 error,"), "{stderr}");
    // Before: four more errors saying the deadline fact was not defined.
    let stderr = build_with_data_file("notice.yaml", |text| {
        text.replacen("unit: working days", "unit: working dayz", 1)
    });
    assert!(
        stderr.contains("error: data/notice.yaml:7:7: \"working dayz\" is not a way to count days"),
        "{stderr}"
    );
    assert!(stderr.contains("1 error,"), "{stderr}");
}

#[test]
fn an_impossible_bank_holiday_says_why() {
    let stderr = build_with_data_file("bank_holidays.yaml", |text| {
        text.replacen(
            "  - 2027-03-26 # Good Friday",
            "  - 2027-02-30 # Good Friday",
            1,
        )
    });
    assert!(
        stderr.contains("data/bank_holidays.yaml:20:5: \"2027-02-30\" is not a real date: that month has 28 days"),
        "{stderr}"
    );
}

#[test]
fn country_codes_in_lists_are_checked_as_a_reader_would_be_told_them() {
    let stderr = build_with_data_file("special_attention.yaml", |text| {
        text.replacen(
            "  - code: IL\n    including: [PS]",
            "  - code: IL\n    including: [PS, HK]",
            1,
        )
    });
    // Before: the page said Hong Kong was in both, and the wizard counted it as Israel.
    assert!(
        stderr.contains("data/special_attention.yaml:34:21: HK is already included under CN: a place can count as only one country"),
        "{stderr}"
    );
    let stderr = build_with_data_file("special_attention.yaml", |text| {
        text.replacen("  - code: IL\n", "  - code: il\n", 1)
    });
    assert!(stderr.contains("unknown country code \"il\""), "{stderr}");
    assert!(
        stderr.contains("help: country codes are in capitals: IL"),
        "{stderr}"
    );
}

/// `flow check` on a copy of the real content with `edit` applied to the flow; returns
/// what it printed, having checked that it failed.
fn flow_check_with(edit: impl Fn(&str) -> String) -> String {
    flow_check_edited(edit).2
}

/// [`flow_check_with`], keeping the copy (its folder and content folder) for more runs.
fn flow_check_edited(
    edit: impl Fn(&str) -> String,
) -> (tempfile::TempDir, std::path::PathBuf, String) {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    copy_tree(&workspace().join("content"), &content);
    let flow = content.join("flows/overseas-travel.yaml");
    let text = std::fs::read_to_string(&flow).unwrap();
    let edited = edit(&text);
    assert_ne!(text, edited, "the edit applies");
    std::fs::write(&flow, edited).unwrap();
    let output = signpost()
        .args(["flow", "check", "--content"])
        .arg(&content)
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    (dir, content, stderr)
}

#[test]
fn flow_help_does_not_point_the_wrong_way() {
    // An option removed from the question, still in a rule: not "did you mean sc?" (sc is
    // in the same list already).
    let stderr =
        flow_check_with(|text| text.replacen("      - value: esc\n", "      - value: gone\n", 1));
    assert!(
        stderr.contains("\"esc\" is not an option of question \"clearance\""),
        "{stderr}"
    );
    assert!(!stderr.contains("did you mean \"sc\"?"), "{stderr}");
    assert!(stderr.contains("remove \"esc\" from this list"), "{stderr}");
    // A yes/no question made a choice: one error, not one per rule that tests it.
    let stderr = flow_check_with(|text| {
        text.replacen(
            "  - id: strap\n    type: yes-no",
            "  - id: strap\n    type: choice",
            1,
        )
    });
    assert!(
        stderr.contains("choice question \"strap\" needs `options`"),
        "{stderr}"
    );
    assert!(!stderr.contains("the options are: \n"), "{stderr}");
    assert!(
        !stderr.contains("is not an option of question \"strap\""),
        "{stderr}"
    );
}

#[test]
fn a_table_of_notice_periods_by_answer_is_a_notice_period() {
    // A lookup fact may give the notice; its values must be whole numbers of days.
    let run_with = |area_days: &str| {
        let dir = tempfile::tempdir().unwrap();
        let content = dir.path().join("content");
        copy_tree(&workspace().join("content"), &content);
        let approvers = content.join("data/approvers.yaml");
        let text = std::fs::read_to_string(&approvers).unwrap();
        std::fs::write(
            &approvers,
            format!("{text}\nnotice_by_area:\n  moj-hq: 15\n  hmpps-hq: 15\n  hmcts: 15\n  nps: 15\n  hmpps-other: {area_days}\n  other: 15\n"),
        )
        .unwrap();
        let flow = content.join("flows/overseas-travel.yaml");
        let text = std::fs::read_to_string(&flow).unwrap();
        let edited = text
            .replacen(
                "  approver:\n",
                "  area_notice:\n    lookup: approvers.notice_by_area\n    by: business_area\n\n  approver:\n",
                1,
            )
            .replacen("notice: notice_working_days,", "notice: area_notice,", 1);
        std::fs::write(&flow, edited).unwrap();
        let output = signpost()
            .args(["flow", "check", "--content"])
            .arg(&content)
            .output()
            .unwrap();
        (
            output.status.success(),
            String::from_utf8_lossy(&output.stderr).into_owned(),
        )
    };
    let (ok, stderr) = run_with("20");
    assert!(ok, "{stderr}");
    let (ok, stderr) = run_with("twenty");
    assert!(!ok);
    assert!(
        stderr.contains("fact \"area_notice\" gives a deadline's notice period, but its table has values that are not whole numbers of days: hmpps-other: \"twenty\""),
        "{stderr}"
    );
}
