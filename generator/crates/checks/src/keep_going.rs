//! Keep going past broken links: `--keep-going` (build, serve) or `keep_going: true` in
//! site.yaml, like Zola's `link_checker.internal_level = "warn"`. A team moving its pages
//! over sees its site on day one, with every broken link and anchor still listed; without
//! it, CI keeps failing on them.

use signpost_base::diagnostic::{Diagnostic, Kind, Severity};

/// Makes broken links and anchors warnings; every other error stays an error.
pub fn soften(problems: &mut [Diagnostic]) {
    for problem in problems.iter_mut() {
        if problem.is_error() && problem.kind == Kind::BrokenLink {
            problem.severity = Severity::Warning;
            problem
                .message
                .push_str(" (kept going: the link is left as written)");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_broken_links_and_anchors_become_warnings() {
        let mut problems = vec![
            Diagnostic::error("a.md", 3, "`#x` is not a heading on this page")
                .of_kind(Kind::BrokenLink),
            Diagnostic::error("a.md", 4, "`b.md` does not exist: there is no content/b.md")
                .of_kind(Kind::BrokenLink),
            Diagnostic::error("a.md", 5, "`javascript:x` is not allowed as a link")
                .of_kind(Kind::Link),
            // By its kind, not its words: not made by the link check.
            Diagnostic::error("a.md", 6, "`#x` is not a heading on this page"),
        ];
        soften(&mut problems);
        let errors: Vec<bool> = problems.iter().map(Diagnostic::is_error).collect();
        assert_eq!(errors, [false, false, true, true]);
    }
}
