//! Places for search: a page that lists a country ("United Arab Emirates") is found by the
//! other words readers use for it ("Dubai", "UAE"), and by the places that count as part
//! of it ("Hong Kong" for China). The words come from the countries data the site's flows
//! read (`content/data/countries.yaml`), so search, the page and the wizard agree.

use memchr::memmem::Finder;
use signpost_wizard::Country;

/// A place name as pages write it, and the other words for it.
pub struct Place {
    name: String,
    finder: Finder<'static>,
    words: Vec<String>,
}

/// Every place that has other words, from the flows' countries.
pub struct Places(Vec<Place>);

impl Places {
    /// From every flow's countries (a site without flows has none). A country's words
    /// are its aliases, and the names and aliases of the places that are `part_of` it.
    pub fn new<'a>(countries: impl IntoIterator<Item = &'a Country>) -> Self {
        let mut all: Vec<&Country> = countries.into_iter().collect();
        all.sort_by(|a, b| a.code.cmp(&b.code));
        all.dedup_by(|a, b| a.code == b.code);
        let mut places = Vec::new();
        for country in &all {
            let mut words: Vec<String> = country.aliases.clone();
            for part in all
                .iter()
                .filter(|p| p.part_of.as_deref() == Some(&country.code))
            {
                words.push(part.name.clone());
                words.extend(part.aliases.iter().cloned());
            }
            if words.is_empty() || country.name.is_empty() {
                continue;
            }
            places.push(Place {
                finder: Finder::new(country.name.as_bytes()).into_owned(),
                name: country.name.clone(),
                words,
            });
        }
        Self(places)
    }

    /// The places `text` names (as a whole word, capitalised as in the data), each with
    /// its other words, in the data's order.
    pub fn named_in<'a>(&'a self, text: &str) -> Vec<(&'a str, Vec<&'a str>)> {
        self.0
            .iter()
            .filter(|place| names(text, &place.finder, place.name.len()))
            .map(|place| {
                (
                    place.name.as_str(),
                    place.words.iter().map(String::as_str).collect(),
                )
            })
            .collect()
    }
}

/// Whether `text` has the name (found by `finder`, `len` bytes) as a whole word: "Niger"
/// is not named by "Nigeria", nor "Oman" by "Romania".
fn names(text: &str, finder: &Finder, len: usize) -> bool {
    let bytes = text.as_bytes();
    let word_char = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    finder.find_iter(bytes).any(|at| {
        !word_char(text[..at].chars().next_back()) && !word_char(text[at + len..].chars().next())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn country(code: &str, name: &str, part_of: Option<&str>, aliases: &[&str]) -> Country {
        Country {
            code: code.into(),
            name: name.into(),
            part_of: part_of.map(String::from),
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
        }
    }

    #[test]
    fn a_named_country_brings_its_aliases_and_its_parts() {
        let countries = [
            country("AE", "United Arab Emirates", None, &["UAE", "Dubai"]),
            country("CN", "China", None, &["PRC"]),
            country("HK", "Hong Kong", Some("CN"), &[]),
            country("NE", "Niger", None, &["Republic of Niger"]),
            country("FR", "France", None, &[]),
        ];
        let places = Places::new(&countries);
        assert_eq!(
            places.named_in("Avoid China (including Hong Kong) and the United Arab Emirates."),
            vec![
                ("United Arab Emirates", vec!["UAE", "Dubai"]),
                ("China", vec!["PRC", "Hong Kong"]),
            ]
        );
        // Whole words only; France has no other words, so nothing to add.
        assert!(places.named_in("Nigeria, Chinatown and France").is_empty());
        assert_eq!(places.named_in("Niger.").len(), 1);
    }
}
