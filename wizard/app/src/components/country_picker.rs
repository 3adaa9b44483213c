//! The countries question: an ARIA 1.2 combobox (the GOV.UK accessible-autocomplete is
//! the model) to add several places (destinations and places passed through) and remove
//! any.
//!
//! The text box is a combobox; the matches, best first, are a listbox right after it; the
//! arrow keys move the highlight (`aria-activedescendant`, focus stays in the box) and
//! Enter adds the highlighted place. Enter never picks when several match and none is
//! highlighted: the status line says how to choose. A status line (role="status") says
//! how many match, what to do when none does, and what was added or removed. What is left
//! typed in the box when the reader presses Continue is never dropped: `question.rs`
//! adds the one place it names exactly, or stops with an error at the box. Which places
//! match what is typed: `country_filter.rs`.

use crate::components::error_summary::error_message;
use crate::components::radios::described_by;
use crate::country_filter::{exact, fold, matched_alias, matches, word_starts};
use crate::ids;
use crate::state::FlowRef;
use signpost_wizard::{Country, Flow};
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// At most this many matches are listed; typing more narrows them.
const SHOWN: usize = 20;

#[derive(Properties, PartialEq)]
pub struct CountriesProps {
    pub flow: FlowRef,
    pub prefix: AttrValue,
    pub question: AttrValue,
    pub text: AttrValue,
    pub hint: Option<AttrValue>,
    /// Codes, in the order added.
    pub selected: Vec<String>,
    /// What is typed in the box (kept by the question, which checks it on Continue).
    pub typed: AttrValue,
    pub error: Option<AttrValue>,
    /// The places and the text in the box after a change.
    pub onchange: Callback<(Vec<String>, String)>,
}

#[component]
pub fn Countries(props: &CountriesProps) -> Html {
    // The highlighted match (arrow keys), by position in the list shown.
    let active = use_state(|| None::<usize>);
    // What the status line says after an add, a remove or an Enter that cannot pick
    // (until the next keystroke).
    let said = use_state(|| None::<String>);
    let p = &props.prefix;
    let q = &props.question;
    let input_id = ids::field(p, q);
    let hint_id = ids::part(p, q, "hint");
    let error_id = ids::part(p, q, "error");
    let status_id = ids::part(p, q, "status");
    let results_id = ids::part(p, q, "results");
    let option_id = |i: usize| ids::part(p, q, &format!("option-{i}"));
    let flow = &props.flow;
    let typed = props.typed.to_string();

    let mut found: Vec<&Country> = matches(flow, &typed, &props.selected);
    let total = found.len();
    found.truncate(SHOWN);
    let active_index = active.filter(|i| *i < found.len());
    let status = status_line(said.as_ref(), &typed, total);

    let add = on_add(props, &said, &active, &input_id);
    let remove = on_remove(props, &said, &input_id);
    let oninput = {
        let said = said.clone();
        let active = active.clone();
        let onchange = props.onchange.clone();
        let selected = props.selected.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            said.set(None);
            active.set(None);
            onchange.emit((selected.clone(), input.value()));
        })
    };
    let onkeydown = on_key_down(Keys {
        codes: found.iter().map(|c| c.code.clone()).collect(),
        exact: exact(flow, &typed).iter().map(|c| c.code.clone()).collect(),
        typed: typed.clone(),
        active_index,
        add: add.clone(),
        active: active.clone(),
        said: said.clone(),
        onchange: props.onchange.clone(),
        selected: props.selected.clone(),
    });

    let described = described_by(
        props.hint.is_some().then_some(&hint_id),
        props.error.as_ref().map(|_| &error_id),
    )
    .map(|d| format!("{d} {status_id}"))
    .unwrap_or_else(|| status_id.clone());
    let open = !found.is_empty();
    let hint_more =
        "Type a name, then choose a place from the list to add it. Add as many as you need.";

    html! {
        <div class={if props.error.is_some() { "wizard-form-group wizard-form-group--error" } else { "wizard-form-group" }}>
            <h2 class="wizard-heading wizard-label-wrapper" id={ids::heading(p)} tabindex="-1">
                <label class="wizard-label" for={input_id.clone()}>{ &props.text }</label>
            </h2>
            <div class="wizard-hint" id={hint_id.clone()}>
                if let Some(hint) = &props.hint { { hint }{ " " } }
                { hint_more }
            </div>
            if let Some(error) = &props.error {
                { error_message(&error_id, error) }
            }
            <input class={if props.error.is_some() { "wizard-input wizard-input--error" } else { "wizard-input" }}
                id={input_id.clone()} type="text" role="combobox" autocomplete="off" spellcheck="false"
                aria-autocomplete="list" aria-expanded={open.to_string()}
                aria-controls={results_id.clone()}
                aria-activedescendant={active_index.map(option_id)}
                aria-describedby={described}
                value={typed.clone()} {oninput} {onkeydown} />
            <p class="wizard-countries__status" id={status_id} role="status">{ status }</p>
            <ul class="wizard-countries__results" id={results_id} role="listbox"
                aria-label="Matching countries and territories" hidden={!open}>
                { results(flow, &found, &typed, active_index, &option_id, &add) }
            </ul>
            <h3 class="wizard-subheading">{ "Countries and territories you have added" }</h3>
            if props.selected.is_empty() {
                <p class="wizard-countries__none">{ "None yet." }</p>
            } else {
                { chosen(flow, &props.selected, &remove) }
            }
        </div>
    }
}

/// Adding a place: it joins the list (once), the status line says so, focus stays in the box.
fn on_add(
    props: &CountriesProps,
    said: &UseStateHandle<Option<String>>,
    active: &UseStateHandle<Option<usize>>,
    input_id: &str,
) -> Callback<String> {
    let selected = props.selected.clone();
    let onchange = props.onchange.clone();
    let said = said.clone();
    let active = active.clone();
    let flow = props.flow.clone();
    let input_id = input_id.to_string();
    Callback::from(move |code: String| {
        let mut next = selected.clone();
        if !next.contains(&code) {
            next.push(code.clone());
        }
        said.set(Some(format!(
            "{} added. {}",
            name(&flow, &code),
            count_words(next.len())
        )));
        active.set(None);
        onchange.emit((next, String::new()));
        ids::focus(&input_id);
    })
}

/// Removing a place: what is typed stays, the status line says so, focus goes to the box.
fn on_remove(
    props: &CountriesProps,
    said: &UseStateHandle<Option<String>>,
    input_id: &str,
) -> Callback<String> {
    let selected = props.selected.clone();
    let onchange = props.onchange.clone();
    let said = said.clone();
    let flow = props.flow.clone();
    let input_id = input_id.to_string();
    let typed = props.typed.to_string();
    Callback::from(move |code: String| {
        let next: Vec<String> = selected.iter().filter(|c| **c != code).cloned().collect();
        said.set(Some(format!(
            "{} removed. {}",
            name(&flow, &code),
            count_words(next.len())
        )));
        onchange.emit((next, typed.clone()));
        ids::focus(&input_id);
    })
}

/// What the status line says: what the last add, remove or Enter did, or how many match.
fn status_line(said: Option<&String>, typed: &str, total: usize) -> String {
    match (said, typed.trim()) {
        (Some(s), _) => s.clone(),
        (None, "") => String::new(),
        (None, t) => match total {
            0 => no_match(t),
            1 => "1 place matches. Press Enter or choose it to add it.".to_string(),
            n if n > SHOWN => format!(
                "{n} places match. The first {SHOWN} are shown: type more letters, or use the up and down arrow keys to choose one."
            ),
            n => format!("{n} places match. Use the up and down arrow keys to choose one."),
        },
    }
}

/// What the keys in the box need: the matches shown, the text and the state to change.
struct Keys {
    codes: Vec<String>,
    exact: Vec<String>,
    typed: String,
    active_index: Option<usize>,
    add: Callback<String>,
    active: UseStateHandle<Option<usize>>,
    said: UseStateHandle<Option<String>>,
    onchange: Callback<(Vec<String>, String)>,
    selected: Vec<String>,
}

/// The arrow keys move the highlight, Escape clears the box, Enter adds a place.
fn on_key_down(k: Keys) -> Callback<KeyboardEvent> {
    Callback::from(move |e: KeyboardEvent| {
        let n = k.codes.len();
        match e.key().as_str() {
            "ArrowDown" if n > 0 => {
                e.prevent_default();
                k.said.set(None);
                k.active
                    .set(Some(k.active_index.map_or(0, |i| (i + 1) % n)));
            }
            "ArrowUp" if n > 0 => {
                e.prevent_default();
                k.said.set(None);
                k.active
                    .set(Some(k.active_index.map_or(n - 1, |i| (i + n - 1) % n)));
            }
            "Escape" if !k.typed.is_empty() => {
                e.prevent_default();
                k.active.set(None);
                k.said.set(None);
                k.onchange.emit((k.selected.clone(), String::new()));
            }
            // Enter adds the highlighted place, or the one place the text names; it
            // never guesses between several. With nothing typed it submits the form.
            "Enter" if !k.typed.trim().is_empty() => {
                e.prevent_default();
                let pick = match k.active_index {
                    Some(i) => k.codes.get(i).cloned(),
                    None if n == 1 => k.codes.first().cloned(),
                    None if k.exact.len() == 1 => k.exact.first().cloned(),
                    None => None,
                };
                match pick {
                    Some(code) => k.add.emit(code),
                    None if n == 0 => k.said.set(Some(no_match(k.typed.trim()))),
                    None => k.said.set(Some(format!(
                        "{n} places match \u{201c}{}\u{201d}. Use the up and down arrow keys to choose one, then press Enter.",
                        k.typed.trim()
                    ))),
                }
            }
            _ => {}
        }
    })
}

/// The matches, best first, as the listbox's options.
fn results(
    flow: &Flow,
    found: &[&Country],
    typed: &str,
    active_index: Option<usize>,
    option_id: &dyn Fn(usize) -> String,
    add: &Callback<String>,
) -> Html {
    html! {
        { for found.iter().enumerate().map(|(i, c)| {
                    let code = c.code.clone();
                    let add = add.clone();
                    let highlighted = active_index == Some(i);
                    html! {
                        <li id={option_id(i)} role="option" aria-selected={highlighted.to_string()}
                            class={if highlighted { "wizard-countries__result wizard-countries__result--active" } else { "wizard-countries__result" }}
                            onclick={Callback::from(move |_| add.emit(code.clone()))}>
                            <strong>{ &c.name }</strong>
                            if let Some(note) = why_listed(flow, c, typed) {
                                <span class="wizard-countries__part-of">{ note }</span>
                            }
                        </li>
                    }
                }) }
    }
}

/// The places added so far, each with its Remove button.
fn chosen(flow: &Flow, selected: &[String], remove: &Callback<String>) -> Html {
    html! {
                <ul class="wizard-countries__chosen">
                    { for selected.iter().map(|code| {
                        let label = name(flow, code).to_string();
                        let remove = remove.clone();
                        let code = code.clone();
                        html! {
                            <li class="wizard-countries__chosen-item">
                                <span class="wizard-countries__chosen-name">{ &label }</span>
                                <button type="button" class="wizard-link-button"
                                    onclick={Callback::from(move |_| remove.emit(code.clone()))}>
                                    { "Remove" }<span class="wizard-visually-hidden">{ format!(" {label}") }</span>
                                </button>
                            </li>
                        }
                    }) }
                </ul>
    }
}

/// What to do when nothing matches: the country the place is in, or, unsure, every
/// country it could be in (the strict reading).
fn no_match(typed: &str) -> String {
    format!(
        "No country or territory matches \u{201c}{typed}\u{201d}. Check the spelling, or type the name of the country the place is in. If you are not sure which country that is, add every country it could be in."
    )
}

/// Why a place is listed when its own name does not say: "(Dubai)", "(part of China)".
fn why_listed(flow: &Flow, c: &Country, typed: &str) -> Option<String> {
    let typed = fold(typed);
    let own_name = fold(&c.name);
    let alias = (!own_name.starts_with(&typed) && !word_starts(&own_name, &typed))
        .then(|| matched_alias(c, &typed))
        .flatten();
    match (c.part_of.as_deref().map(|p| name(flow, p)), alias) {
        (Some(parent), Some(a)) => Some(format!(" ({a}, part of {parent})")),
        (Some(parent), None) => Some(format!(" (part of {parent})")),
        (None, Some(a)) => Some(format!(" ({a})")),
        (None, None) => None,
    }
}

fn name<'a>(flow: &'a Flow, code: &'a str) -> &'a str {
    flow.country(code).map(|c| c.name.as_str()).unwrap_or(code)
}

fn count_words(n: usize) -> String {
    match n {
        0 => "You have not added any countries.".to_string(),
        1 => "You have added 1 country.".to_string(),
        n => format!("You have added {n} countries."),
    }
}
