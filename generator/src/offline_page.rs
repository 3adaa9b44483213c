//! One page as one self-contained HTML file, made from the built page: its styles, scripts
//! (the wizard's wasm is already inside a script) and images inlined, so the file alone, in
//! any folder, opened from disk with no network, shows the page and runs the wizard.
//!
//! The copy keeps a strict Content-Security-Policy: each inline script and style is allowed
//! by its SHA-256 hash (never `'unsafe-inline'`), images only as `data:` URLs. The site's
//! navigation and search are left out (the other pages are not in the file); links to other
//! pages of the site point at the published site when `site_url` is known, and otherwise
//! become plain text marked "not included in this copy".

use crate::links;
use crate::markers;
use base64::Engine;
use lol_html::html_content::{ContentType, Element, EndTag};
use lol_html::{RewriteStrSettings, element, end_tag, rewrite_str};
use sha2::{Digest, Sha256};
use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::rc::Rc;

/// What a page copy needs besides the page itself.
pub struct Inputs<'a> {
    /// The built site (pages, `assets/`, content files).
    pub site_dir: &'a Path,
    /// The page's path in the site, e.g. `travel/overseas.html`.
    pub page: &'a Path,
    /// HTML put at the top of `<main>`: when the copy was made and until when to trust it.
    pub notice: &'a str,
    /// Inlined after the page's own scripts: shows the notice when the copy is out of date.
    pub check_script: &'a str,
    /// The published site, for links to its other pages.
    pub site_url: Option<&'a str>,
    /// Styles and scripts already read, escaped and hashed for an earlier page: every page
    /// inlines the same few files, and hashing them again for each page is most of the work.
    pub inlined: &'a InlinedFiles,
}

/// A style or script ready to inline: its text and its CSP hash.
pub struct Inlined {
    pub text: String,
    pub hash: String,
}

/// Files inlined so far in one build, by kind and path.
#[derive(Default)]
pub struct InlinedFiles {
    files: std::sync::Mutex<
        std::collections::HashMap<(&'static str, PathBuf), std::sync::Arc<Inlined>>,
    >,
}

impl InlinedFiles {
    /// The inlined form of `path`, made by `make` the first time it is asked for.
    fn get(
        &self,
        kind: &'static str,
        path: &Path,
        make: impl FnOnce() -> std::io::Result<String>,
    ) -> std::io::Result<std::sync::Arc<Inlined>> {
        let key = (kind, path.to_path_buf());
        if let Some(found) = self.files.lock().expect("not poisoned").get(&key) {
            return Ok(found.clone());
        }
        let text = make()?;
        let inlined = std::sync::Arc::new(Inlined {
            hash: hash(&text),
            text,
        });
        self.files
            .lock()
            .expect("not poisoned")
            .insert(key, inlined.clone());
        Ok(inlined)
    }
}

/// Parts of the site page a single-page copy leaves out.
const LEFT_OUT: &str = "form.site-search, nav.site-nav, nav.breadcrumbs, .copy-links, \
                        script[src$=\"search.js\"], meta[http-equiv=\"Content-Security-Policy\"], \
                        meta[http-equiv=\"content-security-policy\"]";

/// Where the policy goes until the hashes are known.
const POLICY_PLACEHOLDER: &str = "signpost-offline-copy-policy";

#[derive(Default)]
struct State {
    /// Deferred scripts, run (as `defer` would) after the document has been parsed.
    deferred: Vec<String>,
    script_hashes: Vec<String>,
    style_hashes: Vec<String>,
    problems: Vec<String>,
    policy_written: bool,
}

/// Makes the single-file copy of the page `html`. Fails (with the reasons) when a file the
/// page uses cannot be read.
pub fn make(html: &str, inputs: &Inputs) -> Result<String, Vec<String>> {
    // Cut what the copy leaves out before parsing: the navigation alone is a good part of a
    // page on a large site. (LEFT_OUT still catches templates without the markers.)
    let html = markers::remove(&markers::remove(html, markers::ONLINE), markers::COPY_LINKS);
    let html = html.as_str();
    let state = Rc::new(RefCell::new(State::default()));
    let folder = inputs.page.parent().unwrap_or(Path::new("")).to_path_buf();

    let (s_meta, s_head, s_style, s_script, s_img, s_body, s_icon) = (
        state.clone(),
        state.clone(),
        state.clone(),
        state.clone(),
        state.clone(),
        state.clone(),
        state.clone(),
    );
    let meta_html = || {
        format!(
            "\n<meta http-equiv=\"Content-Security-Policy\" content=\"{POLICY_PLACEHOLDER}\">\n\
             <meta name=\"robots\" content=\"noindex\">"
        )
    };
    let settings = RewriteStrSettings::new()
        .append_element_content_handler(element!(LEFT_OUT, |el: &mut Element| {
            el.remove();
            Ok(())
        }))
        .append_element_content_handler(element!("meta[charset]", move |el: &mut Element| {
            el.after(&meta_html(), ContentType::Html);
            s_meta.borrow_mut().policy_written = true;
            Ok(())
        }))
        .append_element_content_handler(element!("head", move |el: &mut Element| {
            let state = s_head.clone();
            el.on_end_tag(end_tag!(move |end: &mut EndTag| {
                if !state.borrow().policy_written {
                    end.before(&meta_html(), ContentType::Html);
                }
                Ok(())
            }))
        }))
        .append_element_content_handler(element!(
            "link[rel~=\"stylesheet\"][href]",
            |el: &mut Element| {
                let href = el.get_attribute("href").unwrap_or_default();
                let Some(path) = local_file(&folder, &href) else {
                    return Ok(());
                };
                let mut state = s_style.borrow_mut();
                let css = inputs.inlined.get("style", &path, || {
                    let css = std::fs::read_to_string(inputs.site_dir.join(&path))?;
                    Ok(inline_css_urls(&css, &path, inputs.site_dir)
                        .replace("</style", "<\\/style"))
                });
                match css {
                    Ok(css) => {
                        state.style_hashes.push(css.hash.clone());
                        el.replace(&format!("<style>{}</style>", css.text), ContentType::Html);
                    }
                    Err(err) => state.problems.push(format!("{}: {err}", path.display())),
                }
                Ok(())
            }
        ))
        .append_element_content_handler(element!("link[href]", |el: &mut Element| {
            // Stylesheets are inlined above; an icon becomes a `data:` URL; other links to
            // files of the site (feeds, manifests) mean nothing in a single file.
            if el.removed() {
                return Ok(());
            }
            let href = el.get_attribute("href").unwrap_or_default();
            let Some(path) = local_file(&folder, &href) else {
                return Ok(());
            };
            let rel = el
                .get_attribute("rel")
                .unwrap_or_default()
                .to_ascii_lowercase();
            if rel.split_whitespace().any(|r| r == "icon") {
                match data_url(&inputs.site_dir.join(&path)) {
                    Ok(url) => el.set_attribute("href", &url)?,
                    Err(err) => s_icon
                        .borrow_mut()
                        .problems
                        .push(format!("{}: {err}", path.display())),
                }
            } else {
                el.remove();
            }
            Ok(())
        }))
        .append_element_content_handler(element!("script[src]", |el: &mut Element| {
            if el.removed() {
                return Ok(());
            }
            let src = el.get_attribute("src").unwrap_or_default();
            let Some(path) = local_file(&folder, &src) else {
                return Ok(());
            };
            let mut state = s_script.borrow_mut();
            let js = inputs.inlined.get("script", &path, || {
                Ok(escape_script(&std::fs::read_to_string(
                    inputs.site_dir.join(&path),
                )?))
            });
            match js {
                Ok(js) => {
                    state.script_hashes.push(js.hash.clone());
                    let inline = format!("<script>{}</script>", js.text);
                    if el.has_attribute("defer") || el.has_attribute("async") {
                        state.deferred.push(inline);
                        el.remove();
                    } else {
                        el.replace(&inline, ContentType::Html);
                    }
                }
                Err(err) => state.problems.push(format!("{}: {err}", path.display())),
            }
            Ok(())
        }))
        .append_element_content_handler(element!("img[src]", |el: &mut Element| {
            let src = el.get_attribute("src").unwrap_or_default();
            if let Some(path) = local_file(&folder, &src) {
                match data_url(&inputs.site_dir.join(&path)) {
                    Ok(url) => {
                        el.set_attribute("src", &url)?;
                        el.remove_attribute("srcset");
                    }
                    Err(err) => s_img
                        .borrow_mut()
                        .problems
                        .push(format!("{}: {err}", path.display())),
                }
            }
            Ok(())
        }))
        .append_element_content_handler(element!("a[href]", |el: &mut Element| {
            rewrite_link(el, &folder, inputs)
        }))
        .append_element_content_handler(element!("main", |el: &mut Element| {
            el.prepend(inputs.notice, ContentType::Html);
            Ok(())
        }))
        .append_element_content_handler(element!("body", move |el: &mut Element| {
            let state = s_body.clone();
            let check = inputs
                .inlined
                .get("check", Path::new(""), || {
                    Ok(escape_script(inputs.check_script))
                })
                .expect("made from text, not read");
            el.on_end_tag(end_tag!(move |end: &mut EndTag| {
                let mut state = state.borrow_mut();
                state.script_hashes.push(check.hash.clone());
                let scripts = state.deferred.join("\n");
                end.before(
                    &format!("{scripts}\n<script>{}</script>\n", check.text),
                    ContentType::Html,
                );
                Ok(())
            }))
        }));
    let rewritten = rewrite_str(html, settings).map_err(|e| vec![e.to_string()])?;
    let state = std::mem::take(&mut *state.borrow_mut());
    if !state.problems.is_empty() {
        return Err(state.problems);
    }
    let policy = policy(&state.script_hashes, &state.style_hashes);
    Ok(rewritten.replacen(POLICY_PLACEHOLDER, &policy, 1))
}

/// The copy's Content-Security-Policy: nothing from anywhere, but the inline scripts and
/// styles it was made with (by hash), wasm for the wizard, and `data:` images.
fn policy(scripts: &[String], styles: &[String]) -> String {
    let list = |hashes: &[String]| {
        let mut unique: Vec<&String> = hashes.iter().collect();
        unique.sort();
        unique.dedup();
        unique
            .iter()
            .map(|h| format!("'{h}'"))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let styles = if styles.is_empty() {
        "'none'".to_string()
    } else {
        list(styles)
    };
    format!(
        "default-src 'none'; script-src {} 'wasm-unsafe-eval'; style-src {styles}; \
         img-src data:; base-uri 'none'; form-action 'none'",
        list(scripts)
    )
}

/// `sha256-…` of an inline script's or style's exact text, as CSP wants it.
pub fn hash(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    format!(
        "sha256-{}",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

/// Script text that cannot end its `<script>` element early. `<\/script` means the same to
/// JavaScript inside strings, regular expressions and comments, the only places it can be.
fn escape_script(js: &str) -> String {
    let mut out = String::with_capacity(js.len());
    let mut rest = js;
    while let Some(at) = find_ignore_case(rest, "</script") {
        out.push_str(&rest[..at]);
        out.push_str("<\\/");
        rest = &rest[at + 2..];
    }
    out.push_str(rest);
    out.replace("<!--", "<\\!--")
}

fn find_ignore_case(haystack: &str, needle: &str) -> Option<usize> {
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// A link's target as a file of the site, when it is one (not another site, mail, or `#`).
fn local_file(folder: &Path, url: &str) -> Option<PathBuf> {
    let url = url.trim();
    if url.is_empty() || url.starts_with('#') || url.starts_with('/') || has_scheme(url) {
        return None;
    }
    let path = url.split(['#', '?']).next().unwrap_or("");
    if path.is_empty() {
        return None;
    }
    let decoded = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
    links::normalise(&folder.join(decoded.as_ref()))
}

fn has_scheme(url: &str) -> bool {
    url.split_once(':').is_some_and(|(scheme, _)| {
        !scheme.is_empty()
            && !scheme.contains('/')
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    })
}

/// Links to other pages of the site: to the published site, or marked as not included.
fn rewrite_link(el: &mut Element, folder: &Path, inputs: &Inputs) -> lol_html::HandlerResult {
    let href = el.get_attribute("href").unwrap_or_default();
    let Some(path) = local_file(folder, &href) else {
        return Ok(());
    };
    let fragment = href.split_once('#').map(|(_, f)| f);
    if path == inputs.page {
        el.set_attribute("href", &format!("#{}", fragment.unwrap_or("main-content")))?;
        return Ok(());
    }
    el.remove_attribute("download");
    if let Some(site_url) = inputs.site_url {
        let mut absolute = format!("{site_url}/{}", links::url_path(&path));
        if let Some(fragment) = fragment {
            absolute.push('#');
            absolute.push_str(fragment);
        }
        el.set_attribute("href", &absolute)?;
        return Ok(());
    }
    // Not in this file and nowhere to send the reader: the words stay, the link goes.
    el.remove_attribute("href");
    el.set_tag_name("span")?;
    let is_site_name = el
        .get_attribute("class")
        .is_some_and(|c| c.split_whitespace().any(|c| c == "site-name"));
    if !is_site_name {
        el.set_attribute("class", "not-in-copy")?;
        el.after(
            "<span class=\"not-in-copy-note\"> (not included in this copy)</span>",
            ContentType::Html,
        );
    }
    Ok(())
}

/// A file as a `data:` URL.
fn data_url(path: &Path) -> std::io::Result<String> {
    let bytes = std::fs::read(path)?;
    Ok(format!(
        "data:{};base64,{}",
        media_type(path),
        base64::engine::general_purpose::STANDARD.encode(bytes)
    ))
}

fn media_type(path: &Path) -> &'static str {
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "svg" => "image/svg+xml",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        _ => "application/octet-stream",
    }
}

/// `url(…)` references to files of the site in a stylesheet, as `data:` URLs (a theme may
/// use a background image or a font). References that cannot be read are left as they are.
fn inline_css_urls(css: &str, css_path: &Path, site_dir: &Path) -> String {
    let folder = css_path.parent().unwrap_or(Path::new(""));
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(at) = rest.find("url(") {
        out.push_str(&rest[..at + 4]);
        rest = &rest[at + 4..];
        let Some(end) = rest.find(')') else { break };
        let raw = rest[..end].trim();
        let url = raw.trim_matches(|c| c == '"' || c == '\'');
        match local_file(folder, url).map(|p| data_url(&site_dir.join(p))) {
            Some(Ok(data)) => out.push_str(&format!("\"{data}\"")),
            _ => out.push_str(&rest[..end]),
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_cannot_close_their_element() {
        assert_eq!(
            escape_script("a = '</SCRIPT>'; <!-- b"),
            "a = '<\\/SCRIPT>'; <\\!-- b"
        );
    }

    #[test]
    fn local_files_are_told_from_other_links() {
        let folder = Path::new("travel");
        assert_eq!(
            local_file(folder, "../assets/style.css"),
            Some(PathBuf::from("assets/style.css"))
        );
        assert_eq!(
            local_file(folder, "my%20file.pdf#p2"),
            Some(PathBuf::from("travel/my file.pdf"))
        );
        for other in [
            "#top",
            "https://x.org/a.css",
            "mailto:a@b.c",
            "/gs/form.docx",
            "",
        ] {
            assert_eq!(local_file(folder, other), None, "{other}");
        }
        assert_eq!(local_file(folder, "../../etc/passwd"), None);
    }

    #[test]
    fn hashes_are_csp_sha256() {
        // echo -n "alert(1)" | openssl dgst -sha256 -binary | base64
        assert_eq!(
            hash("alert(1)"),
            "sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI="
        );
    }
}
