//! Rendering the site model into a site: every page through the theme (`pages.rs`), the
//! offline copies and the site zip (`copies/`), the review reports (`reviews/`), the flows
//! page, and search (`search/`). `render_site` is the whole of it, in the order a build
//! writes it.

pub mod context;
pub mod copies;
pub mod flow_diagram;
pub mod flows_page;
pub mod nav_html;
pub mod pages;
pub mod reviews;
pub mod search;
pub mod shipped_assets;

use crate::copies::PageCopies;
use chrono::NaiveDate;
use signpost_base::diagnostic::Diagnostic;
use signpost_base::timing::stage;
use signpost_model::site::Site;
use std::path::Path;

/// The whole site: the pages and their single-page copies, the review reports and the
/// search index (made from the model, so alongside the pages: each keeps a core busy when
/// the other cannot), then the site zip, which holds all of them.
pub fn render_site(site: &Site, today: NaiveDate, out: &Path) -> Result<(), Vec<Diagnostic>> {
    let copies = PageCopies::new(site, today)?;
    let (pages, (reports, search)) = rayon::join(
        || pages::render_pages(site, today, out, copies.as_ref()),
        || {
            rayon::join(
                || {
                    stage("review reports", || {
                        crate::reviews::write(site, today, out)?;
                        crate::flows_page::write(site, today, out)
                    })
                },
                || stage("search index", || crate::search::write(site, today, out)),
            )
        },
    );
    pages?;
    reports?;
    search?;
    signpost_model::redirects::write(site, out)?;
    stage("site zip", || {
        crate::copies::write_site_zip(site, today, out)
    })
}

/// Renders every page and generated page, keeping nothing, for the problems only rendering
/// finds (a template that fails on one page): what `check` runs instead of a build. The
/// search index and the offline copies are made from pages already rendered, with no
/// templates of their own, so they are left out: on a large site they are most of a build's
/// time.
pub fn dry_run(site: &Site, today: NaiveDate) -> Vec<Diagnostic> {
    pages::try_pages(site, today)
        .and_then(|()| crate::reviews::try_render(site, today))
        .and_then(|()| crate::flows_page::try_render(site, today))
        .and_then(|()| {
            crate::search::search_page(site, today)
                .map(|_| ())
                .map_err(|e| vec![e])
        })
        .err()
        .unwrap_or_default()
}
