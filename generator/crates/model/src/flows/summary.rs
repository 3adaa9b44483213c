//! What a flow decides, for readers without JavaScript and for editors: each question with
//! its answers and where each leads, and the outcomes. The wizard shortcode shows it in
//! place of the wizard until the wizard starts; the flows page shows it beside the diagram.

use crate::flows::words;
use serde::Serialize;
use signpost_wizard::{Flow, Piece};

#[derive(Serialize)]
pub struct FlowSummary {
    pub id: String,
    pub title: String,
    pub intro: Option<String>,
    pub questions: Vec<QuestionView>,
    pub outcomes: Vec<OutcomeView>,
}

#[derive(Serialize)]
pub struct QuestionView {
    pub id: String,
    pub number: usize,
    pub text: String,
    pub hint: Option<String>,
    /// The answers offered, as labelled in the wizard.
    pub answers: Vec<String>,
    pub routes: Vec<RouteView>,
}

#[derive(Serialize)]
pub struct RouteView {
    /// When it is taken ("Yes", "the answer to question 1 is …"); none for the only route.
    pub when: Option<String>,
    /// The last of several routes: any answer the others do not take.
    pub otherwise: bool,
    /// Where it leads: "Question 3: …" or an outcome's title.
    pub to: String,
    /// The id of the outcome it ends in, if it ends in one.
    pub outcome: Option<String>,
}

#[derive(Serialize)]
pub struct OutcomeView {
    pub id: String,
    pub title: String,
    /// Plain words: links keep their words; a `{placeholder}` reads "(depends on your
    /// answers)".
    pub summary: Option<String>,
}

pub fn summary(flow: &Flow) -> FlowSummary {
    let questions = flow
        .questions
        .iter()
        .enumerate()
        .map(|(i, q)| {
            let several = q.next.len() > 1;
            let routes = q
                .next
                .iter()
                .map(|r| RouteView {
                    when: match &r.when {
                        Some(c) => Some(words::condition(flow, &q.id, c)),
                        None if several => Some("any other answer".into()),
                        None => None,
                    },
                    otherwise: several && r.when.is_none(),
                    to: words::target(flow, &r.goto),
                    outcome: flow.outcome(&r.goto).map(|o| o.id.clone()),
                })
                .collect();
            QuestionView {
                id: q.id.clone(),
                number: i + 1,
                text: q.text.clone(),
                hint: q.hint.clone(),
                answers: words::answers(q),
                routes,
            }
        })
        .collect();
    let outcomes = flow
        .outcomes
        .iter()
        .map(|o| OutcomeView {
            id: o.id.clone(),
            title: o.title.clone(),
            summary: o.summary.as_deref().map(plain),
        })
        .collect();
    FlowSummary {
        id: flow.id.clone(),
        title: flow.title.clone(),
        intro: flow.intro.clone(),
        questions,
        outcomes,
    }
}

/// Text with its links' words only; a placeholder, filled in by the wizard from the
/// reader's answers, reads "(depends on your answers)".
fn plain(text: &str) -> String {
    let words: String = signpost_wizard::pieces(text)
        .into_iter()
        .map(|piece| match piece {
            Piece::Text(t) => t,
            Piece::Link { label, .. } => label,
        })
        .collect();
    let mut out = String::new();
    let mut rest = words.as_str();
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        out.push_str(&rest[..open]);
        out.push_str("(depends on your answers)");
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summaries_are_plain_words() {
        assert_eq!(
            plain("Send the [form](https://example.org/f) by {date}."),
            "Send the form by (depends on your answers)."
        );
    }
}
