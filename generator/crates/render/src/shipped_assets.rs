//! The theme's style sheets and scripts as readers get them: without the comments and
//! spacing that explain them to whoever edits the theme. Those would cost every reader
//! about 6 KB (gzip) on each page load for nothing (measured on the overseas page, whose
//! budget is 150 KB for everything it loads).

/// A theme file's text as shipped: style sheets without comments, scripts minified (by the
/// `minifier` crate, as rustdoc ships its own scripts); anything else as it is (`None`).
pub fn shipped(name: &str, text: &str) -> Option<String> {
    if name.ends_with(".css") {
        Some(without_comments(text))
    } else if name.ends_with(".js") {
        Some(minifier::js::minify(text).to_string())
    } else {
        None
    }
}

/// The style sheet without `/* … */` comments and the blank lines they leave. Quoted
/// strings are kept as written, even when they hold `/*`; an unclosed comment runs to the
/// end, as CSS reads it.
pub fn without_comments(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut chars = css.chars().peekable();
    let mut quote: Option<char> = None;
    while let Some(c) = chars.next() {
        match quote {
            Some(q) => {
                out.push(c);
                if c == '\\' {
                    out.extend(chars.next());
                } else if c == q {
                    quote = None;
                }
            }
            None if c == '/' && chars.peek() == Some(&'*') => {
                chars.next();
                let mut last = ' ';
                for c in chars.by_ref() {
                    if last == '*' && c == '/' {
                        break;
                    }
                    last = c;
                }
            }
            None => {
                if c == '"' || c == '\'' {
                    quote = Some(c);
                }
                out.push(c);
            }
        }
    }
    let mut lines: Vec<&str> = out
        .lines()
        .map(str::trim_end)
        .filter(|l| !l.trim().is_empty())
        .collect();
    lines.push("");
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removes_comments_and_the_blank_lines_they_leave() {
        let css =
            "/* Print */\n\n@media print {\n  /* why */\n  a { color: red; } /* after */\n}\n";
        assert_eq!(
            without_comments(css),
            "@media print {\n  a { color: red; }\n}\n"
        );
    }

    #[test]
    fn keeps_strings_that_look_like_comments() {
        let css = "a::after { content: \"/* not a comment */\"; }\nb { content: '\\'/*'; }\n";
        assert_eq!(without_comments(css), css);
    }

    #[test]
    fn an_unclosed_comment_runs_to_the_end() {
        assert_eq!(without_comments("a { b: c; }\n/* open"), "a { b: c; }\n");
        assert_eq!(without_comments("/**/a{}"), "a{}\n");
    }

    #[test]
    fn scripts_lose_comments_and_keep_strings_and_patterns() {
        let js = "// why\nvar a = \"// not a comment\"; /* why */\nvar b = /[/]+/g;\n";
        let out = shipped("assets/x.js", js).unwrap();
        assert!(!out.contains("why"), "{out}");
        assert!(out.contains("\"// not a comment\""), "{out}");
        assert!(out.contains("/[/]+/g"), "{out}");
    }

    #[test]
    fn other_files_are_shipped_as_they_are() {
        assert_eq!(shipped("favicon.svg", "<svg/>"), None);
    }
}
