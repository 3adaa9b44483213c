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
//! adds the one place it names exactly, or stops with an error at the box.

use crate::components::error_summary::error_message;
use crate::components::radios::described_by;
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
    let status = match (&*said, typed.trim()) {
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
    };

    let add = {
        let selected = props.selected.clone();
        let onchange = props.onchange.clone();
        let said = said.clone();
        let active = active.clone();
        let flow = flow.clone();
        let input_id = input_id.clone();
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
    };
    let remove = {
        let selected = props.selected.clone();
        let onchange = props.onchange.clone();
        let said = said.clone();
        let flow = flow.clone();
        let input_id = input_id.clone();
        let typed = typed.clone();
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
    };
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
    let onkeydown = {
        let codes: Vec<String> = found.iter().map(|c| c.code.clone()).collect();
        let exact: Vec<String> = exact(flow, &typed).iter().map(|c| c.code.clone()).collect();
        let typed = typed.clone();
        let add = add.clone();
        let active = active.clone();
        let said = said.clone();
        let onchange = props.onchange.clone();
        let selected = props.selected.clone();
        Callback::from(move |e: KeyboardEvent| {
            let n = codes.len();
            match e.key().as_str() {
                "ArrowDown" if n > 0 => {
                    e.prevent_default();
                    said.set(None);
                    active.set(Some(active_index.map_or(0, |i| (i + 1) % n)));
                }
                "ArrowUp" if n > 0 => {
                    e.prevent_default();
                    said.set(None);
                    active.set(Some(active_index.map_or(n - 1, |i| (i + n - 1) % n)));
                }
                "Escape" if !typed.is_empty() => {
                    e.prevent_default();
                    active.set(None);
                    said.set(None);
                    onchange.emit((selected.clone(), String::new()));
                }
                // Enter adds the highlighted place, or the one place the text names; it
                // never guesses between several. With nothing typed it submits the form.
                "Enter" if !typed.trim().is_empty() => {
                    e.prevent_default();
                    let pick = match active_index {
                        Some(i) => codes.get(i).cloned(),
                        None if n == 1 => codes.first().cloned(),
                        None if exact.len() == 1 => exact.first().cloned(),
                        None => None,
                    };
                    match pick {
                        Some(code) => add.emit(code),
                        None if n == 0 => said.set(Some(no_match(typed.trim()))),
                        None => said.set(Some(format!(
                            "{n} places match \u{201c}{}\u{201d}. Use the up and down arrow keys to choose one, then press Enter.",
                            typed.trim()
                        ))),
                    }
                }
                _ => {}
            }
        })
    };

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
        <div class={classes!("wizard-form-group", props.error.is_some().then_some("wizard-form-group--error"))}>
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
            <input class={classes!("wizard-input", props.error.is_some().then_some("wizard-input--error"))}
                id={input_id.clone()} type="text" role="combobox" autocomplete="off" spellcheck="false"
                aria-autocomplete="list" aria-expanded={open.to_string()}
                aria-controls={results_id.clone()}
                aria-activedescendant={active_index.map(option_id)}
                aria-describedby={described}
                value={typed.clone()} {oninput} {onkeydown} />
            <p class="wizard-countries__status" id={status_id} role="status">{ status }</p>
            <ul class="wizard-countries__results" id={results_id} role="listbox"
                aria-label="Matching countries and territories" hidden={!open}>
                { for found.iter().enumerate().map(|(i, c)| {
                    let code = c.code.clone();
                    let add = add.clone();
                    let highlighted = active_index == Some(i);
                    html! {
                        <li id={option_id(i)} role="option" aria-selected={highlighted.to_string()}
                            class={classes!("wizard-countries__result", highlighted.then_some("wizard-countries__result--active"))}
                            onclick={Callback::from(move |_| add.emit(code.clone()))}>
                            <strong>{ &c.name }</strong>
                            if let Some(note) = why_listed(flow, c, &typed) {
                                <span class="wizard-countries__part-of">{ note }</span>
                            }
                        </li>
                    }
                }) }
            </ul>
            <h3 class="wizard-subheading">{ "Countries and territories you have added" }</h3>
            if props.selected.is_empty() {
                <p class="wizard-countries__none">{ "None yet." }</p>
            } else {
                <ul class="wizard-countries__chosen">
                    { for props.selected.iter().map(|code| {
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
        </div>
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

/// The places matching what the reader typed, best first, leaving out those already
/// added: the exact name, code or other name (alias) first; then names starting with the
/// text; then names with a word starting with it; then other names; then the rest.
/// Case, accents and punctuation are ignored.
pub fn matches<'a>(flow: &'a Flow, typed: &str, exclude: &[String]) -> Vec<&'a Country> {
    let q = fold(typed);
    if q.is_empty() {
        return Vec::new();
    }
    let mut hits: Vec<(u8, &Country)> = flow
        .countries
        .iter()
        .filter(|c| !exclude.contains(&c.code))
        .filter_map(|c| rank(c, &q).map(|r| (r, c)))
        .collect();
    hits.sort_by(|a, b| {
        a.0.cmp(&b.0)
            .then_with(|| fold(&a.1.name).cmp(&fold(&b.1.name)))
    });
    hits.into_iter().map(|(_, c)| c).collect()
}

/// The places the text names exactly: by name, by other name, or by code typed in
/// capitals ("US"; "in" is a word, not India). Never more than one in good data (a test
/// over the countries file checks).
pub fn exact<'a>(flow: &'a Flow, typed: &str) -> Vec<&'a Country> {
    let q = fold(typed);
    let code = typed.trim();
    if q.is_empty() {
        return Vec::new();
    }
    flow.countries
        .iter()
        .filter(|c| fold(&c.name) == q || c.aliases.iter().any(|a| fold(a) == q) || c.code == code)
        .collect()
}

/// Lower is better; None is no match.
fn rank(c: &Country, q: &str) -> Option<u8> {
    let name = fold(&c.name);
    if name == q || fold(&c.code) == q || c.aliases.iter().any(|a| fold(a) == q) {
        return Some(0);
    }
    if name.starts_with(q) {
        return Some(1);
    }
    if word_starts(&name, q) {
        return Some(2);
    }
    if matched_alias(c, q).is_some() {
        return Some(3);
    }
    if q.len() >= 3 && (name.contains(q) || c.aliases.iter().any(|a| fold(a).contains(q))) {
        return Some(4);
    }
    None
}

/// The other name a place was found by, when its own name does not match ("Macao"): the
/// one typed exactly, else the first that starts with what was typed.
pub fn matched_alias<'a>(c: &'a Country, q: &str) -> Option<&'a str> {
    let folded: Vec<(String, &String)> = c.aliases.iter().map(|a| (fold(a), a)).collect();
    folded
        .iter()
        .find(|(a, _)| a == q)
        .or_else(|| {
            folded
                .iter()
                .find(|(a, _)| a.starts_with(q) || word_starts(a, q))
        })
        .map(|(_, a)| a.as_str())
}

fn word_starts(text: &str, q: &str) -> bool {
    text.match_indices(' ')
        .any(|(i, _)| text[i + 1..].starts_with(q))
}

/// Lower case, accents removed, punctuation as single spaces: "Côte d'Ivoire" ->
/// "cote d ivoire". Letters outside ASCII and the accented Latin ones below are kept as
/// they are (no Unicode tables: they would weigh more than the whole country list).
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        let ch =
            match ch {
                'A'..='Z' => ch.to_ascii_lowercase(),
                'a'..='z' | '0'..='9' => ch,
                'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å'
                | 'Ā' => 'a',
                'ç' | 'č' | 'Ç' | 'Č' => 'c',
                'è' | 'é' | 'ê' | 'ë' | 'ē' | 'È' | 'É' | 'Ê' | 'Ë' | 'Ē' => 'e',
                'ì' | 'í' | 'î' | 'ï' | 'ī' | 'Ì' | 'Í' | 'Î' | 'Ï' | 'Ī' => 'i',
                'ñ' | 'Ñ' => 'n',
                'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø'
                | 'Ō' => 'o',
                'ş' | 'š' | 'Ş' | 'Š' => 's',
                'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'Ù' | 'Ú' | 'Û' | 'Ü' | 'Ū' => 'u',
                'ý' | 'ÿ' | 'Ý' => 'y',
                c if !c.is_ascii() => c,
                _ => ' ',
            };
        if ch != ' ' || !(out.is_empty() || out.ends_with(' ')) {
            out.push(ch);
        }
    }
    while out.ends_with(' ') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flow() -> Flow {
        let json = serde_json::json!({
            "id": "t", "title": "T", "start": "c",
            "questions": [{"id": "c", "kind": "countries", "text": "Where?", "next": [{"goto": "o"}]}],
            "outcomes": [{"id": "o", "title": "O", "steps": []}],
            "countries": [
                {"code": "CN", "name": "China"},
                {"code": "CH", "name": "Switzerland"},
                {"code": "CI", "name": "Ivory Coast", "aliases": ["Côte d'Ivoire"]},
                {"code": "CY-NORTH", "name": "Northern area of the Republic of Cyprus", "part_of": "CY", "aliases": ["Northern Cyprus"]},
                {"code": "CY", "name": "Cyprus"},
                {"code": "FR", "name": "France"},
                {"code": "HK", "name": "Hong Kong", "part_of": "CN"},
                {"code": "MO", "name": "Macau", "part_of": "CN", "aliases": ["Macao"]},
                {"code": "PS", "name": "Palestinian territories", "aliases": ["Palestine"]},
                {"code": "CN-XZ", "name": "Tibet", "part_of": "CN"},
                {"code": "US", "name": "United States", "aliases": ["USA", "America", "Hawaii"]},
                {"code": "AS", "name": "American Samoa"},
                {"code": "GB", "name": "United Kingdom", "aliases": ["UK"]},
                {"code": "UA", "name": "Ukraine"},
                {"code": "KP", "name": "North Korea"},
                {"code": "KR", "name": "South Korea"},
                {"code": "AE", "name": "United Arab Emirates", "aliases": ["UAE", "Dubai"]},
                {"code": "IN", "name": "India"}
            ]
        });
        Flow::from_json(&json.to_string()).unwrap()
    }

    fn codes(flow: &Flow, typed: &str, exclude: &[&str]) -> Vec<String> {
        let exclude: Vec<String> = exclude.iter().map(|s| s.to_string()).collect();
        matches(flow, typed, &exclude)
            .into_iter()
            .map(|c| c.code.clone())
            .collect()
    }

    #[test]
    fn folds_case_accents_and_punctuation() {
        assert_eq!(fold("Côte d'Ivoire"), "cote d ivoire");
        assert_eq!(fold("  Hong   KONG "), "hong kong");
        assert_eq!(fold("Åland, São Tomé"), "aland sao tome");
    }

    #[test]
    fn finds_special_territories() {
        let f = flow();
        assert_eq!(codes(&f, "hong", &[]), ["HK"]);
        assert_eq!(codes(&f, "Macao", &[]), ["MO"]);
        assert_eq!(codes(&f, "tib", &[]), ["CN-XZ"]);
        assert_eq!(codes(&f, "palest", &[]), ["PS"]);
        assert_eq!(codes(&f, "northern cyp", &[]), ["CY-NORTH"]);
        assert_eq!(codes(&f, "cote", &[]), ["CI"]);
    }

    #[test]
    fn ranks_exact_first_then_name_starts_then_words_then_aliases() {
        let f = flow();
        // "Cyprus" starts with it; the northern area has "Cyprus" as a later word.
        assert_eq!(codes(&f, "cyp", &[]), ["CY", "CY-NORTH"]);
        // An exact code, name or other name comes first.
        assert_eq!(codes(&f, "ch", &[]), ["CH", "CN"]);
        assert_eq!(codes(&f, "UK", &[]), ["GB", "UA"]);
        assert_eq!(codes(&f, "america", &[]), ["US", "AS"]);
        assert_eq!(
            codes(&f, "Korea", &[]),
            ["KP", "KR"],
            "both, for the reader to choose"
        );
        assert_eq!(codes(&f, "dub", &[]), ["AE"]);
        assert_eq!(
            matched_alias(f.country("MO").unwrap(), "maca"),
            Some("Macao")
        );
        assert_eq!(matched_alias(f.country("CN").unwrap(), "chi"), None);
        assert_eq!(codes(&f, "us", &[]), ["US"]);
        assert_eq!(codes(&f, "usa", &[]), ["US"]);
    }

    #[test]
    fn exact_names_one_place_or_none() {
        let f = flow();
        let exact_codes = |typed: &str| -> Vec<String> {
            exact(&f, typed)
                .into_iter()
                .map(|c| c.code.clone())
                .collect()
        };
        assert_eq!(exact_codes("Dubai"), ["AE"]);
        assert_eq!(exact_codes(" united  kingdom "), ["GB"]);
        assert_eq!(exact_codes("US"), ["US"]);
        assert_eq!(exact_codes("hawaii"), ["US"]);
        assert!(exact_codes("Dub").is_empty());
        assert!(exact_codes("Korea").is_empty());
        assert!(
            exact_codes("in").is_empty(),
            "a lower-case word is not a code"
        );
        assert_eq!(exact_codes("IN"), ["IN"]);
    }

    #[test]
    fn leaves_out_added_places_and_empty_queries() {
        let f = flow();
        assert_eq!(codes(&f, "cyp", &["CY"]), ["CY-NORTH"]);
        assert!(codes(&f, "  ", &[]).is_empty());
        assert!(codes(&f, "zzz", &[]).is_empty());
    }
}
