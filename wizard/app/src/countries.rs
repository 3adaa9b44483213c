//! The countries question: type to filter every country and territory in the flow's data,
//! add several (destinations and places passed through), remove any.
//!
//! Accessible by design: a labelled text input; the matches as a list of buttons right
//! after it; a status line (role="status") announcing how many match and what was added
//! or removed; each added country with its own Remove button. Enter adds the first match.

use crate::error_summary::error_message;
use crate::ids;
use crate::radios::described_by;
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
    pub error: Option<AttrValue>,
    pub onchange: Callback<Vec<String>>,
}

#[component]
pub fn Countries(props: &CountriesProps) -> Html {
    let query = use_state(String::new);
    // What the status line says after an add or remove (until the next keystroke).
    let said = use_state(|| None::<String>);
    let p = &props.prefix;
    let q = &props.question;
    let input_id = ids::field(p, q);
    let hint_id = ids::part(p, q, "hint");
    let error_id = ids::part(p, q, "error");
    let status_id = ids::part(p, q, "status");
    let results_id = ids::part(p, q, "results");
    let flow = &props.flow;

    let found = matches(flow, &query, &props.selected);
    let status = match (&*said, query.trim()) {
        (Some(s), _) => s.clone(),
        (None, "") => String::new(),
        (None, typed) => match found.len() {
            0 => format!(
                "No country or territory matches \u{201c}{typed}\u{201d}. Check the spelling, or try another name."
            ),
            1 => "1 country or territory matches.".to_string(),
            n if n > SHOWN => format!(
                "{n} match. The first {SHOWN} are shown: type more letters to narrow the list."
            ),
            n => format!("{n} countries or territories match."),
        },
    };

    let add = {
        let selected = props.selected.clone();
        let onchange = props.onchange.clone();
        let query = query.clone();
        let said = said.clone();
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
            query.set(String::new());
            onchange.emit(next);
            ids::focus(&input_id);
        })
    };
    let remove = {
        let selected = props.selected.clone();
        let onchange = props.onchange.clone();
        let said = said.clone();
        let flow = flow.clone();
        let input_id = input_id.clone();
        Callback::from(move |code: String| {
            let next: Vec<String> = selected.iter().filter(|c| **c != code).cloned().collect();
            said.set(Some(format!(
                "{} removed. {}",
                name(&flow, &code),
                count_words(next.len())
            )));
            onchange.emit(next);
            ids::focus(&input_id);
        })
    };
    let oninput = {
        let query = query.clone();
        let said = said.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            said.set(None);
            query.set(input.value());
        })
    };
    let onkeydown = {
        let first = found.first().map(|c| c.code.clone());
        let typed = !query.trim().is_empty();
        let add = add.clone();
        Callback::from(move |e: KeyboardEvent| {
            // Enter adds the first match; with nothing typed it submits the form.
            if e.key() == "Enter" && typed {
                e.prevent_default();
                if let Some(code) = &first {
                    add.emit(code.clone());
                }
            }
        })
    };

    let described = described_by(
        props.hint.is_some().then_some(&hint_id),
        props.error.as_ref().map(|_| &error_id),
    )
    .map(|d| format!("{d} {status_id}"))
    .unwrap_or_else(|| status_id.clone());

    html! {
        <div class={classes!("wizard-form-group", props.error.is_some().then_some("wizard-form-group--error"))}>
            <h2 class="wizard-heading wizard-label-wrapper" id={ids::heading(p)} tabindex="-1">
                <label class="wizard-label" for={input_id.clone()}>{ &props.text }</label>
            </h2>
            if let Some(hint) = &props.hint {
                <div class="wizard-hint" id={hint_id.clone()}>{ hint }{ " Type a name to see matching places, then choose one to add it. Add as many as you need." }</div>
            } else {
                <div class="wizard-hint" id={hint_id.clone()}>{ "Type a name to see matching places, then choose one to add it. Add as many as you need." }</div>
            }
            if let Some(error) = &props.error {
                { error_message(&error_id, error) }
            }
            <input class={classes!("wizard-input", props.error.is_some().then_some("wizard-input--error"))}
                id={input_id.clone()} type="text" autocomplete="off" spellcheck="false"
                aria-describedby={described} aria-controls={results_id.clone()}
                value={(*query).clone()} {oninput} {onkeydown} />
            <p class="wizard-countries__status" id={status_id} role="status">{ status }</p>
            <ul class="wizard-countries__results" id={results_id}>
                { for found.iter().take(SHOWN).map(|c| {
                    let code = c.code.clone();
                    let add = add.clone();
                    // Why it is listed: "(part of China)", or the other name typed.
                    let typed = fold(&query);
                    let own_name = fold(&c.name);
                    let alias = (!own_name.starts_with(&typed) && !word_starts(&own_name, &typed))
                        .then(|| matched_alias(c, &typed))
                        .flatten();
                    let note = match (c.part_of.as_deref().map(|p| name(flow, p)), alias) {
                        (Some(parent), Some(a)) => Some(format!(" ({a}, part of {parent})")),
                        (Some(parent), None) => Some(format!(" (part of {parent})")),
                        (None, Some(a)) => Some(format!(" ({a})")),
                        (None, None) => None,
                    };
                    html! {
                        <li>
                            <button type="button" class="wizard-countries__result"
                                onclick={Callback::from(move |_| add.emit(code.clone()))}>
                                { "Add " }<strong>{ &c.name }</strong>
                                if let Some(note) = note {
                                    <span class="wizard-countries__part-of">{ note }</span>
                                }
                            </button>
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
/// added. Matches names and other names (aliases) from the start of any word, ignoring
/// case and accents; a code typed in full ("HK") matches too.
pub fn matches<'a>(flow: &'a Flow, typed: &str, exclude: &[String]) -> Vec<&'a Country> {
    let q = fold(typed);
    if q.is_empty() {
        return Vec::new();
    }
    let code = typed.trim();
    let mut hits: Vec<(u8, &Country)> = flow
        .countries
        .iter()
        .filter(|c| !exclude.contains(&c.code))
        .filter_map(|c| rank(c, &q, code).map(|r| (r, c)))
        .collect();
    hits.sort_by(|a, b| {
        a.0.cmp(&b.0)
            .then_with(|| fold(&a.1.name).cmp(&fold(&b.1.name)))
    });
    hits.into_iter().map(|(_, c)| c).collect()
}

/// Lower is better; None is no match.
fn rank(c: &Country, q: &str, code: &str) -> Option<u8> {
    let name = fold(&c.name);
    if name.starts_with(q) {
        return Some(0);
    }
    if c.code.eq_ignore_ascii_case(code) {
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

/// The other name a place was found by, when its own name does not match ("Macao").
pub fn matched_alias<'a>(c: &'a Country, q: &str) -> Option<&'a str> {
    c.aliases
        .iter()
        .find(|a| {
            let a = fold(a);
            a.starts_with(q) || word_starts(&a, q)
        })
        .map(String::as_str)
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
                {"code": "US", "name": "United States", "aliases": ["USA"]}
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
    fn ranks_name_starts_first_then_words_then_aliases() {
        let f = flow();
        // "Cyprus" starts with it; the northern area has "Cyprus" as a later word.
        assert_eq!(codes(&f, "cyp", &[]), ["CY", "CY-NORTH"]);
        // Names that start with what was typed come before a code typed in full.
        assert_eq!(codes(&f, "ch", &[]), ["CN", "CH"]);
        assert_eq!(
            matched_alias(f.country("MO").unwrap(), "maca"),
            Some("Macao")
        );
        assert_eq!(matched_alias(f.country("CN").unwrap(), "chi"), None);
        assert_eq!(codes(&f, "us", &[]), ["US"]);
        assert_eq!(codes(&f, "usa", &[]), ["US"]);
    }

    #[test]
    fn leaves_out_added_places_and_empty_queries() {
        let f = flow();
        assert_eq!(codes(&f, "cyp", &["CY"]), ["CY-NORTH"]);
        assert!(codes(&f, "  ", &[]).is_empty());
        assert!(codes(&f, "zzz", &[]).is_empty());
    }
}
