//! The flow model: what a loaded flow holds. It is self-contained (countries, lists and
//! bank holidays resolved from the data files), so the generator can embed it in a page
//! as JSON and the wasm app can read it back with no files around.

use crate::model::flow_index::FlowIndex;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Flow {
    pub id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intro: Option<String>,
    /// Id of the first question.
    pub start: String,
    pub questions: Vec<Question>,
    pub outcomes: Vec<Outcome>,
    #[serde(default)]
    pub facts: Vec<Fact>,
    /// Every place a traveller can pick, in name order.
    #[serde(default)]
    pub countries: Vec<Country>,
    #[serde(default)]
    pub lists: Vec<CountryList>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub holidays: Option<Holidays>,
    /// Lookups by id (built on first use).
    #[serde(skip)]
    pub index: FlowIndex,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Question {
    pub id: String,
    pub kind: QuestionKind,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    /// The answers to pick from (choice questions only).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<Choice>,
    /// An optional question may be left blank (only dates, in practice).
    #[serde(default)]
    pub optional: bool,
    /// What to tell a reader who has not answered, in the GOV.UK way ("Select yes if you are
    /// subject to STRAP briefing"); without it, a general message ("Select yes or no").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// What the errors call the answer ("travel date": "The travel date must be a real
    /// date"); without it, "date".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Tried in order; the first route whose condition holds is taken.
    pub next: Vec<Route>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum QuestionKind {
    Choice,
    YesNo,
    Countries,
    Date,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Choice {
    pub value: String,
    pub label: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Route {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<Condition>,
    /// A question id or an outcome id.
    pub goto: String,
    /// Plain words added to the reasons when this route is taken.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Condition {
    All(Vec<Condition>),
    Any(Vec<Condition>),
    Not(Box<Condition>),
    /// The answer is one of these values.
    Is {
        answer: String,
        values: Vec<Value>,
    },
    /// An optional question was answered (not left blank).
    Answered {
        answer: String,
    },
    /// Some chosen country is in (or part of a country in) one of these lists.
    AnyIn {
        answer: String,
        lists: Vec<String>,
    },
    /// Some chosen country is in none of these lists.
    AnyOutside {
        answer: String,
        lists: Vec<String>,
    },
    /// A computed fact has one of these values (outcome steps and facts only).
    Fact {
        fact: String,
        values: Vec<Value>,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Outcome {
    pub id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// The facts this outcome reports, in order.
    #[serde(default)]
    pub facts: Vec<String>,
    pub steps: Vec<Step>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Step {
    /// May hold `{placeholders}` and `[label](url)` links.
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<Condition>,
    /// A list under the step ("Collect this information:" and what to collect).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<String>,
    /// Something the reader does, with a tick box; `false` for a step that only tells them
    /// something ("You do not need any further approval").
    #[serde(default = "yes", skip_serializing_if = "is_yes")]
    pub action: bool,
}

fn yes() -> bool {
    true
}

fn is_yes(b: &bool) -> bool {
    *b
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fact {
    pub id: String,
    pub rule: FactRule,
    /// Words for values in step text and reasons, e.g. governor -> "your Governor".
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub labels: BTreeMap<String, String>,
    /// Added to the reasons when the fact is computed and is neither false nor null
    /// (lookups and dates; cases carry their own reasons).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FactRule {
    /// The first case whose condition holds gives the value.
    Cases(Vec<Case>),
    /// The answer to a choice question picks the value from a table.
    Lookup {
        answer: String,
        table: BTreeMap<String, Value>,
    },
    /// The latest day to act: `notice` (a numeric fact) days before the date answer.
    /// Null when the date was left blank.
    Deadline {
        date: String,
        notice: String,
        count: DayCount,
    },
    /// True when the date fact is before today.
    Passed { date: String },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Case {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<Condition>,
    pub value: Value,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DayCount {
    /// Weekends and bank holidays do not count.
    WorkingDays,
    CalendarDays,
}

impl DayCount {
    /// The words editors write in the data ("working days", "calendar days").
    pub fn words(self) -> &'static str {
        match self {
            DayCount::WorkingDays => "working days",
            DayCount::CalendarDays => "calendar days",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Country {
    pub code: String,
    pub name: String,
    /// The country this place counts as for the lists (HK -> CN).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub part_of: Option<String>,
    /// Other words a reader may type to find it ("UAE", "Macao").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CountryList {
    pub id: String,
    /// Used in reasons: "Russia is on the special-attention list."
    pub name: String,
    pub countries: Vec<String>,
    /// Places the list covers with a listed country that are not part of it in the
    /// countries file: Palestinian territories (PS) -> Israel (IL).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub included: BTreeMap<String, String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Holidays {
    pub region: String,
    /// The data covers `from..=to`; days outside it cannot be counted.
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub dates: Vec<NaiveDate>,
}

impl Flow {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a flow always serialises")
    }

    pub fn from_json(json: &str) -> Result<Flow, serde_json::Error> {
        serde_json::from_str(json)
    }

    /// Points the rooted links at `origin` (the site's `link_origin`), so they work
    /// wherever the page is opened.
    pub fn resolve_rooted_links(&mut self, origin: &str) {
        for text in self.linkable_texts() {
            *text = crate::words::links_in_words::with_origin(text, origin);
        }
    }

    /// Every text that may hold links: outcome summaries, steps and their items, reasons.
    fn linkable_texts(&mut self) -> Vec<&mut String> {
        let mut texts = Vec::new();
        for outcome in &mut self.outcomes {
            texts.extend(&mut outcome.summary);
            for step in &mut outcome.steps {
                texts.push(&mut step.text);
                texts.extend(&mut step.items);
            }
        }
        for route in self.questions.iter_mut().flat_map(|q| &mut q.next) {
            texts.extend(&mut route.reason);
        }
        for fact in &mut self.facts {
            texts.extend(&mut fact.reason);
            if let FactRule::Cases(cases) = &mut fact.rule {
                texts.extend(cases.iter_mut().filter_map(|case| case.reason.as_mut()));
            }
        }
        texts
    }

    // Each looks the id up in the index, and checks it (a flow changed after its index
    // was built is searched instead).
    pub fn question(&self, id: &str) -> Option<&Question> {
        match self
            .index
            .question(self, id)
            .and_then(|i| self.questions.get(i))
        {
            Some(q) if q.id == id => Some(q),
            _ => self.questions.iter().find(|q| q.id == id),
        }
    }

    pub fn outcome(&self, id: &str) -> Option<&Outcome> {
        match self
            .index
            .outcome(self, id)
            .and_then(|i| self.outcomes.get(i))
        {
            Some(o) if o.id == id => Some(o),
            _ => self.outcomes.iter().find(|o| o.id == id),
        }
    }

    pub fn fact(&self, id: &str) -> Option<&Fact> {
        match self.index.fact(self, id).and_then(|i| self.facts.get(i)) {
            Some(f) if f.id == id => Some(f),
            _ => self.facts.iter().find(|f| f.id == id),
        }
    }

    pub fn list(&self, id: &str) -> Option<&CountryList> {
        self.lists.iter().find(|l| l.id == id)
    }

    /// Lists by id in words, as the reasons name them: "the special-attention list",
    /// "Western Europe, North America or Australia and New Zealand".
    pub fn lists_in_words(&self, ids: &[String]) -> String {
        let names: Vec<String> = ids
            .iter()
            .map(|id| self.list(id).map_or(id.as_str(), |l| l.name.as_str()))
            .map(|name| match name.ends_with(" list") {
                true => format!("the {name}"),
                false => name.to_string(),
            })
            .collect();
        crate::words::plain_text::join_with(names.iter().map(String::as_str), "or")
    }

    /// Codes are matched case-insensitively: "hk" finds Hong Kong.
    pub fn country(&self, code: &str) -> Option<&Country> {
        self.countries
            .iter()
            .find(|c| c.code.eq_ignore_ascii_case(code))
    }
}

impl Question {
    pub fn option(&self, value: &str) -> Option<&Choice> {
        self.options.iter().find(|o| o.value == value)
    }

    /// What to tell a reader who has not answered: the flow's `error`, or a general message.
    pub fn unanswered(&self) -> String {
        if let Some(error) = &self.error {
            return error.clone();
        }
        match self.kind {
            QuestionKind::YesNo => "Select yes or no".into(),
            QuestionKind::Choice => "Select one of the options".into(),
            QuestionKind::Countries => {
                "Choose at least one country, including any you pass through".into()
            }
            QuestionKind::Date => format!("Enter the {}", self.answer_name()),
        }
    }

    /// What the errors call the answer: the flow's `name`, or "date".
    pub fn answer_name(&self) -> &str {
        self.name.as_deref().unwrap_or("date")
    }
}
