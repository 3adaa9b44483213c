//! Keeping the answers across a reload: in this tab's `sessionStorage` only. Never in the
//! URL, the history, a cookie or a request; gone when the tab closes or the reader
//! chooses "Clear my answers".

use crate::flow_json::{answers, write_answers};
use crate::json::{self, Json};
use crate::state::View;
use signpost_wizard::Answers;

/// What is kept: `{"answers": {...}, "view": "question:strap", "returning": false}`.
#[derive(Debug, PartialEq)]
pub struct Saved {
    pub answers: Answers,
    /// "start", "check", "outcome", or "question:<id>".
    pub view: String,
    pub returning: bool,
}

impl Saved {
    pub fn new(answers: &Answers, view: &View, returning: bool) -> Saved {
        let view = match view {
            View::Start => "start".to_string(),
            View::Check => "check".to_string(),
            View::Outcome => "outcome".to_string(),
            View::Question(q) => format!("question:{q}"),
        };
        Saved {
            answers: answers.clone(),
            view,
            returning,
        }
    }

    pub fn to_json(&self) -> String {
        let mut out = String::from("{\"answers\":");
        write_answers(&mut out, &self.answers);
        out.push_str(",\"view\":");
        json::write_str(&mut out, &self.view);
        out.push_str(if self.returning {
            ",\"returning\":true}"
        } else {
            ",\"returning\":false}"
        });
        out
    }

    pub fn from_json(text: &str) -> Option<Saved> {
        let j = json::parse(text).ok()?;
        Some(Saved {
            answers: answers(j.get("answers")?).ok()?,
            view: match j.get("view") {
                Some(Json::Str(v)) => v.clone(),
                _ => "start".to_string(),
            },
            returning: matches!(j.get("returning"), Some(Json::Bool(true))),
        })
    }

    pub fn view(&self) -> View {
        match self.view.as_str() {
            "check" => View::Check,
            "outcome" => View::Outcome,
            other => match other.strip_prefix("question:") {
                Some(q) => View::Question(q.to_string()),
                None => View::Start,
            },
        }
    }
}

fn key(flow_id: &str) -> String {
    format!("signpost-wizard:{flow_id}")
}

fn session_storage() -> Option<web_sys::Storage> {
    // Storage can be switched off; the wizard then simply forgets on reload.
    web_sys::window()?.session_storage().ok()?
}

pub fn load(flow_id: &str) -> Option<Saved> {
    let text = session_storage()?.get_item(&key(flow_id)).ok()??;
    Saved::from_json(&text)
}

pub fn save(flow_id: &str, saved: &Saved) {
    if let Some(storage) = session_storage() {
        let _ = storage.set_item(&key(flow_id), &saved.to_json());
    }
}

pub fn clear(flow_id: &str) {
    if let Some(storage) = session_storage() {
        let _ = storage.remove_item(&key(flow_id));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use signpost_wizard::Answer;

    #[test]
    fn views_round_trip() {
        let mut answers = Answers::new();
        answers.set("countries", Answer::List(vec!["HK".into()]));
        for view in [
            View::Start,
            View::Check,
            View::Outcome,
            View::Question("strap".into()),
        ] {
            let saved = Saved::new(&answers, &view, true);
            let back = Saved::from_json(&saved.to_json()).unwrap();
            assert_eq!(back.view(), view);
            assert_eq!(back.answers, answers);
            assert!(back.returning);
        }
    }
}
