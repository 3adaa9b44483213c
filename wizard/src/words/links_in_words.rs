//! Links in a flow's words (outcome summaries and steps, reasons), written as in
//! Markdown: `Fill in the [Overseas Travel Form](/gs/overseas-travel-form.docx).` The loader
//! checks where they point; the app draws them as links; `flow eval` and the decision table
//! show them as written.

/// A part of a text: words, or a link.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece<'a> {
    Text(&'a str),
    Link { label: &'a str, url: &'a str },
}

/// Splits `text` at its `[label](url)` links. Brackets may nest in the label and
/// parentheses in the URL, as in Markdown. A bracket that does not make a whole link (no
/// `(url)` after it, an empty label, a space in the URL) stays text: [`looks_like_a_link`]
/// tells the loader about those.
pub fn pieces(text: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut text_start = 0;
    let mut at = 0;
    while let Some(open) = text[at..].find('[') {
        let open = at + open;
        match link_at(&text[open + 1..]) {
            Some((label, url, used)) => {
                if open > text_start {
                    out.push(Piece::Text(&text[text_start..open]));
                }
                out.push(Piece::Link { label, url });
                at = open + 1 + used;
                text_start = at;
            }
            None => at = open + 1,
        }
    }
    if text_start < text.len() {
        out.push(Piece::Text(&text[text_start..]));
    }
    out
}

/// `label](url)…` -> the label, the URL and the bytes they take, closing `)` included.
fn link_at(after_bracket: &str) -> Option<(&str, &str, usize)> {
    let close = closing(after_bracket, b'[', b']')?;
    let label = &after_bracket[..close];
    if label.trim().is_empty() {
        return None;
    }
    let rest = after_bracket[close + 1..].strip_prefix('(')?;
    let end = closing(rest, b'(', b')')?;
    let url = &rest[..end];
    if url.is_empty() || url.contains(char::is_whitespace) {
        return None;
    }
    Some((label, url, close + 2 + end + 1))
}

/// Where the bracket that closes an already opened one is, counting nested pairs.
fn closing(text: &str, open: u8, close: u8) -> Option<usize> {
    let mut depth = 0usize;
    for (i, b) in text.bytes().enumerate() {
        if b == open {
            depth += 1;
        } else if b == close {
            if depth == 0 {
                return Some(i);
            }
            depth -= 1;
        }
    }
    None
}

/// Words that were meant as a link but do not make one (`[form](my form.docx)`,
/// `[x](https://a.uk "title")`, `[form] (/gs/form.docx)`, `(form)[/gs/form.docx]`): the
/// first, from its opening bracket to its closing one, to show the editor.
pub fn looks_like_a_link(text: &str) -> Option<&str> {
    pieces(text).into_iter().find_map(|piece| match piece {
        Piece::Text(words) => near_miss(words),
        Piece::Link { .. } => None,
    })
}

fn near_miss(words: &str) -> Option<&str> {
    let address = |after: &str| {
        let lower = after.to_ascii_lowercase();
        ["http://", "https://", "mailto:", "tel:", "/"]
            .iter()
            .any(|start| lower.starts_with(start))
    };
    // `[words](…)` that did not parse, or `[words] (address)`, or `(words)[address]`.
    let (middle, open, close) = if let Some(m) = words.find("](") {
        (m, '[', ')')
    } else if let Some(m) = words.find("] (").filter(|&m| address(&words[m + 3..])) {
        (m, '[', ')')
    } else if let Some(m) = words.find(")[").filter(|&m| address(&words[m + 2..])) {
        (m, '(', ']')
    } else {
        return None;
    };
    let start = words[..middle].rfind(open).unwrap_or(middle);
    let end = words[middle..]
        .find(close)
        .map_or(words.len(), |e| middle + e + 1);
    Some(&words[start..end])
}

/// Where a flow may link: a web address, a mail address, a phone number, or a path from
/// the organisation's site root (`/gs/form.docx`), which the site's `link_origin` turns
/// into a web address when the flow is put on a page.
pub fn url_is_allowed(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    let after = |scheme: &str| lower.strip_prefix(scheme).is_some_and(|r| !r.is_empty());
    ["https://", "http://", "mailto:", "tel:"]
        .iter()
        .any(|scheme| after(scheme))
        || (is_rooted(url) && url.len() > 1)
}

/// `/gs/form.docx`, not `//host/x` (nor `/\\host/x`, which browsers read the same way).
pub fn is_rooted(url: &str) -> bool {
    url.starts_with('/') && !url.starts_with("//") && !url.starts_with("/\\")
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
        // Brackets nest in the label and parentheses in the address, as in Markdown.
        assert_eq!(
            pieces("[Form [Word]](https://en.example/Form_(document))."),
            vec![
                Piece::Link {
                    label: "Form [Word]",
                    url: "https://en.example/Form_(document)"
                },
                Piece::Text(".")
            ]
        );
        assert_eq!(pieces(""), vec![]);
    }

    #[test]
    fn near_misses_are_found() {
        for (meant, shown) in [
            ("Fill in the [form](my form.docx).", "[form](my form.docx)"),
            (
                "[GOV.UK](https://www.gov.uk/ \"title\")",
                "[GOV.UK](https://www.gov.uk/ \"title\")",
            ),
            ("Call [us](tel:0800 123 456).", "[us](tel:0800 123 456)"),
            ("x](y", "](y"),
            (
                "Fill in the [form] (/gs/form.docx).",
                "[form] (/gs/form.docx)",
            ),
            (
                "Fill in the (form)[/gs/form.docx].",
                "(form)[/gs/form.docx]",
            ),
        ] {
            assert_eq!(looks_like_a_link(meant), Some(shown), "{meant}");
        }
        for fine in [
            "[a](b) and [note]",
            "plain",
            "[x](y)",
            "a [note] (in brackets)",
            "(a)[b]",
        ] {
            assert_eq!(looks_like_a_link(fine), None, "{fine}");
        }
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
            "mailto:",
            "https://",
            "/",
            "/\\evil.example/x",
            "JavaScript:alert(1)",
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
