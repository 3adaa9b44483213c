//! Finding places by what the reader types: by name, other name (alias) or code, best
//! first, ignoring case, accents and punctuation. Pure Rust, tested natively.

use signpost_wizard::{Country, Flow};

/// The places matching what the reader typed, best first, leaving out those already
/// added: the exact name, code or other name (alias) first; then names starting with the
/// text; then names with a word starting with it; then other names; then the rest.
/// Case, accents and punctuation are ignored.
pub fn matches<'a>(flow: &'a Flow, typed: &str, exclude: &[String]) -> Vec<&'a Country> {
    let q = fold(typed);
    if q.is_empty() {
        return Vec::new();
    }
    let mut hits: Vec<(u8, &Country)> = flow
        .countries
        .iter()
        .filter(|c| !exclude.contains(&c.code))
        .filter_map(|c| rank(c, &q).map(|r| (r, c)))
        .collect();
    hits.sort_by(|a, b| {
        a.0.cmp(&b.0)
            .then_with(|| fold(&a.1.name).cmp(&fold(&b.1.name)))
    });
    hits.into_iter().map(|(_, c)| c).collect()
}

/// The places the text names exactly: by name, by other name, or by code typed in
/// capitals ("US"; "in" is a word, not India). Never more than one in good data (a test
/// over the countries file checks).
pub fn exact<'a>(flow: &'a Flow, typed: &str) -> Vec<&'a Country> {
    let q = fold(typed);
    let code = typed.trim();
    if q.is_empty() {
        return Vec::new();
    }
    flow.countries
        .iter()
        .filter(|c| fold(&c.name) == q || c.aliases.iter().any(|a| fold(a) == q) || c.code == code)
        .collect()
}

/// Lower is better; None is no match.
fn rank(c: &Country, q: &str) -> Option<u8> {
    let name = fold(&c.name);
    if name == q || fold(&c.code) == q || c.aliases.iter().any(|a| fold(a) == q) {
        return Some(0);
    }
    if name.starts_with(q) {
        return Some(1);
    }
    if word_starts(&name, q) {
        return Some(2);
    }
    if matched_alias(c, q).is_some() {
        return Some(3);
    }
    if q.len() >= 3 && (name.contains(q) || c.aliases.iter().any(|a| fold(a).contains(q))) {
        return Some(4);
    }
    None
}

/// The other name a place was found by, when its own name does not match ("Macao"): the
/// one typed exactly, else the first that starts with what was typed.
pub fn matched_alias<'a>(c: &'a Country, q: &str) -> Option<&'a str> {
    let folded: Vec<(String, &String)> = c.aliases.iter().map(|a| (fold(a), a)).collect();
    folded
        .iter()
        .find(|(a, _)| a == q)
        .or_else(|| {
            folded
                .iter()
                .find(|(a, _)| a.starts_with(q) || word_starts(a, q))
        })
        .map(|(_, a)| a.as_str())
}

pub fn word_starts(text: &str, q: &str) -> bool {
    text.match_indices(' ')
        .any(|(i, _)| text[i + 1..].starts_with(q))
}

/// Lower case, accents removed, punctuation as single spaces: "Côte d'Ivoire" ->
/// "cote d ivoire". Letters outside ASCII and the accented Latin ones below are kept as
/// they are (no Unicode tables: they would weigh more than the whole country list).
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        let ch =
            match ch {
                'A'..='Z' => ch.to_ascii_lowercase(),
                'a'..='z' | '0'..='9' => ch,
                'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å'
                | 'Ā' => 'a',
                'ç' | 'č' | 'Ç' | 'Č' => 'c',
                'è' | 'é' | 'ê' | 'ë' | 'ē' | 'È' | 'É' | 'Ê' | 'Ë' | 'Ē' => 'e',
                'ì' | 'í' | 'î' | 'ï' | 'ī' | 'Ì' | 'Í' | 'Î' | 'Ï' | 'Ī' => 'i',
                'ñ' | 'Ñ' => 'n',
                'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø'
                | 'Ō' => 'o',
                'ş' | 'š' | 'Ş' | 'Š' => 's',
                'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'Ù' | 'Ú' | 'Û' | 'Ü' | 'Ū' => 'u',
                'ý' | 'ÿ' | 'Ý' => 'y',
                c if !c.is_ascii() => c,
                _ => ' ',
            };
        if ch != ' ' || !(out.is_empty() || out.ends_with(' ')) {
            out.push(ch);
        }
    }
    while out.ends_with(' ') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flow() -> Flow {
        let json = serde_json::json!({
            "id": "t", "title": "T", "start": "c",
            "questions": [{"id": "c", "kind": "countries", "text": "Where?", "next": [{"goto": "o"}]}],
            "outcomes": [{"id": "o", "title": "O", "steps": []}],
            "countries": [
                {"code": "CN", "name": "China"},
                {"code": "CH", "name": "Switzerland"},
                {"code": "CI", "name": "Ivory Coast", "aliases": ["Côte d'Ivoire"]},
                {"code": "CY-NORTH", "name": "Northern area of the Republic of Cyprus", "part_of": "CY", "aliases": ["Northern Cyprus"]},
                {"code": "CY", "name": "Cyprus"},
                {"code": "FR", "name": "France"},
                {"code": "HK", "name": "Hong Kong", "part_of": "CN"},
                {"code": "MO", "name": "Macau", "part_of": "CN", "aliases": ["Macao"]},
                {"code": "PS", "name": "Palestinian territories", "aliases": ["Palestine"]},
                {"code": "CN-XZ", "name": "Tibet", "part_of": "CN"},
                {"code": "US", "name": "United States", "aliases": ["USA", "America", "Hawaii"]},
                {"code": "AS", "name": "American Samoa"},
                {"code": "GB", "name": "United Kingdom", "aliases": ["UK"]},
                {"code": "UA", "name": "Ukraine"},
                {"code": "KP", "name": "North Korea"},
                {"code": "KR", "name": "South Korea"},
                {"code": "AE", "name": "United Arab Emirates", "aliases": ["UAE", "Dubai"]},
                {"code": "IN", "name": "India"}
            ]
        });
        Flow::from_json(&json.to_string()).unwrap()
    }

    fn codes(flow: &Flow, typed: &str, exclude: &[&str]) -> Vec<String> {
        let exclude: Vec<String> = exclude.iter().map(|s| s.to_string()).collect();
        matches(flow, typed, &exclude)
            .into_iter()
            .map(|c| c.code.clone())
            .collect()
    }

    #[test]
    fn folds_case_accents_and_punctuation() {
        assert_eq!(fold("Côte d'Ivoire"), "cote d ivoire");
        assert_eq!(fold("  Hong   KONG "), "hong kong");
        assert_eq!(fold("Åland, São Tomé"), "aland sao tome");
    }

    #[test]
    fn finds_special_territories() {
        let f = flow();
        assert_eq!(codes(&f, "hong", &[]), ["HK"]);
        assert_eq!(codes(&f, "Macao", &[]), ["MO"]);
        assert_eq!(codes(&f, "tib", &[]), ["CN-XZ"]);
        assert_eq!(codes(&f, "palest", &[]), ["PS"]);
        assert_eq!(codes(&f, "northern cyp", &[]), ["CY-NORTH"]);
        assert_eq!(codes(&f, "cote", &[]), ["CI"]);
    }

    #[test]
    fn ranks_exact_first_then_name_starts_then_words_then_aliases() {
        let f = flow();
        // "Cyprus" starts with it; the northern area has "Cyprus" as a later word.
        assert_eq!(codes(&f, "cyp", &[]), ["CY", "CY-NORTH"]);
        // An exact code, name or other name comes first.
        assert_eq!(codes(&f, "ch", &[]), ["CH", "CN"]);
        assert_eq!(codes(&f, "UK", &[]), ["GB", "UA"]);
        assert_eq!(codes(&f, "america", &[]), ["US", "AS"]);
        assert_eq!(
            codes(&f, "Korea", &[]),
            ["KP", "KR"],
            "both, for the reader to choose"
        );
        assert_eq!(codes(&f, "dub", &[]), ["AE"]);
        assert_eq!(
            matched_alias(f.country("MO").unwrap(), "maca"),
            Some("Macao")
        );
        assert_eq!(matched_alias(f.country("CN").unwrap(), "chi"), None);
        assert_eq!(codes(&f, "us", &[]), ["US"]);
        assert_eq!(codes(&f, "usa", &[]), ["US"]);
    }

    #[test]
    fn exact_names_one_place_or_none() {
        let f = flow();
        let exact_codes = |typed: &str| -> Vec<String> {
            exact(&f, typed)
                .into_iter()
                .map(|c| c.code.clone())
                .collect()
        };
        assert_eq!(exact_codes("Dubai"), ["AE"]);
        assert_eq!(exact_codes(" united  kingdom "), ["GB"]);
        assert_eq!(exact_codes("US"), ["US"]);
        assert_eq!(exact_codes("hawaii"), ["US"]);
        assert!(exact_codes("Dub").is_empty());
        assert!(exact_codes("Korea").is_empty());
        assert!(
            exact_codes("in").is_empty(),
            "a lower-case word is not a code"
        );
        assert_eq!(exact_codes("IN"), ["IN"]);
    }

    #[test]
    fn leaves_out_added_places_and_empty_queries() {
        let f = flow();
        assert_eq!(codes(&f, "cyp", &["CY"]), ["CY-NORTH"]);
        assert!(codes(&f, "  ", &[]).is_empty());
        assert!(codes(&f, "zzz", &[]).is_empty());
    }
}
