//! Front matter keys another engine used that mean nothing here (`layout` on every
//! tech-docs page): said once per key, with the number of pages and what is lost, instead
//! of once per page. A key on one page only may be a typo, and stays a warning of its own.

use signpost_base::diagnostic::Diagnostic;
use std::collections::BTreeMap;

/// What a key meant to the engine that used it, and what follows here.
const MEANINGS: &[(&str, &str)] = &[
    (
        "layout",
        "it chose the old engine's page layout: every page here has the theme's layout (a site can change it in templates/), so readers lose nothing",
    ),
    (
        "hide_in_navigation",
        "it hid the page from the old site's menu: here every page is listed in its section",
    ),
    (
        "parent",
        "it placed the page in the old site's menu: here a page's section is its folder",
    ),
    (
        "nav_order",
        "it ordered the old site's menu: write `weight: N` for the order here",
    ),
];

/// Replaces the per-page "unknown key" warnings of each key found on more than one page by
/// one warning, at the first page.
pub fn collapse(problems: &mut Vec<Diagnostic>) {
    let key_of = |p: &Diagnostic| -> Option<String> {
        let rest = p.message.strip_prefix("unknown key `")?;
        let key = rest.strip_suffix("` is ignored")?;
        // A near miss of a known key ("did you mean") is a typo on that page.
        let typo = p
            .help
            .as_deref()
            .is_some_and(|h| h.starts_with("did you mean"));
        (!typo && !p.is_error()).then(|| key.to_string())
    };
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for key in problems.iter().filter_map(key_of) {
        *counts.entry(key).or_default() += 1;
    }
    let mut said = std::collections::HashSet::new();
    problems.retain_mut(|problem| {
        let Some(key) = key_of(problem) else {
            return true;
        };
        let count = counts[&key];
        if count < 2 {
            return true;
        }
        if !said.insert(key.clone()) {
            return false;
        }
        problem.message = format!("`{key}` is ignored on {count} pages (the first is this one)");
        let meaning = MEANINGS.iter().find(|(k, _)| *k == key).map_or(
            "its meaning in the old engine has no counterpart here",
            |(_, m)| m,
        );
        problem.help = Some(format!(
            "`{key}`: {meaning}; remove it from the pages when convenient"
        ));
        true
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_on_many_pages_is_said_once() {
        let unknown = |file: &str, key: &str, help: &str| {
            Diagnostic::warning(file, 2, format!("unknown key `{key}` is ignored")).with_help(help)
        };
        let mut problems = vec![
            unknown("a.md", "layout", "known keys are: title"),
            unknown("b.md", "layout", "known keys are: title"),
            unknown("c.md", "layout", "known keys are: title"),
            unknown("c.md", "titel", "did you mean `title`?"),
            unknown("d.md", "titel", "did you mean `title`?"),
            unknown("d.md", "colour", "known keys are: title"),
        ];
        collapse(&mut problems);
        let messages: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "`layout` is ignored on 3 pages (the first is this one)",
                "unknown key `titel` is ignored",
                "unknown key `titel` is ignored",
                "unknown key `colour` is ignored",
            ]
        );
        assert!(
            problems[0]
                .help
                .as_deref()
                .unwrap()
                .contains("theme's layout")
        );
    }
}
