//! The flow as a chart for content designers and reviewers: each question, where each of
//! its routes goes and when, and the outcomes. Written as a Mermaid flowchart, which
//! GitHub and GitLab draw in place inside the decision table, so a change to the routes
//! shows up in review as a picture as well as a diff.

use crate::model::flow::Flow;
use crate::words::conditions::condition_in_words;

pub fn flow_chart_mermaid(flow: &Flow) -> String {
    let mut chart = String::from("flowchart TD\n");
    chart.push_str(&format!(
        "  start([Start]) --> {}\n",
        node(flow, &flow.start)
    ));
    for question in &flow.questions {
        chart.push_str(&format!(
            "  {}[\"{}\"]\n",
            node(flow, &question.id),
            label(&question.text)
        ));
        let branches = question.next.len() > 1;
        for route in &question.next {
            let when = match &route.when {
                Some(condition) => format!("|\"{}\"|", label(&condition_in_words(flow, condition))),
                None if branches => "|otherwise|".to_string(),
                None => String::new(),
            };
            chart.push_str(&format!(
                "  {} -->{when} {}\n",
                node(flow, &question.id),
                node(flow, &route.goto)
            ));
        }
    }
    for outcome in &flow.outcomes {
        chart.push_str(&format!(
            "  {}([\"{}\"])\n",
            node(flow, &outcome.id),
            label(&outcome.title)
        ));
    }
    chart
}

/// A node name Mermaid accepts, apart for questions and outcomes (ids may share words).
fn node(flow: &Flow, id: &str) -> String {
    let kind = if flow.outcome(id).is_some() { "o" } else { "q" };
    format!(
        "{kind}_{}",
        id.replace(|c: char| !c.is_ascii_alphanumeric(), "_")
    )
}

/// Text inside a quoted Mermaid label: quotes as entities, no backticks (which would make
/// it a Markdown string), no line breaks.
fn label(text: &str) -> String {
    text.replace('"', "#quot;")
        .replace('`', "")
        .replace(['\n', '\r'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_cannot_break_out() {
        assert_eq!(label("Say \"yes\"\nor `no`"), "Say #quot;yes#quot; or no");
    }
}
