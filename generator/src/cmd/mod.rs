//! The commands: each reads its arguments, calls the library and prints what happened.

pub mod build;
pub mod check;
pub mod flow;
pub mod new;
pub mod review;
pub mod serve;

use crate::cli::{Cli, Command, FlowCommand, TodayArg};
use crate::cmd::build::BuildOptions;
use std::process::ExitCode;

pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Build {
            content,
            output,
            today,
            keep_going,
            verbose,
        } => match today.date() {
            Ok(today) => crate::cmd::build::run(
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
            Ok(today) => crate::cmd::check::run(
                &crate::cmd::check::CheckOptions {
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
            Ok(today) => crate::cmd::serve::run(&crate::cmd::serve::ServeOptions {
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
            Ok(today) => crate::cmd::new::run(&crate::cmd::new::NewPage {
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
                _ => crate::cmd::review::run(&content.content, &pages, date, reviewer.as_deref()),
            },
            Err(message) => usage_error(&message),
        },
        Command::Flow(FlowCommand::Check { flow, content }) => {
            flow::check(&content.content, flow.as_deref())
        }
        Command::Flow(FlowCommand::Eval {
            flow,
            answers,
            today,
            content,
        }) => match today.date() {
            Ok(today) => flow::eval(&content.content, &flow, &answers, today),
            Err(message) => usage_error(&message),
        },
        Command::Flow(FlowCommand::Table { flow, content }) => flow::table(&content.content, &flow),
    }
}

/// Writes a command's output. A reader that stops early (`| head`) is not an error, and
/// must not make `println!` panic.
pub fn print_output(text: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
}

pub fn usage_error(message: &str) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::from(2)
}
