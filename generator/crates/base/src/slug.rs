//! GitHub-style heading ids, so `[Part Two](#part-two)` written by editors keeps working.

use std::collections::HashMap;

/// `Part Two: the form` -> `part-two-the-form`, as GitHub does it: lowercase, letters, digits,
/// `-` and `_` kept, spaces become `-`, everything else dropped.
pub fn slugify(text: &str) -> String {
    text.trim()
        .chars()
        .flat_map(char::to_lowercase)
        .filter_map(|c| match c {
            ' ' => Some('-'),
            '-' | '_' => Some(c),
            c if c.is_alphanumeric() => Some(c),
            _ => None,
        })
        .collect()
}

/// Hands out unique ids on one page: the second `Contacts` heading becomes `contacts-1`.
#[derive(Default)]
pub struct Ids {
    seen: HashMap<String, usize>,
}

/// Ids the theme's templates give to parts of a page: a heading must not take one, or a
/// link to it would land on the theme's element (`## Main content` and the skip link).
pub const THEME_IDS: &[&str] = &[
    "main-content",
    "site-search-input",
    "search-page-results",
    "reviews-summary",
    "reviews-reminders",
    "signpost-replaced",
    "signpost-take-a-copy",
    "signpost-superseded-heading",
    "signpost-pages",
    "signpost-page-meta-heading",
    "signpost-feedback-heading",
    "signpost-useful-question",
    "signpost-contents-heading",
    "signpost-all-pages",
    "signpost-all-guidance",
];

impl Ids {
    /// Ids for a page's headings, around the theme's own.
    pub fn for_page() -> Self {
        Self {
            seen: THEME_IDS.iter().map(|id| (id.to_string(), 0)).collect(),
        }
    }

    pub fn unique(&mut self, wanted: &str) -> String {
        let base = if wanted.is_empty() { "section" } else { wanted };
        let mut candidate = base.to_string();
        while let Some(count) = self.seen.get_mut(&candidate) {
            *count += 1;
            candidate = format!("{base}-{count}");
            if !self.seen.contains_key(&candidate) {
                break;
            }
        }
        self.seen.insert(candidate.clone(), 0);
        candidate
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn github_style() {
        assert_eq!(slugify("Part Two"), "part-two");
        assert_eq!(slugify("What's new? (2024)"), "whats-new-2024");
        assert_eq!(
            slugify("Roles and  responsibilities"),
            "roles-and--responsibilities"
        );
        assert_eq!(slugify("MoJ HQ / HMPPS"), "moj-hq--hmpps");
    }

    #[test]
    fn duplicates_get_numbers() {
        let mut ids = Ids::default();
        assert_eq!(ids.unique("contacts"), "contacts");
        assert_eq!(ids.unique("contacts"), "contacts-1");
        assert_eq!(ids.unique("contacts"), "contacts-2");
        assert_eq!(ids.unique("contacts-1"), "contacts-1-1");
    }
}
