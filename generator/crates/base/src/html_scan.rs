//! A small scanner over the tags of HTML: text, comments, start tags with their attributes,
//! end tags, and the raw text of `script`, `style`, `textarea` and `title`. Enough to rewrite the pages Signpost has
//! just rendered (single-page copies) at the speed of a string search: an HTML rewriter
//! with element handlers read pages ten times slower, which on a large site took longer than
//! building it. It is not a browser's parser; it does not need to be, for well-formed pages.

use std::borrow::Cow;

/// One piece of the page, each a slice of it (`raw`) so unchanged pieces are copied as is.
#[derive(Debug, PartialEq)]
pub enum Token<'a> {
    Text(&'a str),
    /// A comment, doctype or processing instruction.
    Other(&'a str),
    Start(StartTag<'a>),
    End {
        name: &'a str,
        raw: &'a str,
    },
    /// The content of a `script`, `style`, `textarea` or `title` element, up to its end tag.
    RawText(&'a str),
}

#[derive(Debug, PartialEq)]
pub struct StartTag<'a> {
    pub raw: &'a str,
    pub name: &'a str,
    /// Read when first asked for: most tags are copied as they are.
    attributes: std::cell::OnceCell<Vec<Attribute<'a>>>,
}

#[derive(Debug, PartialEq)]
pub struct Attribute<'a> {
    pub name: &'a str,
    /// Entities decoded; `None` for a bare attribute (`defer`).
    pub value: Option<Cow<'a, str>>,
}

impl<'a> StartTag<'a> {
    pub fn is(&self, name: &str) -> bool {
        self.name.eq_ignore_ascii_case(name)
    }

    pub fn attributes(&self) -> &[Attribute<'a>] {
        self.attributes
            .get_or_init(|| read_attributes(&self.raw[1 + self.name.len()..]))
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.attributes()
            .iter()
            .find(|a| a.name.eq_ignore_ascii_case(name))
            .map(|a| a.value.as_deref().unwrap_or(""))
    }

    pub fn has(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    /// Whether `class` lists `class`.
    pub fn has_class(&self, class: &str) -> bool {
        self.get("class")
            .is_some_and(|c| c.split_ascii_whitespace().any(|c| c == class))
    }
}

/// Writes a start tag: `name` and `attributes` as given, values escaped and double-quoted.
pub fn write_start_tag<'v>(
    out: &mut String,
    name: &str,
    attributes: impl IntoIterator<Item = (&'v str, Option<&'v str>)>,
) {
    out.push('<');
    out.push_str(name);
    for (attribute, value) in attributes {
        out.push(' ');
        out.push_str(attribute);
        if let Some(value) = value {
            out.push_str("=\"");
            out.push_str(&html_escape::encode_double_quoted_attribute(value));
            out.push('"');
        }
    }
    out.push('>');
}

/// Where `needle` (ASCII) first is in `haystack`, in any case: a cheap look before
/// reading a tag's attributes, or for `</script` in any case.
pub fn find_ignore_case(haystack: &str, needle: &str) -> Option<usize> {
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// The tokens of `html`, in order; together their slices are the whole of it.
pub fn tokens(html: &str) -> Tokens<'_> {
    Tokens {
        html,
        at: 0,
        raw_text_of: None,
    }
}

pub struct Tokens<'a> {
    html: &'a str,
    at: usize,
    /// After a `script`, `style`, `textarea` or `title` start tag: its name, so its content
    /// is read as raw text.
    raw_text_of: Option<&'a str>,
}

const RAW_TEXT: &[&str] = &["script", "style", "textarea", "title"];

impl<'a> Iterator for Tokens<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        let rest = &self.html[self.at..];
        if rest.is_empty() {
            return None;
        }
        if let Some(name) = self.raw_text_of.take() {
            let end = find_end_tag(rest, name).unwrap_or(rest.len());
            if end > 0 {
                self.at += end;
                return Some(Token::RawText(&rest[..end]));
            }
        }
        let Some(lt) = memchr::memchr(b'<', rest.as_bytes()) else {
            self.at = self.html.len();
            return Some(Token::Text(rest));
        };
        if lt > 0 {
            self.at += lt;
            return Some(Token::Text(&rest[..lt]));
        }
        let (token, length) = read_tag(rest);
        if let Token::Start(tag) = &token {
            self.raw_text_of = RAW_TEXT.iter().find(|n| tag.is(n)).map(|_| tag.name);
        }
        self.at += length;
        Some(token)
    }
}

/// Skips the rest of the element `tag` starts: its content and its end tag (nothing for a
/// void element such as `<img>`, which has neither).
pub fn skip_element(tokens: &mut Tokens, tag: &StartTag) {
    const VOID: &[&str] = &[
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr",
    ];
    // As browsers read HTML, `/>` does not close other elements: `<div hidden/>` opens one.
    if VOID.iter().any(|name| tag.is(name)) {
        return;
    }
    let mut depth = 1;
    for token in tokens.by_ref() {
        match token {
            Token::Start(inner) if inner.is(tag.name) => depth += 1,
            Token::End { name, .. } if name.eq_ignore_ascii_case(tag.name) => {
                depth -= 1;
                if depth == 0 {
                    return;
                }
            }
            _ => {}
        }
    }
}

/// Reads the tag at the start of `rest` (which starts with `<`): the token and its length.
fn read_tag(rest: &str) -> (Token<'_>, usize) {
    let until = |pattern: &str, from: usize| {
        rest[from..]
            .find(pattern)
            .map_or(rest.len(), |i| from + i + pattern.len())
    };
    if rest.starts_with("<!--") {
        let length = until("-->", 4);
        return (Token::Other(&rest[..length]), length);
    }
    if rest.starts_with("<!") || rest.starts_with("<?") {
        let length = until(">", 2);
        return (Token::Other(&rest[..length]), length);
    }
    if let Some(after) = rest.strip_prefix("</") {
        let name_length = after
            .find(|c: char| c == '>' || c.is_ascii_whitespace())
            .unwrap_or(after.len());
        let length = until(">", 2);
        return (
            Token::End {
                name: &after[..name_length],
                raw: &rest[..length],
            },
            length,
        );
    }
    let bytes = rest.as_bytes();
    if !bytes.get(1).is_some_and(u8::is_ascii_alphabetic) {
        // A `<` that starts no tag (`a < b`) is text.
        return (Token::Text(&rest[..1]), 1);
    }
    let mut i = 1;
    while i < bytes.len() && !is_tag_space(bytes[i]) && bytes[i] != b'>' && bytes[i] != b'/' {
        i += 1;
    }
    let name = &rest[1..i];
    // The tag ends at the first `>` outside a quoted value.
    let mut quote = None;
    while i < bytes.len() {
        match (quote, bytes[i]) {
            (None, b'>') => break,
            (None, q @ (b'"' | b'\'')) if bytes[i - 1] == b'=' || is_tag_space(bytes[i - 1]) => {
                quote = Some(q);
            }
            (Some(q), b) if b == q => quote = None,
            _ => {}
        }
        i += 1;
    }
    let length = (i + 1).min(rest.len());
    (
        Token::Start(StartTag {
            raw: &rest[..length],
            name,
            attributes: std::cell::OnceCell::new(),
        }),
        length,
    )
}

/// The attributes in `text`: what follows a tag's name, up to and with its `>`.
fn read_attributes(text: &str) -> Vec<Attribute<'_>> {
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut attributes = Vec::new();
    loop {
        while i < bytes.len() && (is_tag_space(bytes[i]) || bytes[i] == b'/') {
            i += 1;
        }
        if i >= bytes.len() || bytes[i] == b'>' {
            break;
        }
        let start = i;
        while i < bytes.len() && !is_tag_space(bytes[i]) && !matches!(bytes[i], b'>' | b'=' | b'/')
        {
            i += 1;
        }
        let attribute = &text[start..i];
        while i < bytes.len() && is_tag_space(bytes[i]) {
            i += 1;
        }
        let mut value = None;
        if bytes.get(i) == Some(&b'=') {
            i += 1;
            while i < bytes.len() && is_tag_space(bytes[i]) {
                i += 1;
            }
            let (start, end, next) = match bytes.get(i) {
                Some(&quote @ (b'"' | b'\'')) => {
                    let end =
                        memchr::memchr(quote, &bytes[i + 1..]).map_or(bytes.len(), |e| i + 1 + e);
                    (i + 1, end, (end + 1).min(bytes.len()))
                }
                _ => {
                    let mut end = i;
                    while end < bytes.len() && !is_tag_space(bytes[end]) && bytes[end] != b'>' {
                        end += 1;
                    }
                    (i, end, end)
                }
            };
            value = Some(html_escape::decode_html_entities(&text[start..end]));
            i = next;
        }
        if attribute.is_empty() {
            // `="x"` with no name: nothing to keep. Step on only if nothing was read (the
            // byte is then an ASCII delimiter, so `i` stays on a character boundary).
            if i == start {
                i += 1;
            }
            continue;
        }
        attributes.push(Attribute {
            name: attribute,
            value,
        });
    }
    attributes
}

fn is_tag_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

/// Where the end tag `</name` starts in `text`, in any case (`</scripts` is not one).
fn find_end_tag(text: &str, name: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(found) = memchr::memmem::find(&bytes[from..], b"</") {
        let at = from + found;
        let after = &bytes[at + 2..];
        let named = after.len() >= name.len()
            && after[..name.len()].eq_ignore_ascii_case(name.as_bytes())
            && after
                .get(name.len())
                .is_none_or(|&b| b == b'>' || b == b'/' || is_tag_space(b));
        if named {
            return Some(at);
        }
        from = at + 2;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn joined(html: &str) -> String {
        tokens(html)
            .map(|t| match t {
                Token::Text(s) | Token::Other(s) | Token::RawText(s) => s,
                Token::Start(tag) => tag.raw,
                Token::End { raw, .. } => raw,
            })
            .collect()
    }

    #[test]
    fn tokens_cover_the_whole_page() {
        let html = "<!DOCTYPE html><html><head><!-- c > d --><script src=\"a.js\" defer></script>\
                    <script>if (a < b && c > d) { x = '</div>'; }</script></head>\
                    <body class='x y' data-a=1><p>1 < 2 &amp; 3</p><br/><img alt=\"a &quot;b&quot;\" src=p.png></body>";
        assert_eq!(joined(html), html);
    }

    #[test]
    fn reads_attributes_in_every_form() {
        let tag = match tokens("<A HREF='x&amp;y' download data-n=3 title = \"t>u\">after").next() {
            Some(Token::Start(tag)) => tag,
            other => panic!("{other:?}"),
        };
        assert!(tag.is("a"));
        assert_eq!(tag.get("href"), Some("x&y"));
        assert_eq!(tag.get("download"), Some(""));
        assert_eq!(tag.get("data-n"), Some("3"));
        assert_eq!(tag.get("title"), Some("t>u"));
        assert!(tag.raw.ends_with("u\">"), "{}", tag.raw);
        assert_eq!(tag.get("class"), None);
    }

    #[test]
    fn script_content_is_raw_text() {
        let found: Vec<Token> = tokens("<script>a = '<p>';</SCRIPT><p>").collect();
        assert_eq!(found[1], Token::RawText("a = '<p>';"));
        assert!(matches!(found[2], Token::End { name: "SCRIPT", .. }));
        assert!(matches!(&found[3], Token::Start(t) if t.is("p")));
    }

    #[test]
    fn odd_attributes_and_end_tags_neither_panic_nor_mislead() {
        // An attribute with no name, then a character of several bytes.
        let tag = match tokens("<div ='a'\u{fc} class=x>y</div>").next() {
            Some(Token::Start(tag)) => tag,
            other => panic!("{other:?}"),
        };
        assert_eq!(tag.get("class"), Some("x"));
        // `</scripts` does not end a script.
        let found: Vec<Token> = tokens("<script>a = '</scripts>';</script>").collect();
        assert_eq!(found[1], Token::RawText("a = '</scripts>';"));
        // `<div hidden/>` is a div that is still open, as a browser reads it.
        let mut all = tokens("<div hidden/>in</div>out");
        let Some(Token::Start(div)) = all.next() else {
            panic!("a start tag")
        };
        skip_element(&mut all, &div);
        assert_eq!(all.next(), Some(Token::Text("out")));
    }

    #[test]
    fn writes_tags_escaped() {
        let mut out = String::new();
        write_start_tag(
            &mut out,
            "a",
            [("href", Some("x\"y&z")), ("download", None)],
        );
        assert_eq!(out, "<a href=\"x&quot;y&amp;z\" download>");
    }
}
