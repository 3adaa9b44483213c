//! "Take a copy": what a traveller downloads to read with no network. Every build writes
//!
//! - the whole site as a zip (`<site-name>.zip` at the root, linked from the home page):
//!   unzipped anywhere, it opens from disk with search and the wizard working;
//! - each current guidance page as one self-contained HTML file (`<page>.offline.html`
//!   beside the page, linked from it): see [`crate::copies::single_page`].
//!
//! Each copy says when it was made and until when to trust it: `copy_valid_days` (site.yaml)
//! after it was made, or the earliest review-by date of the guidance in it if that is
//! sooner. In the site zip, pages already past their review date when the copy is made do
//! not count (they say so themselves, at their top); a single-page copy of such a page is
//! out of date from the start, and says so. Past its date, a copy says so prominently
//! (`copy-check.js`).
//!
//! Single-page copies are made as each page is rendered; the zip is made last, from the
//! finished site in the staging folder.

pub mod markers;
pub mod single_page;
pub mod site_zip;

use crate::context::DateView;
use chrono::{Days, NaiveDate};
use rayon::prelude::*;
use serde::Serialize;
use signpost_base::diagnostic::Diagnostic;
use signpost_base::names::{file_name_slug, zip_name};
use signpost_base::write::write_file;
use signpost_model::page::{Page, PageKind};
use signpost_model::site::Site;
use signpost_model::theme::THEME;
use std::path::{Path, PathBuf};

use signpost_base::names::{COPY_CHECK_SCRIPT as CHECK_SCRIPT, PAGE_COPY_EXTENSION};

/// One download link, as a page template shows it.
#[derive(Debug, Clone, Serialize)]
pub struct CopyLink {
    /// From the page that links to it.
    pub href: String,
    /// The file name the browser saves it as (dated, so copies never overwrite each other).
    pub download: String,
    pub valid_until: DateView,
    /// The page is past its review date already: there is no date to trust a copy until.
    pub past_review: bool,
}

/// The download links a page template gets as `copies`.
#[derive(Debug, Clone, Serialize)]
pub struct CopyLinks {
    /// The whole site as a zip (none when the site turns offline copies off).
    pub site: Option<CopyLink>,
    /// This page as one file: current guidance pages only.
    pub page: Option<CopyLink>,
}

/// The download links for `page`'s template; `site_valid_until` is
/// [`site_valid_until`], worked out once for all pages.
pub fn links(site: &Site, page: &Page, today: NaiveDate, site_valid_until: NaiveDate) -> CopyLinks {
    let root = signpost_base::url_path::root_prefix(&page.output);
    let stamp = today.format("%Y-%m-%d");
    let name = file_name_slug(&site.config.name);
    if !site.config.offline_copies {
        return CopyLinks {
            site: None,
            page: None,
        };
    }
    CopyLinks {
        site: Some(CopyLink {
            href: format!("{root}{}", site_zip_name(site)),
            download: format!("{name}-{stamp}.zip"),
            valid_until: site_valid_until.into(),
            past_review: false,
        }),
        page: page_copy_path(page).map(|path| CopyLink {
            href: signpost_base::url_path::url_path(Path::new(
                path.file_name().expect("a file name"),
            )),
            download: format!("{}-{stamp}.html", download_name(&page.output)),
            valid_until: page_valid_until(site, page, today).into(),
            past_review: page_valid_until(site, page, today) < today,
        }),
    }
}

/// The site zip's name at the site root: `it-security-guidance.zip`.
pub fn site_zip_name(site: &Site) -> String {
    zip_name(&site.config.name)
}

/// Where a page's single-file copy goes, if it gets one: current guidance pages do
/// (replaced pages are kept for reference, not to be carried).
pub fn page_copy_path(page: &Page) -> Option<PathBuf> {
    (page.kind == PageKind::Guidance && page.front.superseded_by.is_none())
        .then(|| page.output.with_extension(PAGE_COPY_EXTENSION))
}

/// A page's name for its copy: `a/b.html` -> `b`; `a/b/index.html` (a page whose
/// `permalink` is `/a/b/`) -> `b` too, not `index`.
fn download_name(output: &Path) -> String {
    let named = match output.file_stem() {
        Some(stem) if stem == "index" => output.parent().and_then(Path::file_name),
        stem => stem,
    };
    named.unwrap_or_default().to_string_lossy().into_owned()
}

/// Until when a single-page copy made `today` may be trusted.
pub fn page_valid_until(site: &Site, page: &Page, today: NaiveDate) -> NaiveDate {
    let longest = latest(site, today);
    page.review_by.map_or(longest, |review| review.min(longest))
}

/// Until when the site zip made `today` may be trusted: pages already past their review
/// date, and replaced pages, do not count (they say so on their own).
pub fn site_valid_until(site: &Site, today: NaiveDate) -> NaiveDate {
    site.pages
        .iter()
        .filter(|p| p.front.superseded_by.is_none())
        .filter_map(|p| p.review_by)
        .filter(|&review| review >= today)
        .fold(latest(site, today), NaiveDate::min)
}

fn latest(site: &Site, today: NaiveDate) -> NaiveDate {
    today
        .checked_add_days(Days::new(site.config.copy_valid_days.into()))
        .unwrap_or(today)
}

/// What making single-page copies needs, prepared once per build: each page's copy is made
/// from its HTML as soon as it is rendered (see `pages.rs`), so no page is read back.
pub struct PageCopies {
    today: NaiveDate,
    check_script: String,
    inlined: single_page::InlinedFiles,
}

impl PageCopies {
    /// `None` when the site turns offline copies off. Fails when a page would overwrite a copy.
    pub fn new(site: &Site, today: NaiveDate) -> Result<Option<Self>, Vec<Diagnostic>> {
        if !site.config.offline_copies {
            return Ok(None);
        }
        let check_script = std::str::from_utf8(
            THEME
                .get_file(format!("static/{CHECK_SCRIPT}"))
                .expect("the theme has the copy check script")
                .contents(),
        )
        .expect("UTF-8")
        .to_string();
        Ok(Some(Self {
            today,
            check_script,
            inlined: single_page::InlinedFiles::default(),
        }))
    }

    /// Writes `page`'s single-page copy (if it gets one) into `out`, made from the page's
    /// `html`; returns the page with the copy's size filled into its download link.
    /// `out` must already hold the theme's files, which the copy inlines.
    pub fn write(
        &self,
        site: &Site,
        page: &Page,
        html: String,
        out: &Path,
    ) -> Result<String, Diagnostic> {
        let (html, copy) = self.make(site, page, html, out)?;
        if let Some((path, made)) = copy {
            write_file(&out.join(path), made.as_bytes())?;
        }
        Ok(html)
    }

    /// [`Self::write`] without writing (`signpost serve` replaces each file in one step):
    /// the page's HTML and its copy with where it goes, if it gets one.
    pub fn make(
        &self,
        site: &Site,
        page: &Page,
        html: String,
        out: &Path,
    ) -> Result<(String, Option<(PathBuf, String)>), Diagnostic> {
        let Some(copy) = page_copy_path(page) else {
            return Ok((html, None));
        };
        let today = self.today;
        let failed = |reason: String| {
            Diagnostic::error(
                &page.file,
                0,
                format!("cannot make the offline copy of this page: {reason}"),
            )
        };
        let valid_until = page_valid_until(site, page, today);
        // A copy of a page past review says so, instead of a "trust until" date gone by.
        let note = None;
        let what = format!("\u{201c}{}\u{201d} from {}", page.title, site.config.name);
        let notice = notice(site, &what, today, valid_until, note)?;
        let made = single_page::make(
            &html,
            &single_page::Inputs {
                site_dir: out,
                page: &page.output,
                notice: &notice,
                check_script: &self.check_script,
                site_url: site.config.site_url.as_deref(),
                inlined: &self.inlined,
            },
        )
        .map_err(|reasons| failed(reasons.join("; ")))?;
        // The page's download link says how big the copy is, known only now.
        let size = format!("HTML, {}", human_size(made.len() as u64));
        let html = fill_in_size(&html, "page", &size).unwrap_or(html);
        Ok((html, Some((copy, made))))
    }
}

/// Writes the site zip into `out`, from the finished site, and fills its size into the
/// pages that link to it.
pub fn write_site_zip(site: &Site, today: NaiveDate, out: &Path) -> Result<(), Vec<Diagnostic>> {
    if !site.config.offline_copies {
        return Ok(());
    }
    let zip_name = site_zip_name(site);
    let notice = notice(
        site,
        &site.config.name,
        today,
        site_valid_until(site, today),
        site_note(site, today),
    )
    .map_err(|e| vec![e])?;
    let leave_out = |path: &Path| path.to_string_lossy().ends_with(PAGE_COPY_EXTENSION);
    let folder = format!(
        "{}-{}",
        file_name_slug(&site.config.name),
        today.format("%Y-%m-%d")
    );
    site_zip::write(
        &site_zip::Inputs {
            site_dir: out,
            folder: &folder,
            notice: &notice,
            made: today,
            leave_out: &leave_out,
        },
        &out.join(&zip_name),
    )
    .map_err(|e| {
        vec![Diagnostic::error(
            out.join(&zip_name),
            0,
            format!("cannot write the site copy: {e}"),
        )]
    })?;
    fill_in_zip_size(site, out)
}

fn site_note(site: &Site, today: NaiveDate) -> Option<String> {
    let overdue = site
        .pages
        .iter()
        .filter(|p| p.front.superseded_by.is_none())
        .any(|p| p.review_by.is_some_and(|r| r < today));
    overdue.then(|| {
        "Pages that were already past their review date when it was made say so at their top."
            .to_string()
    })
}

/// The notice at the top of a copy's pages (theme template `partials/copy-notice.html`).
fn notice(
    site: &Site,
    what: &str,
    made: NaiveDate,
    valid_until: NaiveDate,
    note: Option<String>,
) -> Result<String, Diagnostic> {
    let mut context = tera::Context::new();
    context.insert("what", what);
    context.insert("made", &DateView::from(made));
    context.insert("valid_until", &DateView::from(valid_until));
    context.insert("expired", &(valid_until < made));
    context.insert("note", &note);
    site.templates.render(
        "partials/copy-notice.html",
        &context,
        &site.content_dir.join("templates/partials/copy-notice.html"),
    )
}

/// The home page's download link says how big the zip is, known only now.
fn fill_in_zip_size(site: &Site, out: &Path) -> Result<(), Vec<Diagnostic>> {
    let Some(size) = file_size(&out.join(site_zip_name(site))) else {
        return Ok(());
    };
    let size = format!("ZIP, {}", human_size(size));
    let problems: Vec<Diagnostic> = site
        .pages
        .par_iter()
        .filter(|page| page.kind != PageKind::Guidance)
        .filter_map(|page| {
            let path = out.join(&page.output);
            let html = std::fs::read_to_string(&path).ok()?;
            let filled = fill_in_size(&html, "site", &size)?;
            write_file(&path, filled.as_bytes()).err()
        })
        .collect();
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

/// Replaces `<span data-copy-size="{kind}">…</span>` (as the theme writes it) by `size`.
pub fn fill_in_size(html: &str, kind: &str, size: &str) -> Option<String> {
    let open = format!("<span data-copy-size=\"{kind}\">");
    let start = memchr::memmem::find(html.as_bytes(), open.as_bytes())?;
    let end = start + html[start..].find("</span>")? + "</span>".len();
    let mut filled = String::with_capacity(html.len());
    filled.push_str(&html[..start]);
    filled.push_str(&html_escape::encode_text(size));
    filled.push_str(&html[end..]);
    Some(filled)
}

fn file_size(path: &Path) -> Option<u64> {
    std::fs::metadata(path).ok().map(|m| m.len())
}

/// `340 KB`, `1.2 MB`, as GOV.UK shows attachment sizes.
pub fn human_size(bytes: u64) -> String {
    const KB: f64 = 1024.0;
    let bytes = bytes as f64;
    if bytes < KB * KB {
        format!("{} KB", (bytes / KB).ceil().max(1.0))
    } else {
        format!("{:.1} MB", bytes / KB / KB)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        assert_eq!(human_size(10), "1 KB");
        assert_eq!(human_size(340 * 1024 + 1), "341 KB");
        assert_eq!(human_size(1_300_000), "1.2 MB");
    }
}
