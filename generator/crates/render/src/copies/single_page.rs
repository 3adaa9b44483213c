//! One page as one self-contained HTML file, made from the built page: its styles, scripts
//! (the wizard's wasm is already inside a script) and images inlined, so the file alone, in
//! any folder, opened from disk with no network, shows the page and runs the wizard.
//!
//! The copy keeps a strict Content-Security-Policy: each inline script and style is allowed
//! by its SHA-256 hash (never `'unsafe-inline'`), images only as `data:` URLs. The site's
//! navigation and search are left out (the other pages are not in the file); links to other
//! pages of the site point at the published site when `site_url` is known, and otherwise
//! become plain text marked "not included in this copy".

use crate::copies::markers;
use base64::Engine;
use sha2::{Digest, Sha256};
use signpost_base::html_scan::{self, StartTag, Token};
use std::path::{Path, PathBuf};

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

/// A style, script or icon ready to inline: its text and its CSP hash.
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

/// Parts of the site page a single-page copy leaves out, for templates without the
/// `signpost:online` markers (see [`crate::copies::markers`]).
fn left_out(tag: &StartTag) -> bool {
    (tag.is("form") && tag.has_class("site-search"))
        || (tag.is("nav") && (tag.has_class("site-nav") || tag.has_class("breadcrumbs")))
        // Any element can be the download links: looked at closely only when it might be.
        || (memchr::memmem::find(tag.raw.as_bytes(), b"copy-links").is_some()
            && tag.has_class("copy-links"))
        || (tag.is("script") && tag.get("src").is_some_and(|s| s.ends_with("search.js")))
}

/// The copy as it is written, and what it has found out so far.
struct Copy<'a> {
    inputs: &'a Inputs<'a>,
    folder: PathBuf,
    out: String,
    /// Deferred scripts, run (as `defer` would) after the document has been parsed.
    deferred: Vec<String>,
    script_hashes: Vec<String>,
    style_hashes: Vec<String>,
    problems: Vec<String>,
    /// Where the Content-Security-Policy goes in `out`, once its place is written: the
    /// policy itself is known only at the end, from the hashes.
    policy_at: Option<usize>,
    /// For each open `a`: what to write for its end tag, if not `</a>`.
    links: Vec<Option<&'static str>>,
}

/// Makes the single-file copy of the page `html`. Fails (with the reasons) when a file the
/// page uses cannot be read.
pub fn make(html: &str, inputs: &Inputs) -> Result<String, Vec<String>> {
    // Cut what the copy leaves out first: the navigation alone is a good part of a page.
    let html = markers::remove(html, &[markers::ONLINE, markers::COPY_LINKS]);
    let mut copy = Copy {
        inputs,
        folder: inputs.page.parent().unwrap_or(Path::new("")).to_path_buf(),
        out: String::with_capacity(html.len() * 2),
        deferred: Vec::new(),
        script_hashes: Vec::new(),
        style_hashes: Vec::new(),
        problems: Vec::new(),
        policy_at: None,
        links: Vec::new(),
    };
    let mut tokens = html_scan::tokens(&html);
    while let Some(token) = tokens.next() {
        match token {
            Token::Start(tag) if left_out(&tag) => html_scan::skip_element(&mut tokens, &tag),
            Token::Start(tag) => copy.start_tag(&tag, &mut tokens),
            Token::End { name, raw } => copy.end_tag(name, raw),
            Token::Text(text) | Token::Other(text) | Token::RawText(text) => {
                copy.out.push_str(text);
            }
        }
    }
    if !copy.problems.is_empty() {
        return Err(copy.problems);
    }
    let mut out = copy.out;
    if let Some(at) = copy.policy_at {
        out.insert_str(at, &policy(&copy.script_hashes, &copy.style_hashes));
    }
    Ok(out)
}

impl Copy<'_> {
    /// The copy's own `<meta>` elements, with a place for its policy.
    fn write_meta(&mut self) {
        self.out
            .push_str("\n<meta http-equiv=\"Content-Security-Policy\" content=\"");
        self.policy_at = Some(self.out.len());
        self.out
            .push_str("\">\n<meta name=\"robots\" content=\"noindex\">");
    }

    fn start_tag(&mut self, tag: &StartTag, tokens: &mut html_scan::Tokens) {
        let inputs = self.inputs;
        if tag.is("meta") {
            if tag
                .get("http-equiv")
                .is_some_and(|h| h.eq_ignore_ascii_case("content-security-policy"))
            {
                return;
            }
            self.out.push_str(tag.raw);
            if tag.has("charset") && self.policy_at.is_none() {
                self.write_meta();
            }
        } else if tag.is("link") {
            self.link(tag);
        } else if tag.is("script") && tag.has("src") {
            self.script(tag, tokens);
        } else if tag.is("img") {
            self.image(tag);
        } else if tag.is("a") {
            self.anchor(tag);
        } else if tag.is("main") {
            self.out.push_str(tag.raw);
            self.out.push_str(inputs.notice);
        } else {
            self.out.push_str(tag.raw);
        }
    }

    fn end_tag(&mut self, name: &str, raw: &str) {
        if name.eq_ignore_ascii_case("a") {
            match self.links.pop().flatten() {
                Some(end) => self.out.push_str(end),
                None => self.out.push_str(raw),
            }
            return;
        }
        if name.eq_ignore_ascii_case("head") && self.policy_at.is_none() {
            self.write_meta();
        }
        if name.eq_ignore_ascii_case("body") {
            let check = self
                .inputs
                .inlined
                .get("check", Path::new(""), || {
                    Ok(escape_script(self.inputs.check_script))
                })
                .expect("made from text, not read");
            self.script_hashes.push(check.hash.clone());
            for script in self.deferred.drain(..) {
                self.out.push_str(&script);
                self.out.push('\n');
            }
            self.out.push_str("<script>");
            self.out.push_str(&check.text);
            self.out.push_str("</script>\n");
        }
        self.out.push_str(raw);
    }

    /// Stylesheets are inlined; an icon becomes a `data:` URL; other links to files of the
    /// site (feeds, manifests) mean nothing in a single file.
    fn link(&mut self, tag: &StartTag) {
        let Some(path) = tag.get("href").and_then(|h| local_file(&self.folder, h)) else {
            self.out.push_str(tag.raw);
            return;
        };
        let rel = tag.get("rel").unwrap_or_default().to_ascii_lowercase();
        let rel = |name: &str| rel.split_ascii_whitespace().any(|r| r == name);
        if rel("stylesheet") {
            let site_dir = self.inputs.site_dir;
            let css = self.inputs.inlined.get("style", &path, || {
                let css = std::fs::read_to_string(site_dir.join(&path))?;
                Ok(inline_css_urls(&css, &path, site_dir).replace("</style", "<\\/style"))
            });
            match css {
                Ok(css) => {
                    self.style_hashes.push(css.hash.clone());
                    self.out.push_str("<style>");
                    self.out.push_str(&css.text);
                    self.out.push_str("</style>");
                }
                Err(err) => self.problems.push(format!("{}: {err}", path.display())),
            }
        } else if rel("icon") {
            let site_dir = self.inputs.site_dir;
            let icon = self
                .inputs
                .inlined
                .get("icon", &path, || data_url(&site_dir.join(&path)));
            match icon {
                Ok(icon) => write_with(&mut self.out, tag, &[("href", Some(&icon.text))]),
                Err(err) => self.problems.push(format!("{}: {err}", path.display())),
            }
        }
    }

    fn script(&mut self, tag: &StartTag, tokens: &mut html_scan::Tokens) {
        let Some(path) = tag.get("src").and_then(|s| local_file(&self.folder, s)) else {
            self.out.push_str(tag.raw);
            return;
        };
        // The element's own (empty) content and end tag go with it.
        for token in tokens.by_ref() {
            if matches!(token, Token::End { name, .. } if name.eq_ignore_ascii_case("script")) {
                break;
            }
        }
        let site_dir = self.inputs.site_dir;
        let js = self.inputs.inlined.get("script", &path, || {
            Ok(escape_script(&std::fs::read_to_string(
                site_dir.join(&path),
            )?))
        });
        match js {
            Ok(js) => {
                self.script_hashes.push(js.hash.clone());
                if tag.has("defer") || tag.has("async") {
                    self.deferred.push(format!("<script>{}</script>", js.text));
                } else {
                    self.out.push_str("<script>");
                    self.out.push_str(&js.text);
                    self.out.push_str("</script>");
                }
            }
            Err(err) => self.problems.push(format!("{}: {err}", path.display())),
        }
    }

    fn image(&mut self, tag: &StartTag) {
        let Some(path) = tag.get("src").and_then(|s| local_file(&self.folder, s)) else {
            self.out.push_str(tag.raw);
            return;
        };
        match data_url(&self.inputs.site_dir.join(&path)) {
            Ok(url) => write_with(&mut self.out, tag, &[("src", Some(&url)), ("srcset", None)]),
            // A broken image link, reported by the link check; a build that keeps going
            // past it shows it broken in the copy too.
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => self.out.push_str(tag.raw),
            Err(err) => self.problems.push(format!("{}: {err}", path.display())),
        }
    }

    /// Links to other pages of the site: to the published site, or marked as not included.
    fn anchor(&mut self, tag: &StartTag) {
        let inputs = self.inputs;
        let href = tag.get("href").unwrap_or_default();
        let Some(path) = tag.get("href").and_then(|h| local_file(&self.folder, h)) else {
            self.links.push(None);
            self.out.push_str(tag.raw);
            return;
        };
        let fragment = href.split_once('#').map(|(_, f)| f);
        if path == inputs.page {
            let href = format!("#{}", fragment.unwrap_or("main-content"));
            write_with(&mut self.out, tag, &[("href", Some(&href))]);
            self.links.push(None);
            return;
        }
        if let Some(site_url) = inputs.site_url {
            let mut absolute = format!("{site_url}/{}", signpost_base::url_path::url_path(&path));
            if let Some(fragment) = fragment {
                absolute.push('#');
                absolute.push_str(fragment);
            }
            write_with(
                &mut self.out,
                tag,
                &[("href", Some(&absolute)), ("download", None)],
            );
            self.links.push(None);
            return;
        }
        // Not in this file and nowhere to send the reader: the words stay, the link goes.
        let attributes = tag
            .attributes()
            .iter()
            .filter(|a| {
                !["href", "download", "class"]
                    .iter()
                    .any(|n| a.name.eq_ignore_ascii_case(n))
            })
            .map(|a| (a.name, a.value.as_deref()));
        if tag.has_class("site-name") {
            html_scan::write_start_tag(
                &mut self.out,
                "span",
                [("class", Some("site-name"))].into_iter().chain(attributes),
            );
            self.links.push(Some("</span>"));
        } else {
            html_scan::write_start_tag(
                &mut self.out,
                "span",
                [("class", Some("not-in-copy"))]
                    .into_iter()
                    .chain(attributes),
            );
            self.links.push(Some(
                "</span><span class=\"not-in-copy-note\"> (not included in this copy)</span>",
            ));
        }
    }
}

/// Writes `tag` with `changes`: each a new value, or `None` to drop the attribute.
fn write_with(out: &mut String, tag: &StartTag, changes: &[(&str, Option<&str>)]) {
    let changed = |name: &str| changes.iter().find(|(n, _)| n.eq_ignore_ascii_case(name));
    let mut attributes: Vec<(&str, Option<&str>)> = tag
        .attributes()
        .iter()
        .filter_map(|a| match changed(a.name) {
            Some((_, Some(value))) => Some((a.name, Some(*value))),
            Some((_, None)) => None,
            None => Some((a.name, a.value.as_deref())),
        })
        .collect();
    for (name, value) in changes {
        if value.is_some() && !tag.has(name) {
            attributes.push((name, *value));
        }
    }
    html_scan::write_start_tag(out, tag.name, attributes);
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
    while let Some(at) = html_scan::find_ignore_case(rest, "</script") {
        out.push_str(&rest[..at]);
        out.push_str("<\\/");
        rest = &rest[at + 2..];
    }
    out.push_str(rest);
    out.replace("<!--", "<\\!--")
}

/// A link's target as a file of the site, when it is one (not another site, mail, or `#`).
fn local_file(folder: &Path, url: &str) -> Option<PathBuf> {
    let url = url.trim();
    if url.is_empty()
        || url.starts_with('#')
        || url.starts_with('/')
        || signpost_base::url_path::scheme_of(url).is_some()
    {
        return None;
    }
    let path = url.split(['#', '?']).next().unwrap_or("");
    if path.is_empty() {
        return None;
    }
    let decoded = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
    signpost_base::url_path::normalise(&folder.join(decoded.as_ref()))
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
