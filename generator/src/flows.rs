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

/// Links from the site root (`/gs/form.docx`) work only with the site's `link_origin`:
/// without it, each is an error at its place in the file.
pub fn rooted_link_problems(
    flow: &signpost_wizard::Flow,
    file: &Path,
    link_origin: Option<&str>,
) -> Vec<Diagnostic> {
    if link_origin.is_some() {
        return Vec::new();
    }
    let mut urls = flow.rooted_links();
    urls.sort_unstable();
    urls.dedup();
    // The flow loaded, so its links are in the file as written.
    let text = std::fs::read_to_string(file).unwrap_or_default();
    let mut places: Vec<(usize, usize, String)> = Vec::new();
    for url in urls {
        let written = format!("]({url}");
        let before = places.len();
        for (index, line) in text.lines().enumerate() {
            for (at, _) in line.match_indices(&written) {
                places.push((index + 1, line[..at + 2].chars().count() + 1, url.clone()));
            }
        }
        if places.len() == before {
            places.push((0, 0, url)); // written some other way: name the file
        }
    }
    places.sort_unstable();
    places
        .into_iter()
        .map(|(line, column, url)| {
            Diagnostic::error(
                file,
                line,
                format!("`{url}` starts with `/`, which does not work from a copy on disk"),
            )
            .at_column(column)
            .with_help(
                "write the whole web address (https://…), or set `link_origin: https://your.intranet` in site.yaml so such links point there",
            )
        })
        .collect()
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
