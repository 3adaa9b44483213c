//! Template code another site engine would have run, written in pages: ERB (`<%= … %>`,
//! the GOV.UK tech-docs template) and Liquid (`{% … %}`, `{{ page.x }}`, Jekyll). Signpost
//! runs neither, so outside code it would show to readers as text.
//!
//! The one line every tech-docs page starts with, `# <%= current_page.data.title %>`, means
//! "the page's title here": it becomes the title.

use super::code_fences::{CodeFences, FenceLine};

use std::borrow::Cow;

const TITLE_LINE: &str = "<%= current_page.data.title %>";

/// Template code found outside code, with its 1-based line and column in the body.
#[derive(Debug, PartialEq, Eq)]
pub struct Found {
    pub line: usize,
    pub column: usize,
    pub text: String,
    pub engine: &'static str,
}

/// The body with a tech-docs title line (`# <%= current_page.data.title %>`) written as the
/// page's title, so it is shown once, as the title.
pub fn with_title_line<'a>(body: &'a str, title: Option<&str>) -> Cow<'a, str> {
    let Some(title) = title.filter(|_| body.contains(TITLE_LINE)) else {
        return Cow::Borrowed(body);
    };
    let mut out = String::with_capacity(body.len());
    for line in body.split_inclusive('\n') {
        let content = line.trim_end();
        match content.strip_prefix('#').map(str::trim) {
            Some(TITLE_LINE) => {
                let heading = content.trim_end_matches(TITLE_LINE);
                out.push_str(heading.trim_end());
                out.push(' ');
                out.push_str(title);
                out.push_str(&line[content.len()..]);
            }
            _ => out.push_str(line),
        }
    }
    Cow::Owned(out)
}

/// Every piece of template code outside fenced code blocks and `inline code`.
pub fn find(body: &str) -> Vec<Found> {
    // Most pages hold no template code: one pass over the bytes settles it, where the
    // line-by-line reading below costs several times that on every page of a large site.
    // memchr finds the few `%` and `{` fast; each is looked at with the byte beside it.
    let bytes = body.as_bytes();
    let may_have_code = memchr::memchr2_iter(b'%', b'{', bytes).any(|at| match bytes[at] {
        b'%' => at > 0 && matches!(bytes[at - 1], b'<' | b'{'),
        _ => bytes.get(at + 1) == Some(&b'{'),
    });
    if !may_have_code {
        return Vec::new();
    }
    let mut found = Vec::new();
    let mut fences = CodeFences::default();
    for (index, line) in body.lines().enumerate() {
        if fences.line(line.trim_start()) != FenceLine::Text {
            continue;
        }
        find_in_line(line, index + 1, &mut found);
    }
    found
}

fn find_in_line(line: &str, line_number: usize, found: &mut Vec<Found>) {
    let mut in_code = false;
    let mut at = 0;
    while at < line.len() {
        let rest = &line[at..];
        if rest.starts_with('`') {
            in_code = !in_code;
            at += 1;
            continue;
        }
        let tag = (!in_code)
            .then(|| {
                [
                    ("<%", "%>", "ERB"),
                    ("{%", "%}", "Liquid"),
                    ("{{", "}}", "Liquid"),
                ]
                .into_iter()
                .find(|(open, _, _)| rest.starts_with(open))
            })
            .flatten();
        let Some((open, close, engine)) = tag else {
            at += rest.chars().next().map_or(1, char::len_utf8);
            continue;
        };
        let Some(end) = rest[open.len()..].find(close) else {
            break;
        };
        let text = &rest[..open.len() + end + close.len()];
        if open != "{{" || !is_shortcode(&rest[2..2 + end]) {
            found.push(Found {
                line: line_number,
                column: line[..at].chars().count() + 1,
                text: text.to_string(),
                engine,
            });
        }
        at += text.len();
    }
}

/// `{{ name }}` and `{{ name(…) }}` are Signpost shortcodes (checked as such);
/// `{{ page.title }}` and `{{ x | filter }}` are Liquid.
fn is_shortcode(inner: &str) -> bool {
    let inner = inner.trim();
    let name_end = inner
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(inner.len());
    name_end > 0
        && (inner[name_end..].is_empty() || inner[name_end..].trim_start().starts_with('('))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tech_docs_title_line_is_the_title() {
        let body = "\n# <%= current_page.data.title %>\n\nText <%= x %>\n";
        assert_eq!(
            with_title_line(body, Some("Kube")),
            "\n# Kube\n\nText <%= x %>\n"
        );
        assert_eq!(with_title_line(body, None), body);
    }

    #[test]
    fn each_opening_alone_is_looked_for() {
        assert_eq!(find("<% a %>\n").len(), 1);
        assert_eq!(find("x {% a %}\n").len(), 1);
        assert_eq!(find("{{ page.x }}").len(), 1);
        assert!(find("50% of {a} and %{ {\n").is_empty());
    }

    #[test]
    fn template_code_outside_code_is_found() {
        let body = "Hello {{ page.title }} and {{ contacts(only=\"x\") }}\n\
                    `<%= in code %>` {% include nav.html %}\n\
                    ```\n<%= fenced %>\n{{ .Values.x }}\n```\n<% end %>\n";
        let found = find(body);
        let found: Vec<(usize, usize, &str, &str)> = found
            .iter()
            .map(|f| (f.line, f.column, f.text.as_str(), f.engine))
            .collect();
        assert_eq!(
            found,
            vec![
                (1, 7, "{{ page.title }}", "Liquid"),
                (2, 18, "{% include nav.html %}", "Liquid"),
                (7, 1, "<% end %>", "ERB"),
            ]
        );
    }
}
