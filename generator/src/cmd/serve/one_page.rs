//! The fast rebuild after an edit to pages alone: each edited page read again into the site
//! kept from the last build, the checks across pages run again, and only the pages the edit
//! can reach (see `signpost_model::page_edit`) made again, straight into the folder being
//! served, each file replaced in one step. Anything else is left to a full rebuild: a file
//! that is not one of the site's pages (new, removed, renamed, settings, data, templates…),
//! a page that had or has errors (or warnings a full build says once for many pages), or an
//! edit that moves pages or changes every page.
//! The search index, review reports and site zip catch up afterwards (`catch_up.rs`).

use crate::cmd::build::Kept;
use chrono::NaiveDate;
use signpost_base::diagnostic::{self, Diagnostic};
use signpost_base::timing::timed;
use signpost_checks::cross_page;
use signpost_model::page::{Page, PageKind};
use signpost_model::page_cache::PageCache;
use signpost_model::page_edit::{self, Reach};
use signpost_model::permalinks;
use signpost_model::site::Site;
use signpost_render::copies::{self, PageCopies};
use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// What a one-page rebuild did.
pub struct Rebuilt {
    /// Pages made again (the edited ones and those that list them).
    pub made: usize,
    pub read: usize,
    pub unchanged: usize,
    pub warnings: Vec<Diagnostic>,
}

pub enum NotDone {
    /// This edit needs a full rebuild, for this reason.
    Rebuild(&'static str),
    /// The edit broke the site: nothing was written.
    Failed(Vec<Diagnostic>),
}

/// Rebuilds after `changed` (files under `watched`, the content folder as watched) into
/// `served`, the folder of the last good build, which `kept` was built from. On
/// [`NotDone`], `kept` may hold part of the edit: it is not to be used again.
pub fn rebuild(
    kept: &mut Kept,
    changed: &[PathBuf],
    watched: &Path,
    served: &Path,
    cache: &PageCache,
    today: NaiveDate,
    keep_going: bool,
) -> Result<Rebuilt, NotDone> {
    let started = Instant::now();
    let edits = read_edits(kept, changed, watched, cache)?;
    let read = edits.len();
    let (remake, recheck) = apply(kept, edits, today)?;
    timed("edit: read again", started);

    let started = Instant::now();
    let problems = check(kept, &recheck, keep_going);
    timed("edit: checks", started);
    if diagnostic::has_errors(&problems) {
        return Err(NotDone::Failed(problems));
    }

    let started = Instant::now();
    write_pages(&kept.site, today, served, &remake)?;
    timed("edit: pages", started);
    let site = &kept.site;
    let sources = site.pages.iter().filter(|p| !p.generated).count() + site.drafts.len();
    Ok(Rebuilt {
        made: remake.len(),
        read,
        unchanged: sources - read,
        warnings: problems,
    })
}

/// Each changed page read again (its index, the page, and how far the change reaches), its
/// warnings put in place of those it had; or why the edit needs a full rebuild.
fn read_edits(
    kept: &mut Kept,
    changed: &[PathBuf],
    watched: &Path,
    cache: &PageCache,
) -> Result<Vec<(usize, Page, Reach)>, NotDone> {
    let site = &kept.site;
    let mut edits = Vec::new();
    for path in changed {
        let source = path
            .strip_prefix(watched)
            .map_err(|_| NotDone::Rebuild("a file outside the content folder changed"))?;
        // An editor's temporary file (written, then renamed over the page, as `sed -i` and
        // "safe write" editors save) that came and went between two builds: nothing the
        // site was read from, and nothing there now.
        if !path.exists() && !site.was_read_from(source) {
            continue;
        }
        let index = *site
            .by_source
            .get(source.as_os_str())
            .ok_or(NotDone::Rebuild(
                "a file that is not one of the site's pages changed",
            ))?;
        if site.pages[index].generated || !path.is_file() {
            return Err(NotDone::Rebuild("a page was added or removed"));
        }
        let file = site.content_dir.join(source);
        if cache.permalink_moved(&site.content_dir, source, || {
            permalinks::permalink_in(&file)
        }) {
            return Err(NotDone::Rebuild("a page's `permalink` changed"));
        }
        let Some(had) = cache.problems_of(source) else {
            return Err(NotDone::Rebuild("the page was not read before"));
        };
        let (page, has) = page_edit::read_again(site, source, cache);
        // Errors, and warnings said once for many pages, are for a full build to report.
        let page = match page {
            Some(page) if page_edit::problems_are_its_own(&had) => page,
            _ => return Err(NotDone::Rebuild("the page had problems")),
        };
        if !page_edit::problems_are_its_own(&has) {
            return Err(NotDone::Rebuild("the page has problems"));
        }
        for problem in had {
            let Some(at) = kept.read_problems.iter().position(|p| *p == problem) else {
                return Err(NotDone::Rebuild(
                    "the page's warnings are not where they were",
                ));
            };
            kept.read_problems.remove(at);
        }
        kept.read_problems.extend(has);
        match page_edit::reach(&site.pages[index], &page) {
            Reach::Site(why) => return Err(NotDone::Rebuild(why)),
            reach => edits.push((index, page, reach)),
        }
    }
    Ok(edits)
}

/// Puts the edited pages into the site; returns the pages to make again and the pages whose
/// links to check again (the edited ones, and those linking to their anchors).
fn apply(
    kept: &mut Kept,
    edits: Vec<(usize, Page, Reach)>,
    today: NaiveDate,
) -> Result<(Vec<usize>, BTreeSet<usize>), NotDone> {
    let site = &mut kept.site;
    // Every page's download link says until when the site zip may be trusted.
    let valid_before = copies::site_valid_until(site, today);
    let mut remake = BTreeSet::new();
    let mut recheck = BTreeSet::new();
    let linking = kept
        .anchor_links
        .get_or_insert_with(|| page_edit::anchor_links(site));
    for (index, page, reach) in edits {
        remake.extend(page_edit::replace(site, index, page, &reach));
        recheck.insert(index);
        recheck.extend(linking.get(&site.pages[index].source).into_iter().flatten());
        page_edit::relink(site, index, linking);
    }
    if copies::site_valid_until(site, today) != valid_before {
        return Err(NotDone::Rebuild(
            "the site copy's date to trust it until changed",
        ));
    }
    Ok((remake.into_iter().collect(), recheck))
}

/// The site's problems, as a full build finds them, checking only `recheck` again.
fn check(kept: &mut Kept, recheck: &BTreeSet<usize>, keep_going: bool) -> Vec<Diagnostic> {
    let site = &kept.site;
    for &index in recheck {
        kept.page_checks[index] = cross_page::check_page(site, &site.pages[index]);
    }
    let mut problems = kept.read_problems.clone();
    problems.extend(kept.page_checks.iter().flatten().cloned());
    problems.extend(kept.site_checks.iter().cloned());
    diagnostic::sort(&mut problems);
    if keep_going || site.config.keep_going {
        signpost_checks::keep_going::soften(&mut problems);
    }
    problems
}

/// Makes the pages `remake` again, with their copies, into `served`.
fn write_pages(
    site: &Site,
    today: NaiveDate,
    served: &Path,
    remake: &[usize],
) -> Result<(), NotDone> {
    let page_copies = PageCopies::new(site, today).map_err(NotDone::Failed)?;
    let rendered =
        signpost_render::pages::render_only(site, today, served, page_copies.as_ref(), remake)
            .map_err(NotDone::Failed)?;
    let zip_size = zip_size(site, served);
    for made in rendered {
        let page = &site.pages[made.index];
        // Index pages link to the site zip with its size, as the build filled it in.
        let html = match &zip_size {
            Some(size) if page.kind != PageKind::Guidance => {
                copies::fill_in_size(&made.html, "site", size).unwrap_or(made.html)
            }
            _ => made.html,
        };
        let mut files = vec![(page.output.clone(), html)];
        files.extend(made.copy);
        for (path, text) in files {
            replace_file(&served.join(path), text.as_bytes())
                .map_err(|problem| NotDone::Failed(vec![problem]))?;
        }
    }
    Ok(())
}

/// The size the index pages show for the site zip already in `served`.
fn zip_size(site: &Site, served: &Path) -> Option<String> {
    if !site.config.offline_copies {
        return None;
    }
    let zip = served.join(copies::site_zip_name(site));
    let bytes = std::fs::metadata(zip).ok()?.len();
    Some(format!("ZIP, {}", copies::human_size(bytes)))
}

/// Replaces `path` in one step (a new file renamed over it), so that a request never reads
/// half of it.
fn replace_file(path: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    let problem = |err: std::io::Error| Diagnostic::error(path, 0, format!("cannot write: {err}"));
    let folder = path.parent().unwrap_or(Path::new("."));
    let mut builder = tempfile::Builder::new();
    builder.prefix(".signpost-");
    // As a build writes it (a temporary file would be readable by its owner only).
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o644));
    let mut file = builder.tempfile_in(folder).map_err(problem)?;
    file.write_all(bytes).map_err(problem)?;
    file.persist(path).map_err(|err| problem(err.error))?;
    Ok(())
}
