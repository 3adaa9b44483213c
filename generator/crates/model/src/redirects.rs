//! Old addresses kept alive: jekyll-redirect-from's `redirect_from`, Jekyll's
//! `permalink: pretty` addresses, and the GOV.UK tech-docs template's `redirects:` in
//! `config/tech-docs.yml`. (A page's own `permalink` is its address, not a redirect; the
//! address beside its file was never published by Jekyll, so it gets none.) Each old address gets a small page that sends the
//! reader on: a link, and a meta refresh (no script, so it works under the pages'
//! Content-Security-Policy and from disk).

use crate::site::Site;
use signpost_base::diagnostic::Diagnostic;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redirect {
    /// Where the redirect page is written, e.g. `guides/old-name/index.html`.
    pub output: PathBuf,
    /// The page it sends readers to, by its output path.
    pub target: PathBuf,
    pub title: String,
}

/// An old address to keep: the address, the page it leads to (its output and title), and
/// where it was asked for.
type Wanted<'a> = (String, PathBuf, &'a Path, usize, String);

/// Every redirect the site asks for, and what is wrong with any of them (an address that
/// is a page or file of the site already, or is asked for twice, or a tech-docs redirect
/// to a page the site does not have).
pub fn plan(site: &Site) -> (Vec<Redirect>, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let wanted = wanted(site, &mut problems);
    let taken = taken(site);
    let mut planned: HashMap<PathBuf, (&Path, usize)> = HashMap::new();
    let mut redirects = Vec::new();
    if site.config.pretty_addresses {
        pretty_addresses(site, &taken, &mut planned, &mut redirects);
    }
    for (address, target, file, line, title) in wanted {
        let Some(output) = output_for(&address, &site.config.baseurl) else {
            problems.push(
                Diagnostic::error(
                    file,
                    line,
                    format!("`{address}` is not an address on this site"),
                )
                .with_help("give the old address from the site's root, e.g. `/guides/old-name/`"),
            );
            continue;
        };
        if let Some(what) = taken.get(&output) {
            problems.push(
                Diagnostic::error(file, line, format!("the old address `{address}` is {what} now: a redirect there would replace it"))
                    .with_help("remove the old address, or move the page that has it"),
            );
            continue;
        }
        if let Some((first_file, first_line)) = planned.get(&output) {
            if redirects
                .iter()
                .any(|r: &Redirect| r.output == output && r.target == target)
            {
                continue;
            }
            problems.push(
                Diagnostic::error(file, line, format!("the old address `{address}` is kept already for another page ({}:{first_line})", first_file.display()))
                    .with_help("an old address can send readers to one page: keep it on one of them"),
            );
            continue;
        }
        planned.insert(output.clone(), (file, line));
        redirects.push(Redirect {
            output,
            target,
            title,
        });
    }
    (redirects, problems)
}

/// Where each old address came from (`redirect_from`, tech-docs' redirects), with the file
/// and line for messages.
fn wanted<'a>(site: &'a Site, problems: &mut Vec<Diagnostic>) -> Vec<Wanted<'a>> {
    let mut wanted: Vec<Wanted> = Vec::new();
    for page in site.pages.iter().filter(|p| !p.generated) {
        for (address, line) in &page.front.redirect_from {
            wanted.push((
                address.clone(),
                page.output.clone(),
                &page.file,
                *line,
                page.title.clone(),
            ));
        }
    }
    if let Some(file) = &site.config.redirects_file {
        let text = std::fs::read_to_string(file).unwrap_or_default();
        for (from, to) in &site.config.redirects {
            let line = line_of(&text, from);
            match site.layout.rooted(to).and_then(|s| site.page(&s)) {
                Some(page) => wanted.push((from.clone(), page.output.clone(), file, line, page.title.clone())),
                None => problems.push(
                    Diagnostic::error(file, line, format!("the redirect from `{from}` goes to `{to}`, which is not a page of this site"))
                        .with_help("point it at a page's address, e.g. `/documentation/page.html`, or remove it"),
                ),
            }
        }
    }
    wanted
}

/// Every address the site's pages and files have already, and what has it.
fn taken(site: &Site) -> HashMap<PathBuf, String> {
    site.pages
        .iter()
        .map(|p| {
            (
                p.output.clone(),
                format!("the address of {}", p.source.display()),
            )
        })
        .chain(
            site.assets
                .iter()
                .map(|a| (a.clone(), format!("the file {}", a.display()))),
        )
        .collect()
}

/// The old site's `/page/` addresses (Jekyll's `permalink: pretty`), so links to it from
/// elsewhere keep working; where one would be a page or file of the site, it is not kept.
fn pretty_addresses<'a>(
    site: &'a Site,
    taken: &HashMap<PathBuf, String>,
    planned: &mut HashMap<PathBuf, (&'a Path, usize)>,
    redirects: &mut Vec<Redirect>,
) {
    for page in site
        .pages
        .iter()
        .filter(|p| p.kind == crate::page::PageKind::Guidance)
        // A page whose `permalink` is `/page/` is there already.
        .filter(|p| !p.output.ends_with("index.html"))
    {
        let output = page.output.with_extension("").join("index.html");
        if !taken.contains_key(&output) {
            planned.insert(output.clone(), (&page.file, 0));
            redirects.push(Redirect {
                output,
                target: page.output.clone(),
                title: page.title.clone(),
            });
        }
    }
}

/// The file a redirect page for `address` (from the site root) is written to:
/// `/a/b/` -> `a/b/index.html`, `/a/b.html` -> `a/b.html`, `/a/b` -> `a/b/index.html`.
pub fn output_for(address: &str, baseurl: &str) -> Option<PathBuf> {
    let path = address.split(['#', '?']).next().unwrap_or_default();
    let path = match baseurl {
        "" => path,
        base => path
            .strip_prefix(base)
            .filter(|r| r.is_empty() || r.starts_with('/'))
            .unwrap_or(path),
    };
    let decoded = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
    let relative = signpost_base::url_path::normalise(Path::new(decoded.trim_start_matches('/')))?;
    let is_file = !decoded.ends_with('/') && relative.extension().is_some();
    Some(if is_file {
        relative
    } else {
        relative.join("index.html")
    })
}

/// The redirect page itself.
pub fn page_html(redirect: &Redirect, language: &str) -> String {
    let folder = redirect.output.parent().unwrap_or(Path::new(""));
    let url = html_escape::encode_double_quoted_attribute(&signpost_base::url_path::relative_url(
        folder,
        &redirect.target,
    ))
    .into_owned();
    let title = html_escape::encode_text(&redirect.title);
    let language = html_escape::encode_double_quoted_attribute(language);
    format!(
        "<!DOCTYPE html>\n<html lang=\"{language}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"robots\" content=\"noindex\">\n\
         <meta http-equiv=\"refresh\" content=\"0; url={url}\">\n\
         <link rel=\"canonical\" href=\"{url}\">\n<title>This page has moved: {title}</title>\n</head>\n\
         <body>\n<main>\n<h1>This page has moved</h1>\n<p>It is now <a href=\"{url}\">{title}</a>.</p>\n</main>\n</body>\n</html>\n"
    )
}

/// Writes every redirect page into the site being built.
pub fn write(site: &Site, out: &Path) -> Result<(), Vec<Diagnostic>> {
    let (redirects, problems) = plan(site);
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut failed = Vec::new();
    for redirect in &redirects {
        let file = out.join(&redirect.output);
        let written = file
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(&file, page_html(redirect, &site.config.language)));
        if let Err(err) = written {
            failed.push(Diagnostic::error(
                &file,
                0,
                format!("cannot write this redirect page: {err}"),
            ));
        }
    }
    if failed.is_empty() {
        Ok(())
    } else {
        Err(failed)
    }
}

fn line_of(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|line| line.contains(needle))
        .map_or(0, |index| index + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn old_addresses_become_files() {
        let out = |a: &str| output_for(a, "").map(|p| p.to_string_lossy().into_owned());
        assert_eq!(
            out("/guides/old/").as_deref(),
            Some("guides/old/index.html")
        );
        assert_eq!(out("/cookies.html").as_deref(), Some("cookies.html"));
        assert_eq!(out("/guides/old").as_deref(), Some("guides/old/index.html"));
        assert_eq!(out("/../etc/passwd"), None);
        assert_eq!(
            output_for("/security/a/", "/security")
                .map(|p| p.to_string_lossy().into_owned())
                .as_deref(),
            Some("a/index.html")
        );
    }

    #[test]
    fn a_redirect_page_links_and_refreshes_without_script() {
        let html = page_html(
            &Redirect {
                output: "guides/old/index.html".into(),
                target: "access-control-guide.html".into(),
                title: "Access <control>".into(),
            },
            "en-GB",
        );
        assert!(html.contains(r#"content="0; url=../../access-control-guide.html""#));
        assert!(
            html.contains(
                r#"<a href="../../access-control-guide.html">Access &lt;control&gt;</a>"#
            )
        );
        assert!(!html.contains("<script"));
    }
}
