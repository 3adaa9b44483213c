//! The ids other engines gave the same headings, so links written for a site's old engine
//! keep landing: kramdown's (Jekyll) and Redcarpet's (the GOV.UK tech-docs template). A
//! heading whose old id differs from Signpost's answers to both.

/// kramdown's own ids: everything up to the first letter dropped, then all but ASCII
/// letters, digits, spaces and `-`; spaces become `-`. `5. Network events` ->
/// `network-events`.
pub fn kramdown(text: &str) -> String {
    text.trim_start_matches(|c: char| !c.is_ascii_alphabetic())
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == ' ' || *c == '-')
        .map(|c| {
            if c == ' ' {
                '-'
            } else {
                c.to_ascii_lowercase()
            }
        })
        .collect()
}

/// Redcarpet's `with_toc_data` ids, worked out from the heading's HTML as Redcarpet escaped
/// it (`'` is `&#39;`): each run of punctuation, spaces or non-ASCII letters is one `-`,
/// none at either end. `Load / stress testing` -> `load-stress-testing`,
/// `` `00-namespace.yaml` `` -> `00-namespace-yaml`, `Don't` -> `don-39-t`.
pub fn redcarpet(text: &str) -> String {
    const STRIPPED: &str = " -&+$,/:;=?@\"#{}|^~[]`\\*()%.!'";
    let escaped = html_escape::encode_text(text).replace('\'', "&#39;");
    let mut id = String::with_capacity(escaped.len());
    let mut stripped = false;
    for c in escaped.chars() {
        if !c.is_ascii() || STRIPPED.contains(c) {
            if !id.is_empty() && !stripped {
                id.push('-');
            }
            stripped = true;
        } else {
            id.push(c.to_ascii_lowercase());
            stripped = false;
        }
    }
    if stripped {
        id.pop();
    }
    id
}

/// The ids the GOV.UK tech-docs template gives a page's headings in turn: Redcarpet's, and
/// for a second heading of the same words, the id of the heading above it (the nearest of a
/// higher level) and its own, joined by `-` (`## Major versions` / `### Upgrade paths` ->
/// `major-versions-upgrade-paths`).
#[derive(Default)]
pub struct TechDocsIds {
    seen: rustc_hash::FxHashSet<String>,
    /// The id of the last heading at each level.
    above: Vec<(u8, String)>,
}

impl TechDocsIds {
    pub fn next(&mut self, level: u8, text: &str) -> String {
        let own = redcarpet(text);
        self.above.retain(|(l, _)| *l < level);
        let id = match self.above.last() {
            Some((_, parent)) if self.seen.contains(&own) => format!("{parent}-{own}"),
            _ => own,
        };
        self.seen.insert(id.clone());
        self.above.push((level, id.clone()));
        id
    }
}

/// A heading, for [`add_old_ids`].
pub struct OldIds {
    /// Where its text starts in the events (for the title, which the theme shows, where it
    /// was: its ids mark the top of the body).
    pub at: usize,
    pub is_title: bool,
    /// Its id was written by hand (`{#id}`), as the old engine also read it.
    pub id_written: bool,
    pub level: u8,
    pub text: String,
    pub id: String,
}

/// Gives each heading the ids its old engine gave it too (an empty `<span id>` at its
/// start), where they differ from its own and no other part of the page has them.
pub fn add_old_ids(
    events: &mut Vec<pulldown_cmark::Event>,
    headings: Vec<OldIds>,
    anchors: &mut Vec<String>,
) {
    // The page's ids are looked at where they are, not copied: the few old ids added are
    // looked through one by one.
    let taken: rustc_hash::FxHashSet<&str> = anchors
        .iter()
        .map(String::as_str)
        .chain(signpost_base::slug::THEME_IDS.iter().copied())
        .collect();
    let mut added: Vec<String> = Vec::new();
    let mut tech_docs = TechDocsIds::default();
    let mut spans = Vec::new();
    for heading in headings {
        let mut html = String::new();
        let tech_docs_id = tech_docs.next(heading.level, &heading.text);
        if heading.id_written {
            continue;
        }
        if heading.is_title {
            // The title's own id: links to it land at the top of the body.
            html.push_str(&format!("<span id=\"{}\"></span>", heading.id));
        }
        for old in [kramdown(&heading.text), tech_docs_id] {
            if old.is_empty()
                || old == heading.id
                || taken.contains(old.as_str())
                || added.contains(&old)
            {
                continue;
            }
            html.push_str(&format!("<span id=\"{old}\"></span>"));
            added.push(old);
        }
        if !html.is_empty() {
            spans.push((heading.at, html));
        }
    }
    anchors.extend(added);
    for (at, html) in spans.into_iter().rev() {
        events.insert(at, pulldown_cmark::Event::InlineHtml(html.into()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_as_the_old_engines_gave_them() {
        assert_eq!(redcarpet("Load / stress testing"), "load-stress-testing");
        assert_eq!(redcarpet("00-namespace.yaml"), "00-namespace-yaml");
        assert_eq!(
            redcarpet("Deploying a 'Hello World' application"),
            "deploying-a-39-hello-world-39-application"
        );
        assert_eq!(redcarpet("Café & bar!"), "caf-amp-bar");
        assert_eq!(
            kramdown("5. Network traffic events"),
            "network-traffic-events"
        );
        let mut tech_docs = TechDocsIds::default();
        let ids: Vec<String> = [
            (2, "Minor"),
            (3, "Upgrade paths"),
            (2, "Major"),
            (3, "Upgrade paths"),
        ]
        .iter()
        .map(|(level, text)| tech_docs.next(*level, text))
        .collect();
        assert_eq!(
            ids,
            ["minor", "upgrade-paths", "major", "major-upgrade-paths"]
        );
        assert_eq!(
            kramdown("Appendix A – Login banner"),
            "appendix-a--login-banner"
        );
    }
}
