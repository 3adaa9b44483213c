//! Site search that works from disk: an index of every page's text, made at build time and
//! shipped as classic scripts, so the theme's `search.js` needs no `fetch` (refused from
//! `file://`) and no inline script (refused by the site's Content-Security-Policy). Plus
//! `search.html`: where the header's search form goes, with the full results, or without
//! JavaScript a list of every page.
//!
//! The index comes in pieces, so a large site's first query loads little of it:
//! - `assets/search-index.js`, loaded first: the site's words (sorted, with how often each
//!   occurs: enough to find the words a term starts and to forgive a misspelling), which
//!   shard holds each word, and how many sections each page has;
//! - `assets/search/w<n>.js`: shards of postings, where each word occurs (see
//!   `search_words`), loaded for the query's words only;
//! - `assets/search/t<n>.js`: the pages' titles, links and section texts, a few pages a
//!   piece, loaded for the results shown (snippets) and to score them exactly.
//!
//! Each piece is one statement that puts a string on a global: JSON or bytes,
//! gzip-compressed and base64-encoded, so nothing in a page can end the script early. The
//! browser unpacks them with `DecompressionStream`, as the wizard does its wasm.
//!
//! A section that names a country carries the other words readers use for it (from the
//! countries data: "Dubai" for the United Arab Emirates), so a search for them finds it.

use crate::diagnostics::Diagnostic;
use crate::html_text;
use crate::output::write_file;
use crate::page::Page;
use crate::render::ASSETS_DIR;
use crate::search_places::Places;
use crate::search_words::{PageWords, SectionText, WordIndex, word_index};
use crate::site::Site;
use base64::Engine;
use chrono::NaiveDate;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// The index script loaded first, under `assets/`.
pub const INDEX_FILE: &str = "search-index.js";
/// The folder of the other pieces, under `assets/`.
pub const PARTS_DIR: &str = "search";
/// The page of search results, at the site root.
pub const PAGE_FILE: &str = "search.html";
/// The global the first script sets.
pub const INDEX_GLOBAL: &str = "SIGNPOST_SEARCH_INDEX";
/// The global each other piece adds itself to, by name.
pub const PARTS_GLOBAL: &str = "SIGNPOST_SEARCH_PARTS";
/// Names the layout of the packed data, for `search.js`.
pub const FORMAT: &str = "signpost-search-3";

/// What is searched, as read back from the text pieces (each is written as one of these,
/// borrowed: see `Chunk`). Tuples keep the JSON small.
#[derive(Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct Index {
    /// `[link from the site root, title, 1 if the page has been replaced else 0]`.
    pub pages: Vec<(String, String, u8)>,
    /// `[page number, h2 heading ("" before the first), heading id, text]`.
    pub sections: Vec<(usize, String, String, String)>,
    /// `[section number, [[place name in the text, [other words for it]]]]`, for the
    /// sections that name a place with other words. In a piece, sections are numbered
    /// from its first; read back, across the whole index.
    #[serde(default)]
    pub places: Vec<(usize, Vec<NamedPlace>)>,
}

/// `[place name as the text writes it, [other words for it]]`.
pub type NamedPlace = (String, Vec<String>);

/// Pages per text piece. A result shown loads its page's piece: small pieces keep a first
/// query small; more pages a piece would compress a little better.
pub const PAGES_PER_PIECE: usize = 2;

/// What `search-index.js` carries (JSON, packed).
#[derive(Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct Base {
    /// Every word of the site, sorted, joined by newlines.
    pub words: String,
    /// How often each word occurs.
    pub counts: Vec<u32>,
    /// The first word of each shard (`search/w<n>.js`).
    pub shards: Vec<usize>,
    /// How many sections each page has, in page order.
    pub sections: Vec<u32>,
    /// The pages that have been replaced (ranked after all current ones).
    pub replaced: Vec<u32>,
    /// Pages per text piece (`search/t<n>.js`).
    pub pieces: usize,
}

/// One text piece, borrowed from the pages: packed without copying their text.
#[derive(Serialize)]
struct Chunk<'a> {
    pages: Vec<(&'a str, &'a str, u8)>,
    sections: Vec<(usize, &'a str, &'a str, &'a str)>,
    places: Vec<(usize, Vec<NamedPlaceRef<'a>>)>,
}

/// A [`NamedPlace`], borrowed.
type NamedPlaceRef<'a> = (&'a str, Vec<&'a str>);

/// The files of the index: paths under `assets/` and their scripts.
pub type IndexFiles = Vec<(String, String)>;

/// Packs the text piece of `pages` (numbered from `first_number`).
fn pack_piece(
    pages: &[Page],
    read: &[Vec<html_text::TextSection>],
    first_number: usize,
    places: &Places,
) -> String {
    let mut chunk = Chunk {
        pages: Vec::with_capacity(pages.len()),
        sections: Vec::new(),
        places: Vec::new(),
    };
    for ((number, page), sections) in (first_number..).zip(pages).zip(read) {
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
    pack_json(&chunk)
}

/// One page's words, its sections numbered from `first_section`.
fn page_words(
    page: &Page,
    sections: &[html_text::TextSection],
    first_section: u32,
    places: &Places,
) -> PageWords {
    let mut words = PageWords::new(&page.title);
    for (number, section) in (first_section..).zip(sections) {
        let place_words = places
            .named_in(&section.text)
            .into_iter()
            .flat_map(|(_, words)| words)
            .collect();
        words.add_section(
            number,
            &SectionText {
                heading: &section.heading,
                text: &section.text,
                place_words,
            },
        );
    }
    words
}

/// gzip-compressed, base64-encoded: a string nothing in the pages can end early.
fn pack_bytes(bytes: &[u8]) -> String {
    // Level 6: the index is read by every reader, so worth its share of the build's time.
    let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(6));
    std::io::Write::write_all(&mut gzip, bytes).expect("writing to memory");
    let packed = gzip.finish().expect("writing to memory");
    base64::engine::general_purpose::STANDARD.encode(packed)
}

fn pack_json(value: &impl Serialize) -> String {
    pack_bytes(&serde_json::to_vec(value).expect("the index serialises"))
}

/// A piece's script: one statement adding it to the global by name.
fn part_script(name: &str, packed: &str) -> String {
    format!(
        "// Signpost search index, a piece of it; read by search.js.\n\
         (self.{PARTS_GLOBAL} = self.{PARTS_GLOBAL} || {{}})[\"{name}\"] = \"{packed}\";\n"
    )
}

/// Every file of the index of `pages`: `search-index.js` first, then the pieces.
pub fn index_files(pages: &[Page], places: &Places) -> IndexFiles {
    let read: Vec<Vec<html_text::TextSection>> = pages
        .par_iter()
        .map(|page| html_text::sections(&page.body_html))
        .collect();
    let mut first_sections = Vec::with_capacity(pages.len());
    let mut total = 0u32;
    for sections in &read {
        first_sections.push(total);
        total += sections.len() as u32;
    }
    let (words, texts) = rayon::join(
        || {
            let words: Vec<PageWords> = pages
                .par_iter()
                .zip(&read)
                .zip(&first_sections)
                .map(|((page, sections), &first)| page_words(page, sections, first, places))
                .collect();
            word_index(words)
        },
        || {
            pages
                .par_chunks(PAGES_PER_PIECE)
                .zip(read.par_chunks(PAGES_PER_PIECE))
                .enumerate()
                .map(|(n, (chunk, read))| {
                    let name = format!("t{n}");
                    let packed = pack_piece(chunk, read, n * PAGES_PER_PIECE, places);
                    (
                        format!("{PARTS_DIR}/{name}.js"),
                        part_script(&name, &packed),
                    )
                })
                .collect::<Vec<_>>()
        },
    );
    let WordIndex {
        words,
        counts,
        shard_starts,
        shards,
    } = words;
    let base = Base {
        words: words.join("\n"),
        counts,
        shards: shard_starts,
        sections: read.iter().map(|s| s.len() as u32).collect(),
        replaced: (0u32..)
            .zip(pages)
            .filter(|(_, p)| p.front.superseded_by.is_some())
            .map(|(n, _)| n)
            .collect(),
        pieces: PAGES_PER_PIECE,
    };
    let mut files = vec![(
        INDEX_FILE.to_string(),
        format!(
            "// Signpost search index, made by `signpost build`: {} pages, {total} sections.\n\
             // The site's words; the rest is in search/, loaded by search.js as needed.\n\
             self.{INDEX_GLOBAL} = {{\"format\": \"{FORMAT}\", \"data\": \"{}\"}};\n",
            pages.len(),
            pack_json(&base),
        ),
    )];
    files.extend(
        shards
            .par_iter()
            .enumerate()
            .map(|(n, shard)| {
                let name = format!("w{n}");
                (
                    format!("{PARTS_DIR}/{name}.js"),
                    part_script(&name, &pack_bytes(shard)),
                )
            })
            .collect::<Vec<_>>(),
    );
    files.extend(texts);
    files
}

/// The packed string of a script written by [`index_files`].
fn packed_in(script: &str) -> Option<Vec<u8>> {
    let line = script.lines().find(|l| !l.starts_with("//"))?;
    let end = line.rfind('"')?;
    let start = line[..end].rfind('"')? + 1;
    let packed = base64::engine::general_purpose::STANDARD
        .decode(&line[start..end])
        .ok()?;
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&packed[..]), &mut bytes).ok()?;
    Some(bytes)
}

/// Reads the first script of an index back (for tests and tools).
pub fn read_base(script: &str) -> Option<Base> {
    serde_json::from_slice(&packed_in(script)?).ok()
}

/// Reads a piece of the index back: a text piece's JSON or a shard's bytes.
pub fn read_part(script: &str) -> Option<Vec<u8>> {
    packed_in(script)
}

/// Reads the text of a whole index back from a built site's `assets/` folder (for tests
/// and tools): the text pieces joined.
pub fn read_index(assets: &Path) -> Option<Index> {
    let base = read_base(&std::fs::read_to_string(assets.join(INDEX_FILE)).ok()?)?;
    let mut whole = Index {
        pages: Vec::new(),
        sections: Vec::new(),
        places: Vec::new(),
    };
    for n in 0..base.sections.len().div_ceil(base.pieces) {
        let script =
            std::fs::read_to_string(assets.join(PARTS_DIR).join(format!("t{n}.js"))).ok()?;
        let piece: Index = serde_json::from_slice(&read_part(&script)?).ok()?;
        let first_section = whole.sections.len();
        whole.pages.extend(piece.pages);
        whole.sections.extend(piece.sections);
        whole.places.extend(
            piece
                .places
                .into_iter()
                .map(|(section, named)| (first_section + section, named)),
        );
    }
    Some(whole)
}

/// Writes the index (`assets/search-index.js`, `assets/search/`) and `search.html`.
pub fn write(site: &Site, today: NaiveDate, out: &Path) -> Result<(), Vec<Diagnostic>> {
    let places = Places::new(site.flows.values().flat_map(|f| &f.flow.countries));
    let assets = out.join(ASSETS_DIR);
    let errors: Vec<Diagnostic> = index_files(&site.pages, &places)
        .par_iter()
        .filter_map(|(path, script)| write_file(&assets.join(path), script.as_bytes()).err())
        .collect();
    if !errors.is_empty() {
        return Err(errors);
    }
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
    fn a_piece_round_trips_and_cannot_break_out() {
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
        let script = part_script("t0", &pack_json(&index));
        assert!(!script.contains("</script"));
        assert!(!script.contains('<'));
        assert!(!script.contains('\u{2028}'));
        let read: Index = serde_json::from_slice(&read_part(&script).unwrap()).unwrap();
        assert_eq!(read, index);
    }
}
