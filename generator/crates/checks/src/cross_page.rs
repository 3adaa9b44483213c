//! Checks across pages, after every page is read: links and anchors resolve, superseded
//! pages point at a real current page.

use rayon::prelude::*;
use signpost_base::diagnostic::{Diagnostic, Kind, did_you_mean};
use signpost_model::link_target::{self, Link, LinkTarget};
use signpost_model::page::Page;
use signpost_model::site::Site;
use std::path::Path;

/// Ids the theme puts on every page, which content may link to.
const THEME_ANCHORS: &[&str] = &["main-content"];

pub fn run(site: &Site, problems: &mut Vec<Diagnostic>) {
    let found: Vec<Diagnostic> = site
        .pages
        .par_iter()
        .flat_map_iter(|page| check_page(site, page))
        .collect();
    problems.extend(found);
    problems.extend(site_wide(site));
    signpost_base::diagnostic::sort(problems);
}

/// The checks of [`run`] that are not one page's: names that clash, redirects.
pub fn site_wide(site: &Site) -> Vec<Diagnostic> {
    let mut problems = crate::name_clashes::check(site);
    problems.extend(signpost_model::redirects::plan(site).1);
    problems
}

/// The checks of [`run`] of one page: its links and anchors, and what replaces it.
pub fn check_page(site: &Site, page: &Page) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for link in &page.links {
        check_link(site, page, link, &mut problems);
    }
    check_superseded_by(site, page, &mut problems);
    problems
}

/// Where one link of a page goes: nowhere, somewhere not allowed, or a page without the
/// `#anchor`.
fn check_link(site: &Site, page: &Page, link: &Link, problems: &mut Vec<Diagnostic>) {
    let at = |message: String| Diagnostic::error(&page.file, link.line, message);
    match &link.target {
        LinkTarget::External(url) => {
            // `mailto:` or `tel:` with nothing after it opens an empty message or dials
            // nothing.
            if let Some(scheme) = ["mailto:", "tel:"]
                .iter()
                .find(|s| url.eq_ignore_ascii_case(s))
            {
                problems.push(
                    at(format!("`{scheme}` has no address after it"))
                        .with_help(format!("write the address: `{scheme}…`")),
                );
            }
        }
        LinkTarget::SamePage(fragment) if fragment.is_empty() && link.written.trim().is_empty() => {
            problems.push(
                at("this link has no address: `[words]()`".to_string()).with_help(
                    "put the address between the brackets, or write the words without a link",
                ),
            );
        }
        LinkTarget::Rooted(path)
            if path
                .split(['#', '?'])
                .next()
                .is_some_and(|p| p.ends_with(".md")) =>
        {
            let help = rooted_page_help(site, page, path);
            problems.push(at(format!("`{path}` is written from the site root; links to pages are written from the page")).with_help(help));
        }
        LinkTarget::Rooted(url) if site.layout.rooted(url).is_some() => {
            // A page or file of this site, as the old engine served it.
            let fragment = url.split_once('#').map(|(_, f)| f).unwrap_or_default();
            let target = site.layout.rooted(url).and_then(|s| site.page(&s));
            if let Some(target) =
                target.filter(|t| !fragment.is_empty() && !has_anchor(t, fragment))
            {
                let message = format!(
                    "`#{fragment}` is not a heading on {}",
                    target.source.display()
                );
                problems.push(missing_anchor(at(message), target, fragment));
            }
        }
        LinkTarget::Rooted(path) => {
            if site.config.link_origin.is_none() {
                problems.push(at(format!("`{path}` starts with `/`, which does not work from a copy on disk")).of_kind(Kind::Link).with_help(
                    "link to a page by its source path (e.g. `../travel/page.md`), or set `link_origin: https://your.intranet` in site.yaml so such links point there",
                ));
            }
        }
        LinkTarget::Unsafe(url) => problems.push(
            at(format!("`{}` is not allowed as a link", shorten(url)))
                .of_kind(Kind::Link)
                .with_help("links must be web addresses, mail addresses or paths to pages"),
        ),
        LinkTarget::OutsideContent(url) => problems.push(
            at(format!("`{url}` points outside the content folder"))
                .of_kind(Kind::Link)
                .with_help("link only to pages and files inside the content folder"),
        ),
        LinkTarget::SamePage(fragment) => {
            if !fragment.is_empty() && !has_anchor(page, fragment) {
                problems.push(missing_anchor(
                    at(format!("`#{fragment}` is not a heading on this page")),
                    page,
                    fragment,
                ));
            }
        }
        LinkTarget::Internal { path, fragment } => {
            match site.layout.page_for(path).and_then(|s| site.page(&s)) {
                Some(target) => {
                    if let Some(fragment) = fragment
                        .as_ref()
                        .filter(|f| !f.is_empty() && !has_anchor(target, f))
                    {
                        let message = format!(
                            "`#{fragment}` is not a heading on {}",
                            target.source.display()
                        );
                        problems.push(missing_anchor(at(message), target, fragment));
                    }
                }
                None if site.layout.is_asset(path) => {}
                None if is_draft(site, &link.written, &page.source) => {
                    problems.push(
                        at(format!(
                            "`{}` is a draft (`draft: true`), which is not published",
                            link.written
                        ))
                        .with_help("publish it (remove `draft: true`), or link to it once it is"),
                    );
                }
                None => problems.push(broken_link(site, page, link, path)),
            }
        }
    }
}

/// A link to a page or file that is not there, with the nearest one there is.
fn broken_link(site: &Site, page: &Page, link: &Link, path: &Path) -> Diagnostic {
    let mut problem = Diagnostic::error(
        &page.file,
        link.line,
        format!(
            "`{}` does not exist: there is no {}",
            link.written,
            site.content_dir.join(path).display()
        ),
    )
    .of_kind(Kind::BrokenLink);
    // An image is one of the site's files; a link, most likely a page.
    let candidates: Vec<&str> = if link.is_image {
        site.assets.iter().filter_map(|a| a.to_str()).collect()
    } else {
        site.pages
            .iter()
            .filter(|p| !p.generated)
            .filter_map(|p| p.source.to_str())
            .collect()
    };
    if let Some(near) = did_you_mean(&path.to_string_lossy(), candidates) {
        let relative = relative_source(&page.source, Path::new(near));
        problem = problem.with_help(format!("did you mean `{relative}`?"));
    } else if link.is_image {
        problem = problem.with_help("put the image in the content folder, and give its path from this page, e.g. `images/map.png` for content/travel/images/map.png");
    } else {
        problem = problem
            .with_help("link to another page by its source path, e.g. `other-page.md#a-heading`");
    }
    problem
}

/// What to write instead of a page of this site linked from the site root (`/travel/page.md`):
/// the intranet has no `.md`.
fn rooted_page_help(site: &Site, page: &Page, path: &str) -> String {
    // A page of this site, written from the site root: the intranet has no `.md`.
    let source = path
        .trim_start_matches('/')
        .split(['#', '?'])
        .next()
        .unwrap_or_default();
    match site
        .layout
        .page_for(Path::new(source))
        .and_then(|s| site.page(&s))
    {
        Some(target) => format!(
            "write it from this page: `{}`",
            relative_source(&page.source, &target.source)
        ),
        None => "link to a page by its path from this page, e.g. `../travel/page.md`".to_string(),
    }
}

/// The page that replaces this one, if it says one does: there, current, and not itself.
fn check_superseded_by(site: &Site, page: &Page, problems: &mut Vec<Diagnostic>) {
    if let Some((target, line)) = &page.front.superseded_by {
        match replaced_by(site, page) {
            Some(current) if current.source == page.source => problems.push(
                Diagnostic::error(
                    &page.file,
                    *line,
                    "`superseded_by` points at this same page",
                )
                .of_kind(Kind::Link)
                .with_help("give the source path of the page that replaces this one"),
            ),
            Some(current) => problems.extend(check_replacement_chain(site, page, current, *line)),
            None if is_draft(site, target, &page.source) => problems.push(
                Diagnostic::error(&page.file, *line, format!("`superseded_by`: `{target}` is a draft (`draft: true`), which is not published"))
                    .of_kind(Kind::Link)
                    .with_help("publish the new page first, or leave this page as it is until then"),
            ),
            None => {
                // Written from the content folder, or a near miss: the path from this page.
                let from_root = site
                    .layout
                    .page_for(Path::new(target))
                    .and_then(|s| site.page(&s));
                let pages = site
                    .pages
                    .iter()
                    .filter(|p| !p.generated)
                    .filter_map(|p| p.source.to_str());
                let meant = from_root
                    .map(|p| p.source.to_string_lossy().into_owned())
                    .or_else(|| did_you_mean(target, pages).map(str::to_string));
                let help = match meant {
                    Some(meant) => format!("did you mean `{}`? (paths are from this page)", relative_source(&page.source, Path::new(&meant))),
                    None => "give the source path of the page that replaces this one, relative to this page, e.g. `current-page.md`".to_string(),
                };
                problems.push(
                    Diagnostic::error(
                        &page.file,
                        *line,
                        format!("`superseded_by`: there is no page `{target}`"),
                    )
                    .of_kind(Kind::Link)
                    .with_help(help),
                );
            }
        }
    }
}

/// Whether `target`, as written on the page `from`, is a draft.
fn is_draft(site: &Site, target: &str, from: &Path) -> bool {
    match link_target::classify(target, from) {
        LinkTarget::Internal { path, .. } => site
            .layout
            .page_for(&path)
            .is_some_and(|source| site.drafts.contains(&source)),
        _ => false,
    }
}

/// The page `superseded_by` names, if it names one.
fn replaced_by<'a>(site: &'a Site, page: &Page) -> Option<&'a Page> {
    let (target, _) = page.front.superseded_by.as_ref()?;
    match link_target::classify(target, &page.source) {
        LinkTarget::Internal { path, .. } => {
            site.layout.page_for(&path).and_then(|s| site.page(&s))
        }
        _ => None,
    }
}

/// Follows `superseded_by` from `current` on: pages that replace each other leave readers
/// no current page (and drop out of the navigation), and a page replaced by a replaced page
/// sends them through two banners.
fn check_replacement_chain(
    site: &Site,
    page: &Page,
    current: &Page,
    line: usize,
) -> Option<Diagnostic> {
    let mut seen = vec![page.source.as_path()];
    let mut last = current;
    while let Some(next) = replaced_by(site, last) {
        if seen.contains(&last.source.as_path()) || next.source == last.source {
            break;
        }
        seen.push(&last.source);
        last = next;
    }
    let name = |p: &Page| p.source.to_string_lossy().replace('\\', "/");
    // A loop that does not come back to this page is reported at the pages in it.
    if last.source == page.source {
        let chain: Vec<String> = seen
            .iter()
            .map(|s| format!("`{}`", s.to_string_lossy()))
            .collect();
        return Some(
            Diagnostic::error(
                &page.file,
                line,
                format!(
                    "pages replace each other ({} → back again): none of them is current",
                    chain.join(" → ")
                ),
            )
            .with_help(
                "only the older page says `superseded_by`; remove it from the page that is current",
            ),
        );
    }
    (last.source != current.source).then(|| {
        Diagnostic::warning(
            &page.file,
            line,
            format!(
                "`superseded_by` points at `{}`, which is itself replaced by `{}`",
                name(current),
                name(last)
            ),
        )
        .of_kind(Kind::Link)
        .with_help(format!(
            "point at the current page, `{}`, so readers are not sent on twice",
            name(last)
        ))
    })
}

fn has_anchor(page: &Page, fragment: &str) -> bool {
    page.anchors.contains(fragment) || THEME_ANCHORS.contains(&fragment)
}

fn missing_anchor(problem: Diagnostic, target: &Page, fragment: &str) -> Diagnostic {
    let problem = problem.of_kind(Kind::BrokenLink);
    // Sorted: between two ids as near, the same one is named every run.
    let mut ids: Vec<&str> = target.anchors.iter().map(String::as_str).collect();
    ids.sort_unstable();
    match did_you_mean(fragment, ids.iter().copied()) {
        Some(near) => problem.with_help(format!("did you mean `#{near}`?")),
        None if ids.is_empty() => problem.with_help("that page has no headings to link to"),
        None => {
            ids.truncate(12);
            problem.with_help(format!("headings there: {}", ids.join(", ")))
        }
    }
}

/// How the page `from` writes a link to the source `to`, as short as it can be: from
/// `travel/a.md`, `travel/images/map.png` is `images/map.png`.
fn relative_source(from: &Path, to: &Path) -> String {
    let folder: Vec<_> = from
        .parent()
        .unwrap_or(Path::new(""))
        .components()
        .collect();
    let target: Vec<_> = to.components().collect();
    let common = folder
        .iter()
        .zip(&target)
        .take_while(|(a, b)| a == b)
        .count();
    let mut path = std::path::PathBuf::new();
    for _ in common..folder.len() {
        path.push("..");
    }
    path.extend(&target[common..]);
    path.to_string_lossy().replace('\\', "/")
}

fn shorten(text: &str) -> String {
    if text.chars().count() > 40 {
        format!("{}…", text.chars().take(40).collect::<String>())
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn of_two_ids_as_near_the_same_one_is_named_every_run() {
        // Each set of anchors is kept in its own order: ask often enough to see two.
        for _ in 0..32 {
            let mut page = Page::generated_index("guides/index.md".into(), Path::new("content"));
            page.anchors = ["ab-ce", "ab-cd"].map(String::from).into_iter().collect();
            let problem =
                missing_anchor(Diagnostic::error("a.md", 3, "no such id"), &page, "ab-cf");
            assert_eq!(problem.help.as_deref(), Some("did you mean `#ab-cd`?"));
        }
    }
}
