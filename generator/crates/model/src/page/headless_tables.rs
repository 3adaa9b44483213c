//! Tables written without a header row, as kramdown (Jekyll) reads them:
//!
//! ```text
//! |Do|
//! |✔ Make sure backups are tested.|
//! ```
//!
//! CommonMark needs a `|---|` line under a first row, and without one shows the rows as text
//! with raw pipes. Here such a table gets that line added (so pulldown-cmark reads it as a
//! table), and the rendering keeps every row in the table's body, as kramdown did: the
//! first row is not made a header the editor never wrote. Each is reported, since a table
//! with no header is harder for screen reader users.

use super::code_fences::{CodeFences, FenceLine};

use std::borrow::Cow;

pub struct Headless<'a> {
    pub body: Cow<'a, str>,
    /// Lines (1-based, in `body`) of the added `|---|` lines.
    pub added_lines: Vec<usize>,
    /// Lines (1-based, in the text as written) of each such table's first row.
    pub tables: Vec<usize>,
}

/// Adds a `|---|` line under the first row of each table without one, outside code.
pub fn add_delimiter_rows(body: &str) -> Headless<'_> {
    let lines: Vec<&str> = body.split_inclusive('\n').collect();
    let mut starts = Vec::new();
    let mut fences = CodeFences::default();
    let mut previous_is_row = false;
    let mut previous_blank = true;
    for (index, line) in lines.iter().enumerate() {
        let trimmed = line.trim_start();
        match fences.line(trimmed) {
            FenceLine::Text => {}
            FenceLine::Opens => {
                previous_is_row = false;
                continue;
            }
            FenceLine::InCode => {
                previous_is_row = false;
                previous_blank = true;
                continue;
            }
        }
        let is_row = is_row(line);
        let starts_table = is_row && !previous_is_row && previous_blank;
        if starts_table && !lines.get(index + 1).is_some_and(|next| is_delimiter(next)) {
            starts.push(index);
        }
        previous_is_row = is_row;
        // A table starts a block: after a blank line, a heading or a table.
        previous_blank = line.trim().is_empty() || is_row || trimmed.starts_with('#');
    }
    if starts.is_empty() {
        return Headless {
            body: Cow::Borrowed(body),
            added_lines: Vec::new(),
            tables: Vec::new(),
        };
    }
    let mut out = String::with_capacity(body.len() + starts.len() * 16);
    let mut added_lines = Vec::new();
    let mut out_line = 0;
    for (index, line) in lines.iter().enumerate() {
        out.push_str(line);
        out_line += 1;
        if starts.binary_search(&index).is_ok() {
            if !line.ends_with('\n') {
                out.push('\n');
            }
            // kramdown shows every cell of the widest row.
            let columns = lines[index..]
                .iter()
                .take_while(|l| is_row(l))
                .map(|l| cells(l))
                .max()
                .unwrap_or(1);
            out.push_str(&"|---".repeat(columns));
            out.push_str("|\n");
            out_line += 1;
            added_lines.push(out_line);
        }
    }
    Headless {
        body: Cow::Owned(out),
        added_lines,
        tables: starts.iter().map(|i| i + 1).collect(),
    }
}

/// `|a|b|`: a line that starts with `|` (as kramdown reads a table line), not indented as
/// code.
fn is_row(line: &str) -> bool {
    let indent = line.len() - line.trim_start_matches(' ').len();
    let line = line.trim();
    indent < 4 && line.len() >= 2 && line.starts_with('|')
}

/// `|---|:--:|`.
fn is_delimiter(line: &str) -> bool {
    let line = line.trim();
    line.contains('-')
        && line
            .chars()
            .all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
}

/// Cells in a row: `|` not escaped and not in `code`, between the outer pipes.
fn cells(line: &str) -> usize {
    let inner = line.trim().trim_start_matches('|');
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    let mut count = 1;
    let mut escaped = false;
    let mut in_code = false;
    for c in inner.chars() {
        match c {
            '\\' if !escaped => {
                escaped = true;
                continue;
            }
            '`' if !escaped => in_code = !in_code,
            '|' if !escaped && !in_code => count += 1,
            _ => {}
        }
        escaped = false;
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_without_a_header_row_get_a_delimiter_line() {
        let body = "Text\n\n|Do|\n|✔ Back up|\n\n|Don't|\n|-----|\n|✖ Delay|\n\n```\n|code|\n```\n|a \\| b|c|\n";
        let headless = add_delimiter_rows(body);
        assert_eq!(headless.tables, vec![3, 13]);
        assert_eq!(headless.added_lines, vec![4, 15]);
        let lines: Vec<&str> = headless.body.lines().collect();
        assert_eq!(lines[3], "|---|");
        assert_eq!(lines[14], "|---|---|");
        assert_eq!(
            add_delimiter_rows("Just | a pipe\n").tables,
            Vec::<usize>::new()
        );
    }
}
