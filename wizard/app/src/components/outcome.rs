//! The outcome: what to do, in order, as a checklist; the deadline (with its weekday, or
//! a plain warning when it has passed); the reasons; the answers; Print.
//!
//! Nothing here names a particular flow: the deadline is found from the facts whose rule
//! is a deadline, so a different policy is a content edit only.

use crate::components::check_answers::answers_list;
use crate::components::step_text::rich;
use crate::ids;
use chrono::NaiveDate;
use serde_json::Value;
use signpost_wizard::{
    Answer, Answers, DayCount, EvalError, Evaluation, FactRule, Flow, OutcomeStep, evaluate,
    format_date, json_text,
};
use yew::prelude::*;

pub struct OutcomeProps<'a> {
    pub flow: &'a Flow,
    pub prefix: &'a str,
    pub answers: &'a Answers,
    pub today: NaiveDate,
    pub onchange: &'a Callback<String>,
    pub onstartagain: Callback<MouseEvent>,
    /// The steps ticked (by text), kept across a reload.
    pub ticked: &'a [String],
    pub ontick: Callback<(String, bool)>,
}

/// A deadline the outcome reports, in words.
#[derive(Debug, Clone, PartialEq)]
pub enum Deadline {
    /// Act by this day; `notice` is e.g. "15 working days", `from` the date answered.
    By {
        date: NaiveDate,
        notice: String,
        from: NaiveDate,
        working: bool,
    },
    /// The day has passed.
    Late {
        date: NaiveDate,
        notice: String,
        from: NaiveDate,
    },
    /// No date was given: only the notice period is known.
    NoDate { notice: String },
}

/// The deadlines among the outcome's facts.
pub fn deadlines(flow: &Flow, eval: &Evaluation, answers: &Answers) -> Vec<Deadline> {
    let mut out = Vec::new();
    for fact in flow.facts.iter().filter(|f| eval.facts.contains_key(&f.id)) {
        let FactRule::Deadline {
            date,
            notice,
            count,
        } = &fact.rule
        else {
            continue;
        };
        let days = match eval.facts.get(notice) {
            // As `Display` writes it, without serde_json's float printer in the wasm.
            Some(number @ Value::Number(_)) => json_text(number),
            Some(Value::String(s)) => s.clone(),
            _ => continue,
        };
        let notice = format!("{days} {}", count.words());
        let working = *count == DayCount::WorkingDays;
        let due = eval
            .facts
            .get(&fact.id)
            .and_then(Value::as_str)
            .and_then(iso);
        let from = match answers.get(date) {
            Some(Answer::Text(t)) => iso(t),
            _ => None,
        };
        let late = flow.facts.iter().any(|f| {
            matches!(&f.rule, FactRule::Passed { date } if *date == fact.id)
                && eval.facts.get(&f.id) == Some(&Value::Bool(true))
        });
        out.push(match (due, from) {
            (Some(date), Some(from)) if late => Deadline::Late { date, notice, from },
            (Some(date), Some(from)) => Deadline::By {
                date,
                notice,
                from,
                working,
            },
            _ => Deadline::NoDate { notice },
        });
    }
    out
}

use crate::io::iso_date::iso_date as iso;

pub fn outcome_view(props: OutcomeProps) -> Html {
    let flow = props.flow;
    let heading = ids::heading(props.prefix);
    let eval = match evaluate(flow, props.answers, props.today) {
        Ok(eval) => eval,
        Err(e) => return problem(&props, &heading, e),
    };
    let Some(outcome) = flow.outcome(&eval.outcome) else {
        return html! { <h2 class="wizard-heading" id={heading} tabindex="-1">{ "Something went wrong" }</h2> };
    };
    let onprint = Callback::from(|_: MouseEvent| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    });
    let onstartagain = props.onstartagain.clone();
    let step_id = |i: usize| format!("{}-step-{i}", props.prefix);

    html! {
        <div class="wizard-outcome" data-outcome={eval.outcome.clone()}>
            <div class="wizard-panel">
                <h2 class="wizard-heading wizard-panel__title" id={heading} tabindex="-1">{ &outcome.title }</h2>
                if let Some(summary) = &eval.summary {
                    <p class="wizard-panel__body">{ rich(summary) }</p>
                }
            </div>
            { for deadlines(flow, &eval, props.answers).into_iter().map(deadline) }
            <h3 class="wizard-subheading">{ "What to do" }</h3>
            <ol class="wizard-checklist">
                { for eval.steps.iter().enumerate().map(|(i, step)| {
                    let ticked = props.ticked.contains(&step.text);
                    checklist_item(step, step_id(i), ticked, &props.ontick)
                }) }
            </ol>
            if !eval.reasons.is_empty() {
                <h3 class="wizard-subheading">{ "Why" }</h3>
                <ul class="wizard-list wizard-reasons">
                    { for eval.reasons.iter().map(|r| html! { <li>{ rich(r) }</li> }) }
                </ul>
            }
            <h3 class="wizard-subheading">{ "Your answers" }</h3>
            { answers_list(flow, props.answers, props.onchange) }
            <div class="wizard-button-group wizard-no-print">
                <button type="button" class="wizard-button" onclick={onprint}>{ "Print this page" }</button>
                <button type="button" class="wizard-button wizard-button--secondary" onclick={onstartagain}>{ "Start again" }</button>
            </div>
        </div>
    }
}

/// A step to do, with a tick box; or a step that only informs, without one. Either may
/// have a list under it.
fn checklist_item(
    step: &OutcomeStep,
    id: String,
    ticked: bool,
    ontick: &Callback<(String, bool)>,
) -> Html {
    let items = (!step.items.is_empty()).then(|| {
        html! {
            <ul class="wizard-list wizard-checklist__items">
                { for step.items.iter().map(|item| html! { <li>{ rich(item) }</li> }) }
            </ul>
        }
    });
    if step.action {
        html! {
            <li class="wizard-checklist__item">
                <input class="wizard-checklist__input" type="checkbox" id={id.clone()}
                    checked={ticked} onchange={{
                        let ontick = ontick.clone();
                        let text = step.text.clone();
                        Callback::from(move |e: Event| {
                            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
                            ontick.emit((text.clone(), input.checked()));
                        })
                    }} />
                <label class="wizard-checklist__label" for={id}>{ rich(&step.text) }</label>
                { for items }
            </li>
        }
    } else {
        html! {
            <li class="wizard-checklist__item wizard-checklist__item--note">
                <p class="wizard-checklist__note">{ rich(&step.text) }</p>
                { for items }
            </li>
        }
    }
}

fn deadline(d: Deadline) -> Html {
    match d {
        Deadline::By {
            date,
            notice,
            from,
            working,
        } => html! {
            <div class="wizard-inset wizard-deadline">
                <p class="wizard-deadline__date">{ "Send your request by " }<strong>{ format_date(date) }</strong>{ "." }</p>
                <p>
                    { format!("That is {notice} before you travel on {}.", format_date(from)) }
                    if working { { " Weekends and bank holidays do not count." } }
                </p>
            </div>
        },
        Deadline::Late { date, notice, from } => html! {
            <div class="wizard-warning wizard-deadline" >
                <span class="wizard-warning__icon" aria-hidden="true">{ "!" }</span>
                <div class="wizard-warning__text">
                    <p><span class="wizard-visually-hidden">{ "Warning: " }</span>
                        <strong>{ format!("Your request is already late. The last day to send it was {}.", format_date(date)) }</strong></p>
                    <p>{ format!("That was {notice} before you travel on {}. Do the steps below now, in order, and send your request as soon as you can.", format_date(from)) }</p>
                </div>
            </div>
        },
        Deadline::NoDate { notice } => html! {
            <div class="wizard-inset wizard-deadline">
                <p>{ format!("You did not give a travel date. Send your request at least {notice} before you travel.") }</p>
            </div>
        },
    }
}

/// An answer that cannot be used any more (say, a travel date now in the past).
fn problem(props: &OutcomeProps, heading: &str, e: EvalError) -> Html {
    let (question, message) = match e {
        EvalError::Missing { question } => (question, "This answer is missing.".to_string()),
        EvalError::Invalid { question, message } => (question, message),
    };
    let text = props
        .flow
        .question(&question)
        .map(|q| q.text.clone())
        .unwrap_or_default();
    let cb = props.onchange.clone();
    let onclick = Callback::from(move |_: MouseEvent| cb.emit(question.clone()));
    html! {
        <div class="wizard-outcome">
            <h2 class="wizard-heading" id={heading.to_string()} tabindex="-1">{ "Check one of your answers" }</h2>
            <p class="wizard-body">{ format!("Your answer to \u{201c}{text}\u{201d} cannot be used: {message}.") }</p>
            <button type="button" class="wizard-button" {onclick}>{ "Change this answer" }</button>
        </div>
    }
}
