//! Which lists a place is on. A place counts as the country it is part of, so Hong Kong
//! is on any list China is on.

use crate::model::flow::{CountryList, Flow};

/// How a place came to be on a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Membership {
    /// The place itself is listed.
    Listed,
    /// It is part of this listed country (code).
    PartOf(String),
    /// The list covers it with this listed country (code), without it being part of it.
    IncludedWith(String),
}

/// The place and the countries it is part of, innermost first: CN-XZ -> [CN-XZ, CN].
pub fn lineage<'a>(flow: &'a Flow, code: &'a str) -> Vec<&'a str> {
    let mut out = vec![code];
    let mut current = code;
    // The loader rejects cycles; the bound keeps a hand-made JSON flow from looping.
    while let Some(parent) = flow.country(current).and_then(|c| c.part_of.as_deref()) {
        if out.len() > 8 || out.contains(&parent) {
            break;
        }
        out.push(parent);
        current = parent;
    }
    out
}

/// Is this place on the list, directly or through the country it is part of?
pub fn membership(flow: &Flow, code: &str, list: &CountryList) -> Option<Membership> {
    let lineage = lineage(flow, code);
    if let Some(hit) = lineage
        .iter()
        .position(|c| list.countries.iter().any(|l| l == c))
    {
        return Some(if hit == 0 {
            Membership::Listed
        } else {
            Membership::PartOf(lineage[hit].to_string())
        });
    }
    list.included
        .get(code)
        .map(|with| Membership::IncludedWith(with.clone()))
}

/// Is this place on any of the named lists?
pub fn on_any(flow: &Flow, code: &str, lists: &[String]) -> bool {
    lists
        .iter()
        .filter_map(|id| flow.list(id))
        .any(|l| membership(flow, code, l).is_some())
}

/// The country's name, or the code if unknown.
pub fn name<'a>(flow: &'a Flow, code: &'a str) -> &'a str {
    flow.country(code).map(|c| c.name.as_str()).unwrap_or(code)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::flow::Country;

    fn flow() -> Flow {
        let country = |code: &str, part_of: Option<&str>| Country {
            code: code.into(),
            name: code.into(),
            part_of: part_of.map(String::from),
            aliases: Vec::new(),
        };
        Flow {
            id: "t".into(),
            title: "t".into(),
            intro: None,
            start: String::new(),
            questions: Vec::new(),
            outcomes: Vec::new(),
            facts: Vec::new(),
            countries: vec![
                country("CN", None),
                country("HK", Some("CN")),
                country("IL", None),
                country("PS", None),
            ],
            lists: vec![CountryList {
                id: "l".into(),
                name: "l".into(),
                countries: vec!["CN".into(), "IL".into()],
                included: [("PS".to_string(), "IL".to_string())].into(),
            }],
            holidays: None,
            index: Default::default(),
        }
    }

    #[test]
    fn places_count_as_the_country_they_are_part_of_or_listed_with() {
        let f = flow();
        let l = &f.lists[0];
        assert_eq!(membership(&f, "CN", l), Some(Membership::Listed));
        assert_eq!(
            membership(&f, "HK", l),
            Some(Membership::PartOf("CN".into()))
        );
        assert_eq!(
            membership(&f, "PS", l),
            Some(Membership::IncludedWith("IL".into()))
        );
        assert_eq!(lineage(&f, "HK"), vec!["HK", "CN"]);
        assert!(
            on_any(&f, "hk", &["l".into()]),
            "codes are case-insensitive"
        );
    }
}
