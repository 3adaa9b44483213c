//! Text as readers and reviewers see it: dates, lists and `{placeholders}`
//! (`plain_text`), the `[words](address)` links in it (`links_in_words`), and a route's
//! condition as a reviewer reads it (`conditions`).

pub(crate) mod conditions;
pub(crate) mod links_in_words;
pub(crate) mod plain_text;
