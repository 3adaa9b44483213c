//! The first view: what the wizard is for, and "Start now".

use crate::ids;
use yew::prelude::*;

pub fn start_page(
    prefix: &str,
    title: &str,
    intro: Option<&str>,
    onstart: Callback<MouseEvent>,
) -> Html {
    html! {
        <div class="wizard-start">
            <h2 class="wizard-heading" id={ids::heading(prefix)} tabindex="-1">{ title }</h2>
            if let Some(intro) = intro {
                <p class="wizard-body">{ intro }</p>
            }
            <button type="button" class="wizard-button wizard-button--start" onclick={onstart}>
                { "Start now" }
                <svg class="wizard-button__start-icon" xmlns="http://www.w3.org/2000/svg" width="17.5" height="19" viewBox="0 0 33 40" aria-hidden="true" focusable="false">
                    <path fill="currentColor" d="M0 0h13l20 20-20 20H0l20-20z" />
                </svg>
            </button>
        </div>
    }
}
