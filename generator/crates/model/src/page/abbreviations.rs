//! kramdown's abbreviations (`*[API]: Application Programming Interface`) as `<abbr>`.

use pulldown_cmark::{Event, Tag, TagEnd};

/// kramdown's abbreviations (`*[API]: Application Programming Interface`): each use of the
/// word in the page's text, outside code, is an `<abbr>` with its meaning.
pub fn with_abbreviations<'a>(
    events: Vec<Event<'a>>,
    abbreviations: &[(String, String)],
) -> Vec<Event<'a>> {
    let mut out = Vec::with_capacity(events.len());
    let mut in_code = 0usize;
    for event in events {
        match &event {
            Event::Start(Tag::CodeBlock(_)) => in_code += 1,
            Event::End(TagEnd::CodeBlock) => in_code = in_code.saturating_sub(1),
            _ => {}
        }
        let Event::Text(text) = &event else {
            out.push(event);
            continue;
        };
        if in_code > 0 {
            out.push(event);
            continue;
        }
        let mut rest: &str = text;
        let mut changed = false;
        let mut pieces = Vec::new();
        while let Some((at, short, long)) = next_abbreviation(rest, abbreviations) {
            changed = true;
            pieces.push(Event::Text(rest[..at].to_string().into()));
            pieces.push(Event::InlineHtml(
                format!(
                    "<abbr title=\"{}\">{}</abbr>",
                    html_escape::encode_double_quoted_attribute(long),
                    html_escape::encode_text(short)
                )
                .into(),
            ));
            rest = &rest[at + short.len()..];
        }
        if changed {
            pieces.push(Event::Text(rest.to_string().into()));
            out.extend(pieces);
        } else {
            out.push(event);
        }
    }
    out
}

/// The first whole-word use of an abbreviation in `text`.
fn next_abbreviation<'b>(
    text: &str,
    abbreviations: &'b [(String, String)],
) -> Option<(usize, &'b str, &'b str)> {
    abbreviations
        .iter()
        .filter_map(|(short, long)| {
            text.match_indices(short.as_str())
                .find(|(at, _)| {
                    let before = text[..*at].chars().next_back();
                    let after = text[at + short.len()..].chars().next();
                    !before.is_some_and(char::is_alphanumeric)
                        && !after.is_some_and(char::is_alphanumeric)
                })
                .map(|(at, _)| (at, short.as_str(), long.as_str()))
        })
        .min_by_key(|(at, short, _)| (*at, std::cmp::Reverse(short.len())))
}
