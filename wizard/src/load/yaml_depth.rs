//! How deeply a YAML text nests, found by one pass over its characters before any parser
//! runs: the YAML parser takes time growing with the square of the depth before it
//! refuses a deep document, so 200 KB of `[[[[` took half a minute to be told it is too
//! deep. A document nested deeper than [`MAX_DEPTH`] is refused at once, at the line and
//! column where it passes the limit.

/// Deeper than any settings, page, data or flow file needs (a flow's conditions nest a
/// handful of levels); well inside the parser's own limit of 128.
pub const MAX_DEPTH: usize = 64;

/// The place (line and column, from 1) where `text` first nests deeper than [`MAX_DEPTH`],
/// counting `[` and `{` outside quotes and comments, and `- ` and `? ` indicators that
/// open collections at the start of a line.
pub fn too_deep(text: &str) -> Option<(usize, usize)> {
    let mut flow_depth = 0usize;
    let mut quote: Option<char> = None;
    for (index, line) in text.split('\n').enumerate() {
        let line_number = index + 1;
        let mut chars = line.char_indices().peekable();
        let mut previous = ' ';
        let mut indicators = 0usize;
        let mut at_line_start = quote.is_none() && flow_depth == 0;
        // Counted only when needed: counting at every character would be quadratic.
        let column = |at: usize| line[..at].chars().count() + 1;
        while let Some((at, c)) = chars.next() {
            match quote {
                Some('\'') => {
                    if c == '\'' {
                        // `''` is a quote inside single quotes.
                        if chars.peek().is_some_and(|&(_, n)| n == '\'') {
                            chars.next();
                        } else {
                            quote = None;
                        }
                    }
                }
                Some(_) => match c {
                    '\\' => {
                        chars.next();
                    }
                    '"' => quote = None,
                    _ => {}
                },
                None => {
                    let token_start = previous.is_whitespace() || "[{,:-?".contains(previous);
                    match c {
                        '#' if previous.is_whitespace() => break,
                        '\'' | '"' if token_start => quote = Some(c),
                        '[' | '{' => {
                            flow_depth += 1;
                            if flow_depth > MAX_DEPTH {
                                return Some((line_number, column(at)));
                            }
                        }
                        ']' | '}' => flow_depth = flow_depth.saturating_sub(1),
                        '-' | '?' if at_line_start => {
                            let next = chars.peek().map(|&(_, n)| n);
                            if next.is_none_or(|n| n == ' ') {
                                indicators += 1;
                                if indicators > MAX_DEPTH {
                                    return Some((line_number, column(at)));
                                }
                            } else {
                                at_line_start = false;
                            }
                        }
                        ' ' | '\t' | '\r' => {}
                        _ => at_line_start = false,
                    }
                }
            }
            previous = c;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_deep_nesting_where_it_passes_the_limit() {
        let deep = format!(
            "title: x\nkey: {}1{}\n",
            "[".repeat(100_000),
            "]".repeat(100_000)
        );
        assert_eq!(too_deep(&deep), Some((2, 6 + MAX_DEPTH)));
        let braces = format!("a: {}", "{b: ".repeat(65));
        assert_eq!(too_deep(&braces), Some((1, 4 + 4 * 64)));
        let dashes = format!("{}x\n", "- ".repeat(65));
        assert_eq!(too_deep(&dashes), Some((1, 129)));
        // Ordinary files, and brackets that are text.
        for fine in [
            "when: { all: [ { answer: a, is: [yes] }, { not: { answer: b, is: no } } ] }\n",
            "title: \"[[[[\" \ntext: '[[[[ it''s ['\n# [[[[[[\nlist:\n  - - a\n    - b\n",
            &format!("text: \"{}\"\n", "[".repeat(1000)),
            &format!("text: |\n  {}\n", "]".repeat(1000)),
            "- a\n- b\n-c\n",
        ] {
            assert_eq!(too_deep(fine), None, "{fine}");
        }
    }

    #[test]
    fn a_quote_inside_a_word_opens_nothing() {
        let sneaky = format!("x: it's\ny: {}\n", "[".repeat(100));
        assert_eq!(too_deep(&sneaky), Some((2, 4 + MAX_DEPTH)));
    }
}
