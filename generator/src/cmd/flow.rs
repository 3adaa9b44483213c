//! `signpost flow check|eval|table`: one decision flow, checked, run on answers, or as a
//! decision table.

use super::{print_output, usage_error};
use chrono::NaiveDate;
use signpost_base::diagnostic::Diagnostic;
use signpost_model::flows;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// A flow by id (`content/flows/<id>.yaml`) or by file path.
fn flow_file(content_dir: &Path, flow: &str) -> PathBuf {
    let as_path = PathBuf::from(flow);
    if as_path
        .extension()
        .is_some_and(|e| e == "yaml" || e == "yml")
        || as_path.is_file()
    {
        as_path
    } else {
        content_dir
            .join(signpost_base::names::FLOWS_DIR)
            .join(format!("{flow}.yaml"))
    }
}

/// Loads a flow by id or file, printing its problems. With `site_links`, links from the
/// site root are checked against, and pointed at, the given `link_origin` as `build` does.
fn load_one(
    content_dir: &Path,
    flow: &str,
    site_links: Option<Option<&str>>,
) -> Result<signpost_wizard::Flow, ExitCode> {
    let file = flow_file(content_dir, flow);
    if !file.is_file() {
        return Err(usage_error(&format!(
            "there is no flow `{flow}` ({} does not exist)",
            file.display()
        )));
    }
    let data_dir = site_of(&file, content_dir).join(signpost_base::names::DATA_DIR);
    let loaded = match site_links {
        Some(link_origin) => signpost_wizard::load_site_flow(&file, &data_dir, link_origin),
        None => signpost_wizard::load_flow(&file, &data_dir),
    };
    loaded.map_err(|errors| {
        let problems: Vec<Diagnostic> = errors.into_iter().map(flows::from_flow_error).collect();
        signpost_base::console::print_problems(&problems);
        ExitCode::FAILURE
    })
}

/// The site a flow file belongs to: a flow file given by path reads its own site's data
/// and settings.
fn site_of<'a>(flow_file: &'a Path, content_dir: &'a Path) -> &'a Path {
    flow_file
        .parent()
        .and_then(Path::parent)
        .unwrap_or(content_dir)
}

pub fn check(content_dir: &Path, flow: Option<&str>) -> ExitCode {
    let files: Vec<PathBuf> = match flow {
        Some(flow) => vec![flow_file(content_dir, flow)],
        None => match signpost_model::discover::discover(content_dir) {
            Ok(sources) => sources.flows.iter().map(|f| content_dir.join(f)).collect(),
            Err(problems) => {
                signpost_base::console::print_problems(&problems);
                return ExitCode::FAILURE;
            }
        },
    };
    let mut failed = false;
    // As `build` does, the site's `link_origin` decides where links from its root go. Other
    // problems with the site's settings are for `check` and `build` to report.
    let mut link_origins = std::collections::HashMap::new();
    for file in &files {
        let site_dir = site_of(file, content_dir);
        let (link_origin, origin_problems) = link_origins
            .entry(site_dir.to_path_buf())
            .or_insert_with(|| {
                let mut problems = Vec::new();
                let config = signpost_model::settings::load(site_dir, &mut problems);
                problems.retain(|p| p.message.contains("`link_origin`"));
                // A `link_origin` that is not a web address points nowhere.
                let origin = config.link_origin.filter(|_| problems.is_empty());
                (origin, problems)
            });
        match load_one(
            content_dir,
            &file.to_string_lossy(),
            Some(link_origin.as_deref()),
        ) {
            Ok(loaded) => {
                // Counts, not paths: a flow of n yes/no questions has up to 2^n of those.
                print_output(&format!(
                    "ok: {} (flow `{}`, {} questions, {} outcomes)\n",
                    file.display(),
                    loaded.id,
                    loaded.questions.len(),
                    loaded.outcomes.len()
                ));
            }
            Err(_) => {
                signpost_base::console::print_problems(origin_problems);
                failed = true;
            }
        }
    }
    if files.is_empty() {
        print_output(&format!(
            "no flows in {}\n",
            content_dir.join(signpost_base::names::FLOWS_DIR).display()
        ));
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

pub fn eval(content_dir: &Path, flow: &str, answers_from: &str, today: NaiveDate) -> ExitCode {
    let flow = match load_one(content_dir, flow, None) {
        Ok(flow) => flow,
        Err(code) => return code,
    };
    let mut text = String::new();
    let read = if answers_from == "-" {
        std::io::stdin().read_to_string(&mut text).map(|_| ())
    } else {
        std::fs::read_to_string(answers_from).map(|t| text = t)
    };
    if let Err(err) = read {
        return usage_error(&format!(
            "cannot read the answers from {answers_from}: {err}"
        ));
    }
    if let Some((line, column)) = signpost_wizard::too_deep(&text) {
        return usage_error(&format!(
            "{answers_from}:{line}:{column}: {}",
            signpost_wizard::too_deep_message()
        ));
    }
    // JSON is YAML, so one parser reads both.
    let answers: signpost_wizard::Answers = match serde_yaml::from_str(&text) {
        Ok(answers) => answers,
        Err(err) => {
            return usage_error(&format!(
                "{answers_from}: the answers must be an object of question ids and answers, e.g. {{\"clearance\": \"sc\"}}: {err}"
            ));
        }
    };
    match signpost_wizard::evaluate(&flow, &answers, today) {
        Ok(evaluation) => {
            let json = serde_json::json!({
                "outcome": evaluation.outcome,
                "summary": evaluation.summary,
                "facts": evaluation.facts,
                "reasons": evaluation.reasons,
                "steps": evaluation.steps,
            });
            let json = serde_json::to_string_pretty(&json).expect("JSON values serialise");
            print_output(&format!("{json}\n"));
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::FAILURE
        }
    }
}

pub fn table(content_dir: &Path, flow: &str) -> ExitCode {
    match load_one(content_dir, flow, None) {
        Ok(loaded) => match signpost_wizard::decision_table_markdown(&loaded) {
            Ok(table) => {
                print_output(&table);
                ExitCode::SUCCESS
            }
            Err(too_many) => {
                eprintln!(
                    "error: {}: {too_many}\n  help: split it into smaller flows, or let fewer answers decide the outcome and facts",
                    flow_file(content_dir, flow).display()
                );
                ExitCode::FAILURE
            }
        },
        Err(code) => code,
    }
}
