//! Which lines of a page's Markdown are inside a fenced code block (```` ``` ```` or `~~~`),
//! for the line-by-line readers of other engines' syntax: code is shown as written, never read.

/// What a line is, seen by [`CodeFences::line`].
#[derive(Debug, PartialEq, Eq)]
pub enum FenceLine {
    /// Outside any fence: Markdown to read.
    Text,
    /// The line that opens a fence.
    Opens,
    /// Inside a fence, or the line that closes it.
    InCode,
}

/// Follows fences from line to line; give it each line, trimmed at least at its start.
#[derive(Default)]
pub struct CodeFences {
    /// The fence that is open (its run of backticks or tildes), if one is.
    open: Option<String>,
}

impl CodeFences {
    pub fn line(&mut self, trimmed: &str) -> FenceLine {
        if let Some(open) = &self.open {
            if trimmed.starts_with(open.as_str()) {
                self.open = None;
            }
            return FenceLine::InCode;
        }
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            let c = trimmed.as_bytes()[0] as char;
            self.open = Some(trimmed.chars().take_while(|x| *x == c).collect());
            return FenceLine::Opens;
        }
        FenceLine::Text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fence_closes_only_with_as_long_a_run_of_its_own_mark() {
        let mut fences = CodeFences::default();
        let seen: Vec<FenceLine> = ["a", "````md", "```", "~~~", "````", "b"]
            .into_iter()
            .map(|l| fences.line(l))
            .collect();
        use FenceLine::*;
        assert_eq!(seen, [Text, Opens, InCode, InCode, InCode, Text]);
    }
}
