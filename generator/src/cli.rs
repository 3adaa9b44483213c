//! The `signpost` command line.

use crate::build::{self, BuildOptions};
use crate::diagnostics::Diagnostic;
use crate::flows;
use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "signpost",
    version,
    about = "Builds policy and guidance sites from Markdown, with decision wizards that run in the reader's browser"
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site from the content folder into the output folder.
    Build {
        #[command(flatten)]
        content: ContentArg,
        /// Where the site is written. Replaced on every build; a folder that is not a previous
        /// Signpost output is never replaced.
        #[arg(long, short, default_value = "public", value_name = "DIR")]
        output: PathBuf,
        #[command(flatten)]
        today: TodayArg,
        /// Build even with broken links and `#anchors`, reporting them as warnings (for a
        /// first look at a site moved from another engine; `keep_going: true` in site.yaml
        /// does the same).
        #[arg(long)]
        keep_going: bool,
        /// List every warning, not one line for each kind there are many of.
        #[arg(long, short)]
        verbose: bool,
    },
    /// Check the site before publishing: everything `build` checks, plus review dates,
    /// owners, links to other sites, files hosted elsewhere, `#Heading` without a space,
    /// mojibake, retired mailboxes, duplicate titles and addresses. Writes nothing.
    Check {
        #[command(flatten)]
        content: ContentArg,
        /// `text` for people, `json` for CI.
        #[arg(long, value_enum, default_value = "text")]
        format: crate::check::Format,
        /// Fail on warnings too (pages past review, retired mailboxes, ...), not only errors.
        #[arg(long)]
        deny_warnings: bool,
        /// List pages due for review within this many days [default: `review_due_soon_days`
        /// in site.yaml, or 30].
        #[arg(long, value_name = "DAYS")]
        due_within: Option<u32>,
        #[command(flatten)]
        today: TodayArg,
        /// List every warning and note, not one line for each kind there are many of.
        #[arg(long, short)]
        verbose: bool,
    },
    /// Preview the site while you edit: serves it on 127.0.0.1, rebuilds on every change
    /// and reloads open pages. Ctrl-C stops it.
    Serve {
        #[command(flatten)]
        content: ContentArg,
        /// The port to serve on (0: any free port).
        #[arg(long, default_value_t = 8000)]
        port: u16,
        #[command(flatten)]
        today: TodayArg,
        /// Serve even with broken links and `#anchors`, reporting them as warnings.
        #[arg(long)]
        keep_going: bool,
    },
    /// Start a new page with complete front matter: title, owner, last reviewed today, and
    /// review-by after the site's review interval. Never replaces a file.
    New {
        /// Where the page goes, from the content folder, e.g. `travel/new-page.md`.
        path: PathBuf,
        /// The page's title [default: from the file name].
        #[arg(long)]
        title: Option<String>,
        /// Who owns the page [default: the owner of its section's index.md].
        #[arg(long)]
        owner: Option<String>,
        #[command(flatten)]
        content: ContentArg,
        #[command(flatten)]
        today: TodayArg,
    },
    /// Record that pages were reviewed and need no change: sets `last_reviewed` and moves
    /// `review_by` on by the page's `review_in` or the site's `review_interval`. Nothing else
    /// in the files changes.
    Review {
        /// The pages, from here or from the content folder.
        #[arg(required = true, value_name = "PAGE")]
        pages: Vec<PathBuf>,
        /// Who reviewed them (recorded as `reviewed_by`).
        #[arg(long, value_name = "NAME")]
        reviewer: Option<String>,
        /// The day of the review [default: today, or the SIGNPOST_TODAY environment variable].
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
        date: Option<NaiveDate>,
        #[command(flatten)]
        content: ContentArg,
    },
    /// Work with decision flows (content/flows/*.yaml).
    #[command(subcommand)]
    Flow(FlowCommand),
}

#[derive(Subcommand)]
enum FlowCommand {
    /// Check flows for mistakes: unknown questions or data, unreachable steps, endless paths.
    Check {
        /// A flow id or file; all flows if left out.
        flow: Option<String>,
        #[command(flatten)]
        content: ContentArg,
    },
    /// Evaluate answers against a flow and print the outcome as JSON.
    Eval {
        /// A flow id (e.g. overseas-travel) or a flow file.
        flow: String,
        /// A JSON or YAML file of answers, or - for standard input.
        #[arg(long, value_name = "FILE|-")]
        answers: String,
        #[command(flatten)]
        today: TodayArg,
        #[command(flatten)]
        content: ContentArg,
    },
    /// Print every distinct path through a flow, with its outcome and facts, as Markdown.
    Table {
        /// A flow id or file.
        flow: String,
        #[command(flatten)]
        content: ContentArg,
    },
}

#[derive(Args)]
struct ContentArg {
    /// The content folder.
    /// A GOV.UK tech-docs repository's root is read from its `source/` folder.
    #[arg(long, default_value = "content", value_name = "DIR", value_parser = content_folder)]
    content: PathBuf,
}

#[derive(Args)]
struct TodayArg {
    /// The date to work review notices and deadlines out against [default: today, or the
    /// SIGNPOST_TODAY environment variable].
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    today: Option<NaiveDate>,
}

impl TodayArg {
    fn date(&self) -> Result<NaiveDate, String> {
        if let Some(date) = self.today {
            return Ok(date);
        }
        match std::env::var("SIGNPOST_TODAY") {
            Ok(text) => parse_date(&text).map_err(|e| format!("SIGNPOST_TODAY: {e}")),
            Err(_) => Ok(chrono::Local::now().date_naive()),
        }
    }
}

fn content_folder(text: &str) -> Result<PathBuf, String> {
    Ok(crate::engine_settings::content_root(Path::new(text)))
}

fn parse_date(text: &str) -> Result<NaiveDate, String> {
    match crate::dates::PageDate::parse(text) {
        Ok(crate::dates::PageDate::Day(day)) => Ok(day),
        Ok(crate::dates::PageDate::Month { .. }) => Err(format!(
            "`{text}` is a month: give the day too, as YYYY-MM-DD"
        )),
        // "2027-02-30" is not a real date: that month has 28 days.
        Err(reason) => Err(format!("{reason}; write YYYY-MM-DD")),
    }
}

pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Build {
            content,
            output,
            today,
            keep_going,
            verbose,
        } => match today.date() {
            Ok(today) => run_build(
                BuildOptions {
                    content_dir: content.content,
                    output_dir: output,
                    today,
                    keep_going,
                },
                verbose,
            ),
            Err(message) => usage_error(&message),
        },
        Command::Check {
            content,
            format,
            deny_warnings,
            due_within,
            today,
            verbose,
        } => match today.date() {
            Ok(today) => crate::check::run(
                &crate::check::CheckOptions {
                    content_dir: content.content,
                    today,
                    due_within,
                },
                format,
                deny_warnings,
                verbose,
            ),
            Err(message) => usage_error(&message),
        },
        Command::Serve {
            content,
            port,
            today,
            keep_going,
        } => match today.date() {
            Ok(today) => crate::serve::run(&crate::serve::ServeOptions {
                content_dir: content.content,
                port,
                today,
                keep_going,
            }),
            Err(message) => usage_error(&message),
        },
        Command::New {
            path,
            title,
            owner,
            content,
            today,
        } => match today.date() {
            Ok(today) => crate::new_page::run(&crate::new_page::NewPage {
                content_dir: &content.content,
                path: &path,
                title: title.as_deref(),
                owner: owner.as_deref(),
                today,
            }),
            Err(message) => usage_error(&message),
        },
        Command::Review {
            pages,
            reviewer,
            date,
            content,
        } => match (TodayArg { today: date }).date() {
            Ok(date) => match (TodayArg { today: None }).date() {
                // A review is recorded on the day it was done, not ahead of it.
                Ok(today) if date > today => usage_error(&format!(
                    "--date {date} is after today ({today}): give the day the pages were reviewed"
                )),
                _ => crate::mark_reviewed::run(&content.content, &pages, date, reviewer.as_deref()),
            },
            Err(message) => usage_error(&message),
        },
        Command::Flow(FlowCommand::Check { flow, content }) => {
            flow_check(&content.content, flow.as_deref())
        }
        Command::Flow(FlowCommand::Eval {
            flow,
            answers,
            today,
            content,
        }) => match today.date() {
            Ok(today) => flow_eval(&content.content, &flow, &answers, today),
            Err(message) => usage_error(&message),
        },
        Command::Flow(FlowCommand::Table { flow, content }) => flow_table(&content.content, &flow),
    }
}

fn run_build(options: BuildOptions, verbose: bool) -> ExitCode {
    let started = std::time::Instant::now();
    // Ctrl-C or SIGTERM part way: the half-built site is removed, the previous one stays.
    let _ = ctrlc::set_handler(|| {
        crate::staging::remove_unfinished();
        eprintln!("Stopped: nothing was written; the previous site stays as it was.");
        std::process::exit(130);
    });
    match build::build(&options) {
        Ok(report) => {
            print_problems_as(&report.warnings, verbose);
            let drafts = match report.drafts {
                0 => String::new(),
                1 => " (1 draft left out)".to_string(),
                n => format!(" ({n} drafts left out)"),
            };
            eprintln!(
                "Built {} pages{drafts} from {} into {} in {:.2} s.",
                report.pages,
                options.content_dir.display(),
                options.output_dir.display(),
                started.elapsed().as_secs_f64()
            );
            for line in &report.left_out {
                eprintln!("{line}");
            }
            eprintln!(
                "Open {} in a browser.",
                options.output_dir.join("index.html").display()
            );
            ExitCode::SUCCESS
        }
        Err(problems) => {
            print_problems_as(&problems, verbose);
            eprintln!(
                "Nothing was written: {} stays as it was.",
                options.output_dir.display()
            );
            ExitCode::FAILURE
        }
    }
}

/// Prints problems and a count, to standard error; many warnings with the same fix as one
/// line (see [`print_problems_as`]).
pub fn print_problems(problems: &[Diagnostic]) {
    print_problems_as(problems, false)
}

/// Prints problems and a count, to standard error. Over a handful of warnings with the same
/// fix are one line, unless `verbose`.
pub fn print_problems_as(problems: &[Diagnostic], verbose: bool) {
    let shown = crate::grouping::group(problems, |p| {
        (!verbose && !p.is_error()).then(|| p.help.clone().unwrap_or_else(|| p.message.clone()))
    });
    let mut grouped = false;
    for shown in shown {
        match shown {
            crate::grouping::Shown::One(problem) => eprintln!("{problem}"),
            crate::grouping::Shown::Many { first, count } => {
                grouped = true;
                let mut line = first.clone();
                line.message = format!("{} (and {} more like it)", first.message, count - 1);
                eprintln!("{line}");
            }
        }
    }
    if grouped {
        eprintln!(
            "More than {} warnings with the same fix are shown once; --verbose lists every one.",
            crate::grouping::HANDFUL
        );
    }
    let errors = problems.iter().filter(|p| p.is_error()).count();
    let warnings = problems.len() - errors;
    if !problems.is_empty() {
        eprintln!(
            "{errors} error{}, {warnings} warning{}",
            plural(errors),
            plural(warnings)
        );
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// Writes a command's output. A reader that stops early (`| head`) is not an error, and
/// must not make `println!` panic.
fn print_output(text: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
}

fn usage_error(message: &str) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::from(2)
}

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
            .join(crate::discover::FLOWS_DIR)
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
    let data_dir = site_of(&file, content_dir).join(crate::discover::DATA_DIR);
    let loaded = match site_links {
        Some(link_origin) => signpost_wizard::load_site_flow(&file, &data_dir, link_origin),
        None => signpost_wizard::load_flow(&file, &data_dir),
    };
    loaded.map_err(|errors| {
        let problems: Vec<Diagnostic> = errors.into_iter().map(flows::from_flow_error).collect();
        print_problems(&problems);
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

fn flow_check(content_dir: &Path, flow: Option<&str>) -> ExitCode {
    let files: Vec<PathBuf> = match flow {
        Some(flow) => vec![flow_file(content_dir, flow)],
        None => match crate::discover::discover(content_dir) {
            Ok(sources) => sources.flows.iter().map(|f| content_dir.join(f)).collect(),
            Err(problems) => {
                print_problems(&problems);
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
                let config = crate::config::load(site_dir, &mut problems);
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
                print_problems(origin_problems);
                failed = true;
            }
        }
    }
    if files.is_empty() {
        print_output(&format!(
            "no flows in {}\n",
            content_dir.join(crate::discover::FLOWS_DIR).display()
        ));
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn flow_eval(content_dir: &Path, flow: &str, answers_from: &str, today: NaiveDate) -> ExitCode {
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

fn flow_table(content_dir: &Path, flow: &str) -> ExitCode {
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

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }
}
