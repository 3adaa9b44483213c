//! Keep going past broken links: `--keep-going` (build, serve) or `keep_going: true` in
//! site.yaml, like Zola's `link_checker.internal_level = "warn"`. A team moving its pages
//! over sees its site on day one, with every broken link and anchor still listed; without
//! it, CI keeps failing on them.

use signpost_base::diagnostic::{Diagnostic, Severity};

/// What a broken link or anchor says (links.rs and checks.rs write these).
const BROKEN: &[&str] = &["is not a heading on", "does not exist: there is no"];

/// Makes broken links and anchors warnings; every other error stays an error.
pub fn soften(problems: &mut [Diagnostic]) {
    for problem in problems.iter_mut() {
        if problem.is_error() && BROKEN.iter().any(|m| problem.message.contains(m)) {
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
            Diagnostic::error("a.md", 3, "`#x` is not a heading on this page"),
            Diagnostic::error("a.md", 4, "`b.md` does not exist: there is no content/b.md"),
            Diagnostic::error("a.md", 5, "`javascript:x` is not allowed as a link"),
        ];
        soften(&mut problems);
        let errors: Vec<bool> = problems.iter().map(Diagnostic::is_error).collect();
        assert_eq!(errors, [false, false, true]);
    }
}
