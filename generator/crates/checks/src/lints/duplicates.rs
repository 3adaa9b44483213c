//! Pages that readers cannot tell apart: the same title, or addresses that differ only in
//! capitals or punctuation.

use crate::finding::{Finding, Lint};
use crate::lints::FrontLines;
use signpost_base::diagnostic::{Diagnostic, Severity};
use signpost_model::page::Page;
use signpost_model::page::front_matter;
use signpost_model::site::Site;
use std::collections::BTreeMap;

/// Pages with the same title: readers cannot tell them apart in lists and search results.
pub fn duplicate_titles(site: &Site) -> Vec<Finding> {
    let mut by_title: BTreeMap<String, Vec<&Page>> = BTreeMap::new();
    for page in site.pages.iter().filter(|p| !p.generated) {
        by_title
            .entry(page.title.trim().to_lowercase())
            .or_default()
            .push(page);
    }
    let mut findings = Vec::new();
    for pages in by_title.values().filter(|pages| pages.len() > 1) {
        for page in pages {
            let others: Vec<String> = pages
                .iter()
                .filter(|other| other.source != page.source)
                .map(|other| format!("`{}`", other.file.display()))
                .collect();
            let line = std::fs::read_to_string(&page.file)
                .ok()
                .and_then(|text| {
                    let yaml = front_matter::split(&text).yaml?.to_string();
                    FrontLines { yaml: &yaml }.line_of(&["title"])
                })
                .unwrap_or(1);
            findings.push(Finding {
                lint: Lint::DuplicateTitle,
                diagnostic: Diagnostic::warning(
                    &page.file,
                    line,
                    format!(
                        "the title `{}` is also the title of {}",
                        page.title,
                        others.join(", ")
                    ),
                )
                .with_help("give each page a title of its own"),
            });
        }
    }
    findings
}

/// Pages whose addresses differ only in capitals or punctuation. Those that differ only in
/// capitals overwrite each other on Windows and macOS, and on many web servers.
pub fn duplicate_paths(site: &Site) -> Vec<Finding> {
    let mut by_slug: BTreeMap<String, Vec<&Page>> = BTreeMap::new();
    for page in site.pages.iter().filter(|p| !p.generated) {
        let slug: Vec<String> = page
            .output
            .with_extension("")
            .components()
            .map(|c| {
                signpost_base::slug::slugify(&c.as_os_str().to_string_lossy().replace('_', "-"))
            })
            .collect();
        by_slug.entry(slug.join("/")).or_default().push(page);
    }
    let mut findings = Vec::new();
    for pages in by_slug.values().filter(|pages| pages.len() > 1) {
        for page in pages {
            for other in pages.iter().filter(|o| o.source != page.source) {
                let same_ignoring_case = other.output.to_string_lossy().to_lowercase()
                    == page.output.to_string_lossy().to_lowercase();
                let (severity, why) = if same_ignoring_case {
                    (
                        Severity::Error,
                        "they overwrite each other on Windows and macOS",
                    )
                } else {
                    (Severity::Warning, "readers will confuse the two addresses")
                };
                let mut diagnostic = Diagnostic::warning(
                    &page.file,
                    0,
                    format!(
                        "this page's address `{}` is nearly the same as `{}` ({})",
                        page.url, other.url, why
                    ),
                )
                .with_help("rename one of the files: lower-case words joined by hyphens, e.g. `remote-working.md`");
                diagnostic.severity = severity;
                findings.push(Finding {
                    lint: Lint::DuplicatePath,
                    diagnostic,
                });
            }
        }
    }
    findings
}
