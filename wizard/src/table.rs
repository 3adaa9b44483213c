//! The decision table: every distinct path as a Markdown table, followed by the lists
//! and numbers the rules use, so that any change to the rules or their data shows up
//! as a readable diff in review.

use crate::countries::name;
use crate::flow::Flow;
use crate::paths::enumerate_paths;
use crate::text::format_date;

pub fn decision_table_markdown(flow: &Flow) -> String {
    let paths = enumerate_paths(flow);
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

    let facts: Vec<&str> = flow.facts.iter().map(|f| f.id.as_str()).collect();
    let mut header = vec!["#".to_string()];
    header.extend(flow.questions.iter().map(|q| format!("`{}`", q.id)));
    header.push("outcome".into());
    header.extend(facts.iter().map(|f| format!("`{f}`")));
    md.push_str(&row(&header));
    md.push_str(&row(&vec!["---".to_string(); header.len()]));
    for (n, path) in paths.iter().enumerate() {
        let mut cells = vec![(n + 1).to_string()];
        for q in &flow.questions {
            let cell = path
                .answers
                .iter()
                .find(|(id, _)| id == &q.id)
                .map(|(_, a)| a.clone())
                .unwrap_or_else(|| "—".into());
            cells.push(cell);
        }
        cells.push(format!("**{}**", path.outcome));
        for f in &facts {
            cells.push(path.facts.get(*f).cloned().unwrap_or_else(|| "—".into()));
        }
        md.push_str(&row(&cells));
    }

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

    if !flow.lists.is_empty() {
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
    }

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
    md
}

fn row(cells: &[String]) -> String {
    let cells: Vec<String> = cells.iter().map(|c| c.replace('|', "\\|")).collect();
    format!("| {} |\n", cells.join(" | "))
}
