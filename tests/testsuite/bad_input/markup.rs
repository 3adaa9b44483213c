//! Bad markup: shortcodes, templates, raw HTML, heading ids, footnotes, tables, contacts and
//! data the page shows.

use super::*;

#[test]
fn unknown_shortcode_names_the_line() {
    let stderr = fails_with(
        &[
            HOME,
            ("page.md", "---\ntitle: P\n---\nText\n\n{{ contact() }}\n"),
        ],
        &[
            "content/page.md:6:1: there is no shortcode `contact`",
            "did you mean `contacts`?",
        ],
    );
    insta::assert_snapshot!(stderr);
}

#[test]
fn a_broken_template_override_names_the_template_file() {
    let stderr = fails_with(
        &[
            HOME,
            (
                "templates/page.html",
                "{% extends \"base.html\" %}\n{% block main %}\n{{ page.title \n{% endblock main %}\n",
            ),
        ],
        &["content/templates/page.html:4:1: template problem"],
    );
    insta::assert_snapshot!(stderr);
}

#[test]
fn a_broken_data_file_is_one_error_not_one_more_for_each_shortcode_that_reads_it() {
    let stderr = fails_with(
        &fixture_files("bad-input/broken-data-file"),
        &["error: content/data/team.yaml:"],
    );
    assert!(stderr.contains("1 error,"), "{stderr}");
    assert!(!stderr.contains("team.html"), "{stderr}");
    insta::assert_snapshot!(stderr);
}

#[test]
fn a_site_with_its_own_contacts_shortcode_writes_its_contacts_its_own_way() {
    let (_dir, run) = build_site(&fixture_files("bad-input/own-contacts-shortcode"));
    run.assert_ok();
}

#[test]
fn an_html_comment_that_is_never_closed_is_an_error() {
    // Before, it built, and browsers hid the rest of the page (and the theme's owner and
    // feedback blocks after it).
    let stderr = fails_with(
        &[
            HOME,
            (
                "page.md",
                "---\ntitle: A page\n---\nIntro.\n\n<!-- TODO: check with the team\n\n## Rules\n\nText.\n",
            ),
        ],
        &[
            "content/page.md:6: this HTML comment (`<!--`) is never closed",
            "browsers hide the rest of the page",
        ],
    );
    // Closed ones, on one line or several, are fine.
    let (_dir, run) = build_site(&[
        HOME,
        (
            "page.md",
            "---\ntitle: A page\n---\nIntro <!-- a note --> here.\n\n<!-- a longer\nnote -->\n\nAn empty <!--> comment.\n\nText.\n",
        ),
    ]);
    run.assert_ok();
    insta::assert_snapshot!(stderr);
}

#[test]
fn a_heading_id_that_cannot_be_kept_as_written_is_an_error() {
    let stderr = fails_with(
        &[
            HOME,
            (
                "page.md",
                "---\ntitle: A page\n---\n## Contacts\n\nText.\n\n## Other rules {#contacts}\n\n## Travel rules {#travel rules}\n",
            ),
        ],
        &[
            "content/page.md:8: `{#contacts}` is already the id of another heading",
            "content/page.md:10: `{#travel rules}`: an id cannot have spaces",
            "write `{#travel-rules}`",
        ],
    );
    insta::assert_snapshot!(stderr);
}

#[test]
fn raw_html_left_open_or_closed_twice_is_an_error() {
    // Before, it built, and the page's owner and feedback blocks ended up in the callout.
    let stderr = fails_with(
        &fixture_files("bad-input/raw-html-unbalanced"),
        &[
            "content/page.md:4: `<div class=\"callout\">` is never closed with `</div>`",
            "content/other.md:6: `</section>` closes nothing this page opened",
        ],
    );
    // Closed, over several lines with Markdown inside, in a comment, after a comment on
    // the same line, or in a script: fine.
    let (_dir, run) = build_site(&[
        HOME,
        (
            "page.md",
            "---\ntitle: A page\n---\n<div class=\"callout\">\n\n**Important.**\n\n</div>\n\n<!-- an old\n<div> -->\n\n<details><summary>More</summary>Text</details>\n\n<!-- old:\nnote --> <div class=\"callout\">\n\nText.\n\n</div>\n\n<script type=\"text/plain\">\nvar s = \"<div class='x'>\";\n</script>\n",
        ),
    ]);
    run.assert_ok();
    insta::assert_snapshot!(stderr);
}

#[test]
fn a_footnote_with_no_note_is_a_warning() {
    // Before, the page showed "[^policy]" as written, without a word.
    let (_dir, run) = build_site(&[
        HOME,
        (
            "page.md",
            "---\ntitle: A page\n---\nIntro.\n\nAs the policy says[^policy], and[^ok].\n\n[^ok]: A note.\n",
        ),
    ]);
    run.assert_ok();
    assert!(
        run.stderr()
            .contains("content/page.md:6: the footnote `[^policy]` has no note"),
        "{}",
        run.stderr()
    );
    // Not footnotes: in code, or escaped.
    let (_dir, run) = build_site(&[
        HOME,
        (
            "page.md",
            "---\ntitle: A page\n---\nWrite `[^x]` for a note; match \\[^a-z] letters.\n\n```\n[^y] in code\n```\n",
        ),
    ]);
    run.assert_ok();
    assert!(!run.stderr().contains("footnote"), "{}", run.stderr());
}

#[test]
fn a_wizard_shown_twice_on_a_page_is_an_error() {
    // Before, the page had two elements with one id, and only one wizard started.
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    copy_tree(&workspace().join("content"), &content);
    let page = content.join("travel/accessing-it-systems-from-overseas.md");
    let text = std::fs::read_to_string(&page).unwrap();
    std::fs::write(
        &page,
        format!("{text}\n{{{{ wizard(flow=\"overseas-travel\") }}}}\n"),
    )
    .unwrap();
    let run = build(&content, &dir.path().join("public"), "2026-11-22");
    run.assert_failed();
    assert!(
        run.stderr()
            .contains("the wizard for `overseas-travel` is on this page already"),
        "{}",
        run.stderr()
    );
}

#[test]
fn a_table_row_with_more_cells_than_columns_is_a_warning() {
    // pulldown-cmark leaves the extra cells out: "extra" was lost without a word.
    let (_dir, run) = build_site(&[
        HOME,
        (
            "page.md",
            "---\ntitle: A page\n---\n| Country | Part |\n|---|---|\n| France | One |\n| Spain | Two | extra |\n| `a|b` | c |\n| a \\| b | c |\n",
        ),
    ]);
    run.assert_ok();
    assert!(
        run.stderr()
            .contains("content/page.md:7: this table row has 3 cells, but the table has 2 columns"),
        "{}",
        run.stderr()
    );
    // A `|` in code splits the cell too (as on GitHub): "c" was lost.
    assert!(
        run.stderr()
            .contains("content/page.md:8: this table row has 3 cells"),
        "{}",
        run.stderr()
    );
    // An escaped one does not.
    assert!(!run.stderr().contains("page.md:9"), "{}", run.stderr());
}
