//! What `signpost check` found, for people (styled text) and for CI (JSON).

use crate::finding::{Finding, Lint};
use anstyle::{AnsiColor, Style};
use chrono::NaiveDate;
use signpost_base::dates::PageDate;
use signpost_base::diagnostic::Severity;
use std::io::{self, Write};

pub struct CheckReport {
    pub findings: Vec<Finding>,
    /// Pages read (0 when the site could not be read at all).
    pub pages: usize,
    /// Whether the site could be read (a template that does not parse stops that), so its
    /// pages were checked.
    pub site_read: bool,
    pub today: NaiveDate,
    pub due_within: u32,
}

impl CheckReport {
    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.diagnostic.severity == severity)
            .count()
    }

    /// Whether CI should pass: no errors (and no warnings when they are denied).
    pub fn passes(&self, deny_warnings: bool) -> bool {
        self.count(Severity::Error) == 0 && !(deny_warnings && self.count(Severity::Warning) > 0)
    }

    /// The report for CI: one object with every finding and the counts.
    pub fn to_json(&self, deny_warnings: bool) -> serde_json::Value {
        let findings: Vec<serde_json::Value> = self
            .findings
            .iter()
            .map(|f| {
                let d = &f.diagnostic;
                serde_json::json!({
                    "severity": d.severity.label(),
                    "lint": f.lint,
                    "file": d.file.to_string_lossy(),
                    "line": (d.line > 0).then_some(d.line),
                    "column": (d.column > 0).then_some(d.column),
                    "message": d.message,
                    "help": d.help,
                })
            })
            .collect();
        serde_json::json!({
            "ok": self.passes(deny_warnings),
            "today": self.today.format("%Y-%m-%d").to_string(),
            "due_within_days": self.due_within,
            "pages": self.pages,
            "counts": {
                "error": self.count(Severity::Error),
                "warning": self.count(Severity::Warning),
                "info": self.count(Severity::Info),
            },
            "findings": findings,
        })
    }

    /// The report for people. Styled; `anstream` drops the styles when `out` is not a
    /// terminal or `NO_COLOR` is set. Over a handful of warnings or notes of one lint (of
    /// the build's own, with the same fix) are one line, unless `verbose`.
    pub fn write_text(&self, out: &mut dyn Write, verbose: bool) -> io::Result<()> {
        let bold = Style::new().bold();
        let help_style = Style::new().bold().fg_color(Some(AnsiColor::Cyan.into()));
        let shown = signpost_base::grouping::group(&self.findings, |f| {
            let d = &f.diagnostic;
            (!verbose && !d.is_error()).then(|| {
                // The build's own warnings are of many kinds: the same fix is the same kind.
                let fix = match f.lint {
                    Lint::Build => d.help.as_deref().unwrap_or(&d.message),
                    _ => "",
                };
                format!("{:?} {} {fix}", d.severity, f.lint.name())
            })
        });
        let mut grouped = false;
        for shown in shown {
            let (finding, count) = match shown {
                signpost_base::grouping::Shown::One(finding) => (finding, 1),
                signpost_base::grouping::Shown::Many { first, count } => (first, count),
            };
            let d = &finding.diagnostic;
            let location = match count {
                1 => d.location(),
                n => {
                    grouped = true;
                    format!("{n} times, the first at {}", d.location())
                }
            };
            let colour = match d.severity {
                Severity::Error => AnsiColor::Red,
                Severity::Warning => AnsiColor::Yellow,
                Severity::Info => AnsiColor::Blue,
            };
            let label = bold.fg_color(Some(colour.into()));
            writeln!(
                out,
                "{label}{}{label:#}[{}]: {bold}{}{bold:#}: {}",
                d.severity.label(),
                finding.lint.name(),
                location,
                d.message
            )?;
            if let Some(help) = &d.help {
                writeln!(out, "  {help_style}help{help_style:#}: {help}")?;
            }
        }
        let counts = [
            (self.count(Severity::Error), "error", "errors"),
            (self.count(Severity::Warning), "warning", "warnings"),
            (self.count(Severity::Info), "note", "notes"),
        ]
        .map(|(n, one, many)| format!("{n} {}", if n == 1 { one } else { many }));
        if grouped {
            writeln!(
                out,
                "\nMore than {} warnings or notes of one kind are shown once; --verbose lists every one.",
                signpost_base::grouping::HANDFUL
            )?;
        }
        if !self.findings.is_empty() {
            writeln!(out)?;
        }
        if !self.site_read {
            return writeln!(
                out,
                "{bold}{}{bold:#}: the pages could not be read, so they were not checked; fix the errors above, then check again",
                counts[0],
            );
        }
        writeln!(
            out,
            "{bold}{}{bold:#}, {} and {} in {} page{} (review dates checked against {}, due soon = within {} days)",
            counts[0],
            counts[1],
            counts[2],
            self.pages,
            if self.pages == 1 { "" } else { "s" },
            PageDate::Day(self.today),
            self.due_within,
        )
    }
}
