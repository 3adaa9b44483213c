//! Keeping the answers across a reload: in this tab's `sessionStorage` only. Never in the
//! URL, the history (which holds only the view's name), a cookie or a request; gone when
//! the tab closes or the reader chooses "Start again".

use crate::io::flow_json::{answers, write_answers};
use crate::io::json::{self, Json};
use crate::state::View;
use signpost_wizard::Answers;

/// What is kept: `{"answers": {...}, "view": "question:strap", "returning": false,
/// "ticked": ["Fill in the form."]}`.
#[derive(Debug, PartialEq)]
pub struct Saved {
    pub answers: Answers,
    /// "start", "check", "outcome", or "question:<id>".
    pub view: String,
    pub returning: bool,
    /// The outcome's steps ticked, by their text.
    pub ticked: Vec<String>,
}

/// A view's name: "start", "check", "outcome", or "question:<id>".
pub fn view_name(view: &View) -> String {
    match view {
        View::Start => "start".to_string(),
        View::Check => "check".to_string(),
        View::Outcome => "outcome".to_string(),
        View::Question(q) => format!("question:{q}"),
    }
}

/// The view a name stands for (anything unknown is the start).
pub fn view_named(name: &str) -> View {
    match name {
        "check" => View::Check,
        "outcome" => View::Outcome,
        other => match other.strip_prefix("question:") {
            Some(q) => View::Question(q.to_string()),
            None => View::Start,
        },
    }
}

impl Saved {
    pub fn new(answers: &Answers, view: &View, returning: bool, ticked: &[String]) -> Saved {
        Saved {
            answers: answers.clone(),
            view: view_name(view),
            returning,
            ticked: ticked.to_vec(),
        }
    }

    pub fn to_json(&self) -> String {
        let mut out = String::from("{\"answers\":");
        write_answers(&mut out, &self.answers);
        out.push_str(",\"view\":");
        json::write_str(&mut out, &self.view);
        out.push_str(if self.returning {
            ",\"returning\":true"
        } else {
            ",\"returning\":false"
        });
        out.push_str(",\"ticked\":[");
        for (i, step) in self.ticked.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            json::write_str(&mut out, step);
        }
        out.push_str("]}");
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
            ticked: match j.get("ticked") {
                Some(Json::Arr(items)) => items
                    .iter()
                    .filter_map(|i| match i {
                        Json::Str(s) => Some(s.clone()),
                        _ => None,
                    })
                    .collect(),
                _ => Vec::new(),
            },
        })
    }

    pub fn view(&self) -> View {
        view_named(&self.view)
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
            let ticked = vec!["Fill in the \"form\".".to_string(), "Send it".to_string()];
            let saved = Saved::new(&answers, &view, true, &ticked);
            let back = Saved::from_json(&saved.to_json()).unwrap();
            assert_eq!(back.view(), view);
            assert_eq!(back.answers, answers);
            assert!(back.returning);
            assert_eq!(back.ticked, ticked);
        }
    }
}
