//! Builds the real site from `content/` and checks what readers see.

use crate::support;
use std::path::Path;
use support::*;

fn built() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("public");
    build(&workspace().join("content"), &out, "2026-11-22").assert_ok();
    (dir, out)
}

const GUIDANCE: &[(&str, &str)] = &[
    (
        "travel/accessing-it-systems-from-overseas.html",
        "Accessing MoJ IT systems from overseas",
    ),
    (
        "travel/general-advice-on-taking-equipment-abroad.html",
        "General advice on taking equipment abroad",
    ),
    (
        "travel/taking-it-equipment-abroad-2018.html",
        "Taking IT equipment abroad (business or personal)",
    ),
    (
        "devices/mobile-devices-and-remote-working-policy.html",
        "Mobile Devices and Remote Working Policy",
    ),
    (
        "devices/using-your-own-device.html",
        "Using your own smartphone, laptop, tablet or PC for work",
    ),
];

#[test]
fn the_five_guidance_pages_and_the_home_page_are_built() {
    let (_dir, out) = built();
    let home = read(&out, "index.html");
    for (path, title) in GUIDANCE {
        let html = read(&out, path);
        assert!(
            html.contains(&format!("<h1>{}</h1>", html_escape(title))),
            "{path} has no h1 `{title}`"
        );
        assert_eq!(
            html.matches("<h1").count(),
            1,
            "{path} has more than one h1"
        );
        assert!(html.contains("<title>"), "{path}");
    }
    // The home page introduces the guidance and lists every current page.
    assert!(home.contains("All guidance"));
    for (path, title) in GUIDANCE.iter().filter(|(p, _)| !p.contains("2018")) {
        assert!(
            home.contains(&format!("href=\"{path}\"")),
            "home does not link {path}"
        );
        assert!(home.contains(&html_escape(title)));
    }
}

#[test]
fn every_guidance_page_has_owner_review_and_feedback() {
    let (_dir, out) = built();
    for (path, title) in GUIDANCE {
        let html = read(&out, path);
        assert!(html.contains("About this page"), "{path}");
        assert!(
            html.contains("<dt>Owner</dt><dd>CISO"),
            "{path} does not show its owner"
        );
        assert!(
            html.contains("<dt>Review by</dt><dd><time datetime=\""),
            "{path} has no review-by date"
        );
        assert!(
            html.contains("<dt>Last reviewed</dt><dd><time"),
            "{path} has no last-reviewed date"
        );
        // mailto with the page title in the subject; the four rating mailtos are off (the
        // site names no `feedback_ratings`), since they do nothing without a mail program.
        let subject = format!("subject=Feedback%3A%20{}", title.split(' ').next().unwrap());
        assert!(
            html.contains(&subject),
            "{path} has no feedback mailto with its title"
        );
        for label in ["Very unhelpful", "Unhelpful", "Helpful", "Very helpful"] {
            assert!(
                !html.contains(&format!(">{label}<span")),
                "{path} has the `{label}` link"
            );
        }
    }
}

#[test]
fn legacy_front_matter_spellings_still_work() {
    // devices/mobile-devices-and-remote-working-policy.md keeps `Review:` and `Owner:`.
    let (_dir, out) = built();
    let html = read(
        &out,
        "devices/mobile-devices-and-remote-working-policy.html",
    );
    assert!(html.contains("<time datetime=\"2021-12-31\">31 December 2021</time>"));
}

#[test]
fn pages_past_review_say_so_and_the_browser_rechecks_the_rest() {
    let (_dir, out) = built();
    let old = read(
        &out,
        "devices/mobile-devices-and-remote-working-policy.html",
    );
    assert!(
        old.contains("<div class=\"banner banner-review\" data-review-by=\"2021-12-31\">"),
        "overdue notice is shown"
    );
    let current = read(&out, "travel/accessing-it-systems-from-overseas.html");
    assert!(
        current.contains("data-review-by=\"2027-05-31\" hidden"),
        "in-date notice is hidden until the browser says otherwise"
    );
    assert!(current.contains("assets/signpost.js"));
    assert!(out.join("assets/signpost.js").is_file());
}

#[test]
fn the_2018_page_is_superseded_and_left_out_of_navigation() {
    let (_dir, out) = built();
    let old = read(&out, "travel/taking-it-equipment-abroad-2018.html");
    assert!(old.contains("This guidance has been replaced"));
    assert!(old.contains("<a href=\"../travel/accessing-it-systems-from-overseas.html\">Accessing MoJ IT systems from overseas</a>"));
    let current = read(&out, "travel/accessing-it-systems-from-overseas.html");
    let nav = &current[current.find("class=\"site-nav\"").expect("nav")..];
    assert!(
        !nav.contains("2018"),
        "superseded page is in the navigation"
    );
    let section = read(&out, "travel/index.html");
    assert!(section.contains("Replaced guidance"));
}

#[test]
fn every_internal_link_and_anchor_resolves() {
    let (_dir, out) = built();
    let problems = broken_links(&out);
    assert!(
        problems.is_empty(),
        "broken links:\n{}",
        problems.join("\n")
    );
}

#[test]
fn no_rooted_urls_and_no_inline_script() {
    let (_dir, out) = built();
    for page in html_files(&out) {
        if page.to_string_lossy().ends_with(".offline.html") {
            // One-page copies inline everything under their own hash-based policy
            // (tests/offline_copies.rs).
            continue;
        }
        let html = read(&out, page.to_str().unwrap());
        for url in attribute_values(&html, "href")
            .into_iter()
            .chain(attribute_values(&html, "src"))
        {
            assert!(
                !url.starts_with('/'),
                "{}: rooted URL `{url}`",
                page.display()
            );
        }
        assert!(
            html.contains("content=\"default-src 'self'; script-src 'self' 'wasm-unsafe-eval'\""),
            "{}: no CSP",
            page.display()
        );
        for script in html.split("<script").skip(1) {
            let tag = &script[..script.find('>').expect("closed tag")];
            let body_end = script.find("</script>").expect("closed script");
            let is_data = tag.contains("type=\"application/json\"");
            assert!(
                tag.contains(" src=\"") || is_data,
                "{}: inline script `<script{tag}>`",
                page.display()
            );
            if !is_data {
                assert_eq!(
                    &script[tag.len() + 1..body_end],
                    "",
                    "{}: script with a body",
                    page.display()
                );
            }
        }
        for handler in [" onclick=", " onload=", " onerror=", "javascript:"] {
            assert!(
                !html.contains(handler),
                "{}: inline script via `{handler}`",
                page.display()
            );
        }
    }
}

#[test]
fn intranet_links_resolve_against_the_link_origin() {
    let (_dir, out) = built();
    let html = read(&out, "travel/accessing-it-systems-from-overseas.html");
    assert!(html.contains("href=\"https://intranet.justice.gov.uk/gs/overseas-travel-form.docx\""));
}

#[test]
fn contacts_are_text_not_remote_images() {
    let (_dir, out) = built();
    for page in html_files(&out) {
        let html = read(&out, page.to_str().unwrap());
        for src in attribute_values(&html, "src") {
            assert!(
                !src.contains("://"),
                "{}: remote resource {src}",
                page.display()
            );
        }
    }
    let html = read(
        &out,
        "travel/general-advice-on-taking-equipment-abroad.html",
    );
    assert!(html.contains("0800 917 5148"));
}

#[test]
fn headings_have_github_style_ids() {
    let (_dir, out) = built();
    let html = read(&out, "travel/accessing-it-systems-from-overseas.html");
    assert!(html.contains("id=\"part-two\""));
    assert!(html.contains("href=\"#part-two\""));
}

#[test]
fn the_output_is_marked_as_signposts() {
    let (_dir, out) = built();
    assert!(out.join(".signpost-output").is_file());
    assert!(
        !Path::new(&out).join("data").exists(),
        "data files are not published as pages"
    );
}

fn html_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('\'', "&#x27;")
}
