//! Rendering the site model into HTML with the theme, in parallel, straight into the
//! staging folder (so memory stays flat however large the site).

use crate::copies::PageCopies;
use crate::dates::PageDate;
use crate::diagnostics::Diagnostic;
use crate::front_matter::Feedback;
use crate::links;
use crate::nav::{self, Crumb, NavItem};
use crate::output::write_file;
use crate::page::{Page, PageKind};
use crate::review::{self, ReviewStatus};
use crate::site::Site;
use crate::templates::{THEME, all_files};
use chrono::NaiveDate;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// Theme files are copied under this folder of the output.
pub const ASSETS_DIR: &str = "assets";

/// Copies the theme's and the content's files into `out`, then renders every page (and,
/// unless `copies` is `None`, its single-page copy, which inlines those files).
pub fn render_pages(
    site: &Site,
    today: NaiveDate,
    out: &Path,
    copies: Option<&PageCopies>,
) -> Result<(), Vec<Diagnostic>> {
    copy_files(site, out)?;
    let started = std::time::Instant::now();
    let renderer = PageRenderer::new(site, today);
    // Folders first, once each, so the parallel writes below need no directory checks.
    let folders: HashSet<&Path> = site
        .pages
        .iter()
        .filter_map(|p| p.output.parent())
        .collect();
    for folder in folders {
        stop_if_stopping(out)?;
        std::fs::create_dir_all(out.join(folder)).map_err(|e| {
            vec![Diagnostic::error(
                out.join(folder),
                0,
                format!("cannot create the folder: {e}"),
            )]
        })?;
    }
    let problems: Vec<Diagnostic> = (0..site.pages.len())
        .into_par_iter()
        .filter_map(|i| {
            let path = out.join(&site.pages[i].output);
            renderer
                .render(i)
                .and_then(|html| match copies {
                    Some(copies) => copies.write(site, &site.pages[i], html, out),
                    None => Ok(html),
                })
                .and_then(|html| {
                    std::fs::write(&path, html)
                        .map_err(|e| Diagnostic::error(&path, 0, format!("cannot write: {e}")))
                })
                .err()
        })
        .collect();
    if !problems.is_empty() {
        return Err(problems);
    }
    timed("pages", started);
    Ok(())
}

/// Renders every page and keeps nothing: what `check` needs to find the problems only
/// rendering finds (a template that fails on one page), without writing a site.
pub fn try_pages(site: &Site, today: NaiveDate) -> Result<(), Vec<Diagnostic>> {
    let renderer = PageRenderer::new(site, today);
    let problems: Vec<Diagnostic> = (0..site.pages.len())
        .into_par_iter()
        .filter_map(|i| renderer.render(i).err())
        .collect();
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

/// What rendering any page needs, worked out once per build.
struct PageRenderer<'a> {
    site: &'a Site,
    today: NaiveDate,
    navs: HashMap<&'a Path, Vec<NavItem>>,
    site_copy_valid_until: NaiveDate,
}

impl<'a> PageRenderer<'a> {
    fn new(site: &'a Site, today: NaiveDate) -> Self {
        Self {
            site,
            today,
            navs: navigation_by_folder(site),
            site_copy_valid_until: crate::copies::site_valid_until(site, today),
        }
    }

    /// The page `index` of the site, as HTML.
    fn render(&self, index: usize) -> Result<String, Diagnostic> {
        render_page(
            self.site,
            index,
            self.today,
            &self.navs,
            self.site_copy_valid_until,
        )
    }
}

/// The whole site: the pages and their single-page copies, the review reports and the
/// search index (made from the model, so alongside the pages: each keeps a core busy when
/// the other cannot), then the site zip, which holds all of them.
pub fn render_site(site: &Site, today: NaiveDate, out: &Path) -> Result<(), Vec<Diagnostic>> {
    let copies = PageCopies::new(site, today)?;
    let (pages, (reports, search)) = rayon::join(
        || render_pages(site, today, out, copies.as_ref()),
        || {
            rayon::join(
                || {
                    stage("review reports", || {
                        crate::reports::write(site, today, out)?;
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
    crate::redirects::write(site, out)?;
    stage("site zip", || {
        crate::copies::write_site_zip(site, today, out)
    })
}

/// Runs a stage of the build, timed (see [`timed`]).
fn stage<T>(name: &str, run: impl FnOnce() -> T) -> T {
    let started = std::time::Instant::now();
    let result = run();
    timed(name, started);
    result
}

/// With `SIGNPOST_TIMINGS` set, says how long a stage took and the memory then in use (for
/// benchmarking).
pub fn timed(stage: &str, started: std::time::Instant) {
    if std::env::var_os("SIGNPOST_TIMINGS").is_some() {
        // With the memory in use at the end of the stage, where the system says (Linux).
        let memory = std::fs::read_to_string("/proc/self/status")
            .ok()
            .and_then(|status| {
                let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
                let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
                Some(format!(", {} MB in use", kb / 1024))
            })
            .unwrap_or_default();
        eprintln!(
            "timing: {stage}: {:.3} s{memory}",
            started.elapsed().as_secs_f64()
        );
    }
}

/// Pages in one folder share their navigation (links are relative to the same place), so
/// it is built once per folder; a large site would otherwise spend most of its time on it.
fn navigation_by_folder(site: &Site) -> HashMap<&Path, Vec<NavItem>> {
    let folders: HashSet<&Path> = site
        .pages
        .iter()
        .map(|p| p.output.parent().unwrap_or(Path::new("")))
        .collect();
    folders
        .into_par_iter()
        .map(|folder| {
            // Links from the folder itself, not by way of the root: shorter, and every page
            // carries a whole navigation's worth of them.
            let href = |target: &Page| links::relative_url(folder, &target.output);
            (folder, site.tree.nav_for_folder(&site.pages, folder, &href))
        })
        .collect()
}

fn copy_files(site: &Site, out: &Path) -> Result<(), Vec<Diagnostic>> {
    let mut problems = Vec::new();
    let theme_static = THEME.get_dir("static").expect("the theme has static files");
    for file in all_files(theme_static) {
        let relative = file.path().strip_prefix("static").expect("under static");
        let stripped = file
            .contents_utf8()
            .and_then(|text| crate::shipped_assets::shipped(&relative.to_string_lossy(), text));
        let contents = stripped.as_deref().map_or(file.contents(), str::as_bytes);
        if let Err(problem) = write_file(&out.join(ASSETS_DIR).join(relative), contents) {
            problems.push(problem);
        }
    }
    for asset in &site.assets {
        stop_if_stopping(out)?;
        let target = out.join(asset);
        let result = target
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::copy(site.content_dir.join(asset), &target).map(|_| ()));
        if let Err(err) = result {
            problems.push(Diagnostic::error(
                site.content_dir.join(asset),
                0,
                format!("cannot copy this file: {err}"),
            ));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

/// Everything a page template sees about its page.
#[derive(Serialize)]
struct PageView<'a> {
    title: &'a str,
    summary: Option<&'a str>,
    kind: PageKind,
    source: String,
    body: &'a str,
    contents: &'a [crate::markdown::Heading],
    owner: Option<&'a str>,
    owner_slack: Option<&'a str>,
    reviewed_by: Option<&'a str>,
    audience: &'a [String],
    last_reviewed: Option<DateView>,
    review_by: Option<DateView>,
    review_status: ReviewStatus,
    superseded_by: Option<LinkView>,
    feedback: Option<FeedbackView>,
    has_wizard: bool,
    wizards: &'a [crate::markdown::Heading],
}

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

#[derive(Serialize)]
struct LinkView {
    title: String,
    href: String,
    summary: Option<String>,
    superseded: bool,
    children: Vec<LinkView>,
}

#[derive(Serialize)]
struct FeedbackView {
    /// The feedback mailbox and a mailto with the page's title, if there is one.
    address: Option<String>,
    mailto: Option<String>,
    /// "Was this page useful? Yes / No": the feedback form with the page filled in, if
    /// site.yaml names one.
    useful: Option<UsefulLinks>,
    /// The four "very unhelpful … very helpful" links the old pages had, when site.yaml
    /// turns them on (`feedback_ratings: true`).
    ratings: Vec<Rating>,
}

#[derive(Serialize)]
struct UsefulLinks {
    yes: String,
    no: String,
}

#[derive(Serialize)]
struct Rating {
    label: &'static str,
    mailto: String,
}

fn render_page(
    site: &Site,
    index: usize,
    today: NaiveDate,
    navs: &HashMap<&Path, Vec<NavItem>>,
    site_copy_valid_until: NaiveDate,
) -> Result<String, Diagnostic> {
    let page = &site.pages[index];
    let root = links::root_prefix(&page.output);
    let href = |target: &Page| format!("{root}{}", target.url);
    let link_view = |i: usize, depth: usize| -> LinkView { link_view(site, i, depth, &href) };

    let superseded_by = page.front.superseded_by.as_ref().and_then(|(target, _)| {
        match links::classify(target, &page.source) {
            links::LinkTarget::Internal { path, .. } => site
                .layout
                .page_for(&path)
                .and_then(|s| site.by_source.get(s.as_os_str()).copied()),
            _ => None,
        }
    });
    let children_folder = page.source.parent().unwrap_or(Path::new(""));
    let depth = if page.kind == PageKind::Home { 1 } else { 0 };
    let (replaced, children): (Vec<LinkView>, Vec<LinkView>) = match page.kind {
        PageKind::Guidance => Default::default(),
        _ => site
            .tree
            .children(children_folder)
            .iter()
            .map(|&i| link_view(i, depth))
            .partition(|c| c.superseded),
    };

    let view = PageView {
        title: &page.title,
        summary: page.front.summary.as_deref(),
        kind: page.kind,
        source: page.source.to_string_lossy().into_owned(),
        body: &page.body_html,
        contents: &page.contents,
        owner: page.front.owner.as_deref(),
        owner_slack: page.front.owner_slack.as_deref(),
        reviewed_by: page.front.reviewed_by.as_deref(),
        audience: &page.front.audience,
        last_reviewed: page.front.last_reviewed.map(DateView::from),
        review_by: page.review_by.map(|d| DateView::from(PageDate::Day(d))),
        review_status: review::status(page.review_by, today, site.config.review_due_soon_days),
        superseded_by: superseded_by.map(|i| link_view(i, 0)),
        feedback: feedback(site, page),
        has_wizard: !page.flows.is_empty(),
        wizards: &page.wizards,
    };

    let mut context = tera::Context::new();
    context.insert("page", &view);
    context.insert("root", &root);
    context.insert("assets", &format!("{root}{ASSETS_DIR}/"));
    context.insert("home", &format!("{root}index.html"));
    let folder = page.output.parent().unwrap_or(Path::new(""));
    let nav = navs.get(folder).map_or(&[][..], Vec::as_slice);
    context.insert(
        "nav_html",
        &nav::nav_html(nav, &links::relative_url(folder, &page.output)),
    );
    context.insert("current", &href(page));
    context.insert(
        "breadcrumbs",
        &site.tree.breadcrumbs(&site.pages, index, &href),
    );
    context.insert("children", &children);
    context.insert("replaced", &replaced);
    context.insert("built", &DateView::from(today));
    // Download links to the site zip and this page's offline copy (see copies.rs).
    context.insert(
        "copies",
        &crate::copies::links(site, page, today, site_copy_valid_until),
    );
    let template = match page.kind {
        PageKind::Home => "home.html",
        PageKind::Section => "section.html",
        PageKind::Guidance => "page.html",
    };
    site.templates.render(template, &context, &page.file)
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
        &nav::nav_html(
            &site.tree.nav_for_folder(&site.pages, Path::new(""), &href),
            file,
        ),
    );
    context.insert("breadcrumbs", &breadcrumbs);
    context.insert("built", &DateView::from(today));
    context
}

/// A page in a list: its title and link, and (for the home page) its own children.
fn link_view(site: &Site, index: usize, depth: usize, href: &dyn Fn(&Page) -> String) -> LinkView {
    let page = &site.pages[index];
    let children = if depth > 0 && page.kind == PageKind::Section {
        let folder = page.source.parent().unwrap_or(Path::new(""));
        // Replaced pages are listed on their own section page, not in overviews.
        let current = site
            .tree
            .children(folder)
            .iter()
            .filter(|&&i| site.pages[i].front.superseded_by.is_none());
        current
            .map(|&i| link_view(site, i, depth - 1, href))
            .collect()
    } else {
        Vec::new()
    };
    LinkView {
        title: page.title.clone(),
        href: href(page),
        summary: page.front.summary.clone(),
        superseded: page.front.superseded_by.is_some(),
        children,
    }
}

fn feedback(site: &Site, page: &Page) -> Option<FeedbackView> {
    let address = match &page.front.feedback {
        Feedback::Off => return None,
        Feedback::Address(address) => Some(address.clone()),
        Feedback::Site => site.config.feedback.clone(),
    };
    let useful = site.config.feedback_form.as_deref().map(|form| {
        // The page's address as readers know it: absolute when site.yaml gives `site_url`.
        let page_address = match &site.config.site_url {
            Some(site_url) => format!("{site_url}/{}", page.url),
            None => page.url.clone(),
        };
        UsefulLinks {
            yes: crate::feedback_form::link(form, &page.title, &page_address, true),
            no: crate::feedback_form::link(form, &page.title, &page_address, false),
        }
    });
    if address.is_none() && useful.is_none() {
        return None;
    }
    let mailto = |address: &str, subject: &str| {
        let subject =
            percent_encoding::utf8_percent_encode(subject, percent_encoding::NON_ALPHANUMERIC);
        format!("mailto:{address}?subject={subject}")
    };
    // Ratings go to `local+<page>-2@domain` etc., as the old pages did, so a mailbox rule can
    // count them per page.
    let ratings = match address.as_deref().and_then(|a| a.split_once('@')) {
        Some((local, domain)) if site.config.feedback_ratings => {
            let slug = page
                .output
                .with_extension("")
                .to_string_lossy()
                .replace(['/', '\\'], "-");
            [
                ("Very unhelpful", "-2"),
                ("Unhelpful", "-1"),
                ("Helpful", "+1"),
                ("Very helpful", "+2"),
            ]
            .into_iter()
            .map(|(label, score)| Rating {
                label,
                mailto: mailto(
                    &format!("{local}+{slug}{score}@{domain}"),
                    &format!("{}: {}", page.title, label.to_lowercase()),
                ),
            })
            .collect()
        }
        _ => Vec::new(),
    };
    Some(FeedbackView {
        mailto: address
            .as_deref()
            .map(|a| mailto(a, &format!("Feedback: {}", page.title))),
        address,
        useful,
        ratings,
    })
}

/// Once a signal has stopped the build, no folder is made: it would bring back the staging
/// folder being removed.
fn stop_if_stopping(out: &Path) -> Result<(), Vec<Diagnostic>> {
    if crate::staging::stopping() {
        return Err(vec![Diagnostic::error(out, 0, "the build was stopped")]);
    }
    Ok(())
}
