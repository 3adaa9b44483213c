//! A flow's routes in the words readers see: the option labels, "Yes" and "No", the list
//! names, and questions by their number ("question 2"). Used by the summary shown without
//! JavaScript and by the flow diagram, so both say what the wizard says.

use signpost_wizard::{Condition, Flow, Question, QuestionKind};

/// A question's number as readers count them: 1 for the first in the flow.
pub fn number(flow: &Flow, id: &str) -> Option<usize> {
    flow.questions
        .iter()
        .position(|q| q.id == id)
        .map(|i| i + 1)
}

/// The answers a question offers, as labelled in the wizard.
pub fn answers(question: &Question) -> Vec<String> {
    match question.kind {
        QuestionKind::Choice => question.options.iter().map(|o| o.label.clone()).collect(),
        QuestionKind::YesNo => vec!["Yes".into(), "No".into()],
        QuestionKind::Countries => vec!["Every country you will visit or pass through".into()],
        QuestionKind::Date => match question.optional {
            true => vec!["A date, or blank if you do not know yet".into()],
            false => vec!["A date".into()],
        },
    }
}

/// Where a question or outcome id leads, in words: the question's text or the outcome's
/// title.
pub fn target(flow: &Flow, id: &str) -> String {
    match (flow.question(id), flow.outcome(id)) {
        (Some(q), _) => format!("Question {}: {}", number(flow, id).unwrap_or(0), q.text),
        (_, Some(o)) => o.title.clone(),
        _ => id.to_string(),
    }
}

/// When a route of question `at` is taken. Answers to `at` itself are its labels
/// ("Yes", "SECRET or TOP SECRET"); answers to earlier questions name their number.
pub fn condition(flow: &Flow, at: &str, c: &Condition) -> String {
    let nested = |c: &Condition| match c {
        Condition::All(_) | Condition::Any(_) => format!("({})", condition(flow, at, c)),
        _ => condition(flow, at, c),
    };
    let about = |answer: &str| match answer == at {
        true => String::new(),
        false => format!(
            "the answer to question {} is ",
            number(flow, answer).unwrap_or(0)
        ),
    };
    match c {
        Condition::All(cs) => cs.iter().map(nested).collect::<Vec<_>>().join(" and "),
        Condition::Any(cs) => cs.iter().map(nested).collect::<Vec<_>>().join(" or "),
        Condition::Not(inner) => match inner.as_ref() {
            Condition::Answered { answer } if answer == at => "left blank".into(),
            Condition::Answered { answer } => format!(
                "question {} is left blank",
                number(flow, answer).unwrap_or(0)
            ),
            other => format!("not {}", nested(other)),
        },
        Condition::Is { answer, values } => {
            let labels: Vec<String> = values.iter().map(|v| label(flow, answer, v)).collect();
            format!(
                "{}{}",
                about(answer),
                join_or(labels.iter().map(String::as_str))
            )
        }
        Condition::Answered { answer } if answer == at => "a date is given".into(),
        Condition::Answered { answer } => {
            format!("question {} is answered", number(flow, answer).unwrap_or(0))
        }
        Condition::AnyIn { answer, lists } => format!(
            "{}one of the countries is on {}",
            about_countries(flow, at, answer),
            flow.lists_in_words(lists)
        ),
        Condition::AnyOutside { answer, lists } => format!(
            "{}one of the countries is outside {}",
            about_countries(flow, at, answer),
            flow.lists_in_words(lists)
        ),
        Condition::Fact { fact, .. } => format!("{fact} applies"),
    }
}

fn about_countries(flow: &Flow, at: &str, answer: &str) -> String {
    match answer == at {
        true => String::new(),
        false => format!("in question {}, ", number(flow, answer).unwrap_or(0)),
    }
}

/// The words for one value of an answer: an option's label, "Yes" or "No".
fn label(flow: &Flow, answer: &str, value: &serde_json::Value) -> String {
    let question = flow.question(answer);
    let words = match value {
        serde_json::Value::Bool(true) => "Yes".into(),
        serde_json::Value::Bool(false) => "No".into(),
        serde_json::Value::String(s) => question
            .and_then(|q| q.option(s))
            .map_or_else(|| s.clone(), |o| o.label.clone()),
        other => other.to_string(),
    };
    // In quotes: labels may have commas of their own ("OFFICIAL, but I am not sure").
    format!("“{words}”")
}

/// "a, b or c".
fn join_or<'a>(items: impl Iterator<Item = &'a str>) -> String {
    let items: Vec<&str> = items.collect();
    match items.split_last() {
        None => String::new(),
        Some((last, [])) => last.to_string(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
    }
}
