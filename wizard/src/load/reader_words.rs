//! Checking the words a reader sees, as editors write them: not cut short by a YAML
//! comment, links that go somewhere safe, and no link or `{placeholder}` left as written
//! where it would not work.

use super::*;

impl Loader {
    /// Words a reader sees (summaries, steps, items, reasons): not cut short by a YAML
    /// comment, and every `[label](url)` points somewhere a reader can follow safely, with
    /// nothing meant as a link failing to be one.
    pub(super) fn check_linkable_words(&mut self, src: Src, at: &[Seg], text: &str) {
        self.check_not_cut_by_comment(src, at, text);
        if let Some(near) = crate::words::links_in_words::looks_like_a_link(text) {
            self.error_at_text(
                src,
                at,
                ("", near),
                format!("`{near}` looks like a link, but it is not one, so readers would see the brackets"),
                Some("write [words](address): the address has no spaces (a phone number is tel:08001234567) and nothing after it but the `)`".into()),
            );
        }
        for piece in crate::words::links_in_words::pieces(text) {
            let crate::words::links_in_words::Piece::Link { url, .. } = piece else {
                continue;
            };
            let problem = if crate::words::links_in_words::is_rooted(url)
                && !self.rooted_links_allowed
            {
                Some((
                    format!("`{url}` starts with `/`, which does not work from a copy on disk"),
                    "write the whole web address (https://…), or set `link_origin: https://your.intranet` in site.yaml so such links point there",
                ))
            } else if url.contains('{') {
                Some((
                    format!("`{url}`: a link's address cannot hold a {{placeholder}}"),
                    "write the whole address; placeholders can go in the link's words",
                ))
            } else if url.ends_with(':') && !url.contains('/') {
                Some((
                    format!("`{url}` has no address after it"),
                    "write the whole address, e.g. mailto:team@example.gov.uk",
                ))
            } else if !crate::words::links_in_words::url_is_allowed(url) {
                Some((
                    format!("`{url}` is not allowed as a link"),
                    "link to a web address (https://…), a mail address (mailto:…), a phone number (tel:…) or a path on your organisation's site (/…)",
                ))
            } else {
                None
            };
            if let Some((message, help)) = problem {
                self.error_at_text(src, at, ("](", url), message, Some(help.into()));
            }
        }
    }

    /// `option #2` in unquoted text: YAML ends the text before ` #` and drops the rest as a
    /// comment. A comment is taken as meant only after a finished sentence, written as
    /// people write comments (`# like this`). (Only text on one line is looked at.)
    fn check_not_cut_by_comment(&mut self, src: Src, at: &[Seg], text: &str) {
        let text = text.trim_end();
        if text.is_empty() {
            return;
        }
        let pos = self.files[src].locator.find(at);
        let line = self.files[src].locator.line(pos.line);
        let Some(start) = line.find(text) else {
            return;
        };
        let rest = &line[start + text.len()..];
        let comment = rest.trim_start();
        if !rest.starts_with([' ', '\t']) || !comment.starts_with('#') {
            return;
        }
        let after_hash = &comment[1..];
        let meant = text.ends_with(['.', '!', '?', ':', ')'])
            && (after_hash.is_empty() || after_hash.starts_with([' ', '\t']));
        if !meant {
            let column = line[..line.len() - comment.len()].chars().count() + 1;
            self.push(
                src,
                pos.line,
                column,
                format!(
                    "YAML reads ` #` as the start of a comment, so this text stops at \"{text}\""
                ),
                Some("put the whole text in quotes".into()),
            );
        }
    }

    /// Words a reader sees where links and `{placeholders}` do not work (question texts,
    /// hints, option labels, titles): nothing cut short, no link or placeholder left as
    /// written.
    pub(super) fn check_plain_words(&mut self, src: Src, at: &[Seg], text: &str) {
        self.check_not_cut_by_comment(src, at, text);
        let link = crate::words::links_in_words::pieces(text)
            .into_iter()
            .find_map(|piece| match piece {
                crate::words::links_in_words::Piece::Link { label, url } => {
                    Some(format!("[{label}]({url})"))
                }
                crate::words::links_in_words::Piece::Text(_) => None,
            })
            .or_else(|| crate::words::links_in_words::looks_like_a_link(text).map(String::from));
        if let Some(link) = link {
            self.error_at_text(
                src,
                at,
                ("", &link),
                "links work in summaries, steps, items and reasons, not here".into(),
                Some("put the link in the outcome's steps, or a reason".into()),
            );
        }
        if let Some(name) = crate::words::plain_text::placeholders(text).first() {
            self.error_at_text(
                src,
                at,
                ("", &format!("{{{name}}}")),
                format!("`{{{name}}}` is not filled in here"),
                Some("placeholders work in summaries, steps, items and reasons".into()),
            );
        }
    }
}
