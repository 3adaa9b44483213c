//! The readable text of a rendered page body, split at its `h2` headings: what site search
//! indexes. Scripts, styles and the wizard's mount point are not text a reader sees.

use signpost_base::html_scan::{self, StartTag, Token};

/// One part of a page: the text before the first `h2` (no heading), or an `h2` and the
/// text up to the next one.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TextSection {
    pub heading: String,
    /// The heading's `id` (empty for the text before the first heading).
    pub id: String,
    /// The text, whitespace collapsed to single spaces.
    pub text: String,
}

/// Elements whose content is not read as text (nor `section.wizard`, nor `[hidden]`).
fn is_skipped(tag: &StartTag) -> bool {
    in_lowercase(tag.name, |name| {
        matches!(name, "script" | "style" | "template" | "noscript")
            || (name == "section" && tag.has_class("wizard"))
    }) || (html_scan::find_ignore_case(tag.raw, "hidden").is_some() && tag.has("hidden"))
}

/// Elements that separate words: their start adds a space, so `<li>a</li><li>b</li>`
/// reads `a b`, not `ab`.
fn is_block(name: &str) -> bool {
    in_lowercase(name, |name| {
        matches!(
            name,
            "p" | "li"
                | "dt"
                | "dd"
                | "td"
                | "th"
                | "tr"
                | "br"
                | "div"
                | "section"
                | "blockquote"
                | "pre"
                | "ul"
                | "ol"
                | "dl"
                | "table"
                | "h1"
                | "h3"
                | "h4"
                | "h5"
                | "h6"
                | "hr"
                | "figcaption"
                | "details"
                | "summary"
        )
    })
}

/// `test` on a tag name in lower case (as pages almost always write them: no copy then).
fn in_lowercase(name: &str, test: impl Fn(&str) -> bool) -> bool {
    if name.bytes().any(|b| b.is_ascii_uppercase()) {
        test(&name.to_ascii_lowercase())
    } else {
        test(name)
    }
}

#[derive(Default)]
struct State {
    sections: Vec<TextSection>,
    current: TextSection,
    in_heading: bool,
}

impl State {
    fn push_text(&mut self, decoded: &str) {
        let target = if self.in_heading {
            &mut self.current.heading
        } else {
            &mut self.current.text
        };
        push_collapsed(target, decoded);
    }

    fn space(&mut self) {
        if !self.in_heading && !self.current.text.ends_with(' ') {
            self.current.text.push(' ');
        }
    }

    fn finish(mut self) -> Vec<TextSection> {
        let last = std::mem::take(&mut self.current);
        self.sections.push(last);
        for section in &mut self.sections {
            section.heading = section.heading.trim().to_string();
            section.text = section.text.trim().to_string();
        }
        // An empty lead-in (a page that starts with a heading) is not a section.
        if self.sections.len() > 1 && self.sections[0].text.is_empty() {
            self.sections.remove(0);
        }
        self.sections
    }
}

/// Appends `text` to `out` with runs of whitespace as one space.
fn push_collapsed(out: &mut String, text: &str) {
    if !text.is_ascii() {
        for (i, word) in text.split(char::is_whitespace).enumerate() {
            if i > 0 && !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
            out.push_str(word);
        }
        return;
    }
    // ASCII (almost always): copied in runs, broken only where whitespace is not already a
    // single space after a word. Search reads every page, so this is worth the care.
    let bytes = text.as_bytes();
    let mut after_space = out.is_empty() || out.ends_with(' ');
    let mut run_start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        i += 1;
        if b > b' ' {
            // The rest of a word, in a tight loop: most bytes are here.
            while i < bytes.len() && bytes[i] > b' ' {
                i += 1;
            }
            after_space = false;
        } else if b == b' ' && !after_space {
            after_space = true;
        } else if matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r') {
            // Whitespace that is not a single space after a word (the ASCII characters
            // `char::is_whitespace` matches): one space instead.
            out.push_str(&text[run_start..i - 1]);
            if !after_space {
                out.push(' ');
                after_space = true;
            }
            run_start = i;
        } else {
            // A control character: text.
            after_space = false;
        }
    }
    out.push_str(&text[run_start..]);
}

/// Splits a page body into its sections of plain text.
pub fn sections(body_html: &str) -> Vec<TextSection> {
    let mut state = State::default();
    let mut tokens = html_scan::tokens(body_html);
    while let Some(token) = tokens.next() {
        match token {
            Token::Start(tag) if is_skipped(&tag) => html_scan::skip_element(&mut tokens, &tag),
            Token::Start(tag) => {
                if is_block(tag.name) {
                    state.space();
                }
                if tag.is("h2") {
                    let next = TextSection {
                        id: tag.get("id").unwrap_or_default().to_string(),
                        ..TextSection::default()
                    };
                    let done = std::mem::replace(&mut state.current, next);
                    state.sections.push(done);
                    state.in_heading = true;
                }
            }
            Token::End { name, .. } if name.eq_ignore_ascii_case("h2") => {
                state.in_heading = false;
            }
            // Text, and what a `textarea` holds (a `script` or `style` is skipped whole).
            Token::Text(text) | Token::RawText(text) => {
                // Most text has no entity: memchr finds that faster than the decoder.
                if memchr::memchr(b'&', text.as_bytes()).is_none() {
                    state.push_text(text);
                } else {
                    state.push_text(&html_escape::decode_html_entities(text));
                }
            }
            Token::End { .. } | Token::Other(_) => {}
        }
    }
    state.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_at_h2_and_reads_text() {
        let html = "<p>Intro &amp; more</p><ul><li>one</li><li>two</li></ul>\
                    <h2 id=\"part-two\">Part <em>Two</em></h2><p>Fill in\n  the form.</p>\
                    <h3 id=\"x\">Steps</h3><p>Send it.</p>";
        let sections = sections(html);
        assert_eq!(sections.len(), 2);
        assert_eq!(sections[0].heading, "");
        assert_eq!(sections[0].text, "Intro & more one two");
        assert_eq!(sections[1].heading, "Part Two");
        assert_eq!(sections[1].id, "part-two");
        assert_eq!(sections[1].text, "Fill in the form. Steps Send it.");
    }

    #[test]
    fn leaves_out_scripts_and_the_wizard() {
        let html = "<h2 id=\"a\">A</h2><section class=\"wizard\"><p>checker note</p></section>\
                    <script type=\"application/json\">{\"secret\":1}</script><p>kept</p>";
        let sections = sections(html);
        assert_eq!(sections.len(), 1, "{sections:?}");
        assert_eq!(sections[0].text, "kept");
    }

    #[test]
    fn every_kind_of_whitespace_is_one_space() {
        let mut out = String::new();
        push_collapsed(&mut out, "  a\t\x0b b\r\n");
        push_collapsed(&mut out, "c\u{a0}\u{2003}d ");
        push_collapsed(&mut out, " e  f\tg h");
        assert_eq!(out, "a b c d e f g h");
        let mut out = "x".to_string();
        push_collapsed(&mut out, " y");
        assert_eq!(out, "x y");
    }

    #[test]
    fn whitespace_is_collapsed_as_before_in_every_arrangement() {
        // Against the plain rule: split at whitespace, words joined by one space, with a
        // space kept at each edge that had one (the text around decides the rest).
        let pieces = [
            "a", "bc", " ", "  ", "\t", "\n", "\x0b", "\x0c", "\r", "\x01", "\x7f",
        ];
        let mut cases = Vec::new();
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    cases.push(format!("{a}{b}{c}"));
                }
            }
        }
        for text in &cases {
            for before in ["", "x", "x "] {
                let mut out = before.to_string();
                push_collapsed(&mut out, text);
                let mut expected = before.to_string();
                for (i, word) in text.split(char::is_whitespace).enumerate() {
                    if i > 0 && !expected.is_empty() && !expected.ends_with(' ') {
                        expected.push(' ');
                    }
                    expected.push_str(word);
                }
                assert_eq!(out, expected, "{before:?} + {text:?}");
            }
        }
    }

    #[test]
    fn tags_in_any_case_and_hidden_elements() {
        let sections = sections(
            "<P>a</P><DIV HIDDEN>x<div>y</div></DIV><Section Class=\"wizard\">z</Section>\
             <p data-note=\"hidden\">b</p><input hidden><LI>c",
        );
        assert_eq!(sections[0].text, "a b c");
    }

    #[test]
    fn text_that_looks_like_markup_stays_text() {
        let sections = sections("<p>&lt;img src=x onerror=alert(1)&gt;</p>");
        assert_eq!(sections[0].text, "<img src=x onerror=alert(1)>");
    }
}
