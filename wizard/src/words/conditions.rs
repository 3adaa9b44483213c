//! A route's condition in a reviewer's words, for the decision table and its chart (kept
//! apart from both so that neither imports the other).

use crate::model::flow::{Condition, Flow};
use crate::words::plain_text::join_with;

/// A condition as a reviewer reads it: "`late` is yes", "`countries` includes a country
/// on the special-attention list".
pub(crate) fn condition_in_words(flow: &Flow, c: &Condition) -> String {
    let values = |values: &[serde_json::Value]| {
        let words: Vec<String> = values
            .iter()
            .map(|v| match v {
                serde_json::Value::Bool(true) => "yes".to_string(),
                serde_json::Value::Bool(false) => "no".to_string(),
                serde_json::Value::String(s) => s.clone(),
                other => other.to_string(),
            })
            .collect();
        join_with(words.iter().map(String::as_str), "or")
    };
    let lists = |ids: &[String]| flow.lists_in_words(ids);
    let nested = |c: &Condition| match c {
        Condition::All(_) | Condition::Any(_) => format!("({})", condition_in_words(flow, c)),
        _ => condition_in_words(flow, c),
    };
    match c {
        Condition::All(cs) => cs.iter().map(nested).collect::<Vec<_>>().join(" and "),
        Condition::Any(cs) => cs.iter().map(nested).collect::<Vec<_>>().join(" or "),
        Condition::Not(inner) => match inner.as_ref() {
            Condition::Answered { answer } => format!("`{answer}` is not answered"),
            other => format!("not {}", nested(other)),
        },
        Condition::Is { answer, values: v } => format!("`{answer}` is {}", values(v)),
        Condition::Answered { answer } => format!("`{answer}` is answered"),
        Condition::AnyIn { answer, lists: l } => {
            format!("`{answer}` includes a country on {}", lists(l))
        }
        Condition::AnyOutside { answer, lists: l } => {
            format!("`{answer}` includes a country outside {}", lists(l))
        }
        Condition::Fact { fact, values: v } => format!("`{fact}` is {}", values(v)),
    }
}
