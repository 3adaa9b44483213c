//! The decision table: every distinct path as a Markdown table, followed by the lists
//! and numbers the rules use, so that any change to the rules or their data shows up
//! as a readable diff in review.

use crate::model::flow::Flow;
use crate::report::paths::{FlowPath, TooManyPaths, enumerate_paths};
use crate::run::places::name;
use crate::words::conditions::condition_in_words;
use crate::words::plain_text::format_date;

/// The decision table of a flow, as committed beside it (`<id>.table.md`).
pub fn decision_table_markdown(flow: &Flow) -> Result<String, TooManyPaths> {
    let paths = enumerate_paths(flow)?;
    let mut md = String::new();
    md.push_str(&format!("# Decision table: {}\n\n", flow.id));
    md.push_str(&format!(
        "Generated from `content/flows/{id}.yaml` and its data by `signpost flow table {id}`. \
         Do not edit by hand: change the flow or its data, regenerate this file, and review \
         the difference.\n\n",
        id = flow.id
    ));
    md.push_str(
        "Each row is one distinct path: the answers that lead to the same outcome and facts \
         are grouped. \"—\" means the question is not asked on that path.\n\n",
    );

    md.push_str(&paths_markdown(flow, &paths));

    md.push_str(
        "\n## Flow chart\n\nEach question, where its answers lead, and the outcomes (drawn by \
         GitHub and GitLab; elsewhere, paste it into a Mermaid viewer).\n\n```mermaid\n",
    );
    md.push_str(&crate::report::chart::flow_chart_mermaid(flow));
    md.push_str("```\n");

    md.push_str("\n## Questions\n\n");
    for q in &flow.questions {
        md.push_str(&format!("- `{}`: {}", q.id, q.text));
        if !q.options.is_empty() {
            let opts: Vec<String> = q
                .options
                .iter()
                .map(|o| format!("`{}` {}", o.value, o.label))
                .collect();
            md.push_str(&format!(" ({})", opts.join("; ")));
        }
        if q.optional {
            md.push_str(" (optional)");
        }
        md.push('\n');
    }

    md.push_str(&outcomes_markdown(flow));

    md.push_str(&lists_markdown(flow));

    if let Some(h) = &flow.holidays {
        md.push_str(&format!(
            "\n## Bank holidays\n\n{} bank holidays are known from {} to {} ({} dates). \
             Deadlines for travel outside that range are refused, not guessed.\n",
            h.region,
            format_date(h.from),
            format_date(h.to),
            h.dates.len()
        ));
    }
    Ok(md)
}

/// The table itself: a row per distinct path, a column per question, then the outcome
/// and its facts.
fn paths_markdown(flow: &Flow, paths: &[FlowPath]) -> String {
    let mut md = String::new();
    let facts: Vec<&str> = flow.facts.iter().map(|f| f.id.as_str()).collect();
    let mut header = vec!["#".to_string()];
    header.extend(flow.questions.iter().map(|q| format!("`{}`", q.id)));
    header.push("outcome".into());
    header.extend(facts.iter().map(|f| format!("`{f}`")));
    md.push_str(&row(&header));
    md.push_str(&row(&vec!["---".to_string(); header.len()]));
    for (n, path) in paths.iter().enumerate() {
        let mut cells = vec![(n + 1).to_string()];
        let answered: std::collections::HashMap<&str, &str> = path
            .answers
            .iter()
            .map(|(id, a)| (id.as_str(), a.as_str()))
            .rev() // the first of a repeated id, as a search from the front would find
            .collect();
        for q in &flow.questions {
            cells.push(answered.get(q.id.as_str()).unwrap_or(&"—").to_string());
        }
        cells.push(format!("**{}**", path.outcome));
        for f in &facts {
            cells.push(path.facts.get(*f).cloned().unwrap_or_else(|| "—".into()));
        }
        md.push_str(&row(&cells));
    }
    md
}

/// Each country list with the places it covers, by name.
fn lists_markdown(flow: &Flow) -> String {
    let mut md = String::new();
    if flow.lists.is_empty() {
        return md;
    }
    md.push_str("\n## Country lists\n\n");
    for list in &flow.lists {
        let mut names: Vec<String> = list
            .countries
            .iter()
            .map(|c| {
                let mut covered: Vec<String> = flow
                    .countries
                    .iter()
                    .filter(|p| p.part_of.as_deref() == Some(c.as_str()))
                    .map(|p| p.code.clone())
                    .collect();
                covered.extend(
                    list.included
                        .iter()
                        .filter(|(_, with)| *with == c)
                        .map(|(code, _)| code.clone()),
                );
                covered.sort();
                covered.dedup();
                if covered.is_empty() {
                    format!("{} ({c})", name(flow, c))
                } else {
                    format!("{} ({c}, with {})", name(flow, c), covered.join(", "))
                }
            })
            .collect();
        names.sort();
        md.push_str(&format!(
            "- **{}** (`{}`, {}): {}\n",
            list.name,
            list.id,
            list.countries.len(),
            names.join(", ")
        ));
    }
    md.push_str("\nA country on none of the region lists counts as outside them.\n");
    md
}

/// Each outcome with its steps as the reader sees them, and when a step is shown: so a
/// change to the checklist shows up in review like a change to the rules.
fn outcomes_markdown(flow: &Flow) -> String {
    let mut md = String::from("\n## Outcomes and their steps\n");
    for outcome in &flow.outcomes {
        md.push_str(&format!("\n### `{}`: {}\n\n", outcome.id, outcome.title));
        if let Some(summary) = &outcome.summary {
            md.push_str(&format!("{summary}\n\n"));
        }
        if !outcome.facts.is_empty() {
            let facts: Vec<String> = outcome.facts.iter().map(|f| format!("`{f}`")).collect();
            md.push_str(&format!("Reports {}.\n\n", facts.join(", ")));
        }
        for (n, step) in outcome.steps.iter().enumerate() {
            let mut notes = Vec::new();
            if let Some(when) = &step.when {
                notes.push(format!("only when {}", condition_in_words(flow, when)));
            }
            if !step.action {
                notes.push("information, no tick box".to_string());
            }
            let notes = match notes.is_empty() {
                true => String::new(),
                false => format!("*({})* ", notes.join("; ")),
            };
            md.push_str(&format!("{}. {notes}{}\n", n + 1, step.text));
            for item in &step.items {
                md.push_str(&format!("   - {item}\n"));
            }
        }
    }
    md
}

fn row(cells: &[String]) -> String {
    let cells: Vec<String> = cells.iter().map(|c| c.replace('|', "\\|")).collect();
    format!("| {} |\n", cells.join(" | "))
}
