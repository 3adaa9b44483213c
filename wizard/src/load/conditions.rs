//! Conditions, as routes, steps and facts write them: `{ answer: strap, is: yes }`,
//! `{ answer: countries, any_in: special-attention }`, `{ fact: late, is: true }`,
//! `{ all: [...] }`, `{ any: [...] }`, `{ not: ... }`.

use super::*;

impl Loader {
    /// A condition: `{ answer: strap, is: yes }`, `{ all: [...] }`, ...
    /// `facts_ok` says whether `fact:` conditions may be used here.
    pub(super) fn condition(
        &mut self,
        src: Src,
        at: &[Seg],
        v: &Value,
        names: &Names,
        facts_ok: bool,
    ) -> Option<Condition> {
        let allowed = [
            "all",
            "any",
            "not",
            "answer",
            "is",
            "answered",
            "any_in",
            "any_outside",
            "fact",
        ];
        let m = self.map(src, at, v, &allowed, "a condition")?;
        let group = |this: &mut Self, key: &str| -> Option<Vec<Condition>> {
            let list = this.seq(src, &with(at, key), m.get(key)?, &format!("`{key}`"));
            Some(
                list.iter()
                    .enumerate()
                    .filter_map(|(i, c)| {
                        let mut p = with(at, key);
                        p.push(Seg::Index(i));
                        this.condition(src, &p, c, names, facts_ok)
                    })
                    .collect(),
            )
        };
        if m.contains_key("all") {
            return group(self, "all").map(Condition::All);
        }
        if m.contains_key("any") {
            return group(self, "any").map(Condition::Any);
        }
        if let Some(inner) = m.get("not") {
            return self
                .condition(src, &with(at, "not"), inner, names, facts_ok)
                .map(|c| Condition::Not(Box::new(c)));
        }
        if let Some(f) = m.get("fact") {
            return self.fact_condition(src, at, &m, f, names, facts_ok);
        }
        let Some(a) = m.get("answer") else {
            self.error(
                src,
                at,
                "a condition needs `answer:` (with is, answered, any_in or any_outside), `fact:`, `all:`, `any:` or `not:`".into(),
                None,
            );
            return None;
        };
        let answer = scalar(a).unwrap_or_default();
        let aat = with(at, "answer");
        let Some((kind, options)) = names.questions.get(&answer) else {
            let help = suggest(
                &answer,
                names.questions.keys().map(String::as_str).collect(),
            );
            self.error(
                src,
                &aat,
                format!("there is no question \"{answer}\""),
                help,
            );
            return None;
        };
        let (kind, options) = (*kind, options.clone());
        if let Some(is) = m.get("is") {
            return self.is_condition(src, at, is, answer, kind, &options);
        }
        if let Some(ans) = m.get("answered") {
            let cond = Condition::Answered { answer };
            return match ans {
                Value::Bool(true) => Some(cond),
                Value::Bool(false) => Some(Condition::Not(Box::new(cond))),
                _ => {
                    self.error(
                        src,
                        &with(at, "answered"),
                        "`answered` should be true or false".into(),
                        None,
                    );
                    None
                }
            };
        }
        for key in ["any_in", "any_outside"] {
            let Some(l) = m.get(key) else {
                continue;
            };
            let lat = with(at, key);
            if kind != QuestionKind::Countries {
                self.error(
                    src,
                    &lat,
                    format!(
                        "`{key}` works with countries questions; \"{answer}\" is a {} question",
                        kind_words(kind)
                    ),
                    None,
                );
                return None;
            }
            let lists = self.country_lists(src, &lat, key, l, names);
            return Some(if key == "any_in" {
                Condition::AnyIn { answer, lists }
            } else {
                Condition::AnyOutside { answer, lists }
            });
        }
        self.error(
            src,
            at,
            format!("say what to test about \"{answer}\": is, answered, any_in or any_outside"),
            None,
        );
        None
    }

    /// `{ fact: late, is: true }`: only where facts are known (steps and facts).
    fn fact_condition(
        &mut self,
        src: Src,
        at: &[Seg],
        m: &Mapping,
        f: &Value,
        names: &Names,
        facts_ok: bool,
    ) -> Option<Condition> {
        let fact = scalar(f).unwrap_or_default();
        let fat = with(at, "fact");
        if !facts_ok {
            self.error(
                src,
                &fat,
                "routes choose by answers only; `fact:` conditions belong in outcome steps and facts".into(),
                None,
            );
            return None;
        }
        if !names.facts.contains(&fact) {
            let help = suggest(&fact, names.facts.iter().map(String::as_str).collect());
            self.error(src, &fat, format!("there is no fact \"{fact}\""), help);
            return None;
        }
        let Some(is) = m.get("is") else {
            self.error(src, at, "a `fact:` condition needs `is:`".into(), None);
            return None;
        };
        Some(Condition::Fact {
            fact,
            values: one_or_many(is).iter().map(yaml_to_json).collect(),
        })
    }

    /// `{ answer: clearance, is: [sc, dv] }`: each value checked against the question.
    fn is_condition(
        &mut self,
        src: Src,
        at: &[Seg],
        is: &Value,
        answer: String,
        kind: QuestionKind,
        options: &[String],
    ) -> Option<Condition> {
        // The values, or `{ data: file.key }`: a value or list kept in a data file
        // (problems with its words are reported there).
        let (isrc, iat, is) = match self.data_reference(src, &with(at, "is"), is) {
            Some(Some(found)) => found,
            Some(None) => return Some(never()),
            None => (src, with(at, "is"), is.clone()),
        };
        let mut values = Vec::new();
        let written: Vec<String> = one_or_many(&is).iter().filter_map(scalar).collect();
        for raw in one_or_many(&is) {
            let word = scalar(&raw).unwrap_or_default();
            let value = match kind {
                QuestionKind::YesNo => {
                    match word.as_str() {
                        "yes" | "true" => Json::Bool(true),
                        "no" | "false" => Json::Bool(false),
                        _ => {
                            self.error_at_word(isrc, &iat, &word, format!("\"{answer}\" is a yes/no question; write yes or no, not \"{word}\""), None);
                            continue;
                        }
                    }
                }
                QuestionKind::Choice => {
                    if options.is_empty() {
                        continue; // the question itself is reported as having none
                    }
                    if !options.contains(&word) {
                        // Near misses among the options not already in this list: an
                        // option just removed from the question is not "sc" again.
                        let others: Vec<&str> = options
                            .iter()
                            .map(String::as_str)
                            .filter(|o| !written.iter().any(|w| w == o))
                            .collect();
                        let help = suggest(&word, others).unwrap_or_else(|| {
                            format!(
                                "the options are: {}; remove \"{word}\" from this list, or add it to the question's options",
                                options.join(", ")
                            )
                        });
                        self.error_at_word(
                            isrc,
                            &iat,
                            &word,
                            format!("\"{word}\" is not an option of question \"{answer}\""),
                            Some(help),
                        );
                        continue;
                    }
                    Json::String(word)
                }
                _ => {
                    self.error(
                        src,
                        &with(at, "is"),
                        format!("`is:` does not work with {} questions", kind_words(kind)),
                        Some(
                            "for countries use any_in / any_outside; for dates use answered".into(),
                        ),
                    );
                    return None;
                }
            };
            values.push(value);
        }
        Some(Condition::Is { answer, values })
    }

    /// The lists of `any_in` / `any_outside`, each of which must exist.
    fn country_lists(
        &mut self,
        src: Src,
        lat: &[Seg],
        key: &str,
        l: &Value,
        names: &Names,
    ) -> Vec<String> {
        let lists = self.names(src, lat, l, &format!("`{key}`"));
        for list in &lists {
            if !names.lists.contains(list) {
                let help = suggest(list, names.lists.iter().map(String::as_str).collect())
                    .unwrap_or_else(|| "lists come from the files under `data: lists:`".into());
                self.error_at_word(
                    src,
                    lat,
                    list,
                    format!("there is no country list \"{list}\""),
                    Some(help),
                );
            }
        }
        lists
    }
}
