//! Comments the theme puts around the parts of a page that its copies leave out, so making a
//! copy is a string search rather than parsing every page again (on a large site, parsing
//! each page once more for each kind of copy took longer than building the site).
//!
//! `<!--signpost:copy-links-->…<!--/signpost:copy-links-->` wraps the download links (no copy
//! holds the other copies); `<!--signpost:online-->…<!--/signpost:online-->` wraps what only
//! works beside the other pages (search, breadcrumbs, navigation), left out of single-page
//! copies. A template without them still works: the single-page copy then finds those parts
//! by parsing, and the site zip keeps its download links.

/// The download links: left out of every copy.
pub const COPY_LINKS: &str = "copy-links";
/// Search, breadcrumbs and navigation: left out of single-page copies.
pub const ONLINE: &str = "online";

/// `html` without the parts marked with any of `names` (markers included), in one pass.
pub fn remove(html: &str, names: &[&str]) -> String {
    const START: &str = "<!--signpost:";
    let start_finder = memchr::memmem::Finder::new(START);
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    let mut from = 0;
    while let Some(found) = start_finder.find(&rest.as_bytes()[from..]) {
        let at = from + found;
        let marked = &rest[at + START.len()..];
        let end = names
            .iter()
            .find(|name| {
                marked
                    .strip_prefix(**name)
                    .is_some_and(|m| m.starts_with("-->"))
            })
            .and_then(|name| {
                let end = format!("<!--/signpost:{name}-->");
                memchr::memmem::find(&rest.as_bytes()[at..], end.as_bytes())
                    .map(|length| at + length + end.len())
            });
        match end {
            Some(end) => {
                out.push_str(&rest[..at]);
                rest = &rest[end..];
                from = 0;
            }
            // Another name, or a part never closed: kept.
            None => from = at + START.len(),
        }
    }
    out.push_str(rest);
    out
}

/// `html` with each of `inserts` put at its place (see [`after_start_tag`] and
/// [`before_end_tag`]), in one copy; one with no place is left out. Texts for the same
/// place go in the order given.
pub fn insert_at(html: &str, inserts: &[(Option<usize>, &str)]) -> String {
    let mut placed: Vec<(usize, &str)> = inserts
        .iter()
        .filter_map(|&(at, text)| Some((at?, text)))
        .collect();
    placed.sort_by_key(|&(at, _)| at);
    let added: usize = placed.iter().map(|(_, text)| text.len()).sum();
    let mut out = String::with_capacity(html.len() + added);
    let mut from = 0;
    for (at, text) in placed {
        out.push_str(&html[from..at]);
        out.push_str(text);
        from = at;
    }
    out.push_str(&html[from..]);
    out
}

/// Just after the start tag of the first `tag` element (`main`) in `html`.
pub fn after_start_tag(html: &str, tag: &str) -> Option<usize> {
    let open = format!("<{tag}");
    let mut from = 0;
    while let Some(found) = html[from..].find(&open) {
        let at = from + found;
        let after_name = at + open.len();
        // `<main>` or `<main id=…>`, not `<mainly>`.
        if html[after_name..].starts_with(['>', ' ', '\n', '\t', '\r', '/']) {
            return Some(after_name + html[after_name..].find('>')? + 1);
        }
        from = after_name;
    }
    None
}

/// Just before the first `</{tag}>` (`</head>`) in `html`.
pub fn before_end_tag(html: &str, tag: &str) -> Option<usize> {
    html.find(&format!("</{tag}>"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removes_every_marked_part() {
        let html = "a<!--signpost:online-->b<!--/signpost:online-->c<!--signpost:online-->d\
                    <!--/signpost:online-->e<!--signpost:copy-links-->f<!--/signpost:copy-links-->";
        assert_eq!(
            remove(html, &[ONLINE]),
            "ace<!--signpost:copy-links-->f<!--/signpost:copy-links-->"
        );
        assert_eq!(remove(html, &[ONLINE, COPY_LINKS]), "ace");
        assert_eq!(remove(html, &[COPY_LINKS, ONLINE]), "ace");
        assert_eq!(
            remove("x<!--signpost:online-->unclosed", &[ONLINE]),
            "x<!--signpost:online-->unclosed"
        );
        assert_eq!(
            remove(
                "<!--signpost:online-->a<!--signpost:copy-links-->b<!--/signpost:copy-links-->",
                &[ONLINE, COPY_LINKS]
            ),
            "<!--signpost:online-->a"
        );
    }

    #[test]
    fn inserts_at_tags() {
        let html = "<head><title>t</title></head><body><mainly></mainly><main id=\"m\">x</main>";
        let main = after_start_tag(html, "main");
        let head = before_end_tag(html, "head");
        assert_eq!(
            insert_at(html, &[(main, "N"), (head, "S")]),
            "<head><title>t</title>S</head><body><mainly></mainly><main id=\"m\">Nx</main>"
        );
        assert_eq!(after_start_tag("<p>no main</p>", "main"), None);
        assert_eq!(
            insert_at(
                "<main></main>",
                &[(Some(6), "N"), (None, "S"), (Some(6), "T")]
            ),
            "<main>NT</main>"
        );
    }
}
