//! Signpost's decision-flow engine: load and check a flow written as YAML content,
//! evaluate a reader's answers, list every distinct path, count working days.
//!
//! Pure Rust with no web dependencies, so the same code runs in the generator and,
//! compiled to wasm32, in the reader's browser. The `yaml` feature (on by default)
//! adds loading from files; the browser reads the flow as JSON instead.
//! The flow format is described in the README, under "Decision flows".
//!
//! By job: `model` (what a flow and its answers are), `load` (from YAML, with file:line
//! errors), `check` (the whole-flow checks), `run` (a reader's answers to an outcome),
//! `report` (every path, the decision table and chart), `words` (text as readers see it).

mod check;
#[cfg(feature = "yaml")]
mod load;
mod model;
mod report;
mod run;
mod words;

pub use check::check_flow;
pub use model::answers::{Answer, Answers, answer_label, validate_answer};
pub use model::flow::{
    Case, Choice, Condition, Country, CountryList, DayCount, Fact, FactRule, Flow, Holidays,
    Outcome, Question, QuestionKind, Route, Step,
};
pub use model::flow_index::FlowIndex;
pub use report::chart::flow_chart_mermaid;
pub use report::paths::{FlowPath, MAX_ROWS, TooManyPaths, enumerate_paths};
pub use report::table::decision_table_markdown;
pub use run::evaluate::{
    EvalError, Evaluation, Next, OutcomeStep, answered_path, evaluate, next_question,
};
pub use run::places::{Membership, lineage, membership};
pub use run::working_days::{
    OutOfRange, calendar_days_before, is_working_day, latest_submission_date,
};
pub use words::json_text::json_text;
pub use words::links_in_words::{Piece, is_rooted, pieces, url_is_allowed};
pub use words::plain_text::{format_date, join_and};

#[cfg(feature = "yaml")]
pub use load::locate::{Locator, Pos, Seg, line_value};
#[cfg(feature = "yaml")]
pub use load::yaml_depth::{MAX_DEPTH, too_deep};
#[cfg(feature = "yaml")]
pub use load::yaml_error::{Mistake, YamlError, yaml_error};
#[cfg(feature = "yaml")]
pub use load::{FlowError, load_flow, load_site_flow, too_deep_message};
