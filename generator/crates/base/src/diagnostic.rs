//! Problems found in a site's sources, reported to editors as `file:line:col`, what is wrong
//! and how to fix it. Every stage collects these instead of stopping at the first, so one run
//! reports everything.

use std::fmt;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Worth knowing, nothing to fix (`check` lists links to other sites, pages due soon).
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn label(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// What a problem is about, for the code that treats some problems differently
/// (`--keep-going`, `check`'s lint names), so none of it depends on a message's words. Never
/// printed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Kind {
    #[default]
    Other,
    /// A link or `#anchor` whose target is not there: `--keep-going` makes it a warning.
    BrokenLink,
    /// Any other problem with a link: not allowed, outside the content folder, from the site
    /// root, or a page's `superseded_by`.
    Link,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The file as the editor knows it (relative to the folder they ran signpost in, if possible).
    pub file: PathBuf,
    /// 1-based; 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based; 0 when unknown.
    pub column: usize,
    pub message: String,
    /// What to write instead, when we can say.
    pub help: Option<String>,
    pub kind: Kind,
}

impl Diagnostic {
    pub fn error(file: impl AsRef<Path>, line: usize, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
            file: file.as_ref().to_path_buf(),
            line,
            column: 0,
            message: message.into(),
            help: None,
            kind: Kind::Other,
        }
    }

    pub fn warning(file: impl AsRef<Path>, line: usize, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Warning,
            ..Self::error(file, line, message)
        }
    }

    pub fn info(file: impl AsRef<Path>, line: usize, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Info,
            ..Self::error(file, line, message)
        }
    }

    pub fn at_column(mut self, column: usize) -> Self {
        self.column = column;
        self
    }

    pub fn of_kind(mut self, kind: Kind) -> Self {
        self.kind = kind;
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `path:line:col`, leaving out the parts we do not know.
    pub fn location(&self) -> String {
        let file = self.file.display();
        match (self.line, self.column) {
            (0, _) => format!("{file}"),
            (line, 0) => format!("{file}:{line}"),
            (line, column) => format!("{file}:{line}:{column}"),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {}: {}",
            self.severity.label(),
            self.location(),
            self.message
        )?;
        if let Some(help) = &self.help {
            write!(f, "\n  help: {help}")?;
        }
        Ok(())
    }
}

/// Sorts problems for reading: by file, then line, errors before warnings on the same line.
pub fn sort(diagnostics: &mut Vec<Diagnostic>) {
    diagnostics.sort_by(|a, b| {
        (&a.file, a.line, a.column, std::cmp::Reverse(a.severity)).cmp(&(
            &b.file,
            b.line,
            b.column,
            std::cmp::Reverse(b.severity),
        ))
    });
    // A file two parts of the site read (a data file the templates and a flow both use)
    // has its problems found twice: say each once.
    let mut seen = std::collections::HashSet::new();
    diagnostics.retain(|d| seen.insert(d.clone()));
}

pub fn has_errors(diagnostics: &[Diagnostic]) -> bool {
    diagnostics.iter().any(Diagnostic::is_error)
}

pub fn error_count(diagnostics: &[Diagnostic]) -> usize {
    diagnostics.iter().filter(|d| d.is_error()).count()
}

/// The closest of `candidates` to `word`, if it is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let word = word.to_lowercase();
    let candidates: Vec<&str> = candidates.into_iter().collect();
    let close = candidates
        .iter()
        .map(|&candidate| {
            let lower = candidate.to_lowercase();
            // `#scope` for `#scope-and-use`: a shortened id is a near miss too.
            let distance = if lower.starts_with(&word) && word.len() >= 4 {
                1
            } else {
                strsim::levenshtein(&word, &lower)
            };
            (distance, candidate)
        })
        .filter(|(distance, candidate)| *distance <= (candidate.chars().count() / 3).max(2))
        // Between two as near, the one the word is missing letters of: a dropped letter is
        // the commonest slip (`reviewd_by` is `reviewed_by` more likely than `review_by`).
        .min_by_key(|(distance, candidate)| (*distance, !letters_dropped_from(&word, candidate)))
        .map(|(_, candidate)| candidate);
    close.or_else(|| same_words(&word, &candidates))
}

/// Whether `word` is `candidate` with letters left out.
fn letters_dropped_from(word: &str, candidate: &str) -> bool {
    let mut letters = candidate
        .to_lowercase()
        .chars()
        .collect::<Vec<_>>()
        .into_iter();
    word.chars().all(|c| letters.any(|l| l == c))
}

/// The candidate that has every word of `word`, give or take a typo in each:
/// `mobile-device-policy.md` for `mobile-devices-and-remote-working-policy.md`,
/// `#roamng` for `#international-roaming`. The shortest such candidate wins.
fn same_words<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let words = |text: &str| -> Vec<String> {
        text.to_lowercase()
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.len() >= 3)
            .map(String::from)
            .collect()
    };
    let wanted = words(word);
    if !wanted.iter().any(|w| w.len() >= 4) {
        return None;
    }
    candidates
        .iter()
        .filter(|candidate| {
            let have = words(candidate);
            wanted
                .iter()
                .all(|w| have.iter().any(|h| strsim::levenshtein(w, h) <= 1))
        })
        .min_by_key(|candidate| candidate.len())
        .copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_near_misses_only() {
        let keys = ["title", "owner", "review_by"];
        assert_eq!(did_you_mean("titel", keys), Some("title"));
        assert_eq!(did_you_mean("reviewby", keys), Some("review_by"));
        assert_eq!(did_you_mean("colour", keys), None);
        // As near to both: the one with a letter dropped, in either order of candidates.
        for keys in [["review_by", "reviewed_by"], ["reviewed_by", "review_by"]] {
            assert_eq!(did_you_mean("reviewd_by", keys), Some("reviewed_by"));
        }
        let pages = [
            "devices/mobile-devices-and-remote-working-policy.md",
            "devices/using-your-own-device.md",
        ];
        assert_eq!(
            did_you_mean("devices/mobile-device-policy.md", pages),
            Some(pages[0])
        );
        assert_eq!(
            did_you_mean("roamng", ["international-roaming", "contacts"]),
            Some("international-roaming")
        );
        assert_eq!(
            did_you_mean("passport", ["international-roaming", "contacts"]),
            None
        );
    }
}
