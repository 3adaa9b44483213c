//! Byte offset to line (and column): the one lookup every reader of text uses to point an
//! editor at the line a problem is on.

/// Byte offsets of line starts, searched in two halves per lookup.
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        Self {
            starts: std::iter::once(0)
                .chain(text.match_indices('\n').map(|(i, _)| i + 1))
                .collect(),
        }
    }

    /// The 1-based line of a byte offset.
    #[inline]
    pub fn line(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(index) => index + 1,
            Err(index) => index,
        }
    }

    /// The 1-based line and column (in characters) of a byte offset in `text`, the text
    /// the index was made from.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let line = self.line(offset);
        let start = self.starts[line - 1];
        (line, text[start..offset].chars().count() + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_of_an_offset() {
        let text = "a\nbc\ndef";
        let lines = LineIndex::new(text);
        assert_eq!(lines.line_col(text, 0), (1, 1));
        assert_eq!(lines.line_col(text, 3), (2, 2));
        assert_eq!(lines.line_col(text, 5), (3, 1));
        assert_eq!(lines.line(2), 2);
        assert_eq!(LineIndex::new("é\né").line_col("é\né", 5), (2, 2));
    }
}
