//! Signpost's decision wizard, compiled to wasm32 and mounted into the generated pages.
//!
//! The generator renders, where a page's Markdown says `{{ wizard(flow="...") }}`:
//! a `<div class="wizard" data-flow="<id>" data-flow-json="<script id>">` holding a short
//! note for readers without JavaScript, and a `<script type="application/json">` with the
//! flow (the engine's `Flow::to_json`). `boot.js` loads this module and calls `start()`,
//! which mounts the wizard into every such element. Everything runs in the reader's
//! browser; the answers never leave it.
//!
//! `app.rs` is the wizard component, `state.rs` its one reducer, `components/` the steps
//! and form controls it shows, `io/` what it reads and keeps (the flow JSON, the stored
//! answers, the browser history, today's date), `ids.rs` the element ids they share,
//! `country_filter.rs` which places match what a reader types.

mod app;
mod components;
mod country_filter;
mod ids;
mod io;
mod state;

use std::rc::Rc;

// Talc instead of the default dlmalloc: the same job in less code (see Cargo.toml).
#[cfg(all(target_family = "wasm", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

/// Mounts the wizard into every element with a `data-flow` attribute.
#[wasm_bindgen]
pub fn start() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(mounts) = document.query_selector_all("[data-flow]") else {
        return;
    };
    for i in 0..mounts.length() {
        let Some(el) = mounts
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
        else {
            continue;
        };
        match load_flow(&document, &el) {
            Ok(flow) => {
                el.set_inner_html("");
                let _ = el.class_list().add_1("wizard--running");
                let props = app::WizardProps {
                    flow: state::FlowRef(Rc::new(flow)),
                };
                yew::Renderer::<app::Wizard>::with_root_and_props(el, props).render();
            }
            // The fallback note stays; the guidance text above and below is complete.
            Err(message) => {
                web_sys::console::error_1(&format!("Signpost wizard: {message}").into())
            }
        }
    }
}

/// The flow JSON named by the mount point (`data-flow-json`, or `signpost-flow-<id>`).
fn load_flow(
    document: &web_sys::Document,
    el: &web_sys::Element,
) -> Result<signpost_wizard::Flow, String> {
    let id = el.get_attribute("data-flow").unwrap_or_default();
    let script_id = el
        .get_attribute("data-flow-json")
        .unwrap_or_else(|| format!("signpost-flow-{id}"));
    let json = document
        .get_element_by_id(&script_id)
        .and_then(|s| s.text_content())
        .ok_or_else(|| format!("no flow data (#{script_id}) for flow \"{id}\""))?;
    io::flow_json::flow(&json).map_err(|e| format!("cannot read flow \"{id}\": {e}"))
}
