//! Small helpers for reading editors' YAML (site settings, front matter, data files) with
//! errors that point at the right line of the original file.

use serde_yaml::{Mapping, Value};
use signpost_base::diagnostic::{Diagnostic, did_you_mean};
use std::path::Path;

/// Parses YAML text that starts at line `first_line` of `file` (1 for a whole file).
pub fn parse(file: &Path, text: &str, first_line: usize) -> Result<Value, Diagnostic> {
    if let Some((line, column)) = signpost_wizard::too_deep(text) {
        return Err(Diagnostic::error(
            file,
            line + first_line - 1,
            signpost_wizard::too_deep_message(),
        )
        .at_column(column)
        .with_help("write the lists and mappings less deeply nested"));
    }
    serde_yaml::from_str(text).map_err(|err| {
        let error = signpost_wizard::yaml_error(text, &err);
        let (line, column) = error
            .at
            .map_or((first_line, 0), |(line, column)| (line + first_line - 1, column));
        let message = error.message;
        if let Some((key, first)) = error.repeated {
            return Diagnostic::error(
                file,
                line,
                format!(
                    "`{key}` is written twice (first on line {})",
                    first + first_line - 1
                ),
            )
            .at_column(column)
            .with_help("keep one of them");
        }
        if let Some(mistake) = error.mistake {
            return Diagnostic::error(file, line, mistake.message())
                .at_column(column)
                .with_help(mistake.help());
        }
        Diagnostic::error(file, line, format!("this is not valid YAML: {message}"))
            .at_column(column)
            .with_help("check the indentation, and put quotes around text that contains `: ` or starts with a special character")
    })
}

/// The line and column (1-based) where the value of top-level `key` starts, found by
/// reading the text, since parsed YAML values do not keep their positions.
pub fn key_position(text: &str, key: &str, first_line: usize) -> (usize, usize) {
    for (index, line) in text.lines().enumerate() {
        let unquoted = line.strip_prefix(key);
        let quoted = line
            .strip_prefix('"')
            .and_then(|rest| rest.strip_prefix(key))
            .and_then(|rest| rest.strip_prefix('"'));
        if let Some(rest) = unquoted.or(quoted) {
            if let Some(after_colon) = rest.trim_start_matches(' ').strip_prefix(':') {
                let value_column = line.len() - after_colon.trim_start().len() + 1;
                return (index + first_line, value_column);
            }
        }
    }
    (first_line, 0)
}

/// A mapping at the top, or an error saying that the file must be `key: value` lines, like
/// `example`.
pub fn top_mapping(
    file: &Path,
    value: Value,
    first_line: usize,
    example: &str,
) -> Result<Mapping, Diagnostic> {
    match value {
        Value::Mapping(mapping) => Ok(mapping),
        Value::Null => Ok(Mapping::new()),
        _ => Err(
            Diagnostic::error(file, first_line, "expected `key: value` lines here").with_help(
                format!(
                    "write one setting per line, for example `{example}`, with no `- ` in front"
                ),
            ),
        ),
    }
}

/// A warning for each key that is not in `known`, with a suggestion for near misses.
pub fn unknown_keys(
    file: &Path,
    text: &str,
    first_line: usize,
    mapping: &Mapping,
    known: &[&str],
) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    for key in mapping.keys() {
        let name = key_text(key);
        if known.contains(&name.as_str()) {
            continue;
        }
        let (line, _) = key_position(text, &name, first_line);
        let mut warning =
            Diagnostic::warning(file, line, format!("unknown key `{name}` is ignored"))
                .at_column(1);
        warning = match did_you_mean(&name, known.iter().copied()) {
            Some(suggestion) => warning.with_help(format!("did you mean `{suggestion}`?")),
            None => warning.with_help(format!("known keys are: {}", known.join(", "))),
        };
        warnings.push(warning);
    }
    warnings
}

/// A mapping key as text (YAML allows numbers and booleans as keys too).
pub fn key_text(key: &Value) -> String {
    match key {
        Value::String(s) => s.clone(),
        other => serde_yaml::to_string(other)
            .unwrap_or_default()
            .trim()
            .to_string(),
    }
}

/// Plain text of a scalar value: strings as they are, numbers and booleans as written.
pub fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// Converts YAML into JSON-like data for templates (keys become text).
pub fn to_json(value: &Value) -> serde_json::Value {
    match value {
        Value::Null => serde_json::Value::Null,
        Value::Bool(b) => serde_json::Value::Bool(*b),
        Value::Number(n) => serde_json::to_value(n).unwrap_or(serde_json::Value::Null),
        Value::String(s) => serde_json::Value::String(s.clone()),
        Value::Sequence(items) => serde_json::Value::Array(items.iter().map(to_json).collect()),
        Value::Mapping(mapping) => serde_json::Value::Object(
            mapping
                .iter()
                .map(|(key, value)| (key_text(key), to_json(value)))
                .collect(),
        ),
        Value::Tagged(tagged) => to_json(&tagged.value),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_keys_and_their_values() {
        let text = "title: A\nTarget audience: everyone\n\"quoted\": 1\n";
        assert_eq!(key_position(text, "title", 2), (2, 8));
        assert_eq!(key_position(text, "Target audience", 2), (3, 18));
        assert_eq!(key_position(text, "quoted", 2), (4, 11));
    }

    #[test]
    fn yaml_errors_point_into_the_file() {
        // Where the mistake is (the list that is never closed), not where YAML gave up.
        let err = parse(Path::new("a.md"), "title: A\nowner: [unclosed\nx: 1\n", 2).unwrap_err();
        assert_eq!((err.line, err.column), (3, 8), "{err}");
        assert!(err.message.contains("never closed with `]`"), "{err}");
        let err = parse(Path::new("a.md"), "title: A\nowner: a: b\n", 2).unwrap_err();
        assert_eq!(err.line, 3, "{err}");
        assert!(err.message.starts_with("this is not valid YAML"), "{err}");
    }
}
