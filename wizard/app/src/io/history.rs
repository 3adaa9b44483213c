//! The browser's Back and Forward buttons move between the wizard's steps: each new step
//! is a history entry (`pushState`) with the page's URL unchanged. An entry holds only
//! the flow's id and the view's name ("overseas-travel|question:strap|0"), never an
//! answer: the answers stay in sessionStorage (storage.rs).

use crate::io::storage::{view_name, view_named};
use crate::state::View;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

/// The entry's text for this flow and view.
pub fn entry(flow_id: &str, view: &View, returning: bool) -> String {
    format!(
        "{flow_id}|{}|{}",
        view_name(view),
        if returning { 1 } else { 0 }
    )
}

/// The view an entry of this flow holds; None for another flow's or the page's own.
pub fn read(flow_id: &str, entry: &str) -> Option<(View, bool)> {
    let rest = entry.strip_prefix(flow_id)?.strip_prefix('|')?;
    let (view, returning) = rest.rsplit_once('|')?;
    Some((view_named(view), returning == "1"))
}

fn history() -> Option<web_sys::History> {
    web_sys::window()?.history().ok()
}

/// The current entry's text, if it is one of ours.
pub fn current() -> Option<String> {
    history()?.state().ok()?.as_string()
}

/// Records the step shown: a new entry, or (`replace`) the current one, e.g. on load.
pub fn record(entry: &str, replace: bool) {
    let Some(h) = history() else { return };
    let data = JsValue::from_str(entry);
    // No URL: the address stays exactly as it is.
    let _ = if replace {
        h.replace_state(&data, "")
    } else {
        h.push_state(&data, "")
    };
}

thread_local! {
    /// The flows whose wizard listens already: one listener each, however often asked.
    static LISTENING: std::cell::RefCell<Vec<String>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Calls `on_entry` with each entry the reader goes Back or Forward to, for as long as
/// the page is open (a wizard is never unmounted, so the listener is never removed).
pub fn listen(flow_id: &str, on_entry: impl Fn(Option<String>) + 'static) {
    let new = LISTENING.with(|l| {
        let mut l = l.borrow_mut();
        let new = !l.iter().any(|f| f == flow_id);
        if new {
            l.push(flow_id.to_string());
        }
        new
    });
    let Some(window) = web_sys::window().filter(|_| new) else {
        return;
    };
    let closure = Closure::<dyn Fn()>::new(move || on_entry(current()));
    let _ = window.add_event_listener_with_callback("popstate", closure.as_ref().unchecked_ref());
    closure.forget();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_hold_the_view_and_nothing_else() {
        let e = entry("overseas-travel", &View::Question("strap".into()), false);
        assert_eq!(e, "overseas-travel|question:strap|0");
        assert_eq!(
            read("overseas-travel", &e),
            Some((View::Question("strap".into()), false))
        );
        assert_eq!(
            read(
                "overseas-travel",
                &entry("overseas-travel", &View::Check, true)
            ),
            Some((View::Check, true))
        );
        assert_eq!(read("other-flow", &e), None);
        assert_eq!(
            read("overseas", &e),
            None,
            "a prefix of the id is not the id"
        );
    }
}
