//! What every template sees: dates as templates show them, and the context of a page the
//! generator makes at the site root (the reviews page, the search page, the flows page).

use chrono::NaiveDate;
use serde::Serialize;
use signpost_base::dates::PageDate;
use signpost_base::names::ASSETS_DIR;
use signpost_model::nav::Crumb;
use signpost_model::page::{Page, PageKind};
use signpost_model::site::Site;
use std::path::Path;

/// A date as templates show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DateView {
    /// For people: `1 May 2025`, or `May 2018`.
    pub text: String,
    /// For machines (`<time datetime>`, the browser's recheck).
    pub iso: String,
}

impl From<NaiveDate> for DateView {
    fn from(date: NaiveDate) -> Self {
        PageDate::Day(date).into()
    }
}

impl From<PageDate> for DateView {
    fn from(date: PageDate) -> Self {
        Self {
            text: date.to_string(),
            iso: date.iso(),
        }
    }
}

/// The context `base.html` needs for a page the generator makes at the site root (the
/// reviews page, the search page): no source file, the top-level navigation.
pub fn root_page_context(
    site: &Site,
    title: &str,
    summary: Option<&str>,
    kind: &str,
    file: &str,
    today: NaiveDate,
) -> tera::Context {
    let href = |page: &Page| page.url.clone();
    let home = site.pages.iter().find(|p| p.kind == PageKind::Home);
    let breadcrumbs: Vec<Crumb> = home
        .map(|h| Crumb {
            title: h.title.clone(),
            href: href(h),
        })
        .into_iter()
        .collect();
    let mut context = tera::Context::new();
    context.insert("page", &serde_json::json!({ "title": title, "summary": summary, "kind": kind, "has_wizard": false }));
    context.insert("root", "");
    context.insert("assets", &format!("{ASSETS_DIR}/"));
    context.insert("home", "index.html");
    context.insert("current", file);
    context.insert(
        "nav_html",
        &crate::nav_html::nav_html(
            &site.tree.nav_for_folder(&site.pages, Path::new(""), &href),
            file,
        ),
    );
    context.insert("breadcrumbs", &breadcrumbs);
    context.insert("built", &DateView::from(today));
    context
}
