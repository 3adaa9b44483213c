//! A wizard on a page is found at once: it has an id links can point at (`wizard-<flow>`),
//! an entry in "On this page" where it stands among the headings, and a short box near the
//! top of the page linking to it (drawn by the page template from `Page::wizards`).

use crate::page::markdown::Heading;

/// The id of the wizard for this flow on its page.
pub fn id(flow: &str) -> String {
    format!("wizard-{flow}")
}

/// The entry for a wizard: its flow's title, linking to it.
pub fn entry(flow: &str, title: Option<&str>) -> Heading {
    Heading {
        level: 2,
        text: title.unwrap_or("Step-by-step checker").to_string(),
        id: id(flow),
    }
}

/// The page's h2 contents with each wizard placed before the first heading that follows
/// it in `html` (the page before its shortcodes are put back: `at` is where each wizard's
/// token is).
pub fn contents(
    html: &str,
    mut headings: Vec<Heading>,
    wizards: &[(String, Heading)],
) -> Vec<Heading> {
    // Most pages have no wizard: their headings are in order already, and looking each one
    // up in the HTML cost more than rendering the page.
    if wizards.is_empty() {
        // Kept for the whole build: without the room the other levels' headings took.
        headings.shrink_to_fit();
        return headings;
    }
    let place = |needle: &str| html.find(needle).unwrap_or(usize::MAX);
    let mut placed: Vec<(usize, Heading)> = headings
        .into_iter()
        .map(|h| (place(&format!("id=\"{}\"", h.id)), h))
        .collect();
    for (token, entry) in wizards {
        placed.push((place(token), entry.clone()));
    }
    // Stable: a heading and a wizard never share a position.
    placed.sort_by_key(|(at, _)| *at);
    placed.into_iter().map(|(_, h)| h).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h2(id: &str) -> Heading {
        Heading {
            level: 2,
            text: id.to_uppercase(),
            id: id.into(),
        }
    }

    #[test]
    fn a_wizard_takes_its_place_among_the_headings() {
        let html = "<p>intro</p><p>TOKEN0</p><h2 id=\"steps\">Steps</h2><h2 id=\"contacts\">C</h2>";
        let wizard = entry("travel", Some("Check before you travel"));
        let got = contents(
            html,
            vec![h2("steps"), h2("contacts")],
            &[("TOKEN0".into(), wizard)],
        );
        let ids: Vec<&str> = got.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["wizard-travel", "steps", "contacts"]);
        assert_eq!(got[0].text, "Check before you travel");
        let html = "<h2 id=\"steps\">Steps</h2><p>TOKEN0</p><h2 id=\"contacts\">C</h2>";
        let got = contents(
            html,
            vec![h2("steps"), h2("contacts")],
            &[("TOKEN0".into(), entry("t", None))],
        );
        let ids: Vec<&str> = got.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["steps", "wizard-t", "contacts"]);
        assert_eq!(got[1].text, "Step-by-step checker");
    }
}
