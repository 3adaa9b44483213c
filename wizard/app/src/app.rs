//! The wizard: one reducer-driven component per mount point. It shows the current view,
//! the Back link and error summary above it, keeps the answers in sessionStorage, records
//! each step in the browser's history (so its Back button goes to the previous step), and
//! moves focus to the new heading (or the error summary) after each step.

use crate::components::check_answers::{CheckAnswers, check_answers};
use crate::components::error_summary::error_summary;
use crate::components::outcome::{OutcomeProps, outcome_view};
use crate::components::question::QuestionStep;
use crate::components::start_page::start_page;
use crate::ids;
use crate::io::history;
use crate::io::storage::{self, Saved};
use crate::io::today::today;
use crate::state::{Action, FlowRef, Focus, State, View};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct WizardProps {
    pub flow: FlowRef,
}

#[component]
pub fn Wizard(props: &WizardProps) -> Html {
    let state = use_wizard_state(&props.flow);
    let flow = state.flow.clone();
    let prefix: AttrValue = format!("wz-{}", flow.id).into();
    use_kept_steps(&state);
    use_step_focus(&state, &prefix);

    html! {
        <div class="wizard-app">
            if state.has_back() {
                <button type="button" class="wizard-back-link wizard-no-print" onclick={send(&state, || Action::Back)}>{ "Back" }</button>
            }
            <div class="wizard-notice" role="status">
                if let Some(notice) = &state.notice { <p>{ notice }</p> }
            </div>
            { error_summary(&prefix, &state.errors) }
            if matches!(state.view, View::Question(_)) {
                <p class="wizard-caption">{ &flow.title }</p>
            }
            { step_view(&state, &prefix) }
            <div class="wizard-footer wizard-no-print">
                <p class="wizard-privacy">{ "Your answers stay in this browser tab: they are not sent anywhere, and they are forgotten when you close the tab." }</p>
                // The one way to start again (check and outcome have it as a button).
                if !state.answers.0.is_empty() && matches!(state.view, View::Question(_)) {
                    <button type="button" class="wizard-link-button" onclick={send(&state, || Action::StartAgain)}>{ "Start again" }</button>
                }
            </div>
        </div>
    }
}

/// The state, starting from the answers kept in this tab if there are any.
#[hook]
fn use_wizard_state(flow: &FlowRef) -> UseReducerHandle<State> {
    let flow = flow.clone();
    use_reducer(move || {
        let today = today();
        match storage::load(&flow.id) {
            Some(saved) => {
                let view = saved.view();
                let mut state = State::restored(flow, today, saved.answers, view, saved.returning);
                state.ticked = saved.ticked;
                state
            }
            None => State::new(flow, today),
        }
    })
}

/// Keep the answers in this tab's sessionStorage; nothing to keep means nothing stored.
/// Each step shown is a history entry (the first replaces the page's own entry), so the
/// browser's Back goes to the previous step; Back and Forward show the entry's step.
#[hook]
fn use_kept_steps(state: &UseReducerHandle<State>) {
    let id = state.flow.id.clone();
    // Only the first render has focus_seq 0: every step after it moves focus.
    let first = state.focus_seq == 0;
    let handle = state.clone();
    use_effect_with(
        (
            state.answers.clone(),
            state.view.clone(),
            state.returning,
            state.ticked.clone(),
        ),
        move |(answers, view, returning, ticked)| {
            if answers.0.is_empty() && *view == View::Start {
                storage::clear(&id);
            } else {
                storage::save(&id, &Saved::new(answers, view, *returning, ticked));
            }
            let entry = history::entry(&id, view, *returning);
            if history::current().as_deref() != Some(entry.as_str()) {
                history::record(&entry, first);
            }
            if first {
                history::listen(&id.clone(), move |entry| {
                    // Entries not this wizard's ("On this page" links) change nothing.
                    if let Some((view, returning)) = entry.and_then(|e| history::read(&id, &e)) {
                        handle.dispatch(Action::Show { view, returning });
                    }
                });
            }
        },
    );
}

/// Move focus after the render that showed a new step or errors.
#[hook]
fn use_step_focus(state: &UseReducerHandle<State>, prefix: &AttrValue) {
    let focus = state.focus;
    let prefix = prefix.clone();
    use_effect_with(state.focus_seq, move |_| match focus {
        Focus::Stay => {}
        Focus::Heading => ids::focus(&ids::heading(&prefix)),
        Focus::Errors => ids::focus(&ids::errors(&prefix)),
    });
}

/// A button's click: one action.
fn send(state: &UseReducerHandle<State>, action: fn() -> Action) -> Callback<MouseEvent> {
    let state = state.clone();
    Callback::from(move |_: MouseEvent| state.dispatch(action()))
}

/// The current step: the start page, a question, "check your answers" or the outcome.
fn step_view(state: &UseReducerHandle<State>, prefix: &AttrValue) -> Html {
    let flow = &state.flow;
    let onchange = {
        let state = state.clone();
        Callback::from(move |q: String| state.dispatch(Action::Change(q)))
    };
    match &state.view {
        View::Start => start_page(
            prefix,
            &flow.title,
            flow.intro.as_deref(),
            send(state, || Action::Start),
        ),
        View::Question(q) => {
            let onsubmit = {
                let state = state.clone();
                let question = q.clone();
                Callback::from(move |result| {
                    state.dispatch(Action::Submit {
                        question: question.clone(),
                        result,
                    })
                })
            };
            html! {
                <QuestionStep key={q.clone()} flow={flow.clone()} prefix={prefix.clone()}
                    question={q.clone()} answer={state.answers.get(q).cloned()}
                    errors={state.errors.clone()} today={state.today} {onsubmit} />
            }
        }
        View::Check => check_answers(CheckAnswers {
            flow,
            prefix,
            answers: &state.answers,
            onchange: &onchange,
            oncontinue: send(state, || Action::SeeOutcome),
            onstartagain: send(state, || Action::StartAgain),
        }),
        View::Outcome => {
            let ontick = {
                let state = state.clone();
                Callback::from(move |(step, ticked): (String, bool)| {
                    state.dispatch(Action::Tick { step, ticked })
                })
            };
            outcome_view(OutcomeProps {
                flow,
                prefix,
                answers: &state.answers,
                today: state.today,
                onchange: &onchange,
                onstartagain: send(state, || Action::StartAgain),
                ticked: &state.ticked,
                ontick,
            })
        }
    }
}
