//! serde_yaml's errors in an editor's words, at the place the mistake is (an unclosed
//! quote or bracket, text after a closing bracket, a key written twice) rather than where
//! YAML gave up.

use super::locate::{line_value, walk_brackets, without_comment};

/// A serde_yaml error, read for an editor's message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    /// 1-based line and column in the text, if serde_yaml gives them.
    pub at: Option<(usize, usize)>,
    /// serde_yaml's words, without the " at line X column Y" it appends.
    pub message: String,
    /// A key written twice in one mapping, and the line it is first written on; `at` is
    /// then the repeat (serde_yaml points at the mapping).
    pub repeated: Option<(String, usize)>,
    /// A mistake known by name, to be told in plain words; `at` is then where it is.
    pub mistake: Option<Mistake>,
}

/// Mistakes YAML reports in its own terms, often where it gave up rather than where the
/// mistake is: these are reported where they are, in plain words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mistake {
    /// A tab in the indentation, which YAML does not allow.
    Tab,
    /// A quote mark that is never closed (YAML notices at the end of the file).
    UnclosedQuote,
    /// `[` that is never closed with `]`.
    UnclosedList,
    /// `{` that is never closed with `}`.
    UnclosedMapping,
    /// Text that starts with `[` or `{` and goes on after the closing bracket
    /// (`- {approver} approves`): YAML reads a list or mapping, then stumbles.
    TextAfterBracket,
}

impl Mistake {
    pub fn message(self) -> &'static str {
        match self {
            Mistake::Tab => "this line is indented with a tab character",
            Mistake::UnclosedQuote => "this value opens a quote that is never closed",
            Mistake::UnclosedList => {
                "this value starts a list with `[` that is never closed with `]`"
            }
            Mistake::UnclosedMapping => {
                "this value starts with `{`, which YAML reads as a mapping, and it is never closed with `}`"
            }
            Mistake::TextAfterBracket => {
                "this text starts with a bracket, which YAML reads as the start of a list or mapping"
            }
        }
    }

    pub fn help(self) -> &'static str {
        match self {
            Mistake::Tab => "indent with spaces: YAML does not allow tabs for indentation",
            Mistake::UnclosedQuote => "end the value with the same quote mark it starts with",
            Mistake::UnclosedList => {
                "close the list, e.g. `audience: [staff, contractors]`; text that starts with `[` must be in quotes"
            }
            Mistake::UnclosedMapping | Mistake::TextAfterBracket => {
                "text that starts with `{` or `[` must be in quotes, e.g. `\"{approver} approves…\"`"
            }
        }
    }
}

pub fn yaml_error(text: &str, err: &serde_yaml::Error) -> YamlError {
    let mut at = err.location().map(|l| (l.line(), l.column()));
    let message = err.to_string();
    let message = message
        .split(" at line ")
        .next()
        .unwrap_or(&message)
        .to_string();
    let repeated = message
        .split_once("duplicate entry with key \"")
        .and_then(|(_, rest)| rest.split_once('"'))
        .and_then(|(key, _)| {
            let (line, column, first) = repeated_key(text, key, at.map_or(1, |(l, _)| l))?;
            at = Some((line, column));
            Some((key.to_string(), first))
        });
    // A tab in the indentation (one inside a value is text).
    let tab = at.and_then(|(line, _)| {
        let written = text.lines().nth(line.checked_sub(1)?)?;
        let indent = &written[..written.len() - written.trim_start().len()];
        let column = indent.find('\t')?;
        Some((line, indent[..column].chars().count() + 1))
    });
    let mistake = if repeated.is_some() {
        None
    } else if let Some(place) = tab {
        Some((place, Mistake::Tab))
    } else if message.contains("end of stream") {
        unclosed_quote(text).map(|place| (place, Mistake::UnclosedQuote))
    } else if message.contains("expected ',' or ']'") {
        unclosed_bracket(text, '[', at).map(|place| (place, Mistake::UnclosedList))
    } else if message.contains("expected ',' or '}'") {
        unclosed_bracket(text, '{', at).map(|place| (place, Mistake::UnclosedMapping))
    } else {
        text_after_bracket(text, at).map(|place| (place, Mistake::TextAfterBracket))
    };
    let mistake = mistake.map(|(place, mistake)| {
        at = Some(place);
        mistake
    });
    YamlError {
        at,
        message,
        repeated,
        mistake,
    }
}

/// The quoted value still open at the end of the text (a value in quotes may run over
/// several lines): 1-based line and column of its quote.
fn unclosed_quote(text: &str) -> Option<(usize, usize)> {
    let mut open: Option<(usize, usize, char)> = None;
    for (index, line) in text.lines().enumerate() {
        match open {
            Some((_, _, quote)) => {
                if closes_quote(line, quote) {
                    open = None;
                }
            }
            None => {
                let value = line_value(line);
                let Some(quote) = value.chars().next().filter(|c| matches!(c, '"' | '\'')) else {
                    continue;
                };
                if is_structured(line) && !closes_quote(&value[1..], quote) {
                    open = Some((index + 1, value_column(line, value), quote));
                }
            }
        }
    }
    open.map(|(line, column, _)| (line, column))
}

/// Whether `text` holds the quote mark that ends a value quoted with `quote`. In double
/// quotes a backslash escapes the next character; in single quotes `''` is a quote mark.
fn closes_quote(text: &str, quote: char) -> bool {
    match quote {
        '"' => text.replace("\\\\", "").replace("\\\"", "").contains('"'),
        _ => text.replace("''", "").contains('\''),
    }
}

/// The line's value follows a key or a `- `, so YAML reads it as a value (a line of a
/// block of text, under `intro: >-` say, is only text).
fn is_structured(line: &str) -> bool {
    line_value(line).len() < line.trim_start().len()
}

/// The last value, up to where YAML gave up (`at`), that starts with `open` and is still
/// not closed there: 1-based line and column of the bracket. (A list may go on over
/// several lines; the mistake is still at its start.)
fn unclosed_bracket(text: &str, open: char, at: Option<(usize, usize)>) -> Option<(usize, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let last = at.map_or(lines.len(), |(line, _)| line.min(lines.len()));
    (0..last).rev().find_map(|index| {
        let line = lines[index];
        let value = line_value(line);
        if !value.starts_with(open) || !is_structured(line) {
            return None;
        }
        let mut depth = 0;
        let rest = lines[index + 1..last].iter().map(|l| l.trim());
        for part in std::iter::once(value).chain(rest) {
            depth = match walk_brackets(part, depth) {
                Ok(_) => return None, // closed before YAML gave up: not this one
                Err(depth) => depth,
            };
        }
        (depth > 0).then(|| (index + 1, value_column(line, value)))
    })
}

/// A value just before where YAML gave up (`at`) that starts with `[` or `{` and goes on
/// after the bracket that closes it: 1-based line and column of the bracket.
fn text_after_bracket(text: &str, at: Option<(usize, usize)>) -> Option<(usize, usize)> {
    let (last, _) = at?;
    text.lines()
        .enumerate()
        .take(last)
        .skip(last.saturating_sub(4))
        .filter_map(|(index, line)| {
            let value = line_value(line);
            let value_only = without_comment(value);
            if !value_only.starts_with(['[', '{']) || !is_structured(line) {
                return None;
            }
            let end = walk_brackets(value_only, 0).ok()?;
            (!value_only[end..].trim().is_empty()).then(|| (index + 1, value_column(line, value)))
        })
        .last()
}

/// The 1-based column (in characters) where `value`, a part of `line`, starts.
fn value_column(line: &str, value: &str) -> usize {
    line[..line.len() - value.len()].chars().count() + 1
}

/// Where `key` is written a second time in the YAML mapping that starts at or after
/// 1-based line `from` of `text`, for serde_yaml's "duplicate entry with key" (which points
/// at the mapping, not at the repeat): the 1-based line and column of the repeat, and the
/// line of the first.
fn repeated_key(text: &str, key: &str, from: usize) -> Option<(usize, usize, usize)> {
    let mut first: Option<(usize, usize)> = None;
    for (index, line) in text.lines().enumerate().skip(from.saturating_sub(1)) {
        let item = line.trim_start().starts_with("- ");
        let body = line.trim_start().trim_start_matches("- ");
        let indent = line.len() - body.len();
        // A shallower line, or the next item of a list, ends the mapping.
        if let Some((_, first_indent)) = first
            && (indent < first_indent || (item && indent == first_indent))
            && !body.is_empty()
            && !body.starts_with('#')
        {
            return None;
        }
        let written = body
            .strip_prefix(key)
            .or_else(|| body.strip_prefix(&format!("\"{key}\"")))
            .or_else(|| body.strip_prefix(&format!("'{key}'")));
        if !written.is_some_and(|rest| rest.trim_start().starts_with(':')) {
            continue;
        }
        match first {
            Some((line_no, first_indent)) if first_indent == indent => {
                return Some((index + 1, indent + 1, line_no));
            }
            Some(_) => {}
            None => first = Some((index + 1, indent)),
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unclosed_quotes_and_brackets_are_found_where_they_open() {
        assert_eq!(
            unclosed_quote("a: \"ok\"\nb: 'it''s'\nc: \"no\n"),
            Some((3, 4))
        );
        assert_eq!(unclosed_quote("a: 'don''t\n"), Some((1, 4)));
        assert_eq!(unclosed_quote("- £: \"x\n"), Some((1, 6)));
        assert_eq!(unclosed_quote("a: \"say \\\"hi\\\"\"\n"), None);
        // A list may go on over lines; one that is closed, or a `]` in quotes, is not it.
        let text = "a: [x, y]\nb: [\"]\", z,\n  w\nc: 1\n";
        assert_eq!(unclosed_bracket(text, '[', Some((4, 2))), Some((2, 4)));
        assert_eq!(unclosed_bracket("a: [x]\n", '[', Some((1, 6))), None);
        assert_eq!(
            text_after_bracket("a: 1\n- {who} approves\n", Some((2, 9))),
            Some((2, 3))
        );
    }

    #[test]
    fn valid_yaml_near_a_mistake_is_not_blamed_for_it() {
        // Nested and quoted brackets, and a line of a text block, are not text after a
        // bracket.
        let text = "a: [[staff, x], c]\nb: [\"]\", b]\nintro: >-\n  [Read the guidance](x) first.\nc: d: e\n";
        assert_eq!(text_after_bracket(text, Some((5, 5))), None);
        // A list over two lines that closes is not the unclosed one.
        let text = "audience: [staff,\n  contractors]\ntags: [a, \"b\" c]\n";
        assert_eq!(unclosed_bracket(text, '[', Some((3, 15))), None);
        // A quoted value over two lines that closes is not the unclosed one.
        assert_eq!(unclosed_quote("a: \"x\n  y\"\nb: \"z\n"), Some((3, 4)));
        // An apostrophe in a word does not open a quote.
        assert_eq!(walk_brackets("[don't, stop]", 0), Ok(13));
    }

    #[test]
    fn finds_the_repeat_in_the_mapping_named() {
        let text = "a:\n  - text: one\n    when: x\n  - text: two\n    text: again\n";
        assert_eq!(repeated_key(text, "text", 4), Some((5, 5, 4)));
        // The first mapping has no repeat: the next mapping's key is not one.
        assert_eq!(repeated_key(text, "text", 2), None);
        assert_eq!(
            repeated_key("title: A\nowner: B\ntitle: C\n", "title", 1),
            Some((3, 1, 1))
        );
    }
}
