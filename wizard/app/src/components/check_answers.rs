//! "Check your answers": every answer on the path, each with a Change link that takes
//! the reader back to that question with all later answers kept.

use crate::ids;
use signpost_wizard::{Answers, Flow, answer_label, answered_path};
use yew::prelude::*;

/// The summary list of questions and answers (also shown on the outcome, and printed).
pub fn answers_list(flow: &Flow, answers: &Answers, onchange: &Callback<String>) -> Html {
    html! {
        <dl class="wizard-summary-list">
            { for answered_path(flow, answers).into_iter().map(|q| {
                let label = answers.get(&q.id).map(|a| answer_label(flow, q, a)).unwrap_or_default();
                let id = q.id.clone();
                let cb = onchange.clone();
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

pub struct CheckAnswers<'a> {
    pub flow: &'a Flow,
    pub prefix: &'a str,
    pub answers: &'a Answers,
    pub onchange: &'a Callback<String>,
    pub oncontinue: Callback<MouseEvent>,
    pub onstartagain: Callback<MouseEvent>,
}

pub fn check_answers(c: CheckAnswers) -> Html {
    html! {
        <div class="wizard-check">
            <h2 class="wizard-heading" id={ids::heading(c.prefix)} tabindex="-1">{ "Check your answers" }</h2>
            { answers_list(c.flow, c.answers, c.onchange) }
            <div class="wizard-button-group">
                <button type="button" class="wizard-button" onclick={c.oncontinue}>{ "See what you need to do" }</button>
                <button type="button" class="wizard-button wizard-button--secondary" onclick={c.onstartagain}>{ "Start again" }</button>
            </div>
        </div>
    }
}
