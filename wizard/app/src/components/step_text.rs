//! Step and reason text as HTML: plain text, with `[label](url)` links (checked when the
//! flow was loaded, and checked again here) and email addresses made into mailto links.

use signpost_wizard::{Piece, pieces, url_is_allowed};
use yew::prelude::*;

pub fn rich(text: &str) -> Html {
    pieces(text)
        .into_iter()
        .map(|piece| match piece {
            Piece::Link { label, url } if url_is_allowed(url) => {
                html! { <a href={url.to_string()}>{ label }</a> }
            }
            // Not a place a flow may link to: the words only.
            Piece::Link { label, .. } => html! { { label } },
            Piece::Text(words) => with_email_links(words),
        })
        .collect()
}

fn with_email_links(text: &str) -> Html {
    let mut parts: Vec<Html> = Vec::new();
    let mut plain = String::new();
    for (i, word) in text.split(' ').enumerate() {
        if i > 0 {
            plain.push(' ');
        }
        let core = word.trim_end_matches(['.', ',', ';', ':', ')', '"', '\'', '”', '’']);
        let core = core.trim_start_matches(['(', '"', '\'', '“', '‘']);
        if is_email(core) {
            let start = word.find(core).unwrap_or(0);
            plain.push_str(&word[..start]);
            parts.push(html! { { std::mem::take(&mut plain) } });
            parts.push(html! { <a href={format!("mailto:{core}")}>{ core }</a> });
            plain.push_str(&word[start + core.len()..]);
        } else {
            plain.push_str(word);
        }
    }
    parts.push(html! { { plain } });
    parts.into_iter().collect::<Html>()
}

fn is_email(word: &str) -> bool {
    match word.split_once('@') {
        Some((user, host)) => {
            !user.is_empty()
                && host.contains('.')
                && !host.ends_with('.')
                && word
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "@._-+".contains(c))
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spots_email_addresses() {
        assert!(is_email("security@justice.gov.uk"));
        assert!(is_email("STRAPTeam@cluster2security.gov.uk"));
        assert!(!is_email("@home"));
        assert!(!is_email("a@b"));
        assert!(!is_email("plain"));
    }
}

#[cfg(test)]
mod rich_tests {
    use super::rich;
    use yew::virtual_dom::VNode;

    /// The links in rendered text, as (href, words).
    fn links(node: &VNode, out: &mut Vec<(String, String)>) {
        match node {
            VNode::VList(list) => list.iter().for_each(|child| links(child, out)),
            VNode::VTag(tag) if tag.tag() == "a" => {
                let href = tag
                    .attributes
                    .iter()
                    .find(|(name, _)| *name == "href")
                    .map(|(_, value)| value.to_string())
                    .unwrap_or_default();
                let mut words = String::new();
                if let Some(children) = tag.children() {
                    text_of(children, &mut words);
                }
                out.push((href, words));
            }
            _ => {}
        }
    }

    fn text_of(node: &VNode, out: &mut String) {
        match node {
            VNode::VText(text) => out.push_str(&text.text),
            VNode::VList(list) => list.iter().for_each(|child| text_of(child, out)),
            _ => {}
        }
    }

    fn links_in(text: &str) -> Vec<(String, String)> {
        let mut out = Vec::new();
        links(&rich(text), &mut out);
        out
    }

    #[test]
    fn links_and_mail_addresses_become_links_and_nothing_else_does() {
        assert_eq!(
            links_in("Fill in the [form](https://a.uk/f.docx), then write to team@a.gov.uk."),
            vec![
                ("https://a.uk/f.docx".into(), "form".into()),
                ("mailto:team@a.gov.uk".into(), "team@a.gov.uk".into())
            ]
        );
        assert_eq!(
            links_in("Email “team@a.gov.uk” or (desk@a.gov.uk)."),
            vec![
                ("mailto:team@a.gov.uk".into(), "team@a.gov.uk".into()),
                ("mailto:desk@a.gov.uk".into(), "desk@a.gov.uk".into())
            ]
        );
        for refused in [
            "[x](javascript:alert(1))",
            "[x](JavaScript:alert(1))",
            "[x](//evil.example)",
            "[x](data:text/html,hi)",
        ] {
            assert_eq!(links_in(refused), vec![], "{refused}");
        }
    }
}
