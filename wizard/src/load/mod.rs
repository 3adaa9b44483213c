//! Loading a flow and the data files it names from YAML, with every problem reported
//! at its file and line. The YAML is read as plain values and checked by hand (rather
//! than by serde into structs) so that all problems are found in one go, not just the
//! first.
//!
//! The reading is split by what is read: the flow file's top level (`flow_file`), data
//! files (`data`) and values in them (`data_refs`), questions (`questions`) and their
//! conditions (`conditions`), outcomes (`outcomes`), facts (`facts`), and the words readers see
//! (`reader_words`). Where a problem is in the YAML text: `locate`; YAML's own errors in
//! plain words: `yaml_error`; how deep the YAML may nest: `yaml_depth`.

mod conditions;
mod data;
mod data_refs;
mod facts;
mod flow_file;
pub(crate) mod locate;
mod outcomes;
mod questions;
mod reader_words;
pub(crate) mod yaml_depth;
pub(crate) mod yaml_error;

use crate::check::{Site, check, suggest};
use crate::load::locate::{Locator, Seg, at};
use crate::model::flow::{
    Case, Choice, Condition, Country, CountryList, DayCount, Fact, FactRule, Flow, Holidays,
    Outcome, Question, QuestionKind, Route, Step,
};
use chrono::{Datelike, NaiveDate, Weekday};
use serde_json::Value as Json;
use serde_yaml::{Mapping, Value};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;
use std::path::{Path, PathBuf};

/// `notice.strap` -> the data file's stem, `notice`, and the keys inside it, `[strap]`.
fn split_reference(reference: &str) -> (&str, Vec<Seg>) {
    let mut parts = reference.split('.');
    let stem = parts.next().unwrap_or_default();
    (stem, parts.map(Seg::from).collect())
}

/// What to do about a YAML syntax error that is not a known [`crate::Mistake`]: YAML's own
/// words ("did not find expected '-' indicator") do not say.
fn yaml_help(message: &str) -> String {
    if message.contains("mapping values are not allowed") {
        "a line has `: ` where YAML did not expect one: put text that contains `: ` in quotes (a step that has `items:` or `action:` too writes its words as `text: …`)".into()
    } else {
        "check the indentation, and put text with `: ` or ` #` in it in quotes".into()
    }
}

/// A problem in a flow or data file, at a 1-based line and column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlowError {
    pub file: PathBuf,
    pub line: usize,
    pub column: usize,
    pub message: String,
    pub help: Option<String>,
}

impl fmt::Display for FlowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: error: {}",
            self.file.display(),
            self.line,
            self.column,
            self.message
        )?;
        if let Some(help) = &self.help {
            write!(f, "\n  help: {help}")?;
        }
        Ok(())
    }
}

impl std::error::Error for FlowError {}

/// Loads `flow_path` and the data files it names from `data_dir`, resolves them into
/// one self-contained `Flow`, and checks it. Returns every problem found. Links from the
/// site root (`/gs/form.docx`) stay as written: see [`load_site_flow`].
pub fn load_flow(flow_path: &Path, data_dir: &Path) -> Result<Flow, Vec<FlowError>> {
    load(flow_path, data_dir, true)
}

/// [`load_flow`] for a site whose links from its root go to `link_origin` (its intranet):
/// such links in the flow are pointed there, and without a `link_origin` each is an error
/// at its place, as it could not work from a copy on disk.
pub fn load_site_flow(
    flow_path: &Path,
    data_dir: &Path,
    link_origin: Option<&str>,
) -> Result<Flow, Vec<FlowError>> {
    let mut flow = load(flow_path, data_dir, link_origin.is_some())?;
    if let Some(origin) = link_origin {
        flow.resolve_rooted_links(origin);
    }
    Ok(flow)
}

fn load(
    flow_path: &Path,
    data_dir: &Path,
    rooted_links_allowed: bool,
) -> Result<Flow, Vec<FlowError>> {
    let mut loader = Loader {
        data_dir: data_dir.to_path_buf(),
        files: Vec::new(),
        by_stem: HashMap::new(),
        errors: Vec::new(),
        dropped: false,
        rooted_links_allowed,
    };
    let Some(src) = loader.open(flow_path) else {
        return Err(loader.errors);
    };
    let flow = loader.flow(src);
    // The whole-flow checks run unless a question or outcome could not be read at all,
    // which would make them report routes to it as dangling.
    if !loader.dropped {
        for p in check(&flow) {
            let at = site_path(&flow, p.site);
            // "`{aprover}` in this reason…": point at the placeholder itself.
            let placeholder = p
                .message
                .strip_prefix("`{")
                .and_then(|rest| rest.split_once("}`"))
                .map(|(name, _)| format!("{{{name}}}"));
            match placeholder {
                Some(written) => loader.error_at_text(src, &at, ("", &written), p.message, p.help),
                None => loader.error(src, &at, p.message, p.help),
            }
        }
    }
    if loader.errors.is_empty() {
        Ok(flow)
    } else {
        let mut errors = loader.errors;
        errors.sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
        errors.dedup();
        Err(errors)
    }
}

/// A YAML file read once: its value and where its keys are.
struct Source {
    path: PathBuf,
    value: Value,
    locator: Locator,
}

/// Index of a source in `Loader::files`.
type Src = usize;

struct Loader {
    data_dir: PathBuf,
    files: Vec<Source>,
    by_stem: HashMap<String, Option<Src>>,
    errors: Vec<FlowError>,
    /// A question or outcome was left out because it could not be read.
    dropped: bool,
    /// False for a site with no `link_origin`, where links from its root cannot work.
    rooted_links_allowed: bool,
}

/// The question facts a condition or fact refers to, known before they are resolved.
struct Names {
    questions: HashMap<String, (QuestionKind, Vec<String>)>,
    facts: BTreeSet<String>,
    lists: BTreeSet<String>,
}

impl Loader {
    // ---- files and errors ----

    fn open(&mut self, path: &Path) -> Option<Src> {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) => {
                self.errors.push(FlowError {
                    file: path.to_path_buf(),
                    line: 1,
                    column: 1,
                    message: format!("cannot read the file: {e}"),
                    help: None,
                });
                return None;
            }
        };
        if let Some((line, column)) = crate::load::yaml_depth::too_deep(&text) {
            self.errors.push(FlowError {
                file: path.to_path_buf(),
                line,
                column,
                message: too_deep_message(),
                help: Some("write the conditions or lists less deeply nested".into()),
            });
            return None;
        }
        let value: Value = match serde_yaml::from_str(&text) {
            Ok(v) => v,
            Err(e) => {
                let error = crate::load::yaml_error::yaml_error(&text, &e);
                let (line, column) = error.at.unwrap_or((1, 1));
                let (message, help) = match (&error.repeated, error.mistake) {
                    (Some((key, first)), _) => (
                        format!("`{key}` is written twice (first on line {first})"),
                        "keep one of them".to_string(),
                    ),
                    (None, Some(mistake)) => {
                        (mistake.message().to_string(), mistake.help().to_string())
                    }
                    (None, None) => (
                        format!("this is not valid YAML: {}", error.message),
                        yaml_help(&error.message),
                    ),
                };
                self.errors.push(FlowError {
                    file: path.to_path_buf(),
                    line,
                    column,
                    message,
                    help: Some(help),
                });
                return None;
            }
        };
        self.files.push(Source {
            path: path.to_path_buf(),
            value,
            locator: Locator::new(&text),
        });
        Some(self.files.len() - 1)
    }

    /// A data file by stem (`countries` -> data_dir/countries.yaml), read once.
    /// `from`/`at` say where the flow asked for it, for the error if it is missing.
    fn data(&mut self, stem: &str, from: Src, at: &[Seg]) -> Option<Src> {
        if let Some(known) = self.by_stem.get(stem) {
            return *known;
        }
        let path = self.data_dir.join(format!("{stem}.yaml"));
        let src = if path.is_file() {
            self.open(&path)
        } else {
            self.error(
                from,
                at,
                format!(
                    "there is no data file \"{stem}\" (looked for {})",
                    path.display()
                ),
                Some(
                    "data files live in content/data/ and are named by their stem, without .yaml"
                        .into(),
                ),
            );
            None
        };
        self.by_stem.insert(stem.to_string(), src);
        src
    }

    fn error(&mut self, src: Src, at: &[Seg], message: String, help: Option<String>) {
        let pos = self.files[src].locator.find(at);
        self.push(src, pos.line, pos.column, message, help);
    }

    /// An error pointing at the value written at `at` rather than at its key.
    fn error_at_value(&mut self, src: Src, at: &[Seg], message: String, help: Option<String>) {
        let pos = self.files[src].locator.find_value(at);
        self.push(src, pos.line, pos.column, message, help);
    }

    /// An error pointing at a word (a bad code, say) on or just after the path's line.
    fn error_at_word(
        &mut self,
        src: Src,
        at: &[Seg],
        word: &str,
        message: String,
        help: Option<String>,
    ) {
        let pos = self.files[src].locator.find_word(at, word);
        self.push(src, pos.line, pos.column, message, help);
    }

    /// An error pointing at `target`, where `before` + `target` is written on or just after
    /// the path's line (`](` before a link's address finds that link's address), or at the
    /// path if it is written otherwise (escaped in quotes, say).
    fn error_at_text(
        &mut self,
        src: Src,
        at: &[Seg],
        (before, target): (&str, &str),
        message: String,
        help: Option<String>,
    ) {
        match self.files[src]
            .locator
            .find_text(at, &format!("{before}{target}"))
        {
            Some(pos) => {
                let column = pos.column + before.chars().count();
                self.push(src, pos.line, column, message, help);
            }
            None => self.error(src, at, message, help),
        }
    }

    fn push(
        &mut self,
        src: Src,
        line: usize,
        column: usize,
        message: String,
        help: Option<String>,
    ) {
        self.errors.push(FlowError {
            file: self.files[src].path.clone(),
            line,
            column,
            message,
            help,
        });
    }

    // ---- small readers over YAML values ----

    fn value(&self, src: Src, at: &[Seg]) -> Option<Value> {
        let mut v = &self.files[src].value;
        for seg in at {
            v = match seg {
                Seg::Key(k) => v.as_mapping()?.get(k.as_str())?,
                Seg::Index(i) => v.as_sequence()?.get(*i)?,
            };
        }
        Some(v.clone())
    }

    /// The mapping at a path, with only `allowed` keys (others are errors).
    fn map(
        &mut self,
        src: Src,
        at: &[Seg],
        v: &Value,
        allowed: &[&str],
        what: &str,
    ) -> Option<Mapping> {
        let Some(m) = v.as_mapping() else {
            self.error(
                src,
                at,
                format!("{what} should be a set of `key: value` lines"),
                None,
            );
            return None;
        };
        for key in m.keys() {
            let name = scalar(key).unwrap_or_default();
            if !allowed.contains(&name.as_str()) {
                let mut p = at.to_vec();
                p.push(Seg::Key(name.clone()));
                // Keys are single words: a key with spaces is text with `: ` in it.
                let help = if name.starts_with(['“', '‘']) {
                    "YAML does not read curly quotes (“ ”) as quotes: use straight ones (\")"
                        .to_string()
                } else if name.trim().contains(' ') {
                    "this looks like text with `: ` in it, which YAML reads as `key: value`; put the whole text in quotes".to_string()
                } else {
                    suggest(&name, allowed.to_vec())
                        .unwrap_or_else(|| format!("{what} can have: {}", allowed.join(", ")))
                };
                self.error(
                    src,
                    &p,
                    format!("unknown key `{name}` in {what}"),
                    Some(help),
                );
            }
        }
        Some(m.clone())
    }

    fn text(&mut self, src: Src, at: &[Seg], m: &Mapping, key: &str, what: &str) -> Option<String> {
        match m.get(key) {
            Some(v) => match scalar(v) {
                Some(s) if !s.trim().is_empty() => Some(s),
                found => {
                    let p = with(at, key);
                    let message = match (found, v) {
                        (Some(_), _) | (None, Value::Null) => format!("`{key}` of {what} is empty"),
                        _ => format!("`{key}` of {what} should be text"),
                    };
                    self.error(src, &p, message, None);
                    None
                }
            },
            None => {
                self.error(src, at, format!("{what} needs a `{key}`"), None);
                None
            }
        }
    }

    fn optional_text(
        &mut self,
        src: Src,
        at: &[Seg],
        m: &Mapping,
        key: &str,
        what: &str,
    ) -> Option<String> {
        m.get(key)?;
        self.text(src, at, m, key, what)
    }

    fn seq(&mut self, src: Src, at: &[Seg], v: &Value, what: &str) -> Vec<Value> {
        match v {
            Value::Sequence(s) => s.clone(),
            _ => {
                self.error(
                    src,
                    at,
                    format!("{what} should be a list (lines starting with `- `)"),
                    None,
                );
                Vec::new()
            }
        }
    }

    /// One name or a list of names: `regions` or `[special_attention, regions]`.
    fn names(&mut self, src: Src, at: &[Seg], v: &Value, what: &str) -> Vec<String> {
        match v {
            Value::Sequence(s) => s.iter().filter_map(scalar).collect(),
            other => match scalar(other) {
                Some(s) => vec![s],
                None => {
                    self.error(
                        src,
                        at,
                        format!("{what} should be a name or a list of names"),
                        None,
                    );
                    Vec::new()
                }
            },
        }
    }
}

/// Stands in for a condition that could not be read (already reported), so its route,
/// step or case stays in place for the other checks.
fn never() -> Condition {
    Condition::Any(Vec::new())
}

fn walk_conditions(c: &Condition, f: &mut impl FnMut(&Condition)) {
    f(c);
    match c {
        Condition::All(cs) | Condition::Any(cs) => cs.iter().for_each(|c| walk_conditions(c, f)),
        Condition::Not(c) => walk_conditions(c, f),
        _ => {}
    }
}

/// The flow-file path of a validation problem's site.
fn site_path(flow: &Flow, site: Site) -> Vec<Seg> {
    match site {
        Site::Flow => at!["id"].to_vec(),
        Site::Question(q) => at!["questions", q, "id"].to_vec(),
        Site::Route(q, r) => at!["questions", q, "next", r].to_vec(),
        Site::Outcome(o) => at!["outcomes", o, "id"].to_vec(),
        Site::OutcomeFacts(o) => at!["outcomes", o, "facts"].to_vec(),
        Site::OutcomeSummary(o) => at!["outcomes", o, "summary"].to_vec(),
        Site::Step(o, s) => at!["outcomes", o, "steps", s].to_vec(),
        Site::StepItem(o, s, i) => at!["outcomes", o, "steps", s, "items", i].to_vec(),
        Site::Fact(f) => at!["facts", flow.facts[f].id.clone()].to_vec(),
    }
}

fn with(at: &[Seg], key: &str) -> Vec<Seg> {
    let mut p = at.to_vec();
    p.push(Seg::Key(key.to_string()));
    p
}

/// A scalar as text: strings as they are, numbers and booleans written out.
fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn one_or_many(v: &Value) -> Vec<Value> {
    match v {
        Value::Sequence(s) => s.clone(),
        other => vec![other.clone()],
    }
}

fn yaml_to_json(v: &Value) -> Json {
    serde_json::to_value(v).unwrap_or(Json::Null)
}

fn kind_words(kind: QuestionKind) -> &'static str {
    match kind {
        QuestionKind::Choice => "choice",
        QuestionKind::YesNo => "yes/no",
        QuestionKind::Countries => "countries",
        QuestionKind::Date => "date",
    }
}

/// Ids appear in answer files and URLs: keep them plain.
fn is_id(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

/// What is wrong with a file nested deeper than the limit.
pub fn too_deep_message() -> String {
    format!(
        "this nests more than {} levels deep (lists or mappings inside each other)",
        crate::load::yaml_depth::MAX_DEPTH
    )
}
