//! Data files under `content/data/`: structured facts kept once (contacts, country lists,
//! notice periods) that pages show through shortcodes and the wizard reads.

use crate::yaml;
use signpost_base::diagnostic::Diagnostic;
use std::path::{Path, PathBuf};

/// All data files as one map: `data/bank-holidays.yaml` is `data.bank_holidays` in templates.
pub fn load(
    content_dir: &Path,
    files: &[PathBuf],
    problems: &mut Vec<Diagnostic>,
) -> serde_json::Map<String, serde_json::Value> {
    let mut data = serde_json::Map::new();
    for relative in files {
        let path = content_dir.join(relative);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(err) => {
                problems.push(Diagnostic::error(
                    &path,
                    0,
                    format!("cannot read this file: {err}"),
                ));
                continue;
            }
        };
        match yaml::parse(&path, &text, 1) {
            Ok(value) => {
                let name = relative.with_extension("");
                let name = name
                    .strip_prefix(signpost_base::names::DATA_DIR)
                    .unwrap_or(&name);
                let key = name.to_string_lossy().replace(['-', '/', '\\'], "_");
                data.insert(key, yaml::to_json(&value));
            }
            Err(problem) => problems.push(problem),
        }
    }
    data
}
