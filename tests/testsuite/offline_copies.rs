//! "Take a copy": the site zip (what is in it, and that it works wherever it is unzipped),
//! the single-page copies (self-contained, with a Content-Security-Policy whose hashes match
//! their inline scripts and styles), and the dates every copy gives for trusting it.

use crate::support;
use base64::Engine;
use sha2::{Digest, Sha256};
use std::io::Read;
use std::path::{Path, PathBuf};
use support::*;

const TODAY: &str = "2026-11-20";
const OVERSEAS: &str = "travel/accessing-it-systems-from-overseas";

fn built_with(site_yaml_extra: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let content = dir.path().join("content");
    copy_tree(&workspace().join("content"), &content);
    if !site_yaml_extra.is_empty() {
        let yaml = content.join("site.yaml");
        let text = std::fs::read_to_string(&yaml).unwrap();
        std::fs::write(&yaml, format!("{text}\n{site_yaml_extra}\n")).unwrap();
    }
    let out = dir.path().join("public");
    build(&content, &out, TODAY).assert_ok();
    (dir, out)
}

fn built() -> (tempfile::TempDir, PathBuf) {
    built_with("")
}

/// The zip's entries: name -> bytes.
fn zip_entries(path: &Path) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut file = archive.by_index(i).unwrap();
            let mut bytes = Vec::new();
            file.read_to_end(&mut bytes).unwrap();
            (file.name().to_string(), bytes)
        })
        .collect()
}

fn sha256(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

/// The text of every `<tag>…</tag>` with no attributes (the copies' inline scripts/styles).
fn inline(html: &str, tag: &str) -> Vec<String> {
    let open = format!("<{tag}>");
    let close = format!("</{tag}>");
    html.split(&open)
        .skip(1)
        .map(|rest| rest.split(&close).next().unwrap().to_string())
        .collect()
}

fn policy(html: &str) -> String {
    let start = html
        .find("<meta http-equiv=\"Content-Security-Policy\" content=\"")
        .expect("a CSP meta")
        + "<meta http-equiv=\"Content-Security-Policy\" content=\"".len();
    html[start..][..html[start..].find('"').unwrap()].to_string()
}

fn directive<'a>(policy: &'a str, name: &str) -> Vec<&'a str> {
    policy
        .split(';')
        .map(str::trim)
        .find_map(|d| d.strip_prefix(name))
        .unwrap_or_else(|| panic!("no {name} in {policy}"))
        .split_whitespace()
        .collect()
}

#[test]
fn the_site_zip_holds_the_site_in_one_dated_folder() {
    let (_dir, out) = built();
    let zip = out.join("it-security-guidance.zip");
    assert!(zip.is_file());
    let entries = zip_entries(&zip);
    let names: Vec<&str> = entries.iter().map(|(n, _)| n.as_str()).collect();
    let folder = "it-security-guidance-2026-11-20/";
    assert!(names.iter().all(|n| n.starts_with(folder)), "{names:?}");
    for wanted in [
        "index.html",
        "search.html",
        "travel/accessing-it-systems-from-overseas.html",
        "assets/style.css",
        "assets/search.js",
        "assets/search-index.js",
        "assets/copy-check.js",
        "assets/wizard/wizard-wasm.js",
    ] {
        assert!(
            names.contains(&format!("{folder}{wanted}").as_str()),
            "no {wanted}"
        );
    }
    for unwanted in [".offline.html", ".zip", ".signpost-output"] {
        assert!(
            !names.iter().any(|n| n.ends_with(unwanted)),
            "{unwanted} in the zip"
        );
    }
    // Pages say they are a copy, run the date check by a relative path, and offer no downloads.
    for (name, bytes) in entries.iter().filter(|(n, _)| n.ends_with(".html")) {
        let html = String::from_utf8(bytes.clone()).unwrap();
        let depth = name.matches('/').count() - 1;
        let script = format!(
            "<script src=\"{}assets/copy-check.js\" defer></script>",
            "../".repeat(depth)
        );
        assert!(html.contains(&script), "{name} lacks {script}");
        assert!(html.contains("class=\"copy-notice\""), "{name}");
        assert!(!html.contains(" download="), "{name} offers a download");
    }
}

#[test]
fn the_unzipped_site_has_no_broken_links() {
    let (dir, out) = built();
    let unzipped = dir.path().join("unzipped");
    zip::ZipArchive::new(std::fs::File::open(out.join("it-security-guidance.zip")).unwrap())
        .unwrap()
        .extract(&unzipped)
        .unwrap();
    let site = unzipped.join("it-security-guidance-2026-11-20");
    assert!(site.join("index.html").is_file());
    let broken = broken_links(&site);
    assert!(broken.is_empty(), "{broken:#?}");
}

#[test]
fn the_same_site_makes_the_same_zip() {
    let (_a, first) = built();
    let (_b, second) = built();
    assert_eq!(
        std::fs::read(first.join("it-security-guidance.zip")).unwrap(),
        std::fs::read(second.join("it-security-guidance.zip")).unwrap()
    );
}

#[test]
fn pages_link_to_their_copies_for_download() {
    let (_dir, out) = built();
    let home = read(&out, "index.html");
    assert!(
        home.contains("<a href=\"it-security-guidance.zip\" download=\"it-security-guidance-2026-11-20.zip\">Download the whole site</a> (ZIP, "),
        "{home}"
    );
    let page = read(&out, &format!("{OVERSEAS}.html"));
    assert!(page.contains(
        "<a href=\"accessing-it-systems-from-overseas.offline.html\" download=\"accessing-it-systems-from-overseas-2026-11-20.html\">Download this page</a> to read it offline (HTML, "
    ));
    // Replaced guidance is kept for reference, not offered to take away.
    assert!(
        !read(&out, "travel/taking-it-equipment-abroad-2018.html").contains("Download this page")
    );
    assert!(
        !out.join("travel/taking-it-equipment-abroad-2018.offline.html")
            .exists()
    );
    // Section and home pages are lists, not guidance to carry.
    assert!(!out.join("travel/index.offline.html").exists());
}

#[test]
fn a_single_page_copy_needs_no_other_file() {
    let (_dir, out) = built();
    let html = read(&out, &format!("{OVERSEAS}.offline.html"));
    for attribute in ["src", "href"] {
        for value in attribute_values(&html, attribute) {
            let allowed = value.starts_with('#')
                || value.starts_with("data:")
                || value.starts_with("https://")
                || value.starts_with("http://")
                || value.starts_with("mailto:")
                || value.starts_with("tel:");
            assert!(allowed, "{attribute}=\"{value}\" needs another file");
        }
    }
    assert!(!html.contains("<link rel=\"stylesheet\""));
    assert!(
        !html.contains("class=\"site-search\""),
        "no search in a one-page copy"
    );
    assert!(!html.contains("class=\"site-nav\""), "no site navigation");
    // Styles, the wizard (glue, wasm, loader) and the contacts are all in the file.
    assert!(html.contains("--focus: #ffdd00"), "the theme's styles");
    assert!(
        html.contains("self.SIGNPOST_WIZARD_WASM_"),
        "the wizard's wasm"
    );
    assert!(html.contains("wasm_bindgen"), "the wizard's glue");
    assert!(
        html.contains("id=\"signpost-flow-overseas-travel\""),
        "the flow"
    );
    assert!(
        html.contains("mailto:security@justice.gov.uk"),
        "the contacts"
    );
    // Other pages of the site are not in it and there is no site address: marked so.
    assert!(html.contains(
        "<span class=\"not-in-copy\">General advice on taking equipment overseas</span><span class=\"not-in-copy-note\"> (not included in this copy)</span>"
    ));
}

#[test]
fn a_single_page_copys_policy_allows_exactly_its_inline_scripts_and_styles() {
    let (_dir, out) = built();
    for page in [
        "travel/accessing-it-systems-from-overseas",
        "devices/using-your-own-device",
    ] {
        let html = read(&out, &format!("{page}.offline.html"));
        let policy = policy(&html);
        assert!(!policy.contains("'unsafe-inline'") && !policy.contains("'unsafe-eval'"));
        assert!(policy.starts_with("default-src 'none';"), "{policy}");
        let scripts: Vec<String> = inline(&html, "script").iter().map(|s| sha256(s)).collect();
        let styles: Vec<String> = inline(&html, "style").iter().map(|s| sha256(s)).collect();
        assert!(scripts.len() >= 2 && !styles.is_empty());
        let script_src = directive(&policy, "script-src");
        let style_src = directive(&policy, "style-src");
        for hash in &scripts {
            assert!(
                script_src.contains(&hash.as_str()),
                "{page}: {hash} not in {policy}"
            );
        }
        for hash in &styles {
            assert!(
                style_src.contains(&hash.as_str()),
                "{page}: {hash} not in {policy}"
            );
        }
        let mut unique = scripts.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(script_src.len(), unique.len() + 1, "only those, and wasm");
        assert!(script_src.contains(&"'wasm-unsafe-eval'"));
        // The policy comes before anything it governs.
        assert!(html.find("Content-Security-Policy").unwrap() < html.find("<style>").unwrap());
    }
}

/// The `data-copy-valid-until` date of a page, and whether its out-of-date banner shows
/// without JavaScript.
fn valid_until(html: &str) -> (String, bool) {
    let at = html
        .find("data-copy-valid-until=\"")
        .expect("a copy notice")
        + 23;
    let date = html[at..at + 10].to_string();
    let expired = !html.contains("data-copy-expired hidden");
    (date, expired)
}

#[test]
fn copies_are_trusted_for_copy_valid_days_or_until_the_earliest_review_date() {
    // Default: 90 days, sooner than the overseas page's review date (31 May 2027).
    let (_dir, out) = built();
    let page = read(&out, &format!("{OVERSEAS}.offline.html"));
    assert_eq!(valid_until(&page), ("2027-02-18".to_string(), false));
    assert!(page.contains("made on <time datetime=\"2026-11-20\">20 November 2026</time>. Trust it until <time datetime=\"2027-02-18\">18 February 2027</time>"));
    // A page already past its review date: out of date from the start, and it says so.
    let old = read(
        &out,
        "travel/general-advice-on-taking-equipment-abroad.offline.html",
    );
    assert_eq!(valid_until(&old), ("2018-07-31".to_string(), true));
    // It says so, and gives no "trust until" date gone by.
    assert!(old.contains("The page was already past its review date, <time datetime=\"2018-07-31\">31 July 2018</time>, when the copy was made"));
    assert!(!old.contains("Trust it until"));
    assert!(!old.contains("trusted until"));
    let online = read(
        &out,
        "travel/general-advice-on-taking-equipment-abroad.html",
    );
    assert!(online.contains("this page is past its review date, <time datetime=\"2018-07-31\">31 July 2018</time>, so check with its owner before relying on a copy"));
    assert!(!online.contains("trust the copy until"));
    // The site zip: its in-date pages' earliest review date, or 90 days.
    let zip = zip_entries(&out.join("it-security-guidance.zip"));
    let (_, index) = zip
        .iter()
        .find(|(n, _)| n.ends_with("/index.html"))
        .unwrap();
    let index = String::from_utf8(index.clone()).unwrap();
    assert_eq!(valid_until(&index), ("2027-02-18".to_string(), false));
    assert!(index.contains(
        "Pages that were already past their review date when it was made say so at their top."
    ));
    assert!(
        read(&out, "index.html")
            .contains("Trust it until <time datetime=\"2027-02-18\">18 February 2027</time>")
    );

    // A year's setting: the review date comes first.
    let (_dir, out) = built_with("copy_valid_days: 365");
    let page = read(&out, &format!("{OVERSEAS}.offline.html"));
    assert_eq!(valid_until(&page).0, "2027-05-31");
    let zip = zip_entries(&out.join("it-security-guidance.zip"));
    let (_, index) = zip
        .iter()
        .find(|(n, _)| n.ends_with("/index.html"))
        .unwrap();
    assert_eq!(
        valid_until(&String::from_utf8(index.clone()).unwrap()).0,
        "2027-05-31"
    );
}

#[test]
fn with_a_site_url_copies_link_back_to_the_published_site() {
    let (_dir, out) = built_with("site_url: https://guidance.example.org/");
    let html = read(&out, &format!("{OVERSEAS}.offline.html"));
    assert!(html.contains(
        "<a href=\"https://guidance.example.org/travel/general-advice-on-taking-equipment-abroad.html\">"
    ));
    assert!(html.contains("get a new copy from <a href=\"https://guidance.example.org\">"));
    assert!(!html.contains("class=\"not-in-copy\""));
    assert!(
        html.contains("<a class=\"site-name\" href=\"https://guidance.example.org/index.html\">")
    );
}

#[test]
fn copy_settings_are_checked() {
    for (setting, message) in [
        (
            "copy_valid_days: 0",
            "`copy_valid_days` must be a whole number of days",
        ),
        (
            "copy_valid_days: soon",
            "`copy_valid_days` must be a whole number of days",
        ),
        ("site_url: intranet", "`site_url` must be a web address"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let content = dir.path().join("content");
        write_site(
            &content,
            &[
                ("index.md", "# Home\n"),
                ("site.yaml", &format!("name: Test\n{setting}\n")),
            ],
        );
        let run = build(&content, &dir.path().join("public"), TODAY);
        run.assert_failed();
        assert!(
            run.stderr().contains(message),
            "{setting}: {}",
            run.stderr()
        );
        assert!(
            run.stderr().contains("site.yaml:2"),
            "{setting}: {}",
            run.stderr()
        );
    }
}

#[test]
fn a_site_can_turn_offline_copies_off() {
    let (_dir, out) = built_with("offline_copies: false");
    let files: Vec<String> = walk(&out)
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    assert!(!files.iter().any(|f| f.ends_with(".zip")), "no site zip");
    assert!(
        !files.iter().any(|f| f.ends_with(".offline.html")),
        "no page copies"
    );
    assert!(
        !read(&out, "index.html").contains(" download="),
        "no download link on the home page"
    );
    assert!(
        !read(&out, &format!("{OVERSEAS}.html")).contains(" download="),
        "no download link on a page"
    );
    assert!(broken_links(&out).is_empty(), "{:?}", broken_links(&out));
}

/// A site's own layout without the `signpost:` markers (say, written before they existed)
/// still gets single-page copies without the parts that need the rest of the site.
#[test]
fn a_layout_without_the_markers_still_makes_clean_copies() {
    let dir = tempfile::tempdir().expect("temp dir");
    let content = dir.path().join("content");
    copy_tree(&workspace().join("content"), &content);
    let base = std::fs::read_to_string(workspace().join("theme/templates/base.html")).unwrap();
    let unmarked = base
        .replace("<!--signpost:online-->", "")
        .replace("<!--/signpost:online-->", "");
    assert_ne!(unmarked, base, "the theme's layout has the markers");
    std::fs::create_dir_all(content.join("templates")).unwrap();
    std::fs::write(content.join("templates/base.html"), unmarked).unwrap();
    let out = dir.path().join("public");
    build(&content, &out, TODAY).assert_ok();

    let page = read(&out, &format!("{OVERSEAS}.html"));
    assert!(page.contains("class=\"site-nav\"") && !page.contains("signpost:online"));
    let copy = read(&out, &format!("{OVERSEAS}.offline.html"));
    for left_out in [
        "class=\"site-nav\"",
        "class=\"site-search\"",
        "class=\"breadcrumbs\"",
        "search.js\"",
        "class=\"copy-links\"",
    ] {
        assert!(!copy.contains(left_out), "the copy has {left_out}");
    }
    assert!(copy.contains("class=\"copy-notice\""));
}
