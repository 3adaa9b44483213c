//! Radios in a fieldset, GOV.UK style: the question is the legend and the step's heading.
//! Used for choice and yes/no questions.

use crate::components::error_summary::error_message;
use crate::ids;
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Clone, PartialEq)]
pub struct RadioOption {
    pub value: String,
    pub label: String,
    pub hint: Option<String>,
}

pub struct Radios<'a> {
    pub prefix: &'a str,
    pub question: &'a str,
    pub text: &'a str,
    pub hint: Option<&'a str>,
    pub options: Vec<RadioOption>,
    pub selected: Option<&'a str>,
    pub error: Option<&'a str>,
    /// Side by side (yes/no).
    pub inline: bool,
    pub onchange: Callback<String>,
}

pub fn radios(props: Radios) -> Html {
    let p = props.prefix;
    let q = props.question;
    let hint_id = ids::part(p, q, "hint");
    let error_id = ids::part(p, q, "error");
    let described = described_by(
        props.hint.is_some().then_some(&hint_id),
        props.error.as_ref().map(|_| &error_id),
    );
    html! {
        <div class={if props.error.is_some() { "wizard-form-group wizard-form-group--error" } else { "wizard-form-group" }}>
            <fieldset class="wizard-fieldset" aria-describedby={described}>
                <legend class="wizard-fieldset__legend">
                    <h2 class="wizard-heading" id={ids::heading(p)} tabindex="-1">{ props.text }</h2>
                </legend>
                if let Some(hint) = props.hint {
                    <div class="wizard-hint" id={hint_id.clone()}>{ hint }</div>
                }
                if let Some(error) = props.error {
                    { error_message(&error_id, error) }
                }
                <div class={if props.inline { "wizard-radios wizard-radios--inline" } else { "wizard-radios" }}>
                    { for props.options.iter().enumerate().map(|(i, o)| {
                        // The first radio carries the question's field id: errors link to it.
                        let id = if i == 0 { ids::field(p, q) } else { ids::part(p, q, &i.to_string()) };
                        let item_hint = format!("{id}-item-hint");
                        let onchange = {
                            let cb = props.onchange.clone();
                            Callback::from(move |e: Event| {
                                let input: HtmlInputElement = e.target_unchecked_into();
                                if input.checked() {
                                    cb.emit(input.value());
                                }
                            })
                        };
                        html! {
                            <div class="wizard-radios__item">
                                <input class="wizard-radios__input" type="radio" id={id.clone()}
                                    name={ids::field(p, q)} value={o.value.clone()}
                                    checked={props.selected == Some(o.value.as_str())}
                                    aria-describedby={o.hint.as_ref().map(|_| item_hint.clone())}
                                    {onchange} />
                                <label class="wizard-radios__label" for={id}>{ &o.label }</label>
                                if let Some(h) = &o.hint {
                                    <div class="wizard-hint wizard-radios__hint" id={item_hint}>{ h }</div>
                                }
                            </div>
                        }
                    }) }
                </div>
            </fieldset>
        </div>
    }
}

/// `aria-describedby` from the ids that exist, or nothing.
pub fn described_by(hint: Option<&String>, error: Option<&String>) -> Option<String> {
    let ids: Vec<&str> = [hint, error]
        .into_iter()
        .flatten()
        .map(String::as_str)
        .collect();
    (!ids.is_empty()).then(|| ids.join(" "))
}
