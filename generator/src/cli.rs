//! The `signpost` command line.

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand};
use std::path::{Path, PathBuf};

#[derive(Parser)]
#[command(
    name = "signpost",
    version,
    about = "Builds policy and guidance sites from Markdown, with decision wizards that run in the reader's browser"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
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
        format: crate::cmd::check::Format,
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
pub enum FlowCommand {
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
pub struct ContentArg {
    /// The content folder.
    /// A GOV.UK tech-docs repository's root is read from its `source/` folder.
    #[arg(long, default_value = "content", value_name = "DIR", value_parser = content_folder)]
    pub content: PathBuf,
}

#[derive(Args)]
pub struct TodayArg {
    /// The date to work review notices and deadlines out against [default: today, or the
    /// SIGNPOST_TODAY environment variable].
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub today: Option<NaiveDate>,
}

impl TodayArg {
    pub fn date(&self) -> Result<NaiveDate, String> {
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
    Ok(signpost_model::settings::other_engines::content_root(
        Path::new(text),
    ))
}

fn parse_date(text: &str) -> Result<NaiveDate, String> {
    match signpost_base::dates::PageDate::parse(text) {
        Ok(signpost_base::dates::PageDate::Day(day)) => Ok(day),
        Ok(signpost_base::dates::PageDate::Month { .. }) => Err(format!(
            "`{text}` is a month: give the day too, as YYYY-MM-DD"
        )),
        // "2027-02-30" is not a real date: that month has 28 days.
        Err(reason) => Err(format!("{reason}; write YYYY-MM-DD")),
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
