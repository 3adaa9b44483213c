//! Decision flows under `content/flows/`, loaded and validated by the wizard engine. Each
//! flow is embedded as JSON in the pages that show its wizard.

use crate::diagnostics::Diagnostic;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub struct LoadedFlow {
    pub flow: signpost_wizard::Flow,
    pub file: PathBuf,
}

/// Loads every flow; problems name the flow or data file and line. Links in outcome steps
/// written from the site root (`/gs/form.docx`) are pointed at `link_origin`, as links in
/// pages are.
pub fn load(
    content_dir: &Path,
    files: &[PathBuf],
    link_origin: Option<&str>,
    problems: &mut Vec<Diagnostic>,
) -> BTreeMap<String, LoadedFlow> {
    let data_dir = content_dir.join(crate::discover::DATA_DIR);
    let mut flows = BTreeMap::new();
    for relative in files {
        let file = content_dir.join(relative);
        match signpost_wizard::load_flow(&file, &data_dir) {
            Ok(mut flow) => {
                problems.extend(rooted_link_problems(&flow, &file, link_origin));
                if let Some(origin) = link_origin {
                    flow.resolve_rooted_links(origin);
                }
                flows.insert(flow.id.clone(), LoadedFlow { flow, file });
            }
            Err(errors) => problems.extend(errors.into_iter().map(from_flow_error)),
        }
    }
    flows
}

/// Links from the site root (`/gs/form.docx`) work only with the site's `link_origin`.
pub fn rooted_link_problems(
    flow: &signpost_wizard::Flow,
    file: &Path,
    link_origin: Option<&str>,
) -> Vec<Diagnostic> {
    match link_origin {
        Some(_) => Vec::new(),
        None => flow
            .rooted_links()
            .into_iter()
            .map(|url| rooted_link_without_origin(file, url))
            .collect(),
    }
}

/// A flow links from the site root, and there is no site to point it at.
fn rooted_link_without_origin(file: &Path, url: &str) -> Diagnostic {
    // The flow loaded, so the link is in the file as written: find its line.
    let written = format!("]({url})");
    let (line, column) = std::fs::read_to_string(file)
        .ok()
        .and_then(|text| {
            text.lines().enumerate().find_map(|(i, line)| {
                let at = line.find(&written)?;
                Some((i + 1, line[..at + 2].chars().count() + 1))
            })
        })
        .unwrap_or((0, 0));
    Diagnostic::error(
        file,
        line,
        format!("`{url}` starts with `/`, which does not work from a copy on disk"),
    )
    .at_column(column)
    .with_help(
        "write the whole web address (https://…), or set `link_origin: https://your.intranet` in site.yaml so such links point there",
    )
}

pub fn from_flow_error(error: signpost_wizard::FlowError) -> Diagnostic {
    let mut problem =
        Diagnostic::error(error.file, error.line, error.message).at_column(error.column);
    problem.help = error.help;
    problem
}

/// A flow's JSON, safe inside `<script type="application/json">`: `<`, `>` and `&` escaped
/// so no text in it can close the script element.
pub fn json_for_page(flow: &signpost_wizard::Flow) -> String {
    flow.to_json()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}
