//! One question step (GOV.UK question page): the question as the step's heading, one
//! input of the question's kind, and Continue. Holds the reader's draft until Continue,
//! then checks it and hands the answer, or the problems, to the reducer.

use crate::components::country_picker::Countries;
use crate::components::date_input::{Bad, DateInput, DateParts, date_input, part_id};
use crate::components::radios::{RadioOption, Radios, radios};
use crate::country_filter;
use crate::ids;
use crate::io::iso_date::to_iso;
use crate::state::{FieldError, FlowRef};
use chrono::NaiveDate;
use signpost_wizard::{Answer, Flow, Question, QuestionKind, validate_answer};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct QuestionStepProps {
    pub flow: FlowRef,
    pub prefix: AttrValue,
    pub question: AttrValue,
    pub answer: Option<Answer>,
    pub errors: Vec<FieldError>,
    pub today: NaiveDate,
    pub onsubmit: Callback<Result<Answer, Vec<FieldError>>>,
}

/// What the reader has entered on this step so far.
#[derive(Debug, Clone, PartialEq)]
pub enum Draft {
    /// A choice or yes/no: the value of the radio selected.
    Pick(Option<String>),
    /// The places added, and what is typed in the box.
    Countries(Vec<String>, String),
    Date(DateParts, Bad),
}

impl Draft {
    pub fn new(question: &Question, answer: Option<&Answer>) -> Draft {
        match question.kind {
            QuestionKind::Choice | QuestionKind::YesNo => Draft::Pick(match answer {
                Some(Answer::Bool(b)) => Some(if *b { "yes" } else { "no" }.to_string()),
                Some(Answer::Text(t)) => Some(t.clone()),
                _ => None,
            }),
            QuestionKind::Countries => Draft::Countries(
                match answer {
                    Some(Answer::List(l)) => l.clone(),
                    _ => Vec::new(),
                },
                String::new(),
            ),
            QuestionKind::Date => Draft::Date(
                match answer {
                    Some(Answer::Text(t)) => DateParts::from_iso(t),
                    _ => DateParts::default(),
                },
                [false; 3],
            ),
        }
    }
}

/// Checks a draft: the answer to store, or the problem and the element it is about.
pub fn check(
    flow: &Flow,
    q: &Question,
    draft: &Draft,
    today: NaiveDate,
    prefix: &str,
) -> Result<Answer, (FieldError, Bad)> {
    let field = ids::field(prefix, &q.id);
    let fail = |message: String, field: String, bad: Bad| Err((FieldError { field, message }, bad));
    let engine = |answer: Answer| validate_answer(flow, q, &answer, today);
    match (q.kind, draft) {
        (QuestionKind::YesNo | QuestionKind::Choice, Draft::Pick(None)) => {
            fail(q.unanswered(), field, [false; 3])
        }
        (QuestionKind::YesNo, Draft::Pick(Some(v))) => {
            engine(Answer::Bool(v == "yes")).or_else(|m| fail(m, field, [false; 3]))
        }
        (_, Draft::Pick(Some(v))) => {
            engine(Answer::Text(v.clone())).or_else(|m| fail(m, field, [false; 3]))
        }
        (_, Draft::Countries(codes, typed)) => match with_typed_place(flow, codes, typed) {
            Ok(codes) => engine(Answer::List(codes)).or_else(|m| fail(m, field, [false; 3])),
            Err(m) => fail(m, field, [false; 3]),
        },
        (_, Draft::Date(parts, _)) => match parts.parse(q.optional, q.answer_name()) {
            Err((message, bad)) => {
                let first = bad.iter().position(|b| *b).unwrap_or(0);
                fail(message, part_id(prefix, &q.id, first), bad)
            }
            Ok(None) => Ok(Answer::Skipped),
            Ok(Some(date)) => engine(Answer::Text(to_iso(date))).or_else(|mut m| {
                let beyond_data = flow.holidays.as_ref().is_some_and(|h| date > h.to);
                if beyond_data && q.optional {
                    m.push_str(". Or leave the date blank to see what else you need to do");
                }
                fail(m, field, [true; 3])
            }),
        },
        _ => fail("Answer the question".into(), field, [false; 3]),
    }
}

/// The places chosen, with the one place the text left in the box names exactly; the
/// text is never dropped: anything else is an error at the box.
fn with_typed_place(flow: &Flow, codes: &[String], typed: &str) -> Result<Vec<String>, String> {
    let mut codes = codes.to_vec();
    let typed = typed.trim();
    if typed.is_empty() {
        return Ok(codes);
    }
    match country_filter::exact(flow, typed).as_slice() {
        [place] => {
            if !codes.contains(&place.code) {
                codes.push(place.code.clone());
            }
            Ok(codes)
        }
        _ => Err(format!(
            "You typed \u{2018}{typed}\u{2019} but did not choose a country: choose one from the list, or clear the box"
        )),
    }
}

/// The options of a yes/no or choice question, and whether they sit side by side.
fn radio_options(q: &Question) -> (Vec<RadioOption>, bool) {
    match q.kind {
        QuestionKind::YesNo => (
            vec![
                RadioOption {
                    value: "yes".into(),
                    label: "Yes".into(),
                    hint: None,
                },
                RadioOption {
                    value: "no".into(),
                    label: "No".into(),
                    hint: None,
                },
            ],
            true,
        ),
        _ => (
            q.options
                .iter()
                .map(|o| RadioOption {
                    value: o.value.clone(),
                    label: o.label.clone(),
                    hint: o.hint.clone(),
                })
                .collect(),
            false,
        ),
    }
}

#[component]
pub fn QuestionStep(props: &QuestionStepProps) -> Html {
    let flow = &props.flow;
    let question = flow.question(&props.question).cloned();
    let draft = {
        let q = question.clone();
        let answer = props.answer.clone();
        use_state(move || match &q {
            Some(q) => Draft::new(q, answer.as_ref()),
            None => Draft::Pick(None),
        })
    };
    let Some(q) = question else {
        return html! { <p>{ "This question is no longer part of the flow." }</p> };
    };
    let p = props.prefix.clone();

    let onsubmit = {
        let draft = draft.clone();
        let flow = flow.clone();
        let q = q.clone();
        let today = props.today;
        let cb = props.onsubmit.clone();
        let p = p.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            match check(&flow, &q, &draft, today, &p) {
                Ok(answer) => cb.emit(Ok(answer)),
                Err((error, bad)) => {
                    if let Draft::Date(parts, _) = &*draft {
                        draft.set(Draft::Date(parts.clone(), bad));
                    }
                    cb.emit(Err(vec![error]));
                }
            }
        })
    };
    let error: Option<String> = props.errors.first().map(|e| e.message.clone());

    let input = match &*draft {
        Draft::Pick(selected) => {
            let (options, inline) = radio_options(&q);
            let draft = draft.clone();
            let onchange = Callback::from(move |v: String| draft.set(Draft::Pick(Some(v))));
            radios(Radios {
                prefix: &p,
                question: &q.id,
                text: &q.text,
                hint: q.hint.as_deref(),
                options,
                selected: selected.as_deref(),
                error: error.as_deref(),
                inline,
                onchange,
            })
        }
        Draft::Countries(selected, typed) => {
            let draft = draft.clone();
            let onchange = Callback::from(move |(codes, typed): (Vec<String>, String)| {
                draft.set(Draft::Countries(codes, typed))
            });
            let typed: AttrValue = typed.clone().into();
            let text: AttrValue = q.text.clone().into();
            let hint: Option<AttrValue> = q.hint.clone().map(Into::into);
            let error: Option<AttrValue> = error.map(Into::into);
            html! { <Countries flow={flow.clone()} prefix={p.clone()} question={q.id.clone()} {text} {hint} selected={selected.clone()} {typed} {error} {onchange} /> }
        }
        Draft::Date(parts, bad) => {
            let keep = *bad;
            let draft = draft.clone();
            let onchange =
                Callback::from(move |parts: DateParts| draft.set(Draft::Date(parts, keep)));
            date_input(DateInput {
                prefix: &p,
                question: &q.id,
                text: &q.text,
                hint: q.hint.as_deref(),
                parts,
                bad: *bad,
                error: error.as_deref(),
                onchange,
            })
        }
    };

    html! {
        <form class="wizard-form" novalidate=true {onsubmit}>
            { input }
            <button type="submit" class="wizard-button">{ "Continue" }</button>
        </form>
    }
}
