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
        let kind = self.question_kind(src, &at, &m, &id)?;
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
        let options = self.question_options(src, &at, &m, kind, &id);
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

    /// The question's `type`; without a known one the question cannot be read.
    fn question_kind(
        &mut self,
        src: Src,
        at: &[Seg],
        m: &Mapping,
        id: &str,
    ) -> Option<QuestionKind> {
        match m.get("type") {
            Some(t) => match serde_yaml::from_value::<QuestionKind>(t.clone()) {
                Ok(k) => Some(k),
                Err(_) => {
                    self.error(
                        src,
                        &with(at, "type"),
                        format!(
                            "unknown question type \"{}\"",
                            scalar(t).unwrap_or_default()
                        ),
                        Some("use choice, yes-no, countries or date".into()),
                    );
                    None
                }
            },
            None => {
                self.error(src, at, format!("question \"{id}\" needs a `type`"), None);
                None
            }
        }
    }

    /// The `options` of a choice question (only those have them).
    fn question_options(
        &mut self,
        src: Src,
        at: &[Seg],
        m: &Mapping,
        kind: QuestionKind,
        id: &str,
    ) -> Vec<Choice> {
        match (kind, m.get("options")) {
            (QuestionKind::Choice, Some(o)) => {
                // Written in the flow, or `{ data: file.key }`: a list kept in a data file
                // that the guidance page shows too.
                let (osrc, oat, o) = match self.data_reference(src, &with(at, "options"), o) {
                    Some(Some(found)) => found,
                    Some(None) => (src, with(at, "options"), Value::Sequence(Vec::new())),
                    None => (src, with(at, "options"), o.clone()),
                };
                let options = self.options(osrc, &oat, &o);
                if options.len() < 2 {
                    self.error(
                        src,
                        at,
                        format!("choice question \"{id}\" needs at least two options"),
                        None,
                    );
                }
                return options;
            }
            (QuestionKind::Choice, None) => {
                self.error(
                    src,
                    at,
                    format!("choice question \"{id}\" needs `options`"),
                    None,
                );
            }
            (_, Some(_)) => {
                self.error(
                    src,
                    &with(at, "options"),
                    "only choice questions have `options`".into(),
                    None,
                );
            }
            (_, None) => {}
        }
        Vec::new()
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
}
