//! `flows.html` at the output root, for editors and the security team: every decision flow
//! as a diagram (see `flow_diagram`) beside its decision table as an HTML table, the
//! accessible equivalent of the picture, with the pages that show it. Linked from the
//! reviews page and from every page with a wizard.

use chrono::NaiveDate;
use serde::Serialize;
use signpost_base::diagnostic::Diagnostic;
use signpost_base::names::FLOWS_PAGE;
use signpost_base::write::write_file;
use signpost_model::site::Site;
use std::path::Path;

#[derive(Serialize)]
struct FlowView {
    id: String,
    title: String,
    /// The flow's file and its committed decision table, from the content folder.
    source: String,
    table_file: String,
    /// The pages that show its wizard.
    pages: Vec<PageLink>,
    /// The diagram as an SVG element (made here, every text in it escaped); none for a flow
    /// with too many routes to draw.
    diagram: Option<String>,
    table: Table,
    summary: signpost_model::flows::summary::FlowSummary,
}

#[derive(Serialize)]
struct PageLink {
    title: String,
    href: String,
}

#[derive(Serialize)]
struct Table {
    questions: Vec<String>,
    facts: Vec<String>,
    rows: Vec<Row>,
    /// Why there are no rows: the flow has more paths than a table could show.
    too_many: Option<String>,
}

#[derive(Serialize)]
struct Row {
    number: usize,
    answers: Vec<String>,
    outcome: String,
    facts: Vec<String>,
}

pub fn write(site: &Site, today: NaiveDate, out: &Path) -> Result<(), Vec<Diagnostic>> {
    let page = render(site, today).map_err(|e| vec![e])?;
    write_file(&out.join(FLOWS_PAGE), page.as_bytes()).map_err(|e| vec![e])
}

/// Renders the page and keeps nothing (for `check`: its template's problems).
pub fn try_render(site: &Site, today: NaiveDate) -> Result<(), Vec<Diagnostic>> {
    render(site, today).map(|_| ()).map_err(|e| vec![e])
}

fn render(site: &Site, today: NaiveDate) -> Result<String, Diagnostic> {
    let flows: Vec<FlowView> = site
        .flows
        .values()
        .map(|loaded| view(site, &loaded.flow, &loaded.file))
        .collect();
    let mut context = crate::context::root_page_context(
        site,
        "Decision flows",
        Some("Each decision flow as a diagram and as a table, for editors and reviewers."),
        "flows",
        FLOWS_PAGE,
        today,
    );
    context.insert("flows", &flows);
    context.insert("reviews", signpost_base::names::REVIEWS_PAGE);
    let file = site
        .content_dir
        .join(signpost_base::names::TEMPLATES_DIR)
        .join(FLOWS_PAGE);
    site.templates.render(FLOWS_PAGE, &context, &file)
}

fn view(site: &Site, flow: &signpost_wizard::Flow, file: &Path) -> FlowView {
    let source = file
        .strip_prefix(&site.content_dir)
        .unwrap_or(file)
        .to_string_lossy()
        .replace('\\', "/");
    let pages = site
        .pages
        .iter()
        .filter(|p| p.flows.iter().any(|f| f == &flow.id))
        .map(|p| PageLink {
            title: p.title.clone(),
            href: p.url.clone(),
        })
        .collect();
    FlowView {
        id: flow.id.clone(),
        title: flow.title.clone(),
        table_file: source.replace(".yaml", ".table.md"),
        source,
        pages,
        diagram: crate::flow_diagram::svg(flow, &format!("flow-diagram-{}", flow.id)),
        table: table(flow),
        summary: signpost_model::flows::summary::summary(flow),
    }
}

/// Every distinct path, as `signpost flow table` lists them: the answers (as grouped by
/// the engine), the outcome as readers see its title, and the facts.
fn table(flow: &signpost_wizard::Flow) -> Table {
    let facts: Vec<String> = flow.facts.iter().map(|f| f.id.clone()).collect();
    // A flow past the engine's row limit gets the limit's words instead of a table: the
    // diagram and the routes above still show it whole.
    let (paths, too_many) = match signpost_wizard::enumerate_paths(flow) {
        Ok(paths) => (paths, None),
        Err(err) => (Vec::new(), Some(err.to_string())),
    };
    let rows = paths
        .into_iter()
        .enumerate()
        .map(|(n, path)| Row {
            number: n + 1,
            answers: flow
                .questions
                .iter()
                .map(|q| {
                    path.answers
                        .iter()
                        .find(|(id, _)| id == &q.id)
                        .map_or_else(|| "not asked".to_string(), |(_, a)| a.clone())
                })
                .collect(),
            outcome: flow
                .outcome(&path.outcome)
                .map_or_else(|| path.outcome.clone(), |o| o.title.clone()),
            facts: facts
                .iter()
                .map(|f| path.facts.get(f).cloned().unwrap_or_else(|| "—".into()))
                .collect(),
        })
        .collect();
    Table {
        questions: flow
            .questions
            .iter()
            .enumerate()
            .map(|(i, q)| format!("{}. {}", i + 1, q.text))
            .collect(),
        facts,
        rows,
        too_many,
    }
}
