//! Every flow as a picture and a table for editors (flows.html), and as a summary in place of
//! its wizard for readers without JavaScript: built from real content and from a flow whose
//! words try to be markup.

use crate::support;
use support::*;

fn built_real_site() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("public");
    build(&workspace().join("content"), &out, "2026-11-22").assert_ok();
    (dir, out)
}

/// The committed decision table's number of paths.
fn committed_paths(id: &str) -> usize {
    let table = std::fs::read_to_string(workspace().join(format!("content/flows/{id}.table.md")))
        .expect("the committed table");
    table
        .lines()
        .filter(|l| {
            l.strip_prefix("| ")
                .and_then(|r| r.split(' ').next())
                .is_some_and(|n| n.parse::<usize>().is_ok())
        })
        .count()
}

#[test]
fn the_flows_page_has_each_flows_diagram_and_table() {
    let (_dir, out) = built_real_site();
    let page = read(&out, "flows.html");
    for (id, question, outcome) in [
        (
            "overseas-travel",
            "Are you subject to STRAP briefing?",
            "You do not need to follow the overseas travel process",
        ),
        (
            "own-device",
            "Which service will you use for this work?",
            "No, not for this information",
        ),
    ] {
        let start = page
            .find(&format!("<h2 id=\"flow-{id}\">"))
            .unwrap_or_else(|| panic!("no section for {id}"));
        let section = &page[start..];
        let section = &section[..section[4..]
            .find("<h2 id=\"flow-")
            .map_or(section.len(), |e| e + 4)];
        let svg =
            &section[section.find("<svg").expect("a diagram")..section.find("</svg>").unwrap()];
        // Real text, every line its own tspan; no inline style for the CSP to refuse.
        let words: String = svg
            .split("<tspan")
            .skip(1)
            .filter_map(|t| Some(t.split_once('>')?.1.split_once("</tspan>")?.0))
            .collect::<Vec<_>>()
            .join(" ");
        assert!(words.contains(question), "{id}: {words}");
        assert!(words.contains(outcome), "{id}: {words}");
        assert!(svg.contains("role=\"img\""));
        assert!(!svg.contains("<style") && !svg.contains(" style="), "{id}");
        // The table: one row per path, as `signpost flow table` lists them.
        let rows = section.matches("<tr><th scope=\"row\">").count();
        assert_eq!(rows, committed_paths(id), "{id}");
    }
    // Linked from the reviews page and from each page with a wizard.
    assert!(read(&out, "reviews.html").contains("<a href=\"flows.html\">decision flows</a>"));
    for (page, id) in [
        (
            "travel/accessing-it-systems-from-overseas.html",
            "overseas-travel",
        ),
        ("devices/using-your-own-device.html", "own-device"),
    ] {
        assert!(
            read(&out, page).contains(&format!("href=\"../flows.html#flow-{id}\"")),
            "{page}"
        );
    }
    assert!(broken_links(&out).is_empty(), "{:?}", broken_links(&out));
}

#[test]
fn a_wizard_page_shows_its_flows_questions_and_outcomes_without_javascript() {
    let (_dir, out) = built_real_site();
    let page = read(&out, "devices/using-your-own-device.html");
    let fallback = &page[page
        .find("<div class=\"wizard-fallback\">")
        .expect("the summary")..];
    let fallback = &fallback[..fallback.find("</section>").unwrap()];
    for words in [
        "<h2>Check if you can use your own device for this work</h2>",
        "How is the information you will work with classified?",
        "If “SECRET or TOP SECRET”: <strong>No, not for this information</strong>",
        "Answers: MoJ G Suite (formerly Google Apps); MoJ Office 365; The MoJ Digital &amp; Technology Slack; Another service.",
        "<strong>Ask first – you cannot start yet</strong>",
    ] {
        assert!(fallback.contains(words), "{words} in:\n{fallback}");
    }
}

#[test]
fn words_in_a_flow_cannot_become_markup_in_its_picture_or_summary() {
    let dir = tempfile::tempdir().expect("temp dir");
    let content = dir.path().join("content");
    write_site(
        &content,
        &[
            (
                "index.md",
                "---\ntitle: Home\n---\n{{ wizard(flow=\"odd\") }}\n",
            ),
            (
                "flows/odd.yaml",
                "id: odd\ntitle: \"Odd <b>flow</b>\"\nquestions:\n  - id: q\n    type: choice\n    text: \"Is it <script>alert(1)</script>?\"\n    options:\n      - { value: a, label: \"A & <i>B</i>\" }\n      - { value: c, label: C }\n    next:\n      - when: { answer: q, is: a }\n        goto: done\n      - goto: done\noutcomes:\n  - id: done\n    title: \"Done </text><text>\"\n    steps: [Go.]\n",
            ),
        ],
    );
    let out = dir.path().join("public");
    build(&content, &out, "2026-11-22").assert_ok();
    for page in ["flows.html", "index.html"] {
        let html = read(&out, page);
        assert!(!html.contains("<script>alert"), "{page}");
        assert!(
            !html.contains("<i>B</i>") && !html.contains("<b>flow</b>"),
            "{page}"
        );
        assert!(!html.contains("</text><text>"), "{page}");
        assert!(
            html.contains("Is it &lt;script&gt;alert(1)&lt;/script&gt;?"),
            "{page}"
        );
    }
}

#[test]
fn a_page_where_the_flows_page_goes_is_an_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    let content = dir.path().join("content");
    write_site(
        &content,
        &[("index.md", "# Home\n"), ("flows.md", "# Flows\n")],
    );
    let run = build(&content, &dir.path().join("public"), "2026-11-22");
    run.assert_failed();
    assert!(run.stderr().contains("flows.md"), "{}", run.stderr());
    assert!(
        run.stderr().contains("the editors' page of decision flows"),
        "{}",
        run.stderr()
    );
}
