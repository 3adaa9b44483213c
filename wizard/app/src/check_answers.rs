//! "Check your answers": every answer on the path, each with a Change link that takes
//! the reader back to that question with all later answers kept.

use crate::ids;
use crate::state::FlowRef;
use signpost_wizard::{Answers, answer_label, answered_path};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct AnswersListProps {
    pub flow: FlowRef,
    pub answers: Answers,
    pub onchange: Callback<String>,
}

/// The summary list of questions and answers (also shown on the outcome, and printed).
#[component]
pub fn AnswersList(props: &AnswersListProps) -> Html {
    let flow = &props.flow;
    html! {
        <dl class="wizard-summary-list">
            { for answered_path(flow, &props.answers).into_iter().map(|q| {
                let label = props.answers.get(&q.id).map(|a| answer_label(flow, q, a)).unwrap_or_default();
                let id = q.id.clone();
                let cb = props.onchange.clone();
                html! {
                    <div class="wizard-summary-list__row">
                        <dt class="wizard-summary-list__key">{ &q.text }</dt>
                        <dd class="wizard-summary-list__value">{ label }</dd>
                        <dd class="wizard-summary-list__actions">
                            <button type="button" class="wizard-link-button" onclick={Callback::from(move |_| cb.emit(id.clone()))}>
                                { "Change" }<span class="wizard-visually-hidden">{ format!(" your answer to: {}", q.text) }</span>
                            </button>
                        </dd>
                    </div>
                }
            }) }
        </dl>
    }
}

#[derive(Properties, PartialEq)]
pub struct CheckAnswersProps {
    pub flow: FlowRef,
    pub prefix: AttrValue,
    pub answers: Answers,
    pub onchange: Callback<String>,
    pub oncontinue: Callback<()>,
    pub onstartagain: Callback<()>,
}

#[component]
pub fn CheckAnswers(props: &CheckAnswersProps) -> Html {
    let oncontinue = props.oncontinue.reform(|_: MouseEvent| ());
    let onstartagain = props.onstartagain.reform(|_: MouseEvent| ());
    html! {
        <div class="wizard-check">
            <h2 class="wizard-heading" id={ids::heading(&props.prefix)} tabindex="-1">{ "Check your answers" }</h2>
            <AnswersList flow={props.flow.clone()} answers={props.answers.clone()} onchange={props.onchange.clone()} />
            <div class="wizard-button-group">
                <button type="button" class="wizard-button" onclick={oncontinue}>{ "See what you need to do" }</button>
                <button type="button" class="wizard-button wizard-button--secondary" onclick={onstartagain}>{ "Start again" }</button>
            </div>
        </div>
    }
}
