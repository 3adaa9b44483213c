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

/// Walks `text` from bracket depth `depth`, skipping quoted text: the byte offset just
/// after the bracket that brings the depth back to 0, or the depth at the end.
pub(crate) fn walk_brackets(text: &str, mut depth: i32) -> Result<usize, i32> {
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

/// A value without the ` # comment` after it.
pub fn without_comment(value: &str) -> &str {
    value.split(" #").next().unwrap_or(value).trim_end()
}

/// Where `word` stands on its own in `text` (not inside a longer code).
pub(crate) fn find_token(text: &str, word: &str) -> Option<usize> {
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
    fn the_value_on_a_line() {
        assert_eq!(line_value("      - text: Fill in"), "Fill in");
        assert_eq!(line_value("  - Fill in: the form"), "Fill in: the form");
        assert_eq!(line_value("title: \"A: b\""), "\"A: b\"");
        assert_eq!(line_value("steps:"), "");
        assert_eq!(line_value("- see https://a.uk"), "see https://a.uk");
    }
}
