//! `signpost review <page>…`: "reviewed, no change", recorded in each page's front matter
//! (see `signpost_model::page::front_matter_edit`), every other byte kept.

use chrono::NaiveDate;
use signpost_base::dates::PageDate;
use signpost_base::diagnostic;
use signpost_model::page::front_matter_edit::review_text;
use signpost_model::settings;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// `signpost review`: updates each page; reports each; fails if any page could not be updated.
pub fn run(
    content_dir: &Path,
    pages: &[PathBuf],
    date: NaiveDate,
    reviewer: Option<&str>,
) -> ExitCode {
    let mut problems = Vec::new();
    let site = settings::load(content_dir, &mut problems);
    if diagnostic::has_errors(&problems) {
        signpost_base::console::print_problems(&problems);
        return ExitCode::FAILURE;
    }
    // Every page is read and updated in memory first: when one cannot be, none is written,
    // so a mistyped path does not leave half the pages reviewed.
    let mut changes = Vec::new();
    let mut failed = Vec::new();
    for page in pages {
        let file = resolve(content_dir, page);
        match review_text(&file, site.review_interval, date, reviewer) {
            Ok(change) => changes.push((file, change)),
            Err(problem) => failed.push(problem),
        }
    }
    if !failed.is_empty() {
        signpost_base::console::print_problems(&failed);
        eprintln!("No page was changed.");
        return ExitCode::FAILURE;
    }
    for (file, change) in changes {
        if let Err(problem) = signpost_base::write::write_in_place(&file, change.text.as_bytes()) {
            // Only a disk that fails part way: the pages listed above it are reviewed.
            eprintln!("{problem}");
            return ExitCode::FAILURE;
        }
        let was = change
            .previous_review_by
            .map(|previous| format!(" (was {previous})"))
            .unwrap_or_default();
        let how = if change.derived {
            " (from its review_in)"
        } else {
            ""
        };
        println!(
            "{}: reviewed on {}; review by {}{how}{was}",
            file.display(),
            PageDate::Day(date),
            PageDate::Day(change.review_by)
        );
    }
    ExitCode::SUCCESS
}

/// A page as given on the command line: a path from here, or from the content folder.
fn resolve(content_dir: &Path, page: &Path) -> PathBuf {
    if page.is_file() || page.is_absolute() {
        page.to_path_buf()
    } else {
        let inside = content_dir.join(page);
        if inside.is_file() {
            inside
        } else {
            page.to_path_buf()
        }
    }
}
