//! `signpost build`: the whole pipeline, top to bottom.
//!
//! discover -> read (front matter, Markdown, shortcodes) -> model (tree, links) -> check ->
//! render -> write (atomically).

use chrono::NaiveDate;
use rayon::prelude::*;
use signpost_base::diagnostic::{self, Diagnostic};
use signpost_base::write::{self, WriteError};
use signpost_checks::cross_page;
use signpost_model::left_out;
use signpost_model::page_cache::PageCache;
use signpost_model::site::{self, Site};
use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;
use std::process::ExitCode;

pub struct BuildOptions {
    pub content_dir: PathBuf,
    pub output_dir: PathBuf,
    /// The date review notices are worked out against.
    pub today: NaiveDate,
    /// Broken links and anchors are warnings (`--keep-going`).
    pub keep_going: bool,
}

pub struct BuildReport {
    pub pages: usize,
    /// Pages left out because they are drafts.
    pub drafts: usize,
    /// Warnings found on the way (the build still succeeded).
    pub warnings: Vec<Diagnostic>,
    /// What was not published, and why: one line each, for the summary.
    pub left_out: Vec<String>,
}

/// Builds the site, or returns every problem found (errors and warnings) if it cannot.
pub fn build(options: &BuildOptions) -> Result<BuildReport, Vec<Diagnostic>> {
    build_cached(options, None)
}

/// [`build`], re-reading only the pages that changed since `cache` was filled.
pub fn build_cached(
    options: &BuildOptions,
    cache: Option<&PageCache>,
) -> Result<BuildReport, Vec<Diagnostic>> {
    build_keeping(options, cache).0
}

/// What a build read, kept by `signpost serve` to rebuild one edited page without reading
/// the site again.
pub struct Kept {
    pub site: Site,
    /// The problems reading found, before the checks across pages (which an edit can change).
    pub read_problems: Vec<Diagnostic>,
    /// The checks across pages: each page's, by its index, and the site's.
    pub page_checks: Vec<Vec<Diagnostic>>,
    pub site_checks: Vec<Diagnostic>,
    /// For each page, the pages that link to an anchor on it: made when first needed
    /// (`signpost_model::page_edit::anchor_links`).
    pub anchor_links: Option<HashMap<PathBuf, BTreeSet<usize>>>,
}

/// [`build_cached`], also giving back the site it built (when it built one).
pub fn build_keeping(
    options: &BuildOptions,
    cache: Option<&PageCache>,
) -> (Result<BuildReport, Vec<Diagnostic>>, Option<Kept>) {
    let mut problems = Vec::new();
    let site = read_cached(&options.content_dir, &mut problems, cache);
    let read_problems = problems.clone();
    let checks = site.as_ref().map(|site| {
        // As `check`, keeping each page's problems apart.
        let started = std::time::Instant::now();
        let page_checks: Vec<Vec<Diagnostic>> = site
            .pages
            .par_iter()
            .map(|page| cross_page::check_page(site, page))
            .collect();
        let site_checks = cross_page::site_wide(site);
        problems.extend(page_checks.iter().flatten().cloned());
        problems.extend(site_checks.iter().cloned());
        diagnostic::sort(&mut problems);
        signpost_base::timing::timed("checks", started);
        (page_checks, site_checks)
    });
    if site
        .as_ref()
        .is_some_and(|site| options.keep_going || site.config.keep_going)
    {
        signpost_checks::keep_going::soften(&mut problems);
    }
    let (site, (page_checks, site_checks)) = match (site, checks) {
        (Some(site), Some(checks)) if !diagnostic::has_errors(&problems) => (site, checks),
        _ => return (Err(problems), None),
    };
    let written = write::write_site(&options.output_dir, &options.content_dir, |staging| {
        signpost_render::render_site(&site, options.today, staging)
    });
    let report = match written {
        Ok(()) => BuildReport {
            pages: site.pages.len(),
            drafts: site.drafts.len(),
            warnings: problems,
            left_out: [
                left_out::summary(&site.left_out, "that belong to another site engine"),
                left_out::summary(&site.excluded, "that `exclude` names"),
            ]
            .into_iter()
            .flatten()
            .collect(),
        },
        Err(WriteError::Build(found)) => {
            problems.extend(found);
            return (Err(problems), None);
        }
        Err(WriteError::Refused(problem) | WriteError::Io(problem)) => {
            problems.push(problem);
            return (Err(problems), None);
        }
    };
    (
        Ok(report),
        Some(Kept {
            site,
            read_problems,
            page_checks,
            site_checks,
            anchor_links: None,
        }),
    )
}

/// Reads and checks the site without writing anything (shared with `check`).
pub fn load_and_check(
    content_dir: &std::path::Path,
    problems: &mut Vec<Diagnostic>,
) -> Option<Site> {
    load_and_check_cached(content_dir, problems, None)
}

/// [`load_and_check`], taking unchanged pages from `cache`.
pub fn load_and_check_cached(
    content_dir: &std::path::Path,
    problems: &mut Vec<Diagnostic>,
    cache: Option<&PageCache>,
) -> Option<Site> {
    let site = read_cached(content_dir, problems, cache)?;
    check(&site, problems);
    Some(site)
}

fn read_cached(
    content_dir: &std::path::Path,
    problems: &mut Vec<Diagnostic>,
    cache: Option<&PageCache>,
) -> Option<Site> {
    let started = std::time::Instant::now();
    let site = site::load_cached(content_dir, problems, cache)?;
    signpost_base::timing::timed("read", started);
    Some(site)
}

/// The checks across pages (links and anchors resolve, names do not clash).
pub fn check(site: &Site, problems: &mut Vec<Diagnostic>) {
    let started = std::time::Instant::now();
    cross_page::run(site, problems);
    signpost_base::timing::timed("checks", started);
}

/// `signpost build`: builds, prints the problems and a summary.
pub fn run(options: BuildOptions, verbose: bool) -> ExitCode {
    let started = std::time::Instant::now();
    // Ctrl-C or SIGTERM part way: the half-built site is removed, the previous one stays.
    let _ = ctrlc::set_handler(|| {
        signpost_base::write::staging::remove_unfinished();
        eprintln!("Stopped: nothing was written; the previous site stays as it was.");
        std::process::exit(130);
    });
    match build(&options) {
        Ok(report) => {
            signpost_base::console::print_problems_as(&report.warnings, verbose);
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
            signpost_base::console::print_problems_as(&problems, verbose);
            eprintln!(
                "Nothing was written: {} stays as it was.",
                options.output_dir.display()
            );
            ExitCode::FAILURE
        }
    }
}
