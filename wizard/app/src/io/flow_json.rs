//! Reading the engine's flow JSON (`Flow::to_json`, embedded in the page by the generator)
//! and the stored answers, with the small reader in json.rs instead of serde (size: see
//! json.rs). The shapes are exactly serde's for the engine's types; the tests below compare
//! the result with `Flow::from_json` on the real flow in content/ and on a flow that uses
//! every kind of condition and fact rule, so a change to the engine's types that this
//! file misses fails `cargo test`.

use crate::io::iso_date::iso_date;
use crate::io::json::{self, Json};
use chrono::NaiveDate;
use serde_json::{Number, Value};
use signpost_wizard::{
    Answer, Answers, Case, Choice, Condition, Country, CountryList, DayCount, Fact, FactRule, Flow,
    Holidays, Outcome, Question, QuestionKind, Route, Step,
};
use std::collections::BTreeMap;

type R<T> = Result<T, String>;

/// A flow from its JSON.
pub fn flow(text: &str) -> R<Flow> {
    let j = json::parse(text)?;
    Ok(Flow {
        id: text_at(&j, "id")?,
        title: text_at(&j, "title")?,
        intro: opt_text(&j, "intro")?,
        start: text_at(&j, "start")?,
        questions: list(&j, "questions", question)?,
        outcomes: list(&j, "outcomes", outcome)?,
        facts: list(&j, "facts", fact)?,
        countries: list(&j, "countries", country)?,
        lists: list(&j, "lists", country_list)?,
        holidays: match j.get("holidays") {
            None | Some(Json::Null) => None,
            Some(h) => Some(holidays(h)?),
        },
        index: Default::default(),
    })
}

/// Answers from their JSON object: null, true/false, "text", ["codes"].
pub fn answers(j: &Json) -> R<Answers> {
    let Json::Obj(members) = j else {
        return Err("answers should be an object".into());
    };
    let mut out = Answers::new();
    for (key, v) in members {
        out.set(key.clone(), answer(v)?);
    }
    Ok(out)
}

fn answer(j: &Json) -> R<Answer> {
    Ok(match j {
        Json::Null => Answer::Skipped,
        Json::Bool(b) => Answer::Bool(*b),
        Json::Str(s) => Answer::Text(s.clone()),
        Json::Arr(items) => Answer::List(each(items, as_text)?),
        _ => return Err("an answer should be null, true, false, text or a list of text".into()),
    })
}

/// Answers as a JSON object (the reverse of `answers`).
pub fn write_answers(out: &mut String, answers: &Answers) {
    out.push('{');
    for (i, (key, a)) in answers.0.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        json::write_str(out, key);
        out.push(':');
        match a {
            Answer::Skipped => out.push_str("null"),
            Answer::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Answer::Text(t) => json::write_str(out, t),
            Answer::List(items) => {
                out.push('[');
                for (j, item) in items.iter().enumerate() {
                    if j > 0 {
                        out.push(',');
                    }
                    json::write_str(out, item);
                }
                out.push(']');
            }
        }
    }
    out.push('}');
}

// ---------------------------------------------------------------- the flow's parts

fn question(j: &Json) -> R<Question> {
    Ok(Question {
        id: text_at(j, "id")?,
        kind: match text_at(j, "kind")?.as_str() {
            "choice" => QuestionKind::Choice,
            "yes-no" => QuestionKind::YesNo,
            "countries" => QuestionKind::Countries,
            "date" => QuestionKind::Date,
            other => return Err(format!("unknown question kind \"{other}\"")),
        },
        text: text_at(j, "text")?,
        hint: opt_text(j, "hint")?,
        options: list(j, "options", |o| {
            Ok(Choice {
                value: text_at(o, "value")?,
                label: text_at(o, "label")?,
                hint: opt_text(o, "hint")?,
            })
        })?,
        optional: matches!(j.get("optional"), Some(Json::Bool(true))),
        error: opt_text(j, "error")?,
        name: opt_text(j, "name")?,
        next: list(j, "next", |r| {
            Ok(Route {
                when: opt_condition(r)?,
                goto: text_at(r, "goto")?,
                reason: opt_text(r, "reason")?,
            })
        })?,
    })
}

fn outcome(j: &Json) -> R<Outcome> {
    Ok(Outcome {
        id: text_at(j, "id")?,
        title: text_at(j, "title")?,
        summary: opt_text(j, "summary")?,
        facts: texts(j, "facts")?,
        steps: list(j, "steps", |s| {
            Ok(Step {
                text: text_at(s, "text")?,
                when: opt_condition(s)?,
                items: texts(s, "items")?,
                action: !matches!(s.get("action"), Some(Json::Bool(false))),
            })
        })?,
    })
}

fn fact(j: &Json) -> R<Fact> {
    let rule = j.get("rule").ok_or("a fact needs a rule")?;
    let (tag, body) = tagged(rule)?;
    let rule = match tag {
        "cases" => FactRule::Cases(each(items(body)?, case)?),
        "lookup" => FactRule::Lookup {
            answer: text_at(body, "answer")?,
            table: match body.get("table") {
                Some(Json::Obj(members)) => {
                    let mut table = BTreeMap::new();
                    for (k, v) in members {
                        table.insert(k.clone(), value(v)?);
                    }
                    table
                }
                _ => return Err("a lookup needs a table".into()),
            },
        },
        "deadline" => FactRule::Deadline {
            date: text_at(body, "date")?,
            notice: text_at(body, "notice")?,
            count: match text_at(body, "count")?.as_str() {
                "working-days" => DayCount::WorkingDays,
                "calendar-days" => DayCount::CalendarDays,
                other => return Err(format!("unknown day count \"{other}\"")),
            },
        },
        "passed" => FactRule::Passed {
            date: text_at(body, "date")?,
        },
        other => return Err(format!("unknown fact rule \"{other}\"")),
    };
    Ok(Fact {
        id: text_at(j, "id")?,
        rule,
        labels: text_map(j, "labels")?,
        reason: opt_text(j, "reason")?,
    })
}

fn case(j: &Json) -> R<Case> {
    Ok(Case {
        when: opt_condition(j)?,
        value: value(j.get("value").ok_or("a case needs a value")?)?,
        reason: opt_text(j, "reason")?,
    })
}

fn opt_condition(j: &Json) -> R<Option<Condition>> {
    match j.get("when") {
        None | Some(Json::Null) => Ok(None),
        Some(c) => condition(c).map(Some),
    }
}

fn condition(j: &Json) -> R<Condition> {
    let (tag, body) = tagged(j)?;
    let conditions = |b: &Json| -> R<Vec<Condition>> { each(items(b)?, condition) };
    let values = |b: &Json| -> R<Vec<Value>> {
        each(items(b.get("values").ok_or("missing values")?)?, value)
    };
    Ok(match tag {
        "all" => Condition::All(conditions(body)?),
        "any" => Condition::Any(conditions(body)?),
        "not" => Condition::Not(Box::new(condition(body)?)),
        "is" => Condition::Is {
            answer: text_at(body, "answer")?,
            values: values(body)?,
        },
        "answered" => Condition::Answered {
            answer: text_at(body, "answer")?,
        },
        "any_in" => Condition::AnyIn {
            answer: text_at(body, "answer")?,
            lists: texts(body, "lists")?,
        },
        "any_outside" => Condition::AnyOutside {
            answer: text_at(body, "answer")?,
            lists: texts(body, "lists")?,
        },
        "fact" => Condition::Fact {
            fact: text_at(body, "fact")?,
            values: values(body)?,
        },
        other => return Err(format!("unknown condition \"{other}\"")),
    })
}

fn country(j: &Json) -> R<Country> {
    Ok(Country {
        code: text_at(j, "code")?,
        name: text_at(j, "name")?,
        part_of: opt_text(j, "part_of")?,
        aliases: texts(j, "aliases")?,
    })
}

fn country_list(j: &Json) -> R<CountryList> {
    Ok(CountryList {
        id: text_at(j, "id")?,
        name: text_at(j, "name")?,
        countries: texts(j, "countries")?,
        included: text_map(j, "included")?,
    })
}

fn holidays(j: &Json) -> R<Holidays> {
    Ok(Holidays {
        region: text_at(j, "region")?,
        from: date(j.get("from"))?,
        to: date(j.get("to"))?,
        dates: each(items(j.get("dates").ok_or("holidays need dates")?)?, |d| {
            date(Some(d))
        })?,
    })
}

// ---------------------------------------------------------------- small readers

/// An externally tagged enum value: `{"tag": body}`.
fn tagged(j: &Json) -> R<(&str, &Json)> {
    match j {
        Json::Obj(members) if members.len() == 1 => Ok((members[0].0.as_str(), &members[0].1)),
        _ => Err("expected an object with one key".into()),
    }
}

fn items(j: &Json) -> R<&[Json]> {
    match j {
        Json::Arr(items) => Ok(items),
        _ => Err("expected a list".into()),
    }
}

/// Every item of a list, read by `read` (a plain loop, not `collect::<Result<..>>`: the
/// adapters that would bring cost several KB of wasm per item type).
fn each<T>(items: &[Json], read: fn(&Json) -> R<T>) -> R<Vec<T>> {
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        out.push(read(item)?);
    }
    Ok(out)
}

/// A list under `key` (missing means empty), each item read by `read`.
fn list<T>(j: &Json, key: &str, read: fn(&Json) -> R<T>) -> R<Vec<T>> {
    match j.get(key) {
        None | Some(Json::Null) => Ok(Vec::new()),
        Some(v) => each(items(v)?, read).map_err(|e| format!("{key}: {e}")),
    }
}

fn as_text(j: &Json) -> R<String> {
    match j {
        Json::Str(s) => Ok(s.clone()),
        _ => Err("expected text".into()),
    }
}

fn text_at(j: &Json, key: &str) -> R<String> {
    as_text(j.get(key).ok_or_else(|| format!("missing \"{key}\""))?)
        .map_err(|e| format!("{key}: {e}"))
}

fn opt_text(j: &Json, key: &str) -> R<Option<String>> {
    match j.get(key) {
        None | Some(Json::Null) => Ok(None),
        Some(v) => as_text(v).map(Some),
    }
}

fn texts(j: &Json, key: &str) -> R<Vec<String>> {
    list(j, key, as_text)
}

fn text_map(j: &Json, key: &str) -> R<BTreeMap<String, String>> {
    match j.get(key) {
        None | Some(Json::Null) => Ok(BTreeMap::new()),
        Some(Json::Obj(members)) => {
            let mut map = BTreeMap::new();
            for (k, v) in members {
                map.insert(k.clone(), as_text(v)?);
            }
            Ok(map)
        }
        Some(_) => Err(format!("{key}: expected an object")),
    }
}

fn date(j: Option<&Json>) -> R<NaiveDate> {
    match j {
        Some(Json::Str(s)) => {
            iso_date(s).ok_or_else(|| format!("\"{s}\" is not a YYYY-MM-DD date"))
        }
        _ => Err("expected a date".into()),
    }
}

/// Any JSON value, as serde_json's `Value` (facts and condition values use it).
fn value(j: &Json) -> R<Value> {
    Ok(match j {
        Json::Null => Value::Null,
        Json::Bool(b) => Value::Bool(*b),
        Json::Num(n) => Value::Number(number(n).ok_or_else(|| format!("bad number {n}"))?),
        Json::Str(s) => Value::String(s.clone()),
        Json::Arr(items) => Value::Array(each(items, value)?),
        Json::Obj(members) => {
            let mut map = serde_json::Map::new();
            for (k, v) in members {
                map.insert(k.clone(), value(v)?);
            }
            Value::Object(map)
        }
    })
}

fn number(text: &str) -> Option<Number> {
    if let Ok(u) = text.parse::<u64>() {
        return Some(Number::from(u));
    }
    if let Ok(i) = text.parse::<i64>() {
        return Some(Number::from(i));
    }
    Number::from_f64(parse_float(text)?)
}

/// A JSON number that is not an integer. In the browser, JavaScript's own `parseFloat`:
/// Rust's float parser brings about 12 KB of tables and code into the wasm. Both round
/// correctly, so for JSON's number syntax they give the same `f64`.
#[cfg(target_arch = "wasm32")]
fn parse_float(text: &str) -> Option<f64> {
    let f = js_sys::Number::parse_float(text);
    (!f.is_nan()).then_some(f)
}

#[cfg(not(target_arch = "wasm32"))]
fn parse_float(text: &str) -> Option<f64> {
    text.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    /// A flow using every condition, fact rule, day count and optional field.
    const EVERY_KIND: &str = r#"{
      "id": "every", "title": "Every kind", "intro": "Intro \"quoted\" é", "start": "a",
      "questions": [
        {"id": "a", "kind": "choice", "text": "A?", "hint": "Hint",
         "options": [{"value": "x", "label": "X", "hint": "about x"}, {"value": "y", "label": "Y"}],
         "next": [{"when": {"all": [{"is": {"answer": "a", "values": ["x", 1, 2.5, true, null]}},
                                    {"not": {"answered": {"answer": "d"}}}]},
                   "goto": "b", "reason": "because"},
                  {"when": {"any": [{"any_in": {"answer": "c", "lists": ["l"]}},
                                    {"any_outside": {"answer": "c", "lists": ["l", "m"]}}]}, "goto": "b"},
                  {"goto": "b"}]},
        {"id": "b", "kind": "yes-no", "text": "B?", "next": [{"goto": "c"}]},
        {"id": "c", "kind": "countries", "text": "C?", "next": [{"goto": "d"}]},
        {"id": "d", "kind": "date", "text": "D?", "optional": true, "next": [{"goto": "o"}]}
      ],
      "outcomes": [{"id": "o", "title": "O", "summary": "S", "facts": ["f1", "f2", "f3", "f4"],
                    "steps": ["plain", {"text": "when", "when": {"fact": {"fact": "f1", "values": [20]}}},
                              {"text": "[A link](https://a.example/) and items:", "items": ["one", "two"], "action": false}]}],
      "facts": [
        {"id": "f1", "rule": {"cases": [{"when": {"is": {"answer": "b", "values": [true]}}, "value": 20, "reason": "r"}, {"value": 15}]}},
        {"id": "f2", "rule": {"lookup": {"answer": "a", "table": {"x": "gov", "y": {"nested": [1]}}}}, "labels": {"gov": "your Governor"}, "reason": "{f2}"},
        {"id": "f3", "rule": {"deadline": {"date": "d", "notice": "f1", "count": "working-days"}}},
        {"id": "f5", "rule": {"deadline": {"date": "d", "notice": "f1", "count": "calendar-days"}}},
        {"id": "f4", "rule": {"passed": {"date": "f3"}}}
      ],
      "countries": [{"code": "CN", "name": "China", "aliases": ["PRC"]}, {"code": "HK", "name": "Hong Kong", "part_of": "CN"}],
      "lists": [{"id": "l", "name": "L list", "countries": ["CN"], "included": {"PS": "IL"}}, {"id": "m", "name": "M", "countries": []}],
      "holidays": {"region": "england-and-wales", "from": "2026-01-01", "to": "2028-12-31", "dates": ["2026-12-25", "2026-12-28"]}
    }"#;

    #[test]
    fn reads_every_kind_of_flow_part_like_serde() {
        // Steps written as plain strings are not in the engine's JSON (it always writes
        // objects); make the fixture the engine's own output first.
        let fixture = EVERY_KIND.replace(r#""plain","#, r#"{"text": "plain"},"#);
        let expected = Flow::from_json(&fixture).expect("serde reads the fixture");
        assert_eq!(flow(&fixture).unwrap(), expected);
        assert_eq!(flow(&expected.to_json()).unwrap(), expected);
    }

    #[test]
    fn reads_the_real_flow_like_serde() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content");
        let loaded = signpost_wizard::load_flow(
            &root.join("flows/overseas-travel.yaml"),
            &root.join("data"),
        )
        .unwrap_or_else(|e| panic!("content flow does not load: {e:?}"));
        let json = loaded.to_json();
        assert_eq!(flow(&json).unwrap(), Flow::from_json(&json).unwrap());
    }

    #[test]
    fn answers_round_trip() {
        let mut a = Answers::new();
        a.set("skip", Answer::Skipped);
        a.set("yes", Answer::Bool(true));
        a.set("text", Answer::Text("say \"hi\"".into()));
        a.set("codes", Answer::List(vec!["HK".into(), "CY-NORTH".into()]));
        let mut out = String::new();
        write_answers(&mut out, &a);
        assert_eq!(answers(&json::parse(&out).unwrap()).unwrap(), a);
        assert_eq!(
            Answers::from_json(&out).unwrap(),
            a,
            "serde reads what we write"
        );
    }

    #[test]
    fn reports_problems() {
        assert!(flow("{}").is_err());
        assert!(flow(r#"{"id":"x","title":"t","start":"a","questions":[{"id":"a","kind":"slider","text":"?","next":[]}],"outcomes":[]}"#).is_err());
    }
}
