//! Site search: the index `signpost build` writes (what is in it, and that nothing in a page
//! can break out of the script that carries it), the search page, and the search script
//! linked from every page by a relative path.

use crate::support;
use signpost_render::search::{Index, read_index};
use std::path::Path;
use support::*;

fn built(content: &Path) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("public");
    build(content, &out, "2026-11-20").assert_ok();
    (dir, out)
}

fn index_of(out: &Path) -> (String, Index) {
    // Every script of the index, the first one first.
    let mut script = read(out, "assets/search-index.js");
    for part in std::fs::read_dir(out.join("assets/search")).expect("the index's pieces") {
        let part = part.expect("a piece").path();
        script.push_str(&std::fs::read_to_string(part).expect("a piece"));
    }
    let index = read_index(&out.join("assets")).expect("the index scripts unpack");
    (script, index)
}

fn page_number(index: &Index, url: &str) -> usize {
    index
        .pages
        .iter()
        .position(|(u, _, _)| u == url)
        .unwrap_or_else(|| panic!("{url} is not in the index"))
}

#[test]
fn every_page_is_indexed_by_section_with_its_text() {
    let (_dir, out) = built(&workspace().join("content"));
    let (_, index) = index_of(&out);
    let pages: Vec<&str> = index.pages.iter().map(|(u, _, _)| u.as_str()).collect();
    for page in html_files(&out) {
        let page = page.to_string_lossy().replace('\\', "/");
        // The editors' pages are not guidance to search.
        let editors = ["search.html", "reviews.html", "flows.html"];
        if page.ends_with(".offline.html") || editors.contains(&page.as_str()) {
            continue;
        }
        assert!(pages.contains(&page.as_str()), "{page} is not in {pages:?}");
    }
    let overseas = page_number(&index, "travel/accessing-it-systems-from-overseas.html");
    let roaming = index
        .sections
        .iter()
        .find(|(p, heading, _, _)| *p == overseas && heading == "International Roaming")
        .expect("the roaming section");
    assert_eq!(
        roaming.2, "international-roaming",
        "the heading's id, to link to"
    );
    assert!(roaming.3.contains("roaming charges"), "{}", roaming.3);
    // Text, not markup; and not the wizard's flow data (a script, not reading matter).
    for (_, heading, _, text) in &index.sections {
        for t in [heading, text] {
            assert!(!t.contains("<p>") && !t.contains("&amp;"), "{t}");
            assert!(!t.contains("\"kind\":\"choice\""), "wizard data indexed");
            assert!(!t.contains("  "), "whitespace collapsed: {t}");
        }
    }
}

#[test]
fn sections_naming_a_country_carry_its_other_names_from_the_data() {
    let (_dir, out) = built(&workspace().join("content"));
    let (_, index) = index_of(&out);
    let overseas = page_number(&index, "travel/accessing-it-systems-from-overseas.html");
    let words_for = |name: &str| -> Vec<(usize, Vec<String>)> {
        index
            .places
            .iter()
            .flat_map(|(section, named)| {
                named
                    .iter()
                    .filter(move |(n, _)| n == name)
                    .map(move |(_, words)| (*section, words.clone()))
            })
            .collect()
    };
    // The special-attention list names the United Arab Emirates: its section is found by
    // "Dubai" and "UAE", the aliases in content/data/countries.yaml.
    let uae = words_for("United Arab Emirates");
    let (section, words) = uae
        .iter()
        .find(|(s, _)| index.sections[*s].0 == overseas)
        .expect("the overseas page's list of countries names the UAE");
    assert!(index.sections[*section].3.contains("United Arab Emirates"));
    for alias in ["UAE", "Dubai", "Abu Dhabi"] {
        assert!(words.iter().any(|w| w == alias), "{alias} in {words:?}");
    }
    // Places that count as part of a listed country come with it.
    let china = words_for("China");
    assert!(
        china
            .iter()
            .any(|(s, w)| index.sections[*s].0 == overseas && w.iter().any(|w| w == "Macao")),
        "{china:?}"
    );
    // Only names written in the section: a section with no country has none.
    for (section, named) in &index.places {
        for (name, _) in named {
            assert!(index.sections[*section].3.contains(name.as_str()), "{name}");
        }
    }
}

#[test]
fn replaced_pages_are_marked_so_they_rank_below_current_ones() {
    let (_dir, out) = built(&workspace().join("content"));
    let (_, index) = index_of(&out);
    for (url, title, replaced) in &index.pages {
        let expected = u8::from(url == "travel/taking-it-equipment-abroad-2018.html");
        assert_eq!(*replaced, expected, "{url} ({title})");
    }
}

#[test]
fn nothing_in_a_page_can_break_out_of_the_index_script() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    write_site(
        &content,
        &[
            ("index.md", "---\ntitle: Home\n---\n\nWelcome.\n"),
            (
                "evil.md",
                "---\ntitle: \"</script><script>alert(1)</script>\"\n---\n\n\
                 Text with &lt;img src=x onerror=alert(2)&gt; and \u{2028} in it.\n\n\
                 ## Quotes \"and\" 'apostrophes' {#q}\n\nA `</script>` in code.\n",
            ),
        ],
    );
    let (_out_dir, out) = built(&content);
    let (script, index) = index_of(&out);
    assert!(!script.to_ascii_lowercase().contains("</script"));
    assert!(!script.contains('\u{2028}'));
    let scripts = 1 + std::fs::read_dir(out.join("assets/search"))
        .unwrap()
        .count();
    assert_eq!(
        script.lines().filter(|l| !l.starts_with("//")).count(),
        scripts,
        "one statement a script: the data is one base64 string"
    );
    let evil = page_number(&index, "evil.html");
    assert_eq!(index.pages[evil].1, "</script><script>alert(1)</script>");
    let texts: Vec<&str> = index
        .sections
        .iter()
        .filter(|s| s.0 == evil)
        .map(|s| s.3.as_str())
        .collect();
    assert!(
        texts
            .iter()
            .any(|t| t.contains("<img src=x onerror=alert(2)>")),
        "kept as the text it is: {texts:?}"
    );
    assert!(
        index
            .sections
            .iter()
            .any(|s| s.0 == evil && s.1 == "Quotes \"and\" 'apostrophes'" && s.2 == "q")
    );
}

#[test]
fn every_page_loads_search_by_a_relative_path_and_has_the_form() {
    let (_dir, out) = built(&workspace().join("content"));
    for page in html_files(&out) {
        let name = page.to_string_lossy().replace('\\', "/");
        if name.ends_with(".offline.html") {
            continue; // one-page copies have no search (the other pages are not in them)
        }
        let html = read(&out, &name);
        let root = "../".repeat(page.components().count() - 1);
        // signpost.js fetches search.js, by this relative path, when the reader goes to the box.
        assert!(html.contains(&format!(
            "<script src=\"{root}assets/signpost.js\" defer></script>"
        )));
        let script = format!("data-search-script=\"{root}assets/search.js\"");
        assert!(html.contains(&script), "{name} lacks {script}");
        let form = format!(
            "<form class=\"site-search\" role=\"search\" action=\"{root}search.html\" method=\"get\""
        );
        assert!(html.contains(&form), "{name} lacks the search form");
        assert!(html.contains(&format!(
            "data-search-index=\"{root}assets/search-index.js\""
        )));
        assert!(html.contains("<label class=\"site-search-label\" for=\"site-search-input\">"));
    }
    assert!(out.join("assets/search-index.js").is_file());
    assert!(out.join("assets/search.js").is_file());
}

#[test]
fn the_search_page_lists_every_page_for_readers_without_javascript() {
    let (_dir, out) = built(&workspace().join("content"));
    let html = read(&out, "search.html");
    assert!(html.contains("<h1>Search</h1>"));
    assert!(html.contains("data-search-page"));
    assert!(html.contains("Search needs JavaScript"));
    let (all, replaced) = html
        .split_once("Replaced guidance")
        .expect("replaced pages listed apart");
    assert!(all.contains("href=\"travel/accessing-it-systems-from-overseas.html\""));
    assert!(!all.contains("taking-it-equipment-abroad-2018.html"));
    assert!(replaced.contains("href=\"travel/taking-it-equipment-abroad-2018.html\""));
    assert!(broken_links(&out).is_empty(), "{:?}", broken_links(&out));
}

#[test]
fn a_page_cannot_take_the_search_page_name() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    write_site(
        &content,
        &[("index.md", "# Home\n"), ("search.md", "# Searching\n")],
    );
    let run = build(&content, &dir.path().join("public"), "2026-11-20");
    run.assert_failed();
    assert!(run.stderr().contains("search.md"), "{}", run.stderr());
    assert!(run.stderr().contains("search page"), "{}", run.stderr());
}

#[test]
fn a_large_site_is_indexed_in_chunks_that_join_up_in_page_order() {
    let dir = tempfile::tempdir().expect("temp dir");
    let content = dir.path().join("content");
    std::fs::create_dir_all(content.join("many")).expect("folder");
    // More pages than one chunk holds, so the index comes in several.
    for n in 0..600 {
        std::fs::write(
            content.join(format!("many/page-{n:03}.md")),
            format!("---\ntitle: Page {n}\n---\nIntro {n}.\n\n## Part {n}\n\nWord{n} here.\n"),
        )
        .expect("page");
    }
    let out = dir.path().join("public");
    build(&content, &out, "2026-11-20").assert_ok();
    let (_, index) = index_of(&out);
    let pieces = std::fs::read_dir(out.join("assets/search"))
        .unwrap()
        .filter(|f| {
            f.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .starts_with('t')
        })
        .count();
    assert!(pieces >= 2, "several pieces");
    for n in [0, 299, 599] {
        let page = page_number(&index, &format!("many/page-{n:03}.html"));
        let sections: Vec<_> = index.sections.iter().filter(|s| s.0 == page).collect();
        assert_eq!(sections.len(), 2, "page {n}: {sections:?}");
        assert_eq!(sections[0].3, format!("Intro {n}."));
        assert_eq!(
            (sections[1].1.as_str(), sections[1].2.as_str()),
            (format!("Part {n}").as_str(), format!("part-{n}").as_str())
        );
        assert_eq!(sections[1].3, format!("Word{n} here."));
    }
}

#[test]
fn a_large_site_ships_the_start_of_each_section_and_indexes_all_of_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let content = dir.path().join("content");
    std::fs::create_dir_all(content.join("long")).expect("folder");
    // Over 2 MB of text in all: more than the index carries whole.
    let filler = "Travellers must carry the approved laptop at all times. ".repeat(160);
    for n in 0..300 {
        std::fs::write(
            content.join(format!("long/page-{n:03}.md")),
            format!("---\ntitle: Long {n}\n---\n\n## Rules\n\n{filler}Lastword{n}.\n"),
        )
        .expect("page");
    }
    let out = dir.path().join("public");
    build(&content, &out, "2026-11-20").assert_ok();
    let (_, index) = index_of(&out);
    let page = page_number(&index, "long/page-007.html");
    let (_, heading, id, text) = index
        .sections
        .iter()
        .find(|s| s.0 == page && !s.1.is_empty())
        .expect("the Rules section");
    assert_eq!((heading.as_str(), id.as_str()), ("Rules", "rules"));
    let start = filler.split(' ').take(32).collect::<Vec<_>>().join(" ");
    assert_eq!(
        *text,
        format!("{start} \u{2026}"),
        "the first 32 words, and a mark that the text goes on"
    );
    // Every word is indexed all the same: the last one is among the site's words.
    let base = signpost_render::search::read_base(&read(&out, "assets/search-index.js")).unwrap();
    assert!(base.words.split('\n').any(|w| w == "lastword7"));
}
