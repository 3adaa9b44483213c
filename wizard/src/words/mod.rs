//! Text as readers and reviewers see it: dates, lists and `{placeholders}`
//! (`plain_text`), and the `[words](address)` links in it (`links_in_words`).

pub(crate) mod links_in_words;
pub(crate) mod plain_text;
