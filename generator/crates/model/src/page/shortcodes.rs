//! Shortcodes: `{{ contacts() }}` or `{{ notice_period(strap=true) }}` in Markdown, each
//! rendered by the template `shortcodes/<name>.html`. They let a page show structured data
//! (contacts, country lists, notice periods) kept once under `content/data/`.
//!
//! Calls are swapped for plain tokens before Markdown is parsed and the rendered HTML is put
//! back afterwards, so Markdown never re-reads template output.

use std::collections::BTreeMap;

/// One `{{ name(args) }}` in a page.
#[derive(Debug, Clone, PartialEq)]
pub struct Call {
    pub name: String,
    pub args: BTreeMap<String, serde_json::Value>,
    /// Line within the body (1-based).
    pub line: usize,
    pub column: usize,
    /// Alone on its line: rendered as a block, not inside a paragraph.
    pub block: bool,
}

/// A problem with a call's syntax, at a line and column of the body.
#[derive(Debug, Clone, PartialEq)]
pub struct SyntaxError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// The token that stands in for call number `index` while Markdown is rendered. Letters and
/// digits only, so no Markdown rule touches it.
pub fn token(index: usize) -> String {
    format!("SIGNPOSTSHORTCODE{index}X")
}

/// Finds shortcode calls outside code, replacing each with its token.
pub fn extract(body: &str) -> (String, Vec<Call>, Vec<SyntaxError>) {
    if !body.contains("{{") {
        return (body.to_string(), Vec::new(), Vec::new());
    }
    let mut out = String::with_capacity(body.len());
    let mut calls = Vec::new();
    let mut errors = Vec::new();
    let mut fence: Option<String> = None;
    for (index, line) in body.split_inclusive('\n').enumerate() {
        let trimmed = line.trim_start();
        if let Some(open) = &fence {
            if trimmed.starts_with(open.as_str()) {
                fence = None;
            }
            out.push_str(line);
            continue;
        }
        if let Some(marker) = fence_marker(trimmed) {
            fence = Some(marker);
            out.push_str(line);
            continue;
        }
        // Indented lines are included: inside a list item, four spaces is not a code block.
        if !line.contains("{{") {
            out.push_str(line);
            continue;
        }
        out.push_str(&extract_from_line(line, index + 1, &mut calls, &mut errors));
    }
    (out, calls, errors)
}

fn fence_marker(trimmed: &str) -> Option<String> {
    ["```", "~~~"]
        .into_iter()
        .find(|m| trimmed.starts_with(m))
        .map(|m| {
            let c = m.chars().next().unwrap_or('`');
            trimmed.chars().take_while(|x| *x == c).collect()
        })
}

fn extract_from_line(
    line: &str,
    line_number: usize,
    calls: &mut Vec<Call>,
    errors: &mut Vec<SyntaxError>,
) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    let mut consumed = 0;
    let mut in_code = false;
    while let Some(open) = next_open(rest, &mut in_code) {
        let Some(close) = rest[open..].find("}}").map(|i| open + i) else {
            break;
        };
        let inner = rest[open + 2..close].trim();
        let column = line[..consumed + open].chars().count() + 1;
        out.push_str(&rest[..open]);
        match parse_call(inner) {
            Ok(Some((name, args))) => {
                let block = line.trim() == rest[open..close + 2].trim()
                    && consumed == 0
                    && rest[..open].trim().is_empty();
                out.push_str(&token(calls.len()));
                calls.push(Call {
                    name,
                    args,
                    line: line_number,
                    column,
                    block,
                });
            }
            Ok(None) => out.push_str(&rest[open..close + 2]),
            Err(message) => {
                errors.push(SyntaxError {
                    line: line_number,
                    column,
                    message,
                });
                out.push_str(&rest[open..close + 2]);
            }
        }
        consumed += close + 2;
        rest = &rest[close + 2..];
    }
    out.push_str(rest);
    out
}

/// Next `{{` that is not inside `inline code`.
fn next_open(text: &str, in_code: &mut bool) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'`' => *in_code = !*in_code,
            b'{' if !*in_code && bytes.get(i + 1) == Some(&b'{') => return Some(i),
            _ => {}
        }
        i += 1;
    }
    None
}

/// `name(a="x", b=2)` or `name`. `Ok(None)` when the braces hold something that is not a
/// shortcode at all (left as text).
#[allow(clippy::type_complexity)]
fn parse_call(
    inner: &str,
) -> Result<Option<(String, BTreeMap<String, serde_json::Value>)>, String> {
    let name_end = inner
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(inner.len());
    let name = &inner[..name_end];
    let rest = inner[name_end..].trim();
    if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
        return Ok(None);
    }
    if rest.is_empty() {
        return Ok(Some((name.to_string(), BTreeMap::new())));
    }
    let Some(args_text) = rest.strip_prefix('(').and_then(|r| r.strip_suffix(')')) else {
        return Ok(None);
    };
    let mut args = BTreeMap::new();
    for part in split_args(args_text)? {
        let Some((key, value)) = part.split_once('=') else {
            return Err(format!(
                "`{part}` in `{name}(…)` needs a name: write it as name=\"value\""
            ));
        };
        let key = key.trim();
        let value = value.trim();
        let parsed = if let Some(text) = value.strip_prefix('"').and_then(|v| v.strip_suffix('"')) {
            // Templates take any text as true, "false" too: the page would say the opposite.
            if matches!(text, "true" | "false") {
                return Err(format!(
                    "`{key}={value}` is the text \"{text}\", which templates read as true: write {key}={text}, without quotes"
                ));
            }
            serde_json::Value::String(text.to_string())
        } else {
            serde_json::from_str(value).map_err(|_| {
                format!("`{value}` is not a value: put text in double quotes, or write a number, true or false")
            })?
        };
        args.insert(key.to_string(), parsed);
    }
    Ok(Some((name.to_string(), args)))
}

/// Splits `a="x, y", b=2` at commas outside quotes.
fn split_args(text: &str) -> Result<Vec<String>, String> {
    let mut parts = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                current.push(c);
            }
            ',' if !quoted => parts.push(std::mem::take(&mut current)),
            _ => current.push(c),
        }
    }
    if quoted {
        return Err("a quote is not closed".to_string());
    }
    parts.push(current);
    Ok(parts
        .into_iter()
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect())
}

/// Puts rendered shortcodes back in place of their tokens. Block calls replace the whole
/// paragraph Markdown wrapped around them. The page's HTML is kept for the whole build: it
/// comes back without spare room (and is not copied when the page has no shortcode).
pub fn restore(mut html: String, calls: &[Call], rendered: &[String]) -> String {
    for (index, (call, output)) in calls.iter().zip(rendered).enumerate() {
        let token = token(index);
        if call.block {
            let paragraph = format!("<p>{token}</p>");
            if html.contains(&paragraph) {
                html = html.replacen(&paragraph, output, 1);
                continue;
            }
        }
        html = html.replacen(&token, output.trim_end(), 1);
    }
    html.shrink_to_fit();
    html
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn finds_calls_and_leaves_code_alone() {
        let body = "Intro {{ notice_period(strap=true) }} days.\n\n{{ contacts() }}\n\n```\n{{ contacts() }}\n```\n`{{ x() }}`\n";
        let (out, calls, errors) = extract(body);
        assert!(errors.is_empty());
        assert_eq!(calls.len(), 2);
        assert_eq!(calls[0].name, "notice_period");
        assert_eq!(calls[0].args["strap"], json!(true));
        assert!(!calls[0].block);
        assert_eq!((calls[1].line, calls[1].block), (3, true));
        assert!(out.contains("```\n{{ contacts() }}\n```"));
        assert!(out.contains("`{{ x() }}`"));
    }

    #[test]
    fn arguments_are_typed() {
        let (_, calls, _) = extract("{{ list(name=\"special, attention\", n=3, on=false) }}\n");
        assert_eq!(calls[0].args["name"], json!("special, attention"));
        assert_eq!(calls[0].args["n"], json!(3));
        assert_eq!(calls[0].args["on"], json!(false));
    }

    #[test]
    fn true_and_false_in_quotes_are_refused() {
        let (_, calls, errors) = extract("{{ notice_period(strap=\"false\") }}\n");
        assert!(calls.is_empty());
        assert!(
            errors[0]
                .message
                .contains("write strap=false, without quotes"),
            "{:?}",
            errors[0]
        );
        let (_, calls, errors) = extract("{{ notice_period(strap=false) }}\n");
        assert!(errors.is_empty());
        assert_eq!(calls[0].args["strap"], serde_json::Value::Bool(false));
    }

    #[test]
    fn bad_syntax_is_reported_with_position() {
        let (_, calls, errors) = extract("Text\nSee {{ contacts(only=security) }}\n");
        assert!(calls.is_empty());
        assert_eq!((errors[0].line, errors[0].column), (2, 5));
    }

    #[test]
    fn restore_replaces_block_paragraphs() {
        let calls = vec![Call {
            name: "c".into(),
            args: BTreeMap::new(),
            line: 1,
            column: 1,
            block: true,
        }];
        let html = format!("<p>{}</p>\n", token(0));
        assert_eq!(
            restore(html, &calls, &["<ul></ul>\n".into()]),
            "<ul></ul>\n\n"
        );
    }
}
