//! A finding of `signpost check`: a problem and the lint it belongs to, so CI can filter
//! on stable names.

use serde::Serialize;
use signpost_base::diagnostic::{Diagnostic, Kind};
use std::path::Path;

/// What kind of finding this is: stable names for CI to filter on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Lint {
    /// Anything `build` itself reports: front matter, shortcodes, templates, data.
    Build,
    /// A link or `#anchor` that goes nowhere.
    Link,
    /// A decision flow that fails `signpost flow check`.
    Flow,
    ReviewOverdue,
    ReviewDueSoon,
    ReviewDateMissing,
    ReviewDateWrong,
    OwnerMissing,
    ExternalLink,
    RemoteResource,
    LegacyHeading,
    ImageTextMissing,
    SecondH1,
    SummaryLong,
    Mojibake,
    RetiredEmail,
    DuplicateTitle,
    DuplicatePath,
}

impl Lint {
    pub fn name(self) -> &'static str {
        match self {
            Lint::Build => "build",
            Lint::Link => "link",
            Lint::Flow => "flow",
            Lint::ReviewOverdue => "review-overdue",
            Lint::ReviewDueSoon => "review-due-soon",
            Lint::ReviewDateMissing => "review-date-missing",
            Lint::ReviewDateWrong => "review-date-wrong",
            Lint::OwnerMissing => "owner-missing",
            Lint::ExternalLink => "external-link",
            Lint::RemoteResource => "remote-resource",
            Lint::LegacyHeading => "legacy-heading",
            Lint::ImageTextMissing => "image-text-missing",
            Lint::SecondH1 => "second-h1",
            Lint::SummaryLong => "summary-long",
            Lint::Mojibake => "mojibake",
            Lint::RetiredEmail => "retired-email",
            Lint::DuplicateTitle => "duplicate-title",
            Lint::DuplicatePath => "duplicate-path",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Finding {
    pub lint: Lint,
    pub diagnostic: Diagnostic,
}

impl Lint {
    /// Which lint a problem from `build` belongs to, so CI can tell broken links from the
    /// rest.
    pub fn of_build_problem(problem: &Diagnostic, flows_dir: &Path) -> Lint {
        if problem.file.starts_with(flows_dir) {
            Lint::Flow
        } else if problem.kind == Kind::Other {
            Lint::Build
        } else {
            Lint::Link
        }
    }
}

/// Errors, then warnings, then notes; by file and line within each.
pub fn sort(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        // Errors, then warnings, then notes (links to other sites), so what must be fixed
        // comes first; within each, by file and line.
        let key = |f: &Finding| {
            (
                std::cmp::Reverse(f.diagnostic.severity),
                f.diagnostic.file.clone(),
                f.diagnostic.line,
                f.diagnostic.column,
                f.lint,
            )
        };
        key(a).cmp(&key(b))
    });
}
