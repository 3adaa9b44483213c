//! Text as readers and reviewers see it: dates, lists and `{placeholders}`
//! (`plain_text`), a value with no words of its own as JSON (`json_text`), the `[words](address)` links in it (`links_in_words`), and a route's
//! condition as a reviewer reads it (`conditions`).

pub(crate) mod conditions;
pub mod json_text;
pub(crate) mod links_in_words;
pub(crate) mod plain_text;
