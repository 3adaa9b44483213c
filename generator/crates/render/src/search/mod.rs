//! Site search that works from disk: an index of every page's text, made at build time and
//! shipped as classic scripts, so the theme's `search.js` needs no `fetch` (refused from
//! `file://`) and no inline script (refused by the site's Content-Security-Policy). Plus
//! `search.html`: where the header's search form goes, with the full results, or without
//! JavaScript a list of every page.
//!
//! The index comes in pieces, so a large site's first query loads little of it:
//! - `assets/search-index.js`, loaded first: the site's words (most used first, with how often each
//!   occurs: enough to find the words a term starts and to forgive a misspelling), which
//!   shard holds each word, and how many sections each page has;
//! - `assets/search/w<n>.js`: shards of postings, where each word occurs (see
//!   `search_words`), loaded for the query's words only;
//! - `assets/search/t<n>.js`: the pages' titles, links, headings and section texts, a few
//!   pages a piece, loaded for the results shown (snippets). On a large site each
//!   section's text is cut to its first words (see [`WHOLE_TEXT_BYTES`]). Results are
//!   ranked from the postings alone, so a query loads no text but what it shows.
//!
//! Each piece is one statement that puts a string on a global: JSON or bytes,
//! gzip-compressed and base64-encoded, so nothing in a page can end the script early (and
//! no server's charset can change it). The browser unpacks them with `DecompressionStream`,
//! as the wizard does its wasm.
//!
//! A section that names a country carries the other words readers use for it (from the
//! countries data: "Dubai" for the United Arab Emirates), so a search for them finds it.

pub mod page_text;
pub mod places;
pub mod words;

use crate::search::places::Places;
use crate::search::words::{EXCERPT_WORDS, SectionText, WordIndex, WordIndexer, decode_texts};
use base64::Engine;
use chrono::NaiveDate;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use signpost_base::diagnostic::Diagnostic;
use signpost_base::names::ASSETS_DIR;
use signpost_base::names::{SEARCH_INDEX as INDEX_FILE, SEARCH_PAGE as PAGE_FILE};
use signpost_base::write::write_file;
use signpost_model::page::Page;
use signpost_model::site::Site;
use std::path::Path;

/// The folder of the other pieces, under `assets/`.
pub const PARTS_DIR: &str = "search";
/// The global the first script sets.
pub const INDEX_GLOBAL: &str = "SIGNPOST_SEARCH_INDEX";
/// The global each other piece adds itself to, by name.
pub const PARTS_GLOBAL: &str = "SIGNPOST_SEARCH_PARTS";
/// Names the layout of the packed data, for `search.js`.
pub const FORMAT: &str = "signpost-search-4";

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
/// query small; more pages a piece compress better.
pub const PAGES_PER_PIECE: usize = 8;

/// Above this much HTML in the pages' bodies (some 200 pages), the text pieces carry the
/// start of each section (`search_words::EXCERPT_WORDS`) rather than all of it: the whole
/// text would make the index a fifth of the site's source, and a query's results are
/// ranked without it.
pub const WHOLE_TEXT_BYTES: usize = 2_000_000;

/// Pages read at a time: their text is read in parallel, then indexed in page order and
/// dropped, so a large site's whole text is never held at once.
const PAGES_PER_BATCH: usize = 256;

/// What `search-index.js` carries (JSON, packed).
#[derive(Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct Base {
    /// Every word of the site, lower case, by number, joined by newlines.
    pub words: String,
    /// How often each word occurs.
    pub counts: Vec<u32>,
    /// The shard (`search/w<n>.js`) with each word's postings.
    pub shards: Vec<u32>,
    /// For the text coding: the gaps between words other than one space, and the words
    /// written other than lower case, capitalised or upper case.
    pub gaps: Vec<String>,
    pub literals: Vec<String>,
    /// How many sections each page has, in page order.
    pub sections: Vec<u32>,
    /// The pages that have been replaced (ranked after all current ones).
    pub replaced: Vec<u32>,
    /// Pages per text piece (`search/t<n>.js`).
    pub pieces: usize,
}

/// One text piece's JSON, borrowed from the pages; the sections' text follows it, coded
/// with the site's words (see `search_words`).
#[derive(Serialize)]
struct Chunk<'a> {
    pages: Vec<(&'a str, &'a str, u8)>,
    /// `[page number, h2 heading ("" before the first), heading id]`.
    sections: Vec<(usize, &'a str, &'a str)>,
    places: Vec<(usize, Vec<NamedPlaceRef<'a>>)>,
}

/// A [`Chunk`] as read back.
#[derive(Deserialize)]
struct ReadChunk {
    pages: Vec<(String, String, u8)>,
    sections: Vec<(usize, String, String)>,
    places: Vec<(usize, Vec<NamedPlace>)>,
}

/// A [`NamedPlace`], borrowed.
type NamedPlaceRef<'a> = (&'a str, Vec<&'a str>);

/// The files of the index: paths under `assets/` and their scripts.
pub type IndexFiles = Vec<(String, String)>;

/// A page as indexed: its sections' headings and ids (their text is in the word index
/// and, the excerpts, in `coded`), and the places each names.
struct ReadPage<'a> {
    sections: Vec<page_text::TextSection>,
    places: Vec<Vec<NamedPlaceRef<'a>>>,
    coded: Vec<u8>,
}

/// Packs the text piece of `pages` (numbered from `first_number`): the length of its
/// JSON, the JSON, then its sections' coded excerpts.
fn pack_piece(pages: &[Page], read: &[ReadPage], words: &WordIndex, first_number: usize) -> String {
    let mut chunk = Chunk {
        pages: Vec::with_capacity(pages.len()),
        sections: Vec::new(),
        places: Vec::new(),
    };
    for ((number, page), read) in (first_number..).zip(pages).zip(read) {
        chunk.pages.push((
            &page.url,
            &page.title,
            u8::from(page.front.superseded_by.is_some()),
        ));
        for (section, named) in read.sections.iter().zip(&read.places) {
            if !named.is_empty() {
                chunk.places.push((chunk.sections.len(), named.clone()));
            }
            chunk.sections.push((number, &section.heading, &section.id));
        }
    }
    let json = serde_json::to_vec(&chunk).expect("the index serialises");
    let coded_len: usize = read.iter().map(|r| r.coded.len()).sum();
    let mut bytes = Vec::with_capacity(json.len() + 8 + coded_len);
    bytes.extend_from_slice(format!("{}\n", json.len()).as_bytes());
    bytes.extend_from_slice(&json);
    for page in read {
        bytes.extend_from_slice(&words.recode(&page.coded));
    }
    pack_bytes(&bytes)
}

/// A page's text, as read for the index: its sections and the places each names.
type PageText<'a> = (Vec<page_text::TextSection>, Vec<Vec<NamedPlaceRef<'a>>>);

/// Reads every page (a batch at a time) into the site's words, from every page's title
/// and sections in page order; keeps of each page its headings, places and coded
/// excerpts. A batch's text is read in parallel while the batch before is indexed (one
/// page after another, in page order).
fn word_index<'a>(pages: &[Page], places: &'a Places) -> (WordIndex, Vec<ReadPage<'a>>) {
    let mut indexer = WordIndexer::default();
    let mut number = 0u32;
    let mut read = Vec::with_capacity(pages.len());
    let mut page_number = 0u32;
    let html: usize = pages.iter().map(|p| p.body_html.len()).sum();
    let kept_words = if html > WHOLE_TEXT_BYTES {
        EXCERPT_WORDS
    } else {
        usize::MAX
    };
    let read_texts = |batch: &[Page]| -> Vec<PageText<'a>> {
        batch
            .par_iter()
            .map(|page| {
                let sections = page_text::sections(&page.body_html);
                let named = sections.iter().map(|s| places.named_in(&s.text)).collect();
                (sections, named)
            })
            .collect()
    };
    let mut batches = pages.chunks(PAGES_PER_BATCH);
    let mut next = batches.next().map(|batch| (batch, read_texts(batch)));
    while let Some((batch, texts)) = next.take() {
        let index_batch = || {
            for (page, (mut sections, named)) in batch.iter().zip(texts) {
                indexer.add_title(page_number, &page.title);
                let mut coded = Vec::new();
                for (section, named) in sections.iter_mut().zip(&named) {
                    indexer.add_section(
                        number,
                        &SectionText {
                            heading: &section.heading,
                            text: &section.text,
                            place_words: named
                                .iter()
                                .flat_map(|(_, words)| words)
                                .copied()
                                .collect(),
                            kept_words,
                        },
                        &mut coded,
                    );
                    section.text = String::new();
                    number += 1;
                }
                read.push(ReadPage {
                    sections,
                    places: named,
                    coded,
                });
                page_number += 1;
            }
        };
        let following = batches.next();
        next = rayon::join(index_batch, || {
            following.map(|batch| (batch, read_texts(batch)))
        })
        .1;
    }
    (indexer.finish(), read)
}

/// gzip-compressed, base64-encoded: a string nothing in the pages can end early.
fn pack_bytes(bytes: &[u8]) -> String {
    // Level 4: at 10,000 pages half the CPU of level 6 (0.21 s against 0.43 s) for 1.4%
    // more bytes; levels 1-3 cost little less time and grow the index 2.5-40%.
    let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(4));
    std::io::Write::write_all(&mut gzip, bytes).expect("writing to memory");
    let packed = gzip.finish().expect("writing to memory");
    base64::engine::general_purpose::STANDARD.encode(packed)
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
    let (words, read) = word_index(pages, places);
    let total: usize = read.iter().map(|r| r.sections.len()).sum();
    let texts: Vec<(String, String)> = pages
        .par_chunks(PAGES_PER_PIECE)
        .zip(read.par_chunks(PAGES_PER_PIECE))
        .enumerate()
        .map(|(n, (chunk, read))| {
            let name = format!("t{n}");
            let packed = pack_piece(chunk, read, &words, n * PAGES_PER_PIECE);
            (
                format!("{PARTS_DIR}/{name}.js"),
                part_script(&name, &packed),
            )
        })
        .collect();
    let base = Base {
        words: words.words.join("\n"),
        counts: words.counts,
        shards: words.shard_of,
        gaps: words.gaps,
        literals: words.literals,
        sections: read.iter().map(|r| r.sections.len() as u32).collect(),
        replaced: (0u32..)
            .zip(pages)
            .filter(|(_, p)| p.front.superseded_by.is_some())
            .map(|(n, _)| n)
            .collect(),
        pieces: PAGES_PER_PIECE,
    };
    let base_json = serde_json::to_vec(&base).expect("the index serialises");
    let mut files = vec![(
        INDEX_FILE.to_string(),
        format!(
            "// Signpost search index, made by `signpost build`: {} pages, {total} sections.\n\
             // The site's words; the rest is in search/, loaded by search.js as needed.\n\
             self.{INDEX_GLOBAL} = {{\"format\": \"{FORMAT}\", \"data\": \"{}\"}};\n",
            pages.len(),
            pack_bytes(&base_json),
        ),
    )];
    files.extend(
        words
            .shards
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

/// The packed bytes of a script written by [`index_files`].
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

/// Reads a piece of the index back (for tests and tools): its bytes, unpacked.
pub fn read_part(script: &str) -> Option<Vec<u8>> {
    packed_in(script)
}

/// Reads a text piece back, its texts decoded with the site's words in `base`.
pub fn read_piece(bytes: &[u8], base: &Base) -> Option<Index> {
    let newline = bytes.iter().position(|&b| b == b'\n')?;
    let len: usize = std::str::from_utf8(&bytes[..newline]).ok()?.parse().ok()?;
    let json = bytes.get(newline + 1..newline + 1 + len)?;
    let chunk: ReadChunk = serde_json::from_slice(json).ok()?;
    let words = WordIndex {
        words: base.words.split('\n').map(String::from).collect(),
        counts: Vec::new(),
        shard_of: Vec::new(),
        shards: Vec::new(),
        gaps: base.gaps.clone(),
        literals: base.literals.clone(),
        rank: Vec::new(),
    };
    let texts = decode_texts(&bytes[newline + 1 + len..], chunk.sections.len(), &words)?;
    Some(Index {
        pages: chunk.pages,
        sections: chunk
            .sections
            .into_iter()
            .zip(texts)
            .map(|((p, h, id), text)| (p, h, id, text))
            .collect(),
        places: chunk.places,
    })
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
        let piece = read_piece(&read_part(&script)?, &base)?;
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
        crate::context::root_page_context(site, "Search", None, "search", PAGE_FILE, today);
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
    fn a_piece_script_cannot_break_out() {
        let script = part_script("t0", &pack_bytes("</script><b>\u{2028}\"".as_bytes()));
        assert!(!script.contains("</script"));
        assert!(!script.contains('<'));
        assert!(!script.contains('\u{2028}'));
        assert_eq!(
            read_part(&script).unwrap(),
            "</script><b>\u{2028}\"".as_bytes()
        );
    }
}
