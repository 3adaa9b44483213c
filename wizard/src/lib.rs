//! Signpost's decision-flow engine: load and check a flow written as YAML content,
//! evaluate a reader's answers, list every distinct path, count working days.
//!
//! Pure Rust with no web dependencies, so the same code runs in the generator and,
//! compiled to wasm32, in the reader's browser. The `yaml` feature (on by default)
//! adds loading from files; the browser reads the flow as JSON instead.
//! The flow format is described in the README, under "Decision flows".

mod answers;
mod chart;
mod countries;
mod dominators;
mod evaluate;
mod flow;
mod flow_index;
mod links;
mod paths;
mod table;
mod text;
mod validate;
mod working_days;

#[cfg(feature = "yaml")]
mod load;
#[cfg(feature = "yaml")]
mod locate;
#[cfg(feature = "yaml")]
mod yaml_depth;

pub use answers::{Answer, Answers, answer_label, validate_answer};
pub use chart::flow_chart_mermaid;
pub use countries::{Membership, lineage, membership};
pub use evaluate::{
    EvalError, Evaluation, Next, OutcomeStep, answered_path, evaluate, next_question,
};
pub use flow::{
    Case, Choice, Condition, Country, CountryList, DayCount, Fact, FactRule, Flow, Holidays,
    Outcome, Question, QuestionKind, Route, Step,
};
pub use flow_index::FlowIndex;
pub use links::{Piece, is_rooted, pieces, url_is_allowed};
pub use paths::{FlowPath, MAX_ROWS, TooManyPaths, enumerate_paths};
pub use table::decision_table_markdown;
pub use text::{format_date, join_and};
pub use validate::check_flow;
pub use working_days::{OutOfRange, calendar_days_before, is_working_day, latest_submission_date};

#[cfg(feature = "yaml")]
pub use load::{FlowError, load_flow, load_site_flow, too_deep_message};
#[cfg(feature = "yaml")]
pub use locate::{Locator, Mistake, Pos, Seg, YamlError, line_value, yaml_error};
#[cfg(feature = "yaml")]
pub use yaml_depth::{MAX_DEPTH, too_deep};
