//! Site search that works from disk: an index of every page's text, made at build time and
//! shipped as a classic script (`assets/search-index.js` sets one global), so the theme's
//! `search.js` needs no `fetch` (refused from `file://`) and no inline script (refused by
//! the site's Content-Security-Policy). Plus `search.html`: where the header's search form
//! goes, with the full results, or without JavaScript a list of every page.
//!
//! The index is JSON, gzip-compressed and base64-encoded into strings: about a third of
//! the plain text's size, and nothing in it can end the script early, whatever the pages
//! say. It comes in chunks of pages, packed in parallel; the browser unpacks them with
//! `DecompressionStream`, as the wizard does its wasm.
//!
//! A section that names a country carries the other words readers use for it (from the
//! countries data: "Dubai" for the United Arab Emirates), so a search for them finds it.

use crate::diagnostics::Diagnostic;
use crate::html_text;
use crate::output::write_file;
use crate::page::Page;
use crate::render::ASSETS_DIR;
use crate::search_places::Places;
use crate::site::Site;
use base64::Engine;
use chrono::NaiveDate;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// The index script, under `assets/`.
pub const INDEX_FILE: &str = "search-index.js";
/// The search results page, at the site root.
pub const PAGE_FILE: &str = "search.html";
/// The global the index script sets.
pub const INDEX_GLOBAL: &str = "SIGNPOST_SEARCH_INDEX";
/// Names the layout of the packed data, for `search.js`.
pub const FORMAT: &str = "signpost-search-2";

/// What is searched, as read back from the script (each chunk is written as one of these,
/// borrowed: see `Chunk`). Tuples keep the JSON small: a 1,000-page site has thousands of
/// sections, and key names in each would be a good part of the index.
#[derive(Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct Index {
    /// `[link from the site root, title, 1 if the page has been replaced else 0]`.
    pub pages: Vec<(String, String, u8)>,
    /// `[page number, h2 heading ("" before the first), heading id, text]`.
    pub sections: Vec<(usize, String, String, String)>,
    /// `[section number, [[place name in the text, [other words for it]]]]`, for the
    /// sections that name a place with other words. In the script each chunk numbers its
    /// own sections from 0; read back, they are numbered across the whole index.
    #[serde(default)]
    pub places: Vec<(usize, Vec<NamedPlace>)>,
}

/// `[place name as the text writes it, [other words for it]]`.
pub type NamedPlace = (String, Vec<String>);

/// Pages per chunk of the index. Chunks are packed in parallel and unpacked one by one;
/// they are cut by page count, not by core, so every machine makes the same index.
const PAGES_PER_CHUNK: usize = 250;

/// One chunk of the [`Index`], borrowed from the pages: packed without copying their text.
#[derive(Serialize)]
struct Chunk<'a> {
    pages: Vec<(&'a str, &'a str, u8)>,
    sections: Vec<(usize, &'a str, &'a str, &'a str)>,
    places: Vec<(usize, Vec<NamedPlaceRef<'a>>)>,
}

/// A [`NamedPlace`], borrowed.
type NamedPlaceRef<'a> = (&'a str, Vec<&'a str>);

/// Packs `pages` (numbered from `first_number`), in the site's page order; returns the
/// number of sections and the packed text.
fn pack_chunk(pages: &[Page], first_number: usize, places: &Places) -> (usize, String) {
    let read: Vec<Vec<html_text::TextSection>> = pages
        .iter()
        .map(|page| html_text::sections(&page.body_html))
        .collect();
    let mut chunk = Chunk {
        pages: Vec::with_capacity(pages.len()),
        sections: Vec::new(),
        places: Vec::new(),
    };
    for ((number, page), sections) in (first_number..).zip(pages).zip(&read) {
        chunk.pages.push((
            &page.url,
            &page.title,
            u8::from(page.front.superseded_by.is_some()),
        ));
        for section in sections {
            let named = places.named_in(&section.text);
            if !named.is_empty() {
                chunk.places.push((chunk.sections.len(), named));
            }
            chunk
                .sections
                .push((number, &section.heading, &section.id, &section.text));
        }
    }
    (chunk.sections.len(), pack(&chunk))
}

/// JSON, gzip-compressed, base64-encoded: a string nothing in the pages can end early.
fn pack(index: &impl Serialize) -> String {
    // Level 2 packs nearly as small as the default, several times faster.
    let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(2));
    serde_json::to_writer(&mut gzip, index).expect("the index serialises");
    let packed = gzip.finish().expect("writing to memory");
    base64::engine::general_purpose::STANDARD.encode(packed)
}

/// The index of every page of the site as the classic script that carries it.
pub fn index_script(pages: &[Page], places: &Places) -> String {
    let chunks: Vec<(usize, String)> = pages
        .par_chunks(PAGES_PER_CHUNK)
        .enumerate()
        .map(|(n, chunk)| pack_chunk(chunk, n * PAGES_PER_CHUNK, places))
        .collect();
    script(pages.len(), chunks)
}

/// The script for packed chunks, each with its number of sections.
fn script(pages: usize, chunks: Vec<(usize, String)>) -> String {
    let sections: usize = chunks.iter().map(|(count, _)| count).sum();
    let data: Vec<String> = chunks
        .into_iter()
        .map(|(_, packed)| format!("\"{packed}\""))
        .collect();
    format!(
        "// Signpost search index, made by `signpost build`: {pages} pages, {sections} sections.\n\
         // Chunks of JSON, each gzip-compressed and base64-encoded; read by search.js.\n\
         self.{INDEX_GLOBAL} = {{\"format\": \"{FORMAT}\", \"data\": [{data}]}};\n",
        data = data.join(",\n"),
    )
}

/// Reads an index back from its script (for tests and tools): the chunks joined.
pub fn read_index_script(script: &str) -> Option<Index> {
    let start = script.find("\"data\": [")? + "\"data\": [".len();
    let end = start + script[start..].find(']')?;
    let mut whole = Index {
        pages: Vec::new(),
        sections: Vec::new(),
        places: Vec::new(),
    };
    for chunk in script[start..end].split(',') {
        let packed = base64::engine::general_purpose::STANDARD
            .decode(chunk.trim().trim_matches('"'))
            .ok()?;
        let mut json = Vec::new();
        std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&packed[..]), &mut json)
            .ok()?;
        let index: Index = serde_json::from_slice(&json).ok()?;
        let first_section = whole.sections.len();
        whole.pages.extend(index.pages);
        whole.sections.extend(index.sections);
        whole.places.extend(
            index
                .places
                .into_iter()
                .map(|(section, named)| (first_section + section, named)),
        );
    }
    Some(whole)
}

/// Writes `assets/search-index.js` and `search.html`.
pub fn write(site: &Site, today: NaiveDate, out: &Path) -> Result<(), Vec<Diagnostic>> {
    let places = Places::new(site.flows.values().flat_map(|f| &f.flow.countries));
    let script = index_script(&site.pages, &places);
    write_file(&out.join(ASSETS_DIR).join(INDEX_FILE), script.as_bytes()).map_err(|e| vec![e])?;
    let html = search_page(site, today).map_err(|e| vec![e])?;
    write_file(&out.join(PAGE_FILE), html.as_bytes()).map_err(|e| vec![e])
}

#[derive(Serialize)]
struct ListedPage {
    title: String,
    href: String,
    summary: Option<String>,
}

/// The search page: results (by `search.js`, from `?q=`), then every page A to Z.
pub fn search_page(site: &Site, today: NaiveDate) -> Result<String, Diagnostic> {
    let href = |page: &Page| page.url.clone();
    let listed = |page: &Page| ListedPage {
        title: page.title.clone(),
        href: href(page),
        summary: page.front.summary.clone(),
    };
    let mut pages: Vec<&Page> = site.pages.iter().collect();
    pages.sort_by_cached_key(|p| (p.title.to_lowercase(), p.url.clone()));
    let (replaced, current): (Vec<&Page>, Vec<&Page>) = pages
        .into_iter()
        .partition(|p| p.front.superseded_by.is_some());
    let mut context =
        crate::render::root_page_context(site, "Search", None, "search", PAGE_FILE, today);
    context.insert(
        "pages",
        &current.into_iter().map(listed).collect::<Vec<_>>(),
    );
    context.insert(
        "replaced",
        &replaced.into_iter().map(listed).collect::<Vec<_>>(),
    );
    let file = site.content_dir.join("templates").join(PAGE_FILE);
    site.templates.render(PAGE_FILE, &context, &file)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_script_round_trips_and_cannot_break_out() {
        let index = Index {
            pages: vec![("a.html".into(), "</script><b>\u{2028}".into(), 0)],
            sections: vec![(
                0,
                String::new(),
                String::new(),
                "\"quotes\" & <tags>".into(),
            )],
            places: vec![(0, vec![("<b>".into(), vec!["</script>".into()])])],
        };
        let script = script(1, vec![(1, pack(&index))]);
        assert!(!script.contains("</script"));
        assert!(!script.contains('<'));
        assert!(!script.contains('\u{2028}'));
        assert_eq!(read_index_script(&script), Some(index));
    }
}
