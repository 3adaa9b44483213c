//! The word side of the search index: every word of the site (in titles, headings, text and
//! the other words for places a section names), how often it occurs, and for each word
//! where it occurs: the pages whose title has it, and the sections that have it with how
//! often and whether in the heading or a place's other words. This is what lets the browser
//! score every section of a large site while loading only the words of the query.
//!
//! Postings are cut into shards in the words' sorted order, so the words a term starts
//! ("trav" for "travel", "travelling") sit together and a query loads few shards.
//!
//! The same list of words codes the sections' excerpts for snippets: each word as its number
//! (and whether it is capitalised), each gap between words as nothing when it is one space,
//! else the number of the gap in a list of gaps. Compressed, that is about half the size of
//! the text compressed, and the words are already on the reader's side.

use rustc_hash::FxHashMap;

/// A section's weight for a word: times in its text (at most [`MAX_COUNT`]), and flags.
pub const HEADING: u8 = 16;
pub const PLACE: u8 = 32;
const MAX_COUNT: u8 = 10;

/// Words of a section's text kept for its snippet on a large site (a little more than a
/// snippet shows): the whole text is indexed, but shipping it would make the index as
/// large as a fifth of the site's source.
pub const EXCERPT_WORDS: usize = 32;

/// Raw bytes of postings per shard, before compression: small enough that a query's
/// shards stay well under what a first query may load, large enough not to make a file
/// per rare word.
const SHARD_BYTES: usize = 6 * 1024;

/// How a word of the text is written, against its entry in the list (lower case).
const AS_LISTED: u32 = 0;
const CAPITALISED: u32 = 1;
const UPPER_CASE: u32 = 2;
/// Written some other way ("iPhone"): the number is of an entry in the list of such words.
const LITERAL: u32 = 3;

/// What one section says, for [`WordIndexer::add_section`].
pub struct SectionText<'a> {
    pub heading: &'a str,
    pub text: &'a str,
    pub place_words: Vec<&'a str>,
    /// How many of the text's words to code, for the snippet.
    pub kept_words: usize,
}

/// A word's postings as they are written, while indexing: a common word of a large site
/// is in tens of thousands of sections, so they are kept as the bytes they are written as
/// (a byte or two a section, rather than eight).
#[derive(Default)]
struct Postings {
    count: u32,
    titles: Vec<u32>,
    /// The sections, each as its gap from the one before (a varint).
    section_gaps: Vec<u8>,
    /// Each section's weight.
    weights: Vec<u8>,
    /// The section this word was last seen in, while indexing.
    last: Option<u32>,
}

/// The site's words, most used first (their numbers), with their counts, the shard of
/// each, the shards' bytes, and the lists the text coding uses.
#[derive(Debug, PartialEq, Eq)]
pub struct WordIndex {
    pub words: Vec<String>,
    pub counts: Vec<u32>,
    pub shard_of: Vec<u32>,
    pub shards: Vec<Vec<u8>>,
    /// Gaps between words other than one space ("", ". ", ", ").
    pub gaps: Vec<String>,
    /// Words written other than lower case, capitalised or upper case.
    pub literals: Vec<String>,
    /// Each word's number by use, by its number in the order first met.
    pub rank: Vec<u32>,
}

/// Reads the pages, in page order, a word at a time: each word is looked up once in a map
/// of the site's words (a few thousand), so no word is copied after its first time.
#[derive(Default)]
pub struct WordIndexer {
    ids: FxHashMap<String, u32>,
    postings: Vec<Postings>,
    gaps: Numbered,
    literals: Numbered,
    lower: String,
    coded: Vec<u8>,
}

/// Strings numbered in the order first met.
#[derive(Default)]
struct Numbered {
    ids: FxHashMap<String, u32>,
    list: Vec<String>,
}

impl Numbered {
    fn id(&mut self, text: &str) -> u32 {
        if let Some(&id) = self.ids.get(text) {
            return id;
        }
        let id = self.list.len() as u32;
        self.ids.insert(text.to_string(), id);
        self.list.push(text.to_string());
        id
    }
}

/// Lower case, a character at a time (as the text coding's reader undoes it).
fn lower_into(word: &str, out: &mut String) {
    out.clear();
    out.extend(word.chars().flat_map(char::to_lowercase));
}

fn capitalised(lower: &str) -> String {
    let mut chars = lower.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// How `word` is written against its entry in the list; unless as listed, its lower case
/// is put in `lower`.
fn char_case(word: &str, lower: &mut String) -> u32 {
    if !word.chars().any(char::is_uppercase) {
        return AS_LISTED;
    }
    lower_into(word, lower);
    if capitalised(lower) == word {
        CAPITALISED
    } else if lower.to_uppercase() == word {
        UPPER_CASE
    } else {
        LITERAL
    }
}

/// [`char_case`] of an ASCII word (almost every word), with no `char` decoding.
fn ascii_case(word: &str, lower: &mut String) -> u32 {
    let bytes = word.as_bytes();
    let upper = bytes.iter().filter(|b| b.is_ascii_uppercase()).count();
    if upper == 0 {
        return AS_LISTED;
    }
    lower.clear();
    lower.push_str(word);
    lower.make_ascii_lowercase();
    if upper == 1 && bytes[0].is_ascii_uppercase() {
        CAPITALISED
    } else if upper == bytes.iter().filter(|b| b.is_ascii_alphabetic()).count() {
        UPPER_CASE
    } else {
        LITERAL
    }
}

impl WordIndexer {
    /// The number of a word, and how it is written against its entry.
    fn id(&mut self, word: &str) -> (u32, u32) {
        let mut lower = std::mem::take(&mut self.lower);
        let case = if word.is_ascii() {
            ascii_case(word, &mut lower)
        } else {
            char_case(word, &mut lower)
        };
        let id = self.lower_id(if case == AS_LISTED { word } else { &lower });
        self.lower = lower;
        (id, case)
    }

    fn lower_id(&mut self, word: &str) -> u32 {
        if let Some(&id) = self.ids.get(word) {
            return id;
        }
        let id = self.postings.len() as u32;
        self.ids.insert(word.to_string(), id);
        self.postings.push(Postings::default());
        id
    }

    pub fn add_title(&mut self, page: u32, title: &str) {
        for word in split(title) {
            let id = self.id(word).0 as usize;
            let postings = &mut self.postings[id];
            postings.count += 1;
            if postings.titles.last() != Some(&page) {
                postings.titles.push(page);
            }
        }
    }

    fn add(&mut self, id: u32, section: u32, weight: fn(u8) -> u8) {
        let postings = &mut self.postings[id as usize];
        postings.count += 1;
        if postings.last != Some(section) {
            varint(
                u64::from(section - postings.last.unwrap_or(0)),
                &mut postings.section_gaps,
            );
            postings.last = Some(section);
            postings.weights.push(0);
        }
        let entry = postings.weights.last_mut().expect("just pushed");
        *entry = weight(*entry);
    }

    /// Indexes a section's words, and appends its text, coded, to `out`: its first
    /// `kept_words` words.
    pub fn add_section(&mut self, number: u32, section: &SectionText, out: &mut Vec<u8>) {
        for word in split(section.heading) {
            let id = self.id(word).0;
            self.add(id, number, |w| w | HEADING);
        }
        for place in &section.place_words {
            for word in split(place) {
                let id = self.id(word).0;
                self.add(id, number, |w| w | PLACE);
            }
        }
        // The text to show: the gap before the first word, then each word with the gap after
        // it, up to `kept_words` words. Every word of the text is indexed.
        let mut coded = std::mem::take(&mut self.coded);
        coded.clear();
        let mut words = 0;
        let (lead, mut rest) = section.text.split_at(run(section.text, false));
        let lead = self.gaps.id(lead);
        while !rest.is_empty() {
            let (word, after) = rest.split_at(run(rest, true));
            let (gap, after) = after.split_at(run(after, false));
            rest = after;
            let (id, case) = self.id(word);
            self.add(id, number, |w| if w & 15 < MAX_COUNT { w + 1 } else { w });
            if words == section.kept_words as u64 {
                continue;
            }
            // The excerpt's last word, with more text after it: the gap says so.
            let cut;
            let gap = if words + 1 == section.kept_words as u64 && !rest.is_empty() {
                cut = format!("{} \u{2026}", gap.trim_end());
                cut.as_str()
            } else {
                gap
            };
            let id = if case == LITERAL {
                self.literals.id(word)
            } else {
                id
            };
            let spaced = gap == " ";
            varint(
                ((id * 4 + case) * 2 + u32::from(!spaced)) as u64,
                &mut coded,
            );
            if !spaced {
                varint(u64::from(self.gaps.id(gap)), &mut coded);
            }
            words += 1;
        }
        varint(words, out);
        varint(u64::from(lead), out);
        out.extend_from_slice(&coded);
        self.coded = coded;
    }

    /// The site's word index: postings in the words' sorted order, cut into shards.
    pub fn finish(self) -> WordIndex {
        let mut by_id = vec![String::new(); self.postings.len()];
        for (word, id) in self.ids {
            by_id[id as usize] = word;
        }
        // Numbered most used first, so the common words of the text take one byte.
        let mut by_use: Vec<u32> = (0..by_id.len() as u32).collect();
        by_use.sort_unstable_by(|&a, &b| {
            let (a, b) = (a as usize, b as usize);
            (self.postings[b].count, &by_id[a]).cmp(&(self.postings[a].count, &by_id[b]))
        });
        let mut rank = vec![0; by_id.len()];
        for (n, &id) in by_use.iter().enumerate() {
            rank[id as usize] = n as u32;
        }
        let mut sorted = by_use.clone();
        sorted.sort_unstable_by(|a, b| by_id[*a as usize].cmp(&by_id[*b as usize]));
        let mut shard_of = vec![0; by_id.len()];
        let mut shards = Vec::new();
        let mut shard = Vec::new();
        for id in sorted {
            let n = rank[id as usize];
            shard_of[n as usize] = shards.len() as u32;
            varint(u64::from(n), &mut shard);
            encode(&self.postings[id as usize], &mut shard);
            if shard.len() >= SHARD_BYTES {
                shards.push(std::mem::take(&mut shard));
            }
        }
        if !shard.is_empty() {
            shards.push(shard);
        }
        WordIndex {
            counts: by_use
                .iter()
                .map(|&id| self.postings[id as usize].count)
                .collect(),
            words: by_use
                .iter()
                .map(|&id| std::mem::take(&mut by_id[id as usize]))
                .collect(),
            shard_of,
            shards,
            gaps: self.gaps.list,
            literals: self.literals.list,
            rank,
        }
    }
}

/// A word of the text in the final coding: below this, a byte is the number of a word
/// written as listed, followed by one space; from it, `ESCAPE + case × 2 + 1 if a gap
/// other than one space follows`, then the word's number, then the gap's.
const ESCAPE: u8 = 192;

impl WordIndex {
    /// Texts as [`WordIndexer::add_section`] coded them (words by the order first met)
    /// in the final coding (words by use).
    pub fn recode(&self, coded: &[u8]) -> Vec<u8> {
        let mut read = Reader(coded);
        let mut out = Vec::with_capacity(coded.len());
        let number = |read: &mut Reader| read.number().expect("coded by add_section");
        while !read.0.is_empty() {
            let words = number(&mut read);
            varint(words, &mut out);
            varint(number(&mut read), &mut out);
            for _ in 0..words {
                let code = number(&mut read);
                let spaced = code & 1 == 0;
                let case = (code >> 1) & 3;
                let id = code >> 3;
                let n = if case == u64::from(LITERAL) {
                    id
                } else {
                    u64::from(self.rank[id as usize])
                };
                if case == u64::from(AS_LISTED) && spaced && n < u64::from(ESCAPE) {
                    out.push(n as u8);
                    continue;
                }
                out.push(ESCAPE + (case as u8) * 2 + u8::from(!spaced));
                varint(n, &mut out);
                if !spaced {
                    varint(number(&mut read), &mut out);
                }
            }
        }
        out
    }
}

/// The length of the run at the start of `text` of letters and digits (`word`), or of
/// anything else.
fn run(text: &str, word: bool) -> usize {
    // Byte by byte while the text is ASCII (almost always: search reads every word of
    // the site), where `is_alphanumeric` is `is_ascii_alphanumeric`.
    let ascii = text
        .bytes()
        .position(|b| !b.is_ascii() || b.is_ascii_alphanumeric() != word)
        .unwrap_or(text.len());
    match text.as_bytes().get(ascii) {
        Some(b) if !b.is_ascii() => {
            let rest = &text[ascii..];
            ascii
                + rest
                    .find(|c: char| c.is_alphanumeric() != word)
                    .unwrap_or(rest.len())
        }
        _ => ascii,
    }
}

/// The words of `text` as search.js reads them (split at anything not a letter or digit),
/// before lower-casing.
fn split(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// One word's postings: the number of title pages, their numbers as gaps; the number of
/// sections, then every section's gap, then every weight (two runs of like bytes compress
/// better than one of them mixed). Numbers are LEB128 varints.
fn encode(postings: &Postings, out: &mut Vec<u8>) {
    varint(postings.titles.len() as u64, out);
    let mut last = 0;
    for &page in &postings.titles {
        varint(u64::from(page - last), out);
        last = page;
    }
    varint(postings.weights.len() as u64, out);
    out.extend_from_slice(&postings.section_gaps);
    out.extend_from_slice(&postings.weights);
}

fn varint(mut n: u64, out: &mut Vec<u8>) {
    while n >= 0x80 {
        out.push((n as u8 & 0x7f) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

/// Reads LEB128 varints and bytes off the front of a slice.
struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn bytes(&mut self, count: usize) -> Option<&'a [u8]> {
        let (bytes, rest) = self.0.split_at_checked(count)?;
        self.0 = rest;
        Some(bytes)
    }

    fn byte(&mut self) -> Option<u8> {
        let (&b, rest) = self.0.split_first()?;
        self.0 = rest;
        Some(b)
    }

    fn number(&mut self) -> Option<u64> {
        let mut n = 0u64;
        for shift in (0..63).step_by(7) {
            let b = self.byte()?;
            n |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                return Some(n);
            }
        }
        None
    }
}

/// A word's postings as read back: title pages, and `(section, weight)`s.
pub type ReadPostings = (Vec<u32>, Vec<(u32, u8)>);

/// Reads one shard back (for tests): each word's number and postings.
pub fn decode_shard(bytes: &[u8]) -> Option<Vec<(u32, ReadPostings)>> {
    let mut read = Reader(bytes);
    let mut out = Vec::new();
    while !read.0.is_empty() {
        let id = read.number()? as u32;
        let mut titles = Vec::new();
        let mut last = 0;
        for _ in 0..read.number()? {
            last += read.number()? as u32;
            titles.push(last);
        }
        let count = read.number()? as usize;
        let mut gaps = Vec::with_capacity(count);
        let mut last = 0;
        for _ in 0..count {
            last += read.number()? as u32;
            gaps.push(last);
        }
        let weights = read.bytes(count)?;
        let sections = gaps.into_iter().zip(weights.iter().copied()).collect();
        out.push((id, (titles, sections)));
    }
    Some(out)
}

/// Reads texts in the final coding back (for tests and tools), as search.js does:
/// `count` of them.
pub fn decode_texts(bytes: &[u8], count: usize, index: &WordIndex) -> Option<Vec<String>> {
    let mut read = Reader(bytes);
    let mut texts = Vec::with_capacity(count);
    for _ in 0..count {
        let words = read.number()?;
        let mut text = index.gaps.get(read.number()? as usize)?.clone();
        for _ in 0..words {
            let token = read.byte()?;
            if token < ESCAPE {
                text.push_str(index.words.get(usize::from(token))?);
                text.push(' ');
                continue;
            }
            let case = u32::from((token - ESCAPE) >> 1);
            let spaced = (token - ESCAPE) & 1 == 0;
            let n = read.number()? as usize;
            let word = if case == LITERAL {
                index.literals.get(n)?.clone()
            } else {
                let listed = index.words.get(n)?;
                match case {
                    CAPITALISED => capitalised(listed),
                    UPPER_CASE => listed.to_uppercase(),
                    _ => listed.clone(),
                }
            };
            text.push_str(&word);
            if spaced {
                text.push(' ');
            } else {
                text.push_str(index.gaps.get(read.number()? as usize)?);
            }
        }
        texts.push(text);
    }
    read.0.is_empty().then_some(texts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_words_are_cased_as_any_word() {
        for word in [
            "travel", "Travel", "TRAVEL", "iPhone", "A", "a", "3D", "3d", "B2B", "b2B", "X1y",
            "007",
        ] {
            let (mut ascii, mut chars) = (String::new(), String::new());
            assert_eq!(
                (ascii_case(word, &mut ascii), &ascii),
                (char_case(word, &mut chars), &chars),
                "{word}"
            );
        }
    }

    #[test]
    fn runs_of_words_and_gaps_in_any_script() {
        assert_eq!(run("Zürich, Genève", true), "Zürich".len());
        assert_eq!(run(", Genève", false), 2);
        assert_eq!(run("abc", true), 3);
        assert_eq!(run(" \u{a0}\u{2014} x", false), " \u{a0}\u{2014} ".len());
        assert_eq!(run("naïve.", true), "naïve".len());
        assert_eq!(run("", true), 0);
    }

    #[test]
    fn words_are_counted_weighted_and_read_back_from_their_shards() {
        let mut indexer = WordIndexer::default();
        let mut coded = Vec::new();
        indexer.add_title(0, "Travel abroad");
        let texts = [
            " Travel, travel and TRAVEL with an iPhone.",
            "The United Arab Emirates",
        ];
        indexer.add_section(
            0,
            &SectionText {
                heading: "",
                text: texts[0],
                place_words: vec![],
                kept_words: usize::MAX,
            },
            &mut coded,
        );
        indexer.add_section(
            1,
            &SectionText {
                heading: "Where",
                text: texts[1],
                place_words: vec!["Abu Dhabi"],
                kept_words: usize::MAX,
            },
            &mut coded,
        );
        indexer.add_title(1, "Other");
        let index = indexer.finish();
        let at = |w: &str| index.words.iter().position(|x| x == w).unwrap();
        assert_eq!(index.counts[at("travel")], 4);
        let read: std::collections::HashMap<u32, ReadPostings> = index
            .shards
            .iter()
            .flat_map(|s| decode_shard(s).unwrap())
            .collect();
        let of = |w: &str| read[&(at(w) as u32)].clone();
        assert_eq!(index.words[0], "travel", "the most used first");
        assert_eq!(of("travel"), (vec![0], vec![(0, 3)]));
        assert_eq!(of("dhabi"), (vec![], vec![(1, PLACE)]));
        assert_eq!(of("where"), (vec![], vec![(1, HEADING)]));
        assert_eq!(of("other"), (vec![1], vec![]));
        assert_eq!(
            decode_texts(&index.recode(&coded), 2, &index).unwrap(),
            texts
        );
    }
}
