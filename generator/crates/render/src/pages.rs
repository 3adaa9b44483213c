//! Every page through the theme, in parallel, straight into the staging folder (so memory
//! stays flat however large the site), with the theme's and the content's files.

use crate::context::DateView;
use crate::copies::PageCopies;
use chrono::NaiveDate;
use rayon::prelude::*;
use serde::Serialize;
use signpost_base::dates::PageDate;
use signpost_base::diagnostic::Diagnostic;
use signpost_base::names::ASSETS_DIR;
use signpost_base::timing::timed;
use signpost_base::write::write_file;
use signpost_model::nav::NavItem;
use signpost_model::page::front_matter::Feedback;
use signpost_model::page::{Page, PageKind};
use signpost_model::review_status::{self, ReviewStatus};
use signpost_model::site::Site;
use signpost_model::theme::{THEME, all_files};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

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

/// One page made again by [`render_only`].
pub struct RenderedPage {
    pub index: usize,
    pub html: String,
    /// Its single-page copy, and where it goes.
    pub copy: Option<(PathBuf, String)>,
}

/// Renders the pages `indices` only, with their copies, writing nothing (`signpost serve`
/// after a one-page edit). `out` must hold the last build: the copies inline its files.
pub fn render_only(
    site: &Site,
    today: NaiveDate,
    out: &Path,
    copies: Option<&PageCopies>,
    indices: &[usize],
) -> Result<Vec<RenderedPage>, Vec<Diagnostic>> {
    // The navigation of the folders these pages are in only: all of them take long.
    let folders = indices
        .iter()
        .map(|&i| site.pages[i].output.parent().unwrap_or(Path::new("")))
        .collect();
    let renderer = PageRenderer {
        site,
        today,
        navs: navigation_of(site, folders),
        site_copy_valid_until: crate::copies::site_valid_until(site, today),
    };
    let (rendered, problems): (Vec<_>, Vec<_>) = indices
        .par_iter()
        .map(|&index| {
            let html = renderer.render(index)?;
            let (html, copy) = match copies {
                Some(copies) => copies.make(site, &site.pages[index], html, out)?,
                None => (html, None),
            };
            Ok(RenderedPage { index, html, copy })
        })
        .partition_map(|made| match made {
            Ok(page) => rayon::iter::Either::Left(page),
            Err(problem) => rayon::iter::Either::Right(problem),
        });
    if problems.is_empty() {
        Ok(rendered)
    } else {
        Err(problems)
    }
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

/// Pages in one folder share their navigation (links are relative to the same place), so
/// it is built once per folder; a large site would otherwise spend most of its time on it.
fn navigation_by_folder(site: &Site) -> HashMap<&Path, Vec<NavItem>> {
    let folders: HashSet<&Path> = site
        .pages
        .iter()
        .map(|p| p.output.parent().unwrap_or(Path::new("")))
        .collect();
    navigation_of(site, folders)
}

/// [`navigation_by_folder`] for `folders` only.
fn navigation_of<'a>(
    site: &'a Site,
    folders: HashSet<&'a Path>,
) -> HashMap<&'a Path, Vec<NavItem>> {
    folders
        .into_par_iter()
        .map(|folder| {
            // Links from the folder itself, not by way of the root: shorter, and every page
            // carries a whole navigation's worth of them.
            let href =
                |target: &Page| signpost_base::url_path::relative_url(folder, &target.output);
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
    contents: &'a [signpost_model::page::markdown::Heading],
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
    wizards: &'a [signpost_model::page::markdown::Heading],
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
    let root = signpost_base::url_path::root_prefix(&page.output);
    let href = |target: &Page| format!("{root}{}", target.url);
    let link_view = |i: usize, depth: usize| -> LinkView { link_view(site, i, depth, &href) };

    let superseded_by = page.front.superseded_by.as_ref().and_then(|(target, _)| {
        match signpost_model::link_target::classify(target, &page.source) {
            signpost_model::link_target::LinkTarget::Internal { path, .. } => site
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
        review_status: review_status::status(
            page.review_by,
            today,
            site.config.review_due_soon_days,
        ),
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
        &crate::nav_html::nav_html(
            nav,
            &signpost_base::url_path::relative_url(folder, &page.output),
        ),
    );
    context.insert("current", &href(page));
    context.insert(
        "breadcrumbs",
        &site.tree.breadcrumbs(&site.pages, index, &href),
    );
    context.insert("children", &children);
    context.insert("replaced", &replaced);
    context.insert("built", &DateView::from(today));
    // Download links to the site zip and this page's offline copy (see copies/mod.rs).
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
            yes: signpost_model::settings::feedback_form::link(
                form,
                &page.title,
                &page_address,
                true,
            ),
            no: signpost_model::settings::feedback_form::link(
                form,
                &page.title,
                &page_address,
                false,
            ),
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
    if signpost_base::write::staging::stopping() {
        return Err(vec![Diagnostic::error(out, 0, "the build was stopped")]);
    }
    Ok(())
}
