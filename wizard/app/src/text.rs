//! Step and reason text as HTML: plain text, with email addresses made into mailto links.

use yew::prelude::*;

pub fn rich(text: &str) -> Html {
    let mut parts: Vec<Html> = Vec::new();
    let mut plain = String::new();
    for (i, word) in text.split(' ').enumerate() {
        if i > 0 {
            plain.push(' ');
        }
        let core = word.trim_end_matches(['.', ',', ';', ':', ')']);
        let core = core.trim_start_matches('(');
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
