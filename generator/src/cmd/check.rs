//! `signpost check`: everything `build` validates, without writing a site, plus the lints an
//! editor (or the security team's CI) wants before publishing: review dates past or near,
//! pages without an owner, links to other sites, images and scripts hosted elsewhere (they do
//! not work in an offline copy), `#Heading` without its space, mojibake, retired mailboxes,
//! and pages with the same title or address.
//!
//! Nothing is written where anyone would see it: the site is rendered into a temporary folder
//! that is thrown away, so problems only rendering finds (a template failing on one page) are
//! reported too.

use chrono::NaiveDate;
use signpost_base::diagnostic::Severity;
use signpost_checks::finding::{Finding, Lint};
use signpost_checks::report::CheckReport;
use signpost_model::site::Site;
use std::io::{self, Write};
use std::path::PathBuf;

pub struct CheckOptions {
    pub content_dir: PathBuf,
    /// The date review dates are checked against.
    pub today: NaiveDate,
    /// "Due soon" window in days; the site's `review_due_soon_days` when `None`.
    pub due_within: Option<u32>,
}

/// Checks the site in `options.content_dir`. Never writes anything.
pub fn check(options: &CheckOptions) -> CheckReport {
    let mut problems = Vec::new();
    let site = crate::cmd::build::load_and_check(&options.content_dir, &mut problems);
    if site.as_ref().is_some_and(|site| site.config.keep_going) {
        signpost_checks::keep_going::soften(&mut problems);
    }
    let flows_dir = options.content_dir.join(signpost_base::names::FLOWS_DIR);
    let mut findings: Vec<Finding> = problems
        .into_iter()
        .map(|diagnostic| Finding {
            lint: Lint::of_build_problem(&diagnostic, &flows_dir),
            diagnostic,
        })
        .collect();
    let due_within = options.due_within.unwrap_or_else(|| {
        site.as_ref()
            .map_or(30, |site| site.config.review_due_soon_days)
    });
    let mut pages = 0;
    if let Some(site) = &site {
        pages = site.pages.iter().filter(|p| !p.generated).count();
        if !findings.iter().any(|f| f.diagnostic.is_error()) {
            findings.extend(render_problems(site, options.today));
        }
        findings.extend(signpost_checks::lints::run(site, options.today, due_within));
    }
    signpost_checks::finding::sort(&mut findings);
    CheckReport {
        site_read: site.is_some(),
        findings,
        pages,
        today: options.today,
        due_within,
    }
}

/// The problems only rendering finds (see [`signpost_render::dry_run`]), as findings.
fn render_problems(site: &Site, today: NaiveDate) -> Vec<Finding> {
    signpost_render::dry_run(site, today)
        .into_iter()
        .map(|diagnostic| Finding {
            lint: Lint::Build,
            diagnostic,
        })
        .collect()
}

/// How `check` prints its findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// For people: one finding per line, with a `help:` line; coloured on a terminal.
    Text,
    /// For CI: one JSON object with `findings`, `counts` and `ok`.
    Json,
}

/// `signpost check`: prints the report and says whether CI should pass.
pub fn run(
    options: &CheckOptions,
    format: Format,
    deny_warnings: bool,
    verbose: bool,
) -> std::process::ExitCode {
    let report = check(options);
    let printed = match format {
        Format::Json => {
            let json = report.to_json(deny_warnings);
            let mut out = io::stdout().lock();
            serde_json::to_writer_pretty(&mut out, &json)
                .map_err(io::Error::from)
                .and_then(|()| writeln!(out))
        }
        Format::Text => report.write_text(&mut anstream::stdout().lock(), verbose),
    };
    if let Err(err) = printed {
        if err.kind() != io::ErrorKind::BrokenPipe {
            eprintln!("error: cannot print the report: {err}");
        }
        return std::process::ExitCode::FAILURE;
    }
    if report.passes(deny_warnings) {
        std::process::ExitCode::SUCCESS
    } else {
        if format == Format::Text && report.count(Severity::Error) == 0 {
            eprintln!("Failing because of warnings (--deny-warnings).");
        }
        std::process::ExitCode::FAILURE
    }
}
