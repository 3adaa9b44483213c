//! Decision flows under `content/flows/`, loaded and validated by the wizard engine. Each
//! flow is embedded as JSON in the pages that show its wizard.

pub mod summary;
pub mod words;

use signpost_base::diagnostic::Diagnostic;
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
    let data_dir = content_dir.join(signpost_base::names::DATA_DIR);
    let mut flows = BTreeMap::new();
    for relative in files {
        let file = content_dir.join(relative);
        match signpost_wizard::load_site_flow(&file, &data_dir, link_origin) {
            Ok(flow) => {
                flows.insert(flow.id.clone(), LoadedFlow { flow, file });
            }
            Err(errors) => problems.extend(errors.into_iter().map(from_flow_error)),
        }
    }
    flows
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
