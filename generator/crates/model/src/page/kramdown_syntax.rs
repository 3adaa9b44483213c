//! kramdown's own syntax, which Jekyll sites are full of, read so it never shows to readers
//! as text: attribute lists (`{: #id}`, `{:.intro}`, `{: id="x"}`), `{:toc}` and
//! abbreviations (`*[API]: Application Programming Interface`).
//!
//! Lines are changed in place, never added or taken away, so every line number the editor
//! is told stays right.

use super::code_fences::{CodeFences, FenceLine};

use crate::page::markup_checks::MarkupProblem;
use std::borrow::Cow;

pub struct Kramdown<'a> {
    pub body: Cow<'a, str>,
    /// `(API, Application Programming Interface)`.
    pub abbreviations: Vec<(String, String)>,
    pub problems: Vec<MarkupProblem>,
}

/// What an attribute list gives: an id and classes.
#[derive(Debug, Default, PartialEq, Eq)]
struct Attributes {
    id: Option<String>,
    classes: Vec<String>,
}

pub fn read(body: &str) -> Kramdown<'_> {
    if !body.contains("{:") && !body.contains("*[") {
        return Kramdown {
            body: Cow::Borrowed(body),
            abbreviations: Vec::new(),
            problems: Vec::new(),
        };
    }
    let mut lines: Vec<String> = body.split_inclusive('\n').map(String::from).collect();
    let mut abbreviations = Vec::new();
    let mut problems = Vec::new();
    let mut fences = CodeFences::default();
    for index in 0..lines.len() {
        let line_number = index + 1;
        let current = lines[index].clone();
        let (content, ending) = split_ending(&current);
        let trimmed = content.trim();
        if fences.line(trimmed) != FenceLine::Text {
            continue;
        }
        if let Some((short, long)) = abbreviation(trimmed) {
            abbreviations.push((short, long));
            lines[index] = ending.to_string();
            continue;
        }
        if matches!(trimmed, "{:toc}" | "{: toc}" | "{:.toc}" | "{: .toc}") {
            // `* TOC` above it is the list kramdown replaces with the contents: the theme's
            // "On this page" list is the page's contents.
            lines[index] = ending.to_string();
            if index > 0 && is_toc_item(lines[index - 1].trim()) {
                let (_, previous_ending) = split_ending(&lines[index - 1]);
                lines[index - 1] = previous_ending.to_string();
            }
            continue;
        }
        if let Some(inner) = trimmed.strip_prefix("{:").and_then(|t| t.strip_suffix('}')) {
            let attributes = parse(inner);
            let previous = index
                .checked_sub(1)
                .map(|i| split_ending(&lines[i]).0.to_string())
                .filter(|p| !p.trim().is_empty());
            match previous {
                Some(heading) if heading.trim_start().starts_with('#') => {
                    // pulldown-cmark reads `## Heading {#id .class}`.
                    let mut written = String::new();
                    if let Some(id) = &attributes.id {
                        written.push_str(&format!(" #{id}"));
                    }
                    for class in &attributes.classes {
                        written.push_str(&format!(" .{class}"));
                    }
                    if !written.is_empty() {
                        let (_, previous_ending) = split_ending(&lines[index - 1]);
                        let previous_ending = previous_ending.to_string();
                        lines[index - 1] = format!(
                            "{} {{{}}}{previous_ending}",
                            heading.trim_end(),
                            written.trim()
                        );
                    }
                    lines[index] = ending.to_string();
                }
                _ => {
                    // A paragraph, list or table: its id is kept as an anchor at its end;
                    // classes have no style here.
                    lines[index] = match &attributes.id {
                        Some(id) => format!("<span id=\"{id}\"></span>{ending}"),
                        None => ending.to_string(),
                    };
                    if !attributes.classes.is_empty() {
                        problems.push(dropped(line_number, trimmed));
                    }
                }
            }
            continue;
        }
        if let Some(without) = without_span_lists(content) {
            problems.push(dropped(line_number, content.trim()));
            lines[index] = format!("{without}{ending}");
        }
    }
    Kramdown {
        body: Cow::Owned(lines.concat()),
        abbreviations,
        problems,
    }
}

fn dropped(line: usize, written: &str) -> MarkupProblem {
    MarkupProblem::warning(
        line,
        format!(
            "the kramdown attribute list in `{written}` is left out: its classes have no style here"
        ),
        "remove it; to link to this part of the page, put it under a heading (headings get ids)",
    )
}

fn split_ending(line: &str) -> (&str, &str) {
    let content = line.trim_end_matches(['\n', '\r']);
    (content, &line[content.len()..])
}

/// `*[API]: Application Programming Interface`.
fn abbreviation(line: &str) -> Option<(String, String)> {
    let rest = line.strip_prefix("*[")?;
    let (short, long) = rest.split_once("]:")?;
    let (short, long) = (short.trim(), long.trim());
    (!short.is_empty() && !long.is_empty()).then(|| (short.to_string(), long.to_string()))
}

fn is_toc_item(line: &str) -> bool {
    let item = line
        .trim_start_matches(['*', '-', '+'])
        .trim_start_matches(|c: char| c.is_ascii_digit())
        .trim_start_matches('.')
        .trim();
    item.eq_ignore_ascii_case("toc") && line.len() > item.len()
}

/// `#id`, `.class`, `id="x"`, `class="a b"`.
fn parse(inner: &str) -> Attributes {
    let mut attributes = Attributes::default();
    for part in inner.split_whitespace() {
        if let Some(id) = part.strip_prefix('#') {
            attributes.id = Some(safe(id));
        } else if let Some(class) = part.strip_prefix('.') {
            attributes.classes.push(safe(class));
        } else if let Some((key, value)) = part.split_once('=') {
            let value = value.trim_matches(['"', '\'']);
            match key {
                "id" => attributes.id = Some(safe(value)),
                "class" => attributes.classes.extend(value.split(' ').map(safe)),
                _ => {}
            }
        }
    }
    attributes.id = attributes.id.filter(|id| !id.is_empty());
    attributes.classes.retain(|c| !c.is_empty());
    attributes
}

/// Only what an id or class may hold, so nothing written can break out of the attribute.
fn safe(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
        .collect()
}

/// The line without its span attribute lists (`*text*{: .class}`), if it has any outside
/// `code`.
fn without_span_lists(line: &str) -> Option<String> {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    let mut found = false;
    let mut in_code = false;
    while let Some(c) = rest.chars().next() {
        if c == '`' {
            in_code = !in_code;
        }
        if !in_code
            && rest.starts_with("{:")
            && let Some(end) = rest.find('}')
        {
            found = true;
            rest = &rest[end + 1..];
            continue;
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    found.then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attribute_lists_toc_and_abbreviations() {
        let body = "* TOC\n{:toc}\n\n## Steps\n{: #the-steps .intro}\n\nA paragraph.\n{: id=\"para\"}\n\nSome *text*{: .note} here `{: kept}`.\n\n*[API]: Application Programming Interface\n```\n{: in code}\n```\n";
        let read = read(body);
        let lines: Vec<&str> = read.body.split('\n').collect();
        assert_eq!(
            lines.len(),
            body.split('\n').count(),
            "no line added or taken away"
        );
        assert_eq!(lines[0], "");
        assert_eq!(lines[1], "");
        assert_eq!(lines[3], "## Steps {#the-steps .intro}");
        assert_eq!(lines[4], "");
        assert_eq!(lines[7], "<span id=\"para\"></span>");
        assert_eq!(lines[9], "Some *text* here `{: kept}`.");
        assert_eq!(lines[11], "");
        assert_eq!(lines[13], "{: in code}");
        assert_eq!(
            read.abbreviations,
            vec![(
                "API".to_string(),
                "Application Programming Interface".to_string()
            )]
        );
        assert_eq!(read.problems.len(), 1);
        assert_eq!(read.problems[0].line, 10);
    }
}
