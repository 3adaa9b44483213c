//! Reading questions, their routes and the conditions routes test.

use super::*;

impl Loader {
    pub(super) fn question(
        &mut self,
        src: Src,
        i: usize,
        v: &Value,
        names: &Names,
    ) -> Option<Question> {
        let at = at!["questions", i];
        let allowed = [
            "id", "type", "text", "hint", "error", "name", "options", "optional", "next",
        ];
        let m = self.map(src, &at, v, &allowed, "a question")?;
        let id = self.text(src, &at, &m, "id", "a question")?;
        if !is_id(&id) {
            self.error(
                src,
                &with(&at, "id"),
                format!("\"{id}\" is not a usable id"),
                Some("use lower-case letters, digits, - and _ (ids appear in answers files and URLs)".into()),
            );
        }
        let kind = match m.get("type") {
            Some(t) => match serde_yaml::from_value::<QuestionKind>(t.clone()) {
                Ok(k) => k,
                Err(_) => {
                    self.error(
                        src,
                        &with(&at, "type"),
                        format!(
                            "unknown question type \"{}\"",
                            scalar(t).unwrap_or_default()
                        ),
                        Some("use choice, yes-no, countries or date".into()),
                    );
                    return None;
                }
            },
            None => {
                self.error(src, &at, format!("question \"{id}\" needs a `type`"), None);
                return None;
            }
        };
        let text = self
            .text(src, &at, &m, "text", "a question")
            .unwrap_or_default();
        let hint = self.optional_text(src, &at, &m, "hint", "a question");
        let error = self.optional_text(src, &at, &m, "error", "a question");
        let name = self.optional_text(src, &at, &m, "name", "a question");
        for (key, words) in [
            ("text", Some(&text)),
            ("hint", hint.as_ref()),
            ("error", error.as_ref()),
            ("name", name.as_ref()),
        ] {
            if let Some(words) = words {
                self.check_plain_words(src, &with(&at, key), words);
            }
        }
        let optional = match m.get("optional") {
            None => false,
            Some(Value::Bool(b)) => *b,
            Some(_) => {
                self.error(
                    src,
                    &with(&at, "optional"),
                    "`optional` should be true or false".into(),
                    None,
                );
                false
            }
        };
        let mut options = Vec::new();
        match (kind, m.get("options")) {
            (QuestionKind::Choice, Some(o)) => {
                // Written in the flow, or `{ data: file.key }`: a list kept in a data file
                // that the guidance page shows too.
                let (osrc, oat, o) = match self.data_reference(src, &with(&at, "options"), o) {
                    Some(Some(found)) => found,
                    Some(None) => (src, with(&at, "options"), Value::Sequence(Vec::new())),
                    None => (src, with(&at, "options"), o.clone()),
                };
                options = self.options(osrc, &oat, &o);
                if options.len() < 2 {
                    self.error(
                        src,
                        &at,
                        format!("choice question \"{id}\" needs at least two options"),
                        None,
                    );
                }
            }
            (QuestionKind::Choice, None) => {
                self.error(
                    src,
                    &at,
                    format!("choice question \"{id}\" needs `options`"),
                    None,
                );
            }
            (_, Some(_)) => {
                self.error(
                    src,
                    &with(&at, "options"),
                    "only choice questions have `options`".into(),
                    None,
                );
            }
            (_, None) => {}
        }
        let next = match m.get("next") {
            Some(n) => self.routes(src, i, n, names),
            None => Vec::new(),
        };
        Some(Question {
            id,
            kind,
            text,
            hint,
            options,
            optional,
            error,
            name,
            next,
        })
    }

    /// A choice question's options, from the flow or from a data file (`src`, `at`).
    fn options(&mut self, src: Src, at: &[Seg], o: &Value) -> Vec<Choice> {
        let mut options: Vec<Choice> = Vec::new();
        for (oi, o) in self.seq(src, at, o, "`options`").iter().enumerate() {
            let mut oat = at.to_vec();
            oat.push(Seg::Index(oi));
            let Some(om) = self.map(src, &oat, o, &["value", "label", "hint"], "an option") else {
                continue;
            };
            let value = self
                .text(src, &oat, &om, "value", "an option")
                .unwrap_or_default();
            let label = self
                .text(src, &oat, &om, "label", "an option")
                .unwrap_or_default();
            let hint = self.optional_text(src, &oat, &om, "hint", "an option");
            self.check_plain_words(src, &with(&oat, "label"), &label);
            if let Some(hint) = &hint {
                self.check_plain_words(src, &with(&oat, "hint"), hint);
            }
            if options.iter().any(|c| c.value == value) {
                self.error(
                    src,
                    &oat,
                    format!("option \"{value}\" is given twice"),
                    None,
                );
            }
            options.push(Choice { value, label, hint });
        }
        options
    }

    pub(super) fn routes(&mut self, src: Src, qi: usize, v: &Value, names: &Names) -> Vec<Route> {
        if let Some(goto) = scalar(v) {
            return vec![Route {
                when: None,
                goto,
                reason: None,
            }];
        }
        let at = at!["questions", qi, "next"];
        let mut out = Vec::new();
        for (ri, r) in self.seq(src, &at, v, "`next`").iter().enumerate() {
            let rat = at!["questions", qi, "next", ri];
            let Some(m) = self.map(src, &rat, r, &["when", "goto", "reason"], "a route") else {
                continue;
            };
            let when = m.get("when").map(|c| {
                self.condition(src, &with(&rat, "when"), c, names, false)
                    .unwrap_or_else(never)
            });
            let Some(goto) = self.text(src, &rat, &m, "goto", "a route") else {
                continue;
            };
            let reason = self.optional_text(src, &rat, &m, "reason", "a route");
            if let Some(reason) = &reason {
                self.check_linkable_words(src, &with(&rat, "reason"), reason);
            }
            out.push(Route { when, goto, reason });
        }
        out
    }

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
            return Some(Condition::Fact {
                fact,
                values: one_or_many(is).iter().map(yaml_to_json).collect(),
            });
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
                    QuestionKind::YesNo => match word.as_str() {
                        "yes" | "true" => Json::Bool(true),
                        "no" | "false" => Json::Bool(false),
                        _ => {
                            self.error_at_word(isrc, &iat, &word, format!("\"{answer}\" is a yes/no question; write yes or no, not \"{word}\""), None);
                            continue;
                        }
                    },
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
                                "for countries use any_in / any_outside; for dates use answered"
                                    .into(),
                            ),
                        );
                        return None;
                    }
                };
                values.push(value);
            }
            return Some(Condition::Is { answer, values });
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
            let lists = self.names(src, &lat, l, &format!("`{key}`"));
            for list in &lists {
                if !names.lists.contains(list) {
                    let help = suggest(list, names.lists.iter().map(String::as_str).collect())
                        .unwrap_or_else(|| "lists come from the files under `data: lists:`".into());
                    self.error_at_word(
                        src,
                        &lat,
                        list,
                        format!("there is no country list \"{list}\""),
                        Some(help),
                    );
                }
            }
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
}
