//! Links in outcome steps, written as in Markdown: `Fill in the [Overseas Travel
//! Form](/gs/overseas-travel-form.docx).` The loader checks where they point; the app draws
//! them as links; `flow eval` and the decision table show them as written.

/// A part of a step's text: words, or a link.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece<'a> {
    Text(&'a str),
    Link { label: &'a str, url: &'a str },
}

/// Splits `text` at its `[label](url)` links. A bracket that does not make a whole link
/// (no `(url)` after it, an empty label, a space in the URL) stays text.
pub fn pieces(text: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut rest = text;
    let mut text_start = 0;
    let mut offset = 0;
    while let Some(open) = rest.find('[') {
        let after = &rest[open + 1..];
        if let Some((label, url, used)) = link_at(after) {
            let at = offset + open;
            if at > text_start {
                out.push(Piece::Text(&text[text_start..at]));
            }
            out.push(Piece::Link { label, url });
            offset = at + 1 + used;
            text_start = offset;
        } else {
            offset += open + 1;
        }
        rest = &text[offset..];
    }
    if text_start < text.len() {
        out.push(Piece::Text(&text[text_start..]));
    }
    out
}

/// `label](url)…` -> the label, the URL and the bytes they take, closing `)` included.
fn link_at(after_bracket: &str) -> Option<(&str, &str, usize)> {
    let close = after_bracket.find(']')?;
    let label = &after_bracket[..close];
    if label.trim().is_empty() || label.contains('[') {
        return None;
    }
    let rest = after_bracket[close + 1..].strip_prefix('(')?;
    let end = rest.find(')')?;
    let url = &rest[..end];
    if url.is_empty() || url.contains(char::is_whitespace) {
        return None;
    }
    Some((label, url, close + 2 + end + 1))
}

/// Where a step may link: a web address, a mail address, a phone number, or a path from
/// the organisation's site root (`/gs/form.docx`), which the site's `link_origin` turns
/// into a web address when the flow is put on a page.
pub fn url_is_allowed(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    ["https://", "http://", "mailto:", "tel:"]
        .iter()
        .any(|scheme| lower.starts_with(scheme))
        || is_rooted(url)
}

/// `/gs/form.docx`, not `//host/x`.
pub fn is_rooted(url: &str) -> bool {
    url.starts_with('/') && !url.starts_with("//")
}

/// The text with every rooted link made absolute against `origin`.
pub fn with_origin(text: &str, origin: &str) -> String {
    let origin = origin.trim_end_matches('/');
    pieces(text)
        .into_iter()
        .map(|piece| match piece {
            Piece::Text(t) => t.to_string(),
            Piece::Link { label, url } if is_rooted(url) => format!("[{label}]({origin}{url})"),
            Piece::Link { label, url } => format!("[{label}]({url})"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_links_and_leaves_other_brackets_as_text() {
        assert_eq!(
            pieces("Fill in the [form](/gs/f.docx). Then [ask](mailto:a@b.uk)."),
            vec![
                Piece::Text("Fill in the "),
                Piece::Link {
                    label: "form",
                    url: "/gs/f.docx"
                },
                Piece::Text(". Then "),
                Piece::Link {
                    label: "ask",
                    url: "mailto:a@b.uk"
                },
                Piece::Text("."),
            ]
        );
        for plain in [
            "a [note] here",
            "[] (x)",
            "[a](has space)",
            "[a]()",
            "[unclosed(x)",
            "x [",
        ] {
            assert_eq!(pieces(plain), vec![Piece::Text(plain)], "{plain}");
        }
        assert_eq!(
            pieces("[[a](b)"),
            vec![
                Piece::Text("["),
                Piece::Link {
                    label: "a",
                    url: "b"
                }
            ]
        );
        assert_eq!(pieces(""), vec![]);
    }

    #[test]
    fn allowed_targets_and_origins() {
        for ok in [
            "https://x.uk/a",
            "HTTP://x.uk",
            "mailto:a@b.uk",
            "tel:+441234",
            "/gs/f.docx",
        ] {
            assert!(url_is_allowed(ok), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            "//evil.example/x",
            "form.docx",
            "data:x",
        ] {
            assert!(!url_is_allowed(bad), "{bad}");
        }
        assert_eq!(
            with_origin(
                "See [the form](/gs/f.docx) or [this](https://a.uk/).",
                "https://intranet.example/"
            ),
            "See [the form](https://intranet.example/gs/f.docx) or [this](https://a.uk/)."
        );
    }
}
