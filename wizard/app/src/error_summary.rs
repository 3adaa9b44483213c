//! The GOV.UK error summary: "There is a problem", each message a link to its field.
//! It receives focus when it appears (see app.rs); a link moves focus to the field
//! without touching the URL.

use crate::ids;
use crate::state::FieldError;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ErrorSummaryProps {
    pub prefix: AttrValue,
    pub errors: Vec<FieldError>,
}

#[component]
pub fn ErrorSummary(props: &ErrorSummaryProps) -> Html {
    if props.errors.is_empty() {
        return html! {};
    }
    let id = ids::errors(&props.prefix);
    html! {
        <div class="wizard-error-summary" id={id} tabindex="-1">
            <div role="alert">
                <h2 class="wizard-error-summary__title">{ "There is a problem" }</h2>
                <ul class="wizard-error-summary__list">
                    { for props.errors.iter().map(|e| {
                        let field = e.field.clone();
                        let onclick = Callback::from(move |ev: MouseEvent| {
                            ev.prevent_default();
                            ids::focus(&field);
                        });
                        html! { <li><a href={format!("#{}", e.field)} {onclick}>{ &e.message }</a></li> }
                    }) }
                </ul>
            </div>
        </div>
    }
}

/// The message under a field: "Error: ..." for screen readers.
#[derive(Properties, PartialEq)]
pub struct ErrorMessageProps {
    pub id: AttrValue,
    pub message: AttrValue,
}

#[component]
pub fn ErrorMessage(props: &ErrorMessageProps) -> Html {
    html! {
        <p class="wizard-error-message" id={props.id.clone()}>
            <span class="wizard-visually-hidden">{ "Error: " }</span>{ &props.message }
        </p>
    }
}
