//! Reading the data files a flow names: countries, country lists, bank holidays.

use super::*;

impl Loader {
    pub(super) fn countries(&mut self, file: Src) -> Vec<Country> {
        let root = self.files[file].value.clone();
        let Some(m) = root.as_mapping() else {
            self.error(
                file,
                &[],
                "the countries file should be `CODE: { name: ... }` lines".into(),
                None,
            );
            return Vec::new();
        };
        let mut out = Vec::new();
        for (code, v) in m {
            let code = scalar(code).unwrap_or_default();
            let at = at![code.clone()];
            if !is_code(&code) {
                self.error(
                    file,
                    &at,
                    format!("\"{code}\" is not a country code"),
                    Some("use ISO 3166-1 alpha-2 (two capital letters, e.g. FR), or a code with a suffix such as CN-XZ".into()),
                );
            }
            let Some(c) = self.map(file, &at, v, &["name", "part_of", "aliases"], "a country")
            else {
                continue;
            };
            let name = self
                .text(file, &at, &c, "name", "a country")
                .unwrap_or_else(|| code.clone());
            let part_of = self.optional_text(file, &at, &c, "part_of", "a country");
            let aliases = match c.get("aliases") {
                Some(a) => self.names(file, &with(&at, "aliases"), a, "`aliases`"),
                None => Vec::new(),
            };
            out.push(Country {
                code,
                name,
                part_of,
                aliases,
            });
        }
        for c in &out {
            let at = at![c.code.clone(), "part_of"];
            if let Some(p) = &c.part_of {
                if !out.iter().any(|o| &o.code == p) {
                    self.error(
                        file,
                        &at,
                        format!("{} is part of \"{p}\", which is not in this file", c.code),
                        None,
                    );
                } else if part_of_cycle(&out, &c.code) {
                    self.error(
                        file,
                        &at,
                        format!("{} is part of itself through `part_of`", c.code),
                        None,
                    );
                }
            }
        }
        out.sort_by_key(|c| c.name.to_lowercase());
        out
    }

    /// A list file holds one list (`id`, `name`, `countries`) or several under `lists:`.
    pub(super) fn lists(&mut self, file: Src, flow: &Flow) -> Vec<CountryList> {
        let root = self.files[file].value.clone();
        let Some(m) = root.as_mapping() else {
            self.error(
                file,
                &[],
                "a list file should be a set of `key: value` lines".into(),
                None,
            );
            return Vec::new();
        };
        let mut out = Vec::new();
        if let Some(lists) = m.get("lists") {
            self.map(
                file,
                &[],
                &root,
                &["lists", "note", "source"],
                "a list file",
            );
            for (i, l) in self
                .seq(file, &at!["lists"], lists, "`lists`")
                .iter()
                .enumerate()
            {
                out.extend(self.list(file, &at!["lists", i], l, flow));
            }
        } else {
            out.extend(self.list(file, &[], &root, flow));
        }
        out
    }

    pub(super) fn list(
        &mut self,
        file: Src,
        at: &[Seg],
        v: &Value,
        flow: &Flow,
    ) -> Option<CountryList> {
        let allowed = ["id", "name", "countries", "note", "source"];
        let m = self.map(file, at, v, &allowed, "a country list")?;
        let id = self.text(file, at, &m, "id", "a country list")?;
        let name = self
            .text(file, at, &m, "name", "a country list")
            .unwrap_or_else(|| id.clone());
        let mut list = CountryList {
            id,
            name,
            countries: Vec::new(),
            included: BTreeMap::new(),
        };
        let entries = match m.get("countries") {
            Some(c) => self.seq(file, &with(at, "countries"), c, "`countries`"),
            None => {
                self.error(file, at, "a country list needs `countries`".into(), None);
                Vec::new()
            }
        };
        let list_at = with(at, "countries");
        for (i, e) in entries.iter().enumerate() {
            let entry_at = {
                let mut p = list_at.clone();
                p.push(Seg::Index(i));
                p
            };
            let (code, including) = match e {
                Value::Mapping(_) => {
                    let Some(em) =
                        self.map(file, &entry_at, e, &["code", "including"], "a list entry")
                    else {
                        continue;
                    };
                    let code = self
                        .text(file, &entry_at, &em, "code", "a list entry")
                        .unwrap_or_default();
                    let including = match em.get("including") {
                        Some(inc) => {
                            self.names(file, &with(&entry_at, "including"), inc, "`including`")
                        }
                        None => Vec::new(),
                    };
                    (code, including)
                }
                other => (scalar(other).unwrap_or_default(), Vec::new()),
            };
            if self.known_code(file, &entry_at, &code, flow) {
                if list.countries.contains(&code) {
                    self.error_at_word(
                        file,
                        &entry_at,
                        &code,
                        format!("{code} is on list \"{}\" twice", list.id),
                        None,
                    );
                }
                list.countries.push(code.clone());
            }
            for inc in &including {
                let inc_at = with(&entry_at, "including");
                if !self.known_code(file, &inc_at, inc, flow) {
                    continue;
                }
                // One place counts as one country: the page and the wizard would disagree.
                if let Some(first) = list.included.get(inc).filter(|first| **first != code) {
                    let message = format!(
                        "{inc} is already included under {first}: a place can count as only one country"
                    );
                    let help = format!("keep it under one of {first} and {code}");
                    self.error_at_word(file, &inc_at, inc, message, Some(help));
                    continue;
                }
                list.included.insert(inc.clone(), code.clone());
            }
            // Places that are part of this country must be named, so the page says so.
            for c in flow
                .countries
                .iter()
                .filter(|c| c.part_of.as_deref() == Some(code.as_str()))
            {
                if !including.contains(&c.code) {
                    self.error(
                        file,
                        &entry_at,
                        format!(
                            "{} ({}) is part of {code} in the countries file, but this entry does not list it under `including`",
                            c.name, c.code
                        ),
                        Some(format!(
                            "write `- {{ code: {code}, including: [{}] }}` so the page says what the list covers",
                            part_of_children(flow, &code).join(", ")
                        )),
                    );
                }
            }
        }
        Some(list)
    }

    /// Is this a code from the countries file? Reports it if not.
    pub(super) fn known_code(&mut self, file: Src, at: &[Seg], code: &str, flow: &Flow) -> bool {
        // No countries at all: the countries file did not load, which is reported there;
        // every code is not also wrong.
        if flow.countries.is_empty() || flow.countries.iter().any(|c| c.code == code) {
            return true;
        }
        let upper = code.to_uppercase();
        let help = if flow.countries.iter().any(|c| c.code == upper) {
            format!("country codes are in capitals: {upper}")
        } else {
            suggest(
                code,
                flow.countries.iter().map(|c| c.code.as_str()).collect(),
            )
            .unwrap_or_else(|| "codes are listed in content/data/countries.yaml".into())
        };
        self.error_at_word(
            file,
            at,
            code,
            format!("unknown country code \"{code}\""),
            Some(help),
        );
        false
    }

    pub(super) fn holidays(&mut self, file: Src) -> Option<Holidays> {
        let root = self.files[file].value.clone();
        let m = self.map(
            file,
            &[],
            &root,
            &["region", "from", "to", "dates"],
            "the bank holidays file",
        )?;
        let region = self
            .optional_text(file, &[], &m, "region", "the bank holidays file")
            .unwrap_or_default();
        let from = self.date(file, &at!["from"], m.get("from"));
        let to = self.date(file, &at!["to"], m.get("to"));
        let (from, to) = (from?, to?);
        if to < from {
            self.error(file, &at!["to"], "`to` is before `from`".into(), None);
        }
        let mut dates = Vec::new();
        let list = match m.get("dates") {
            Some(d) => self.seq(file, &at!["dates"], d, "`dates`"),
            None => Vec::new(),
        };
        for (i, d) in list.iter().enumerate() {
            let at = at!["dates", i];
            let Some(date) = self.date(file, &at, Some(d)) else {
                continue;
            };
            if date < from || date > to {
                self.error(
                    file,
                    &at,
                    format!("{date} is outside `from`..`to` ({from} to {to})"),
                    None,
                );
            }
            if matches!(date.weekday(), Weekday::Sat | Weekday::Sun) {
                self.error(
                    file,
                    &at,
                    format!(
                        "{date} is a {}; bank holidays fall on weekdays",
                        date.format("%A")
                    ),
                    Some("when a holiday falls at a weekend, list the substitute weekday".into()),
                );
            }
            if dates.contains(&date) {
                self.error(file, &at, format!("{date} is listed twice"), None);
            }
            dates.push(date);
        }
        dates.sort();
        Some(Holidays {
            region,
            from,
            to,
            dates,
        })
    }

    pub(super) fn date(&mut self, file: Src, at: &[Seg], v: Option<&Value>) -> Option<NaiveDate> {
        let text = v.and_then(scalar).unwrap_or_default();
        match NaiveDate::parse_from_str(&text, "%Y-%m-%d") {
            Ok(d) => Some(d),
            Err(_) => {
                // 2027-02-30 is written right and still no day: say why, not how to write it.
                let message = match impossible_day(&text) {
                    Some(days) => {
                        format!("\"{text}\" is not a real date: that month has {days} days")
                    }
                    None => format!("\"{text}\" is not a date"),
                };
                self.error_at_value(
                    file,
                    at,
                    message,
                    Some("write dates as YYYY-MM-DD, e.g. 2027-03-26".into()),
                );
                None
            }
        }
    }
}

/// Two capital letters, optionally with a suffix: FR, CN-XZ, CY-NORTH.
fn is_code(s: &str) -> bool {
    let (base, suffix) = s.split_once('-').unwrap_or((s, ""));
    base.len() == 2
        && base.chars().all(|c| c.is_ascii_uppercase())
        && suffix
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        && (suffix.is_empty() != s.contains('-'))
}

fn part_of_cycle(countries: &[Country], code: &str) -> bool {
    let mut current = code;
    for _ in 0..countries.len() {
        let Some(parent) = countries
            .iter()
            .find(|c| c.code == current)
            .and_then(|c| c.part_of.as_deref())
        else {
            return false;
        };
        if parent == code {
            return true;
        }
        current = parent;
    }
    true
}

fn part_of_children(flow: &Flow, code: &str) -> Vec<String> {
    flow.countries
        .iter()
        .filter(|c| c.part_of.as_deref() == Some(code))
        .map(|c| c.code.clone())
        .collect()
}

/// For `YYYY-MM-DD` with a day past the end of its month, the days that month has.
fn impossible_day(text: &str) -> Option<u32> {
    let mut parts = text.split('-').map(|p| p.parse::<u32>().ok());
    let (Some(Some(year)), Some(Some(month)), Some(Some(_day)), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return None;
    };
    let first = NaiveDate::from_ymd_opt(year as i32, month, 1)?;
    let next = first.checked_add_months(chrono::Months::new(1))?;
    Some((next - first).num_days() as u32)
}
