//! Real sites move in (issue 13): two guidance sites as their owners keep them, in
//! `../shared/real-sites/` (a Jekyll site and a GOV.UK tech-docs site), copied as they are
//! to a temporary folder and built. Plus small sites for each way of writing they use.

use crate::support;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use support::*;

const TODAY: &str = "2026-12-05";

/// A copy of a real site in a temporary folder, or `None` (with a message) when the real
/// sites are not beside the repository.
fn real_site(name: &str) -> Option<(tempfile::TempDir, PathBuf)> {
    let from = workspace().join("../shared/real-sites").join(name);
    if !from.is_dir() {
        eprintln!(
            "SKIPPED: {} is not there (the real sites are kept beside the repository, in ../shared/real-sites/)",
            from.display()
        );
        return None;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let to = dir.path().join(name);
    copy_tree(&from, &to);
    Some((dir, to))
}

fn run(args: &[&str], content: &Path) -> Run {
    let output = signpost()
        .args(args)
        .arg("--content")
        .arg(content)
        .args(["--today", TODAY])
        .output()
        .expect("signpost runs");
    Run { output }
}

/// Text of a page with its tags taken out.
fn text_of(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.replace("&lt;", "<")
}

#[test]
fn the_tech_docs_site_builds_as_it_is() {
    let Some((dir, repo)) = real_site("cloud-platform-user-guide") else {
        return;
    };
    let out = dir.path().join("public");
    // Pointed at the repository's root, the pages are read from source/.
    let built = build(&repo, &out, TODAY);
    built.assert_ok();
    let said = built.stderr();
    assert!(
        said.contains(
            "Left out 5 files that belong to another site engine: layouts/google-analytics.erb,"
        ),
        "{said}"
    );

    // Each of the 119 `.html.md.erb` pages is one `.html` page, plus the section pages.
    let sources: Vec<PathBuf> = walk(&repo.join("source"))
        .into_iter()
        .filter(|p| p.to_string_lossy().ends_with(".html.md.erb"))
        .collect();
    assert_eq!(sources.len(), 119);
    for source in &sources {
        let relative = source
            .strip_prefix(repo.join("source"))
            .unwrap()
            .to_string_lossy();
        let output = relative.replace(".html.md.erb", ".html");
        assert!(out.join(&output).is_file(), "{output} was not written");
    }
    let stats = said
        .lines()
        .find(|l| l.starts_with("Built "))
        .unwrap_or_default();
    assert!(
        stats.starts_with("Built 138 pages"),
        "119 pages and 19 sections: {stats}"
    );

    let files = walk(&out);
    for file in &files {
        let name = file.to_string_lossy();
        assert!(
            !name.ends_with(".erb") && !name.ends_with(".scss") && !name.contains("/layouts"),
            "published: {name}"
        );
    }
    for page in html_files(&out) {
        let html = read(&out, page.to_str().unwrap());
        let text = text_of(&html);
        assert!(
            !text.contains("<%") && !text.contains("{%"),
            "{}: template code shows",
            page.display()
        );
    }
    // Every image in the folder is published, and every link, image and anchor works from
    // disk, images from the site itself.
    for image in walk(&repo.join("source/images"))
        .iter()
        .filter(|p| p.is_file())
    {
        let name = image.file_name().unwrap().to_string_lossy();
        assert!(out.join("images").join(name.as_ref()).is_file(), "{name}");
    }
    assert_eq!(broken_links(&out), Vec::<String>::new());
    let page = read(
        &out,
        "documentation/concepts/what-is-the-cloud-platform.html",
    );
    assert_eq!(page.matches("<h1>").count(), 1, "the title once");
    assert!(page.contains("<h1>What is the Cloud Platform?</h1>"));
    let images = read(&out, "documentation/concepts/cp-tech-overview.html");
    assert!(
        images.contains(r#"src="../../images/"#),
        "images from the site's own folder"
    );
    // Owners: tech-docs' default_owner_slack, on the page and the reviews page.
    assert!(
        page.contains("<dt>Owner</dt><dd>#cloud-platform-notify on Slack"),
        "{page}"
    );
    let reviews = read(&out, "reviews.html");
    assert!(reviews.contains("#cloud-platform-notify on Slack"));
    assert!(!reviews.contains("<strong>None</strong>"));
    // The site's name from config/tech-docs.yml.
    assert!(page.contains("Cloud Platform User Guide"));
}

/// `file:line: message` of every error `check --format json` reports.
fn errors(report: &serde_json::Value, site: &Path) -> BTreeSet<String> {
    report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["severity"] == "error")
        .map(|f| {
            let file = PathBuf::from(f["file"].as_str().unwrap());
            let file = file
                .strip_prefix(site)
                .unwrap_or(&file)
                .to_string_lossy()
                .into_owned();
            format!("{file}:{}: {}", f["line"], f["message"].as_str().unwrap())
        })
        .collect()
}

#[test]
fn the_jekyll_sites_check_reports_exactly_its_real_problems() {
    let Some((_dir, site)) = real_site("security-guidance") else {
        return;
    };
    let checked = run(&["check", "--format", "json"], &site);
    assert!(!checked.ok(), "its broken links are errors");
    let report: serde_json::Value = serde_json::from_str(&checked.stdout()).expect("JSON");
    let found = errors(&report, &site);
    let expected: Vec<String> = std::fs::read_to_string(
        workspace().join("tests/expectations/security-guidance-errors.txt"),
    )
    .expect("the expectation file")
    .lines()
    .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    .map(String::from)
    .collect();
    assert_eq!(found.len(), expected.len(), "{found:#?}");
    for (found, expected) in found.iter().zip(expected.iter().collect::<BTreeSet<_>>()) {
        assert!(
            found.starts_with(expected.as_str()),
            "{found}\nexpected {expected}"
        );
    }
    // Many findings of one kind are one line each in the text report; --verbose lists all.
    let text = run(&["check"], &site).stdout();
    assert_eq!(text.matches("warning[owner-missing]").count(), 1, "{text}");
    assert!(text.contains("warning[owner-missing]: 145 times, the first at"));
    let verbose = run(&["check", "--verbose"], &site).stdout();
    assert_eq!(verbose.matches("warning[owner-missing]").count(), 145);
    let json_owner_missing = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["lint"] == "owner-missing")
        .count();
    assert_eq!(json_owner_missing, 145, "JSON keeps every finding");
}

#[test]
fn the_jekyll_site_builds_with_keep_going_and_publishes_none_of_jekylls_files() {
    let Some((dir, site)) = real_site("security-guidance") else {
        return;
    };
    let out = dir.path().join("public");
    // CI keeps failing on broken links unless told otherwise.
    build(&site, &out, TODAY).assert_failed();
    let built = signpost()
        .args(["build", "--keep-going", "--today", TODAY, "--content"])
        .arg(&site)
        .arg("--output")
        .arg(&out)
        .output()
        .expect("signpost runs");
    let said = String::from_utf8_lossy(&built.stderr).into_owned();
    assert!(built.status.success(), "{said}");
    assert!(
        said.contains("`#step7` is not a heading on this page (kept going"),
        "{said}"
    );
    assert!(said.contains(
        "Left out 57 files that belong to another site engine: Dangerfile, Gemfile, Gemfile.lock, _config.yml, _includes/, _layouts/, _sass/,"
    ));
    for file in walk(&out) {
        let relative = file
            .strip_prefix(&out)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let first = relative.split('/').next().unwrap_or_default();
        assert!(
            !first.starts_with('_') && !first.starts_with("Gemfile") && first != "Dangerfile",
            "published: {relative}"
        );
        assert!(!relative.ends_with(".scss"), "published: {relative}");
    }

    // Header-less tables are tables, every row in the body.
    let home = read(&out, "index.html");
    assert!(home.contains(
        r#"<table><tbody>
<tr><td><a href="setecastronomy.html">Avoiding too much security</a>"#
    ));
    let layer3 = read(&out, "malware-protection-guidance-defensive-layer-3.html");
    assert!(
        layer3.contains("<table><tbody>\n<tr><td>Do</td></tr>\n<tr><td>✔ Ensure that applications")
    );
    assert!(!text_of(&layer3).contains("|✔"), "no raw pipes");

    // redirect_from keeps the old addresses: a link and a refresh, no script.
    let moved = read(&out, "guides/personnel-security-clearances/index.html");
    assert!(moved.contains(
        r#"<meta http-equiv="refresh" content="0; url=../../personnel-security-clearances.html">"#
    ));
    assert!(moved.contains(
        r#"<a href="../../personnel-security-clearances.html">Personnel security clearances</a>"#
    ));
    assert!(!moved.contains("<script"));
    // `permalink: pretty`: the old `/page/` addresses send readers on too.
    let pretty = read(&out, "access-control-guide/index.html");
    assert!(pretty.contains(r#"<a href="../access-control-guide.html">Access Control guide</a>"#));
    // Folder names as words, and Jekyll's title.
    let hmcts = read(&out, "hmcts/index.html");
    assert!(hmcts.contains("<h1>HMCTS</h1>"), "{hmcts}");
    assert!(home.contains("MoJ Security Guidance"));
    // Overdue pages' copies say so, with no "trust until" date gone by.
    let overdue = read(&out, "culture/ktt/security-champions.html");
    assert!(overdue.contains("this page is past its review date"));
    assert!(!overdue.contains("trust the copy until"));
}

#[test]
fn a_folder_with_no_pages_is_an_error_naming_what_looks_like_pages() {
    let dir = tempfile::tempdir().unwrap();
    write_site(
        dir.path(),
        &fixture_files(
            "real-sites/a-folder-with-no-pages-is-an-error-naming-what-looks-like-pages",
        ),
    );
    let checked = run(&["check"], dir.path());
    assert!(!checked.ok());
    let said = checked.stdout();
    assert!(
        said.contains("there are no pages in this content folder"),
        "{said}"
    );
    assert!(said.contains("`guide.mdx`, `notes.rst` look like pages, in a form that is not read"));
    let out = dir.path().join("out");
    build(dir.path(), &out, TODAY).assert_failed();
    assert!(!out.exists());
}

#[test]
fn pages_in_other_engines_forms_links_from_the_root_and_old_anchors() {
    let dir = tempfile::tempdir().unwrap();
    write_site(dir.path(), &fixture_files("real-sites/other-engines"));
    let out = dir.path().join("out");
    let built = build(dir.path(), &out, TODAY);
    built.assert_ok();
    let said = built.stderr();
    assert!(said.contains("kube.html.md.erb:10:6: `<%= partial 'x' %>` is template code for another site engine (ERB)"), "{said}");
    assert!(said.contains("kube.html.md.erb:10:29: `{{ site.title }}` is template code for another site engine (Liquid)"));
    assert!(!said.contains("in code"));
    assert!(
        said.contains("Left out 2 files that belong to another site engine: Gemfile, _config.yml.")
    );
    assert!(said.contains("Left out 1 file that `exclude` names: drafts/wip.md."));
    let home = read(&out, "index.html");
    assert!(
        home.contains(r#"href="guides/kube.html#load-stress-testing""#),
        "{home}"
    );
    assert!(home.contains(r#"href="guides/kube.html">pretty"#));
    assert!(home.contains(r#"src="images/map.png""#));
    assert!(home.contains(r#"href="mailto:team@example.org""#));
    assert!(home.contains("Old site"));
    let kube = read(&out, "guides/kube.html");
    assert_eq!(kube.matches("<h1>").count(), 1);
    assert!(kube.contains(r#"<span id="load-stress-testing"></span>"#));
    assert!(!out.join("drafts").exists() && !out.join("Gemfile").exists());
    assert_eq!(broken_links(&out), Vec::<String>::new());
}

#[test]
fn a_permalink_is_the_pages_address() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    write_site(
        &content,
        &[
            (
                "index.md",
                "# Home\n\n[Travel](guides/travel.md), [the team](about.md#the-team), [rooted](/travel/abroad/)\n",
            ),
            (
                "guides/travel.md",
                "---\ntitle: Travel\nowner: Travel team\npermalink: /travel/abroad/\n---\n## How to go\n\nGo [home](../index.md) or read [about us](../about.md).\n\n![Map](map.png)\n",
            ),
            ("guides/map.png", "png"),
            (
                "about.md",
                "---\ntitle: About\npermalink: /info\n---\n## The team\n\nSee [travel](guides/travel.md#how-to-go).\n",
            ),
            // Where the page is anyway: nothing moves.
            (
                "cookies.md",
                "---\npermalink: /cookies.html\n---\n# Cookies\n",
            ),
        ],
    );
    let out = dir.path().join("site");
    let built = build(&content, &out, TODAY);
    built.assert_ok();

    let travel = read(&out, "travel/abroad/index.html");
    assert!(travel.contains("<h1>Travel</h1>"));
    assert!(
        travel.contains(r#"href="../../index.html">home</a>"#),
        "{travel}"
    );
    assert!(travel.contains(r#"href="../../info.html">about us</a>"#));
    assert!(travel.contains(r#"src="../../guides/map.png""#));
    let home = read(&out, "index.html");
    assert!(
        home.contains(r#"href="travel/abroad/index.html">Travel</a>"#),
        "{home}"
    );
    assert!(home.contains(r#"href="info.html#the-team">the team</a>"#));
    assert!(home.contains(r#"href="travel/abroad/index.html">rooted</a>"#));
    assert!(read(&out, "info.html").contains(r#"href="travel/abroad/index.html#how-to-go""#));
    assert!(out.join("cookies.html").is_file());
    // The address beside the file was never published (Jekyll wrote the page only at its
    // permalink), so there is nothing there, not even a redirect.
    for gone in ["guides/travel.html", "about.html", "travel/abroad.html"] {
        assert!(!out.join(gone).exists(), "{gone}");
    }
    // Its navigation opens the folder it is in, and marks it as the current page.
    assert!(
        travel
            .contains(r#"<li class="current"><a href="index.html" aria-current="page">Travel</a>"#),
        "{travel}"
    );
    // Navigation, breadcrumbs and every other link on every page, from the new place.
    assert_eq!(broken_links(&out), Vec::<String>::new());
    // The offline copy, the reviews page and search use the address too.
    assert!(out.join("travel/abroad/index.offline.html").is_file());
    assert!(
        travel.contains(r#"href="index.offline.html" download="abroad-"#),
        "{travel}"
    );
    assert!(read(&out, "reviews.html").contains(r#"href="travel/abroad/index.html""#));
    let search =
        signpost_render::search::read_index(&out.join("assets")).expect("the search index");
    let urls: Vec<&str> = search.pages.iter().map(|(url, ..)| url.as_str()).collect();
    assert!(urls.contains(&"travel/abroad/index.html"), "{urls:?}");
    assert!(!urls.contains(&"guides/travel.html"));
}

#[test]
fn a_permalink_that_is_taken_or_unsafe_is_an_error_at_its_line() {
    let dir = tempfile::tempdir().unwrap();
    write_site(
        dir.path(),
        &[
            ("index.md", "# Home\n"),
            ("a.md", "---\ntitle: A\npermalink: /b.html\n---\nA\n"),
            ("b.md", "# B\n"),
            ("c.md", "---\npermalink: /../../etc/\n---\n# C\n"),
            ("d.md", "---\npermalink: /shared/\n---\n# D\n"),
            ("e.md", "---\npermalink: /shared/\n---\n# E\n"),
            ("f.md", "---\npermalink: /:path/:basename/\n---\n# F\n"),
            ("g/index.md", "---\npermalink: /elsewhere/\n---\n# G\n"),
            ("h.md", "---\npermalink: /notes/\n---\n# H\n"),
            ("notes/one.md", "# One\n"),
            ("i.md", "---\npermalink: /map.png\n---\n# I\n"),
            ("map.png.html", "not a page"),
        ],
    );
    let checked = run(&["check"], dir.path());
    assert!(!checked.ok());
    let said = checked.stdout();
    for expected in [
        "a.md:3: `permalink: /b.html` is the address of b.md: one would replace the other",
        "c.md:2: `permalink: /../../etc/` cannot be this page's address: it climbs out of the site",
        "e.md:2: `permalink: /shared/` is the address d.md asks for",
        "f.md:2: `permalink: /:path/:basename/` cannot be this page's address: placeholders",
        "g/index.md:2: `permalink: /elsewhere/` would move a folder's index page away from its folder",
        "h.md:2: `permalink: /notes/` is the address of the index page of the folder notes",
        "i.md:2: `permalink: /map.png` is the file map.png.html",
    ] {
        assert!(said.contains(expected), "{expected}\nin:\n{said}");
    }
    assert!(!said.contains("d.md:2"), "{said}");
    let out = dir.path().join("../site-never-written");
    assert!(!build(dir.path(), &out, TODAY).ok());
    assert!(!out.exists());
}

#[test]
fn an_old_address_that_is_a_page_now_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    write_site(
        dir.path(),
        &fixture_files("real-sites/an-old-address-that-is-a-page-now-is-an-error"),
    );
    let checked = run(&["check"], dir.path());
    assert!(!checked.ok());
    assert!(
        checked
            .stdout()
            .contains("a.md:2: the old address `/b.html` is the address of b.md now"),
        "{}",
        checked.stdout()
    );
}

#[test]
fn keep_going_in_site_yaml_makes_broken_links_warnings() {
    let dir = tempfile::tempdir().unwrap();
    write_site(
        dir.path(),
        &[
            ("site.yaml", "keep_going: true\n"),
            ("index.md", "# Home\n\n[gone](gone.md)\n"),
        ],
    );
    let checked = run(&["check"], dir.path());
    assert!(checked.ok(), "{}", checked.stdout());
    assert!(checked.stdout().contains("warning[link]"));
}

#[test]
fn an_image_from_the_root_that_the_site_does_not_have_is_a_remote_resource() {
    let dir = tempfile::tempdir().unwrap();
    write_site(
        dir.path(),
        &fixture_files(
            "real-sites/an-image-from-the-root-that-the-site-does-not-have-is-a-remote-resource",
        ),
    );
    let said = run(&["check"], dir.path()).stdout();
    assert!(
        said.contains("warning[remote-resource]: ")
            && said.contains(
                "this image loads https://intranet.example/gs/chart.png from another site"
            ),
        "{said}"
    );
    assert!(!said.contains("map.png from another site"));
}

#[test]
fn two_files_that_are_one_page_are_an_error() {
    let dir = tempfile::tempdir().unwrap();
    write_site(
        dir.path(),
        &fixture_files("real-sites/two-files-that-are-one-page-are-an-error"),
    );
    let out = dir.path().join("out");
    let built = build(dir.path(), &out, TODAY);
    built.assert_failed();
    assert!(
        built
            .stderr()
            .contains("a.md: this page and `a.markdown` are both the page `a.html`"),
        "{}",
        built.stderr()
    );
}
