//! Where things are in a YAML file. serde_yaml gives values without positions, so the
//! loader asks this index for the line of a key path such as
//! `questions[2].next[0].goto`. It reads the block style editors write (keys, `- `
//! items, one-line `{ ... }` maps, block scalars) and no more; a path it cannot find
//! falls back to its nearest known parent, and at worst to line 1.

use std::collections::HashMap;

/// One step of a path: a map key or a sequence index.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Seg {
    Key(String),
    Index(usize),
}

impl From<&str> for Seg {
    fn from(k: &str) -> Self {
        Seg::Key(k.to_string())
    }
}

impl From<String> for Seg {
    fn from(k: String) -> Self {
        Seg::Key(k)
    }
}

impl From<usize> for Seg {
    fn from(i: usize) -> Self {
        Seg::Index(i)
    }
}

/// Builds a path: `at!["questions", 2, "next"]`.
macro_rules! at {
    ($($seg:expr),* $(,)?) => { [$($crate::load::locate::Seg::from($seg)),*] };
}
pub(crate) use at;

/// A 1-based line and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pos {
    pub line: usize,
    pub column: usize,
}

pub struct Locator {
    positions: HashMap<Vec<Seg>, Pos>,
    lines: Vec<String>,
}

/// A node on the way down to the current line.
struct Open {
    column: usize,
    seg: Seg,
    /// A key with nothing after the colon: its items may sit at its own column.
    bare_key: bool,
}

impl Locator {
    pub fn new(text: &str) -> Locator {
        let mut positions = HashMap::new();
        let mut stack: Vec<Open> = Vec::new();
        // Lines deeper than this belong to a block scalar or a continued value.
        let mut skip_deeper_than: Option<usize> = None;
        for (n, raw) in text.lines().enumerate() {
            let line = n + 1;
            let body = strip_comment(raw);
            if body.trim().is_empty() || body.trim_start().starts_with("---") {
                continue;
            }
            let column = body.len() - body.trim_start().len();
            if let Some(limit) = skip_deeper_than {
                if column > limit {
                    continue;
                }
                skip_deeper_than = None;
            }
            let mut rest = body.trim_start();
            let mut col = column;
            // Sequence items, possibly followed by a key on the same line ("- id: x").
            while rest == "-" || rest.starts_with("- ") {
                let next_index = pop_to_item(&mut stack, col);
                stack.push(Open {
                    column: col,
                    seg: Seg::Index(next_index),
                    bare_key: false,
                });
                positions.insert(
                    current_path(&stack),
                    Pos {
                        line,
                        column: col + 1,
                    },
                );
                let after = rest[1..].trim_start();
                col += rest.len() - after.len();
                rest = after;
            }
            if rest.is_empty() || rest.starts_with('{') || rest.starts_with('[') {
                if let Some(top) = stack.last() {
                    if rest.starts_with('{') {
                        note_flow_keys(&mut positions, &current_path(&stack), rest, line, col);
                    }
                    // Still open at the end of the line: the value goes on below.
                    if matches!(walk_brackets(rest, 0), Err(depth) if depth > 0) {
                        skip_deeper_than = Some(top.column);
                    }
                }
                continue;
            }
            let Some((key, value)) = split_key(rest) else {
                // A plain scalar item or a continuation line: nothing to index.
                continue;
            };
            while stack.last().is_some_and(|o| o.column >= col) {
                stack.pop();
            }
            stack.push(Open {
                column: col,
                seg: Seg::Key(key.to_string()),
                bare_key: value.is_empty(),
            });
            let path = current_path(&stack);
            positions.insert(
                path.clone(),
                Pos {
                    line,
                    column: col + 1,
                },
            );
            let value = value.trim();
            if value.starts_with('{') {
                let offset = col + rest.find('{').unwrap_or(0);
                note_flow_keys(&mut positions, &path, value, line, offset);
            }
            if !value.is_empty() {
                // Whatever follows more deeply indented is part of this value: a block
                // scalar (| or >), a long [ ... ] or a plain string running on.
                skip_deeper_than = Some(col);
            }
        }
        Locator {
            positions,
            lines: text.lines().map(str::to_string).collect(),
        }
    }

    /// The position of a path, or of its nearest known parent.
    pub fn find(&self, path: &[Seg]) -> Pos {
        for len in (0..=path.len()).rev() {
            if let Some(p) = self.positions.get(&path[..len]) {
                return *p;
            }
        }
        Pos { line: 1, column: 1 }
    }

    /// The text of a 1-based line ("" past the end).
    pub fn line(&self, line: usize) -> &str {
        line.checked_sub(1)
            .and_then(|i| self.lines.get(i))
            .map_or("", String::as_str)
    }

    /// The position of the value written on the path's line (`15` in `standard: 15`), or
    /// of the path itself when its value is on the lines below.
    pub fn find_value(&self, path: &[Seg]) -> Pos {
        let at = self.find(path);
        let text = self.line(at.line);
        let value = line_value(text);
        if value.is_empty() {
            return at;
        }
        Pos {
            line: at.line,
            column: text[..text.len() - value.len()].chars().count() + 1,
        }
    }

    /// The position of `word` on the path's line (or just after it, for a value that
    /// runs on), so an error can point at the bad code itself.
    pub fn find_word(&self, path: &[Seg], word: &str) -> Pos {
        let at = self.find(path);
        for line in at.line..(at.line + 4).min(self.lines.len() + 1) {
            let text = &self.lines[line - 1];
            if let Some(column) = find_token(text, word) {
                return Pos {
                    line,
                    column: text[..column].chars().count() + 1,
                };
            }
        }
        at
    }

    /// Where `needle` is first written, as it is, on the path's line or the few after it
    /// (1-based, in characters), if it is there.
    pub fn find_text(&self, path: &[Seg], needle: &str) -> Option<Pos> {
        let at = self.find(path);
        (at.line..(at.line + 8).min(self.lines.len() + 1)).find_map(|line| {
            let text = &self.lines[line - 1];
            let start = text.find(needle)?;
            Some(Pos {
                line,
                column: text[..start].chars().count() + 1,
            })
        })
    }
}

/// Pops to the sequence that an item at `col` belongs to, and returns the item's index.
fn pop_to_item(stack: &mut Vec<Open>, col: usize) -> usize {
    let mut next = 0;
    while let Some(top) = stack.last() {
        let same_seq_item = top.column == col && matches!(top.seg, Seg::Index(_));
        if top.column > col || same_seq_item {
            if let (true, Seg::Index(i)) = (same_seq_item, &top.seg) {
                next = i + 1;
            }
            stack.pop();
        } else if top.column == col && top.bare_key {
            // "key:" followed by "- item" at the same column.
            break;
        } else if top.column == col {
            stack.pop();
        } else {
            break;
        }
    }
    next
}

fn current_path(stack: &[Open]) -> Vec<Seg> {
    stack.iter().map(|o| o.seg.clone()).collect()
}

/// Records the keys of a one-line `{ a: 1, b: [x] }` map, at the line they are on.
fn note_flow_keys(
    positions: &mut HashMap<Vec<Seg>, Pos>,
    parent: &[Seg],
    text: &str,
    line: usize,
    column: usize,
) {
    let inner = text.trim_start_matches('{');
    let mut depth = 0;
    let mut start = 0;
    let mut quote: Option<char> = None;
    let bytes: Vec<(usize, char)> = inner.char_indices().collect();
    for &(i, ch) in &bytes {
        match (quote, ch) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(ch),
            (None, '{' | '[') => depth += 1,
            (None, ']') => depth -= 1,
            (None, '}') if depth > 0 => depth -= 1,
            (None, ',' | '}') if depth == 0 => {
                note_one(
                    positions,
                    parent,
                    &inner[start..i],
                    line,
                    column + 1 + start,
                );
                start = i + 1;
                if ch == '}' {
                    return;
                }
            }
            _ => {}
        }
    }
}

fn note_one(
    positions: &mut HashMap<Vec<Seg>, Pos>,
    parent: &[Seg],
    part: &str,
    line: usize,
    column: usize,
) {
    if let Some((key, _)) = split_key(part.trim()) {
        let mut path = parent.to_vec();
        path.push(Seg::Key(key.to_string()));
        let lead = part.len() - part.trim_start().len();
        positions.entry(path).or_insert(Pos {
            line,
            column: column + lead + 1,
        });
    }
}

/// "key: value" -> ("key", "value"); "key:" -> ("key", ""). Quoted keys lose quotes.
fn split_key(s: &str) -> Option<(&str, &str)> {
    if let Some(q) = s.chars().next().filter(|c| *c == '"' || *c == '\'') {
        let end = s[1..].find(q)? + 1;
        let after = &s[end + 1..];
        let value = after.strip_prefix(':')?;
        if !(value.is_empty() || value.starts_with(' ')) {
            return None;
        }
        return Some((&s[1..end], value.trim_start()));
    }
    let colon = s
        .find(": ")
        .or_else(|| s.ends_with(':').then(|| s.len() - 1))?;
    let key = &s[..colon];
    if key.is_empty() || key.contains(['{', '[', '"', '\'']) {
        return None;
    }
    Some((key.trim_end(), s[colon + 1..].trim_start()))
}

/// Drops a trailing `# comment` (not inside quotes).
fn strip_comment(line: &str) -> &str {
    let mut quote: Option<char> = None;
    let mut prev = ' ';
    for (i, ch) in line.char_indices() {
        match (quote, ch) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') if prev == ' ' || prev == '[' || prev == '{' || prev == ',' => {
                quote = Some(ch)
            }
            (None, '#') if prev == ' ' || i == 0 => return &line[..i],
            _ => {}
        }
        prev = ch;
    }
    line
}

/// The value written on a YAML line, as written: `- text: Fill in` and `- Fill in` and
/// `text: Fill in` all give `Fill in` (a key's own line gives "" when its value is below).
pub fn line_value(line: &str) -> &str {
    let item = line.trim_start().trim_start_matches("- ");
    match item.split_once(':') {
        // A key is one word (or quoted); anything else with `:` in it is the value.
        Some((key, value))
            if !key.contains(' ') && (value.is_empty() || value.starts_with([' ', '\t'])) =>
        {
            value.trim_start()
        }
        _ => item,
    }
}

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

/// Walks `text` from bracket depth `depth`, skipping quoted text: the byte offset just
/// after the bracket that brings the depth back to 0, or the depth at the end.
fn walk_brackets(text: &str, mut depth: i32) -> Result<usize, i32> {
    let mut quote = None;
    let mut previous = ' ';
    for (at, c) in text.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            // A quote opens a value only at its start (`don't` is a word).
            (None, '"' | '\'') if matches!(previous, ' ' | '[' | '{' | ',') => quote = Some(c),
            (None, '[' | '{') => depth += 1,
            (None, ']' | '}') => {
                depth -= 1;
                if depth == 0 {
                    return Ok(at + 1);
                }
            }
            _ => {}
        }
        previous = c;
    }
    Err(depth)
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

/// A value without the ` # comment` after it.
pub fn without_comment(value: &str) -> &str {
    value.split(" #").next().unwrap_or(value).trim_end()
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

/// Where `word` stands on its own in `text` (not inside a longer code).
fn find_token(text: &str, word: &str) -> Option<usize> {
    let is_part = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
    let mut from = 0;
    while let Some(i) = text[from..].find(word) {
        let at = from + i;
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        if !before.is_some_and(is_part) && !after.is_some_and(is_part) {
            return Some(at);
        }
        from = at + word.len();
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

    const TEXT: &str = "\
# comment
id: x
data:
  countries: countries
questions:
  - id: a
    type: yes-no
    text: |
      id: not a key
    next:
      - when: { answer: a, is: yes }
        goto: b
      - goto: c
  - id: b
    options: [x,
      y]
    next: c
lists:
- id: one
  countries: [AD, \"NO\"]
- id: two
";

    fn line(path: &[Seg]) -> usize {
        Locator::new(TEXT).find(path).line
    }

    #[test]
    fn finds_keys_items_and_flow_maps() {
        assert_eq!(line(&at!["id"]), 2);
        assert_eq!(line(&at!["data", "countries"]), 4);
        assert_eq!(line(&at!["questions", 0, "id"]), 6);
        assert_eq!(line(&at!["questions", 0, "next"]), 10);
        assert_eq!(line(&at!["questions", 0, "next", 0, "when", "answer"]), 11);
        assert_eq!(line(&at!["questions", 0, "next", 0, "goto"]), 12);
        assert_eq!(line(&at!["questions", 0, "next", 1, "goto"]), 13);
        assert_eq!(line(&at!["questions", 1, "id"]), 14);
        assert_eq!(line(&at!["questions", 1, "next"]), 17);
        assert_eq!(line(&at!["lists", 1, "id"]), 21);
        assert_eq!(line(&at!["lists", 0, "countries"]), 20);
    }

    #[test]
    fn falls_back_to_the_nearest_parent() {
        assert_eq!(line(&at!["questions", 0, "missing"]), 6);
        assert_eq!(line(&at!["nothing"]), 1);
    }

    #[test]
    fn finds_a_word_on_the_line() {
        let loc = Locator::new(TEXT);
        let p = loc.find_word(&at!["lists", 0, "countries"], "NO");
        assert_eq!((p.line, p.column), (20, 20));
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

    #[test]
    fn the_value_on_a_line() {
        assert_eq!(line_value("      - text: Fill in"), "Fill in");
        assert_eq!(line_value("  - Fill in: the form"), "Fill in: the form");
        assert_eq!(line_value("title: \"A: b\""), "\"A: b\"");
        assert_eq!(line_value("steps:"), "");
        assert_eq!(line_value("- see https://a.uk"), "see https://a.uk");
    }
}
