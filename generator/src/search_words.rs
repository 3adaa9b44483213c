//! The word side of the search index: every word of the site (in titles, headings, text and
//! the other words for places a section names), how often it occurs, and for each word
//! where it occurs: the pages whose title has it, and the sections that have it with how
//! often and whether in the heading or a place's other words. This is what lets the browser
//! score every section of a large site while loading only the words of the query.
//!
//! Words are cut into shards in their sorted order, so the words a term starts ("trav" for
//! "travel", "travelling") sit together and a query loads few shards.

use std::collections::BTreeMap;

/// A section's weight for a word: times in its text (at most [`MAX_COUNT`]), and flags.
pub const HEADING: u8 = 16;
pub const PLACE: u8 = 32;
const MAX_COUNT: u8 = 10;

/// Raw bytes of postings per shard, before compression: small enough that a query's
/// shards stay well under what a first query may load, large enough not to make a file
/// per rare word.
const SHARD_BYTES: usize = 6 * 1024;

/// The words of `text`, as search.js reads them: lower case, split at anything not a
/// letter or digit.
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

/// One page's words: in its title, and in each of its sections (numbered across the site).
#[derive(Default)]
pub struct PageWords {
    title: Vec<String>,
    /// `(word, section number, weight)`.
    sections: Vec<(String, u32, u8)>,
    /// Every occurrence, for the word counts.
    counts: BTreeMap<String, u32>,
}

/// What one section says, for [`PageWords::add_section`].
pub struct SectionText<'a> {
    pub heading: &'a str,
    pub text: &'a str,
    pub place_words: Vec<&'a str>,
}

impl PageWords {
    pub fn new(title: &str) -> Self {
        let mut page = PageWords::default();
        for word in words(title) {
            *page.counts.entry(word.clone()).or_default() += 1;
            page.title.push(word);
        }
        page.title.sort();
        page.title.dedup();
        page
    }

    pub fn add_section(&mut self, number: u32, section: &SectionText) {
        let mut weights: BTreeMap<String, u8> = BTreeMap::new();
        let mut add = |word: String, weight: &dyn Fn(u8) -> u8| {
            *self.counts.entry(word.clone()).or_default() += 1;
            let w = weights.entry(word).or_default();
            *w = weight(*w);
        };
        for word in words(section.heading) {
            add(word, &|w| w | HEADING);
        }
        for word in words(section.text) {
            add(word, &|w| {
                if w & 15 < MAX_COUNT { w + 1 } else { w }
            });
        }
        for place in &section.place_words {
            for word in words(place) {
                add(word, &|w| w | PLACE);
            }
        }
        self.sections
            .extend(weights.into_iter().map(|(word, w)| (word, number, w)));
    }
}

#[derive(Default)]
struct Postings {
    count: u32,
    titles: Vec<u32>,
    sections: Vec<(u32, u8)>,
}

/// The words of the whole site, sorted, with their counts, and their postings cut into
/// shards: `(words, counts, first word of each shard, each shard's bytes)`.
pub struct WordIndex {
    pub words: Vec<String>,
    pub counts: Vec<u32>,
    pub shard_starts: Vec<usize>,
    pub shards: Vec<Vec<u8>>,
}

/// Joins the pages' words (in page order) into the site's word index.
pub fn word_index(pages: Vec<PageWords>) -> WordIndex {
    let mut all: BTreeMap<String, Postings> = BTreeMap::new();
    for (number, page) in pages.into_iter().enumerate() {
        for word in page.title {
            all.entry(word).or_default().titles.push(number as u32);
        }
        for (word, section, weight) in page.sections {
            all.entry(word)
                .or_default()
                .sections
                .push((section, weight));
        }
        for (word, count) in page.counts {
            all.entry(word).or_default().count += count;
        }
    }
    let mut index = WordIndex {
        words: Vec::with_capacity(all.len()),
        counts: Vec::with_capacity(all.len()),
        shard_starts: Vec::new(),
        shards: Vec::new(),
    };
    let mut shard = Vec::new();
    for (n, (word, postings)) in all.into_iter().enumerate() {
        if shard.is_empty() {
            index.shard_starts.push(n);
        }
        encode(&postings, &mut shard);
        index.words.push(word);
        index.counts.push(postings.count);
        if shard.len() >= SHARD_BYTES {
            index.shards.push(std::mem::take(&mut shard));
        }
    }
    if !shard.is_empty() {
        index.shards.push(shard);
    }
    index
}

/// One word's postings: the number of title pages, their numbers as gaps; the number of
/// sections, then each section's gap and weight. Numbers are LEB128 varints.
fn encode(postings: &Postings, out: &mut Vec<u8>) {
    varint(postings.titles.len() as u32, out);
    let mut last = 0;
    for &page in &postings.titles {
        varint(page - last, out);
        last = page;
    }
    varint(postings.sections.len() as u32, out);
    let mut last = 0;
    for &(section, weight) in &postings.sections {
        varint(section - last, out);
        out.push(weight);
        last = section;
    }
}

fn varint(mut n: u32, out: &mut Vec<u8>) {
    while n >= 0x80 {
        out.push((n as u8 & 0x7f) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

/// Reads one shard back (for tests): each word's title pages and `(section, weight)`s.
pub fn decode_shard(mut bytes: &[u8], words: usize) -> Option<Vec<(Vec<u32>, Vec<(u32, u8)>)>> {
    fn read(bytes: &mut &[u8]) -> Option<u32> {
        let mut n = 0u32;
        for shift in (0..35).step_by(7) {
            let (&b, rest) = bytes.split_first()?;
            *bytes = rest;
            n |= u32::from(b & 0x7f) << shift;
            if b < 0x80 {
                return Some(n);
            }
        }
        None
    }
    let mut out = Vec::with_capacity(words);
    for _ in 0..words {
        let mut titles = Vec::new();
        let mut last = 0;
        for _ in 0..read(&mut bytes)? {
            last += read(&mut bytes)?;
            titles.push(last);
        }
        let mut sections = Vec::new();
        let mut last = 0;
        for _ in 0..read(&mut bytes)? {
            last += read(&mut bytes)?;
            let (&w, rest) = bytes.split_first()?;
            bytes = rest;
            sections.push((last, w));
        }
        out.push((titles, sections));
    }
    bytes.is_empty().then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_counted_weighted_and_read_back_from_their_shards() {
        let mut first = PageWords::new("Travel abroad");
        first.add_section(
            0,
            &SectionText {
                heading: "",
                text: "Travel, travel and TRAVEL.",
                place_words: vec![],
            },
        );
        first.add_section(
            1,
            &SectionText {
                heading: "Where",
                text: "The United Arab Emirates.",
                place_words: vec!["Abu Dhabi"],
            },
        );
        let second = PageWords::new("Other");
        let index = word_index(vec![first, second]);
        assert_eq!(index.shard_starts, vec![0]);
        let at = |w: &str| index.words.iter().position(|x| x == w).unwrap();
        assert_eq!(index.counts[at("travel")], 4);
        let read = decode_shard(&index.shards[0], index.words.len()).unwrap();
        assert_eq!(read[at("travel")], (vec![0], vec![(0, 3)]));
        assert_eq!(read[at("dhabi")], (vec![], vec![(1, PLACE)]));
        assert_eq!(read[at("where")], (vec![], vec![(1, HEADING)]));
        assert_eq!(read[at("other")], (vec![1], vec![]));
    }
}
