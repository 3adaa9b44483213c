//! Printing problems for people, to standard error: the one place that does, so nothing
//! below the commands calls up into them to print.

use crate::diagnostic::Diagnostic;

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

pub fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
