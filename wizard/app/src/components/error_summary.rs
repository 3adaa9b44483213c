//! The GOV.UK error summary: "There is a problem", each message a link to its field.
//! It receives focus when it appears (see app.rs); a link moves focus to the field
//! without touching the URL. Also the message shown under a field.

use crate::ids;
use crate::state::FieldError;
use yew::prelude::*;

pub fn error_summary(prefix: &str, errors: &[FieldError]) -> Html {
    if errors.is_empty() {
        return Html::default();
    }
    html! {
        <div class="wizard-error-summary" id={ids::errors(prefix)} tabindex="-1">
            <div role="alert">
                <h2 class="wizard-error-summary__title">{ "There is a problem" }</h2>
                <ul class="wizard-error-summary__list">
                    { for errors.iter().map(|e| {
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
pub fn error_message(id: &str, message: &str) -> Html {
    html! {
        <p class="wizard-error-message" id={id.to_string()}>
            <span class="wizard-visually-hidden">{ "Error: " }</span>{ message }
        </p>
    }
}
