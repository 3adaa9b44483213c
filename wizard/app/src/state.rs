//! The wizard's state and the one reducer that changes it: which view is showing, the
//! answers so far, the errors on the current step, and where focus goes next.
//!
//! Pure Rust (no browser calls), so the navigation rules are tested natively.

use chrono::NaiveDate;
use signpost_wizard::{Answer, Answers, Flow, Next, answered_path, next_question};
use std::rc::Rc;
use yew::Reducible;

/// The flow, shared. Compared by pointer: a page's flow never changes after mounting.
#[derive(Clone)]
pub struct FlowRef(pub Rc<Flow>);

impl PartialEq for FlowRef {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl std::ops::Deref for FlowRef {
    type Target = Flow;
    fn deref(&self) -> &Flow {
        &self.0
    }
}

/// What the wizard shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum View {
    /// The flow's title, introduction and "Start now".
    Start,
    /// One question, by id.
    Question(String),
    /// Every answer on the path, each with a Change link.
    Check,
    /// The outcome: what to do, why, the deadline.
    Outcome,
}

/// One validation message, linked to the field (element id) it is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

/// Where focus goes after the next render.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    /// Nowhere: the first render, so the page does not jump to the wizard.
    Stay,
    /// The new step's heading.
    Heading,
    /// The error summary.
    Errors,
}

#[derive(Clone, PartialEq)]
pub struct State {
    pub flow: FlowRef,
    pub today: NaiveDate,
    pub answers: Answers,
    pub view: View,
    /// The reader came to this question from "check your answers" (a Change link).
    pub returning: bool,
    pub errors: Vec<FieldError>,
    /// A short message shown above the step, e.g. after clearing the answers.
    pub notice: Option<String>,
    pub focus: Focus,
    /// Bumped whenever focus should move, so the focus effect runs again.
    pub focus_seq: u32,
    /// The outcome's steps the reader has ticked, by their text.
    pub ticked: Vec<String>,
}

pub enum Action {
    /// "Start now": the first question (answers kept from before are shown again).
    Start,
    /// Continue on a question: the checked answer, or the problems with it.
    Submit {
        question: String,
        result: Result<Answer, Vec<FieldError>>,
    },
    Back,
    /// A Change link on "check your answers".
    Change(String),
    /// From "check your answers" to the outcome.
    SeeOutcome,
    /// Forget the answers and ticks, and go to the first question: the one way to start
    /// again.
    StartAgain,
    /// The browser's Back or Forward: show this view again (`returning` as it was then).
    Show {
        view: View,
        returning: bool,
    },
    /// A tick box on the outcome, by the step's text.
    Tick {
        step: String,
        ticked: bool,
    },
}

impl State {
    pub fn new(flow: FlowRef, today: NaiveDate) -> State {
        State {
            flow,
            today,
            answers: Answers::new(),
            view: View::Start,
            returning: false,
            errors: Vec::new(),
            notice: None,
            focus: Focus::Stay,
            focus_seq: 0,
            ticked: Vec::new(),
        }
    }

    /// A state restored from storage; a view that no longer fits the answers falls back
    /// to the first unanswered step. Focus goes to the step's heading (a reload lands the
    /// reader where they were), except on the start view, where the page is left alone.
    pub fn restored(
        flow: FlowRef,
        today: NaiveDate,
        answers: Answers,
        view: View,
        returning: bool,
    ) -> State {
        let mut state = State::new(flow, today);
        state.answers = answers;
        state.returning = returning;
        state.view = state.usable(view);
        if state.view != View::Start {
            state.focus = Focus::Heading;
        }
        state
    }

    /// The view, or the first unanswered step when it no longer fits the answers.
    fn usable(&self, view: View) -> View {
        let complete = matches!(next_question(&self.flow, &self.answers), Next::Outcome(_));
        match view {
            View::Start => View::Start,
            View::Question(q) if self.flow.question(&q).is_some() => View::Question(q),
            v @ (View::Check | View::Outcome) if complete => v,
            _ => self.resume(),
        }
    }

    /// Whether the view shows a Back button: not on the start, nor on the first question
    /// (Back would only go to the start, which "Start again" and the page already give).
    pub fn has_back(&self) -> bool {
        match &self.view {
            View::Start => false,
            View::Question(q) => self.returning || *q != self.flow.start,
            _ => true,
        }
    }

    /// The first question still to answer, or "check your answers" when there is none.
    fn resume(&self) -> View {
        match next_question(&self.flow, &self.answers) {
            Next::Question(q) => View::Question(q.id.clone()),
            Next::Outcome(_) => View::Check,
        }
    }

    /// The questions on the path with usable answers, in order.
    pub fn path(&self) -> Vec<String> {
        answered_path(&self.flow, &self.answers)
            .into_iter()
            .map(|q| q.id.clone())
            .collect()
    }

    fn go(&mut self, view: View) {
        self.view = view;
        self.errors.clear();
        self.notice = None;
        self.move_focus(Focus::Heading);
    }

    fn move_focus(&mut self, focus: Focus) {
        self.focus = focus;
        self.focus_seq = self.focus_seq.wrapping_add(1);
    }

    /// Where Continue leads after answering `question`.
    fn after(&self, question: &str) -> (View, bool) {
        if self.returning {
            // Back to "check your answers" unless the changed answer opened new questions.
            return match next_question(&self.flow, &self.answers) {
                Next::Question(q) => (View::Question(q.id.clone()), true),
                Next::Outcome(_) => (View::Check, false),
            };
        }
        let path = self.path();
        match path.iter().position(|q| q == question) {
            // The next question on the path, with its answer kept from before.
            Some(i) if i + 1 < path.len() => (View::Question(path[i + 1].clone()), false),
            _ => (self.resume(), false),
        }
    }

    /// Where Back leads from the current view.
    fn before(&self) -> View {
        let path = self.path();
        match &self.view {
            View::Start => View::Start,
            View::Check => path
                .last()
                .cloned()
                .map(View::Question)
                .unwrap_or(View::Start),
            View::Outcome => View::Check,
            View::Question(_) if self.returning => View::Check,
            View::Question(q) => match path.iter().position(|p| p == q) {
                Some(0) => View::Start,
                Some(i) => View::Question(path[i - 1].clone()),
                // Not yet answered: it follows the last answered question.
                None => path
                    .last()
                    .cloned()
                    .map(View::Question)
                    .unwrap_or(View::Start),
            },
        }
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::Start => {
                s.returning = false;
                let first = s.flow.start.clone();
                s.go(View::Question(first));
            }
            Action::Submit { question, result } => match result {
                Ok(answer) => {
                    s.answers.set(question.clone(), answer);
                    let (view, returning) = s.after(&question);
                    s.returning = returning;
                    s.go(view);
                }
                Err(errors) => {
                    s.errors = errors;
                    s.notice = None;
                    s.move_focus(Focus::Errors);
                }
            },
            Action::Back => {
                let view = s.before();
                if view == View::Check || view == View::Start {
                    s.returning = false;
                }
                s.go(view);
            }
            Action::Change(question) => {
                s.returning = true;
                s.go(View::Question(question));
            }
            Action::SeeOutcome => {
                s.returning = false;
                s.go(View::Outcome);
            }
            Action::StartAgain => {
                s.answers = Answers::new();
                s.ticked.clear();
                s.returning = false;
                let first = s.flow.start.clone();
                s.go(View::Question(first));
                s.notice = Some("Your answers have been cleared.".to_string());
            }
            Action::Show { view, returning } => {
                s.returning = returning;
                let view = s.usable(view);
                s.go(view);
            }
            Action::Tick { step, ticked } => {
                s.ticked.retain(|t| *t != step);
                if ticked {
                    s.ticked.push(step);
                }
            }
        }
        Rc::new(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    /// a (yes/no) -> b (yes/no) -> c (yes/no) -> done
    fn flow() -> FlowRef {
        let json = serde_json::json!({
            "id": "t", "title": "T", "start": "a",
            "questions": [
                {"id": "a", "kind": "yes-no", "text": "A?", "next": [{"goto": "b"}]},
                {"id": "b", "kind": "yes-no", "text": "B?", "next": [{"goto": "c"}]},
                {"id": "c", "kind": "yes-no", "text": "C?", "next": [{"goto": "done"}]}
            ],
            "outcomes": [{"id": "done", "title": "Done", "steps": []}]
        });
        let flow = Flow::from_json(&json.to_string()).unwrap();
        FlowRef(Rc::new(flow))
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()
    }

    fn answer(s: Rc<State>, id: &str, yes: bool) -> Rc<State> {
        s.reduce(Action::Submit {
            question: id.into(),
            result: Ok(Answer::Bool(yes)),
        })
    }

    #[test]
    fn walks_forward_to_check_answers() {
        let s = Rc::new(State::new(flow(), today()));
        let s = s.reduce(Action::Start);
        assert_eq!(s.view, View::Question("a".into()));
        assert_eq!(s.focus, Focus::Heading);
        let s = answer(s, "a", true);
        let s = answer(s, "b", true);
        assert_eq!(s.view, View::Question("c".into()));
        let s = answer(s, "c", false);
        assert_eq!(s.view, View::Check);
        let s = s.reduce(Action::SeeOutcome);
        assert_eq!(s.view, View::Outcome);
    }

    #[test]
    fn back_keeps_answers_and_continue_goes_to_the_next_question() {
        let s = Rc::new(State::new(flow(), today())).reduce(Action::Start);
        let s = answer(answer(s, "a", true), "b", false);
        let s = s.reduce(Action::Back);
        assert_eq!(s.view, View::Question("b".into()));
        let s = s.reduce(Action::Back);
        assert_eq!(s.view, View::Question("a".into()));
        assert_eq!(s.answers.get("b"), Some(&Answer::Bool(false)));
        let s = answer(s, "a", true);
        assert_eq!(
            s.view,
            View::Question("b".into()),
            "next on the path, not a jump"
        );
        let s = s.reduce(Action::Back).reduce(Action::Back);
        assert_eq!(s.view, View::Start);
    }

    #[test]
    fn change_returns_to_check_answers_and_keeps_later_answers() {
        let s = Rc::new(State::new(flow(), today())).reduce(Action::Start);
        let s = answer(answer(answer(s, "a", true), "b", true), "c", true);
        assert_eq!(s.view, View::Check);
        let s = s.reduce(Action::Change("a".into()));
        assert!(s.returning);
        let s = answer(s, "a", false);
        assert_eq!(s.view, View::Check);
        assert_eq!(s.answers.get("c"), Some(&Answer::Bool(true)));
        // Back from a Change goes back to check answers.
        let s = s.reduce(Action::Change("b".into())).reduce(Action::Back);
        assert_eq!(s.view, View::Check);
    }

    #[test]
    fn errors_stay_on_the_step_and_take_focus() {
        let s = Rc::new(State::new(flow(), today())).reduce(Action::Start);
        let seq = s.focus_seq;
        let err = FieldError {
            field: "f".into(),
            message: "Select yes or no".into(),
        };
        let s = s.reduce(Action::Submit {
            question: "a".into(),
            result: Err(vec![err.clone()]),
        });
        assert_eq!(s.view, View::Question("a".into()));
        assert_eq!(s.errors, vec![err]);
        assert_eq!(s.focus, Focus::Errors);
        assert_ne!(s.focus_seq, seq);
        let s = answer(s, "a", true);
        assert!(s.errors.is_empty());
    }

    #[test]
    fn start_again_forgets_answers_and_ticks() {
        let s = Rc::new(State::new(flow(), today())).reduce(Action::Start);
        let s = answer(s, "a", true).reduce(Action::Tick {
            step: "Do this".into(),
            ticked: true,
        });
        assert_eq!(s.ticked, ["Do this"]);
        let again = s.reduce(Action::StartAgain);
        assert!(again.answers.0.is_empty());
        assert!(again.ticked.is_empty());
        assert!(again.notice.is_some());
        assert_eq!(again.view, View::Question("a".into()));
    }

    #[test]
    fn no_back_on_the_first_question() {
        let s = Rc::new(State::new(flow(), today()));
        assert!(!s.has_back());
        let s = s.reduce(Action::Start);
        assert!(!s.has_back());
        let s = answer(s, "a", true);
        assert!(s.has_back());
        let s = answer(answer(s, "b", true), "c", true).reduce(Action::Change("a".into()));
        assert!(s.has_back(), "from a Change, Back returns to check answers");
    }

    #[test]
    fn the_browsers_back_shows_an_earlier_view_with_the_answers_kept() {
        let s = Rc::new(State::new(flow(), today())).reduce(Action::Start);
        let s = answer(answer(s, "a", true), "b", false);
        let seq = s.focus_seq;
        let s = s.reduce(Action::Show {
            view: View::Question("b".into()),
            returning: false,
        });
        assert_eq!(s.view, View::Question("b".into()));
        assert_eq!(s.answers.get("b"), Some(&Answer::Bool(false)));
        assert_ne!(s.focus_seq, seq, "focus moves to the heading");
        // A view the answers no longer reach falls back to the first missing answer.
        let s = s.reduce(Action::Show {
            view: View::Outcome,
            returning: false,
        });
        assert_eq!(s.view, View::Question("c".into()));
    }

    #[test]
    fn restoring_a_stale_view_resumes_at_the_first_missing_answer() {
        let mut answers = Answers::new();
        answers.set("a", Answer::Bool(true));
        let s = State::restored(flow(), today(), answers.clone(), View::Outcome, false);
        assert_eq!(s.view, View::Question("b".into()));
        answers.set("b", Answer::Bool(true));
        answers.set("c", Answer::Bool(true));
        let s = State::restored(flow(), today(), answers.clone(), View::Outcome, false);
        assert_eq!(s.view, View::Outcome);
        answers.remove("b");
        let s = State::restored(flow(), today(), answers, View::Question("zz".into()), false);
        assert_eq!(s.view, View::Question("b".into()));
        assert_eq!(
            s.focus,
            Focus::Heading,
            "after a reload, focus is on the step"
        );
        let s = State::restored(flow(), today(), Answers::new(), View::Start, false);
        assert_eq!(s.focus, Focus::Stay, "the start view leaves the page alone");
    }
}
