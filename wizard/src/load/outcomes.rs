//! Reading outcomes: their title, summary, the facts they report and their steps.

use super::*;

impl Loader {
    pub(super) fn outcome(
        &mut self,
        src: Src,
        i: usize,
        v: &Value,
        names: &Names,
    ) -> Option<Outcome> {
        let at = at!["outcomes", i];
        let m = self.map(
            src,
            &at,
            v,
            &["id", "title", "summary", "facts", "steps"],
            "an outcome",
        )?;
        let id = self.text(src, &at, &m, "id", "an outcome")?;
        if !is_id(&id) {
            self.error(
                src,
                &with(&at, "id"),
                format!("\"{id}\" is not a usable id"),
                None,
            );
        }
        let title = self
            .text(src, &at, &m, "title", "an outcome")
            .unwrap_or_default();
        self.check_plain_words(src, &with(&at, "title"), &title);
        let summary = self.optional_text(src, &at, &m, "summary", "an outcome");
        if let Some(summary) = &summary {
            self.check_linkable_words(src, &with(&at, "summary"), summary);
        }
        let facts = match m.get("facts") {
            Some(f) => self.names(src, &with(&at, "facts"), f, "`facts`"),
            None => Vec::new(),
        };
        let mut steps = Vec::new();
        let list = match m.get("steps") {
            Some(s) => self.seq(src, &with(&at, "steps"), s, "`steps`"),
            None => Vec::new(),
        };
        for (si, s) in list.iter().enumerate() {
            if let Some(step) = self.step(src, &at!["outcomes", i, "steps", si], s, names) {
                steps.push(step);
            }
        }
        Some(Outcome {
            id,
            title,
            summary,
            facts,
            steps,
        })
    }

    /// One step: plain text, or `text` with `when`, `items` and `action`.
    fn step(&mut self, src: Src, sat: &[Seg], s: &Value, names: &Names) -> Option<Step> {
        if let Some(text) = scalar(s) {
            self.check_linkable_words(src, sat, &text);
            return Some(Step {
                text,
                when: None,
                items: Vec::new(),
                action: true,
            });
        }
        // `- Collect this information:` with a list under it: YAML reads one key whose
        // value is the list.
        if let Some((key, Value::Sequence(_))) = s
            .as_mapping()
            .and_then(|m| (m.len() == 1).then(|| m.iter().next()).flatten())
            && let Some(words) = scalar(key).filter(|k| k.contains(' '))
        {
            self.error(
                src,
                &with(sat, &words),
                format!("\"{words}\" has a list under it, which YAML reads as `key: list`"),
                Some(format!(
                    "to show a list under a step, write `text: \"{words}:\"` and put the list under `items:`"
                )),
            );
            return None;
        }
        let sm = self.map(src, sat, s, &["text", "when", "items", "action"], "a step")?;
        // A key with spaces is text with `: ` in it, already reported: not also "no text".
        let text_with_colon = sm
            .keys()
            .any(|k| scalar(k).is_some_and(|k| k.contains(' ')));
        let text = match text_with_colon && !sm.contains_key("text") {
            true => String::new(),
            false => self
                .text(src, sat, &sm, "text", "a step")
                .unwrap_or_default(),
        };
        self.check_linkable_words(src, &with(sat, "text"), &text);
        let when = sm.get("when").map(|c| {
            self.condition(src, &with(sat, "when"), c, names, true)
                .unwrap_or_else(never)
        });
        let items = match sm.get("items") {
            Some(v) => self.step_items(src, &with(sat, "items"), v),
            None => Vec::new(),
        };
        let action = match sm.get("action") {
            None => true,
            Some(Value::Bool(b)) => *b,
            Some(_) => {
                self.error(
                    src,
                    &with(sat, "action"),
                    "`action` should be true or false".into(),
                    Some("write `action: false` for a step that tells the reader something rather than asking them to do it".into()),
                );
                true
            }
        };
        Some(Step {
            text,
            when,
            items,
            action,
        })
    }

    /// A step's `items`: a list of texts.
    fn step_items(&mut self, src: Src, at: &[Seg], v: &Value) -> Vec<String> {
        let list = self.seq(src, at, v, "`items`");
        if list.is_empty() && v.is_sequence() {
            self.error(
                src,
                at,
                "`items` is empty".into(),
                Some(
                    "list what goes under the step, one `- ` line each, or leave `items` out"
                        .into(),
                ),
            );
        }
        // Every item keeps its place, a bad one as empty text (the flow does not load with
        // it), so later checks point at the right line.
        let mut items = vec![String::new(); list.len()];
        for (n, item) in list.iter().enumerate() {
            let mut iat = at.to_vec();
            iat.push(Seg::Index(n));
            match (item, scalar(item)) {
                (Value::Mapping(m), _) if m.values().any(Value::is_sequence) => self.error(
                    src,
                    &iat,
                    "an item cannot have a list of its own".into(),
                    Some("make it a step of its own, with `text:` and `items:`".into()),
                ),
                (Value::Mapping(_), _) => self.error(
                    src,
                    &iat,
                    "this item should be text, but YAML read it as `key: value`".into(),
                    Some("text with `: ` in it must be in quotes".into()),
                ),
                (Value::Sequence(_), _) => self.error(
                    src,
                    &iat,
                    "this item should be text, but YAML read it as a list".into(),
                    Some("text that starts with `[` must be in quotes".into()),
                ),
                (_, Some(text)) if !text.trim().is_empty() => {
                    self.check_linkable_words(src, &iat, &text);
                    items[n] = text;
                }
                (Value::Null, _) | (_, Some(_)) => {
                    self.error(src, &iat, "this item is empty".into(), None)
                }
                _ => self.error(
                    src,
                    &iat,
                    "each of a step's `items` should be text".into(),
                    None,
                ),
            }
        }
        items
    }
}
