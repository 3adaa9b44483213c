//! Element ids. Every id starts with the wizard's prefix (`wz-<flow id>`), so two wizards
//! on one page never clash.

/// The current step's heading (focus moves here on each step).
pub fn heading(prefix: &str) -> String {
    format!("{prefix}-heading")
}

/// The error summary (focus moves here when Continue finds problems).
pub fn errors(prefix: &str) -> String {
    format!("{prefix}-errors")
}

/// A question's (first) input, which error messages link to.
pub fn field(prefix: &str, question: &str) -> String {
    format!("{prefix}-{question}")
}

/// A part of a question: `field-hint`, `field-error`, `field-day`, ...
pub fn part(prefix: &str, question: &str, part: &str) -> String {
    format!("{prefix}-{question}-{part}")
}

/// Moves keyboard focus to an element (and so scrolls it into view).
pub fn focus(id: &str) {
    use wasm_bindgen::JsCast;
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}
