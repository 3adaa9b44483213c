//! Reading facts (cases, lookups, deadlines, passed dates) and checking their values.

use super::*;

impl Loader {
    pub(super) fn fact(&mut self, src: Src, id: &str, v: &Value, names: &Names) -> Option<Fact> {
        let at = at!["facts", id];
        if !is_id(id) {
            self.error(
                src,
                &at,
                format!("\"{id}\" is not a usable fact name"),
                None,
            );
        }
        let mut fact = Fact {
            id: id.to_string(),
            rule: FactRule::Cases(Vec::new()),
            labels: BTreeMap::new(),
            reason: None,
        };
        if let Value::Sequence(cases) = v {
            fact.rule = FactRule::Cases(self.cases(src, id, cases, names));
            return Some(fact);
        }
        let allowed = ["lookup", "by", "labels", "reason", "deadline", "passed"];
        let m = self.map(src, &at, v, &allowed, "a fact")?;
        fact.reason = self.optional_text(src, &at, &m, "reason", "a fact");
        if let Some(reason) = fact.reason.clone() {
            self.check_linkable_words(src, &with(&at, "reason"), &reason);
        }
        if let Some(l) = m.get("labels") {
            fact.labels = self.labels(src, &with(&at, "labels"), l);
        }
        if let Some(table) = m.get("lookup") {
            fact.rule = self.lookup(src, &at, id, table, m.get("by"), names)?;
        } else if let Some(d) = m.get("deadline") {
            fact.rule = self.deadline(src, &at, d, names)?;
        } else if let Some(p) = m.get("passed") {
            let date = scalar(p).unwrap_or_default();
            if !names.facts.contains(&date) {
                self.error(
                    src,
                    &with(&at, "passed"),
                    format!("there is no fact \"{date}\""),
                    None,
                );
            }
            fact.rule = FactRule::Passed { date };
        } else {
            self.error(
                src,
                &at,
                format!("fact \"{id}\" needs cases (a list), or one of `lookup:`, `deadline:`, `passed:`"),
                None,
            );
            return None;
        }
        Some(fact)
    }

    /// A fact written as cases: the first whose `when` holds gives the value; the last
    /// has no `when`, so that there always is one.
    fn cases(&mut self, src: Src, id: &str, cases: &[Value], names: &Names) -> Vec<Case> {
        let at = at!["facts", id];
        let mut out = Vec::new();
        for (ci, c) in cases.iter().enumerate() {
            let cat = at!["facts", id, ci];
            let Some(cm) = self.map(src, &cat, c, &["when", "value", "reason"], "a case") else {
                continue;
            };
            let when = cm.get("when").map(|w| {
                self.condition(src, &with(&cat, "when"), w, names, true)
                    .unwrap_or_else(never)
            });
            let Some(value) = cm.get("value") else {
                self.error(src, &cat, "a case needs a `value`".into(), None);
                continue;
            };
            // A bad value is reported; null stands in so the checks can go on.
            let value = self
                .literal(src, &with(&cat, "value"), value)
                .unwrap_or(Json::Null);
            let reason = self.optional_text(src, &cat, &cm, "reason", "a case");
            if let Some(reason) = &reason {
                self.check_linkable_words(src, &with(&cat, "reason"), reason);
            }
            out.push(Case {
                when,
                value,
                reason,
            });
        }
        match out.last() {
            None => self.error(src, &at, format!("fact \"{id}\" has no cases"), None),
            Some(last) if last.when.is_some() => self.error(
                src,
                &at!["facts", id, out.len() - 1],
                format!("fact \"{id}\" has no value when none of its cases applies"),
                Some("end the list with a case that has a `value` and no `when`".into()),
            ),
            _ => {}
        }
        out
    }

    /// `deadline: { date, notice, count }`: notice counted back from a date answer.
    fn deadline(&mut self, src: Src, at: &[Seg], d: &Value, names: &Names) -> Option<FactRule> {
        let dat = with(at, "deadline");
        let dm = self.map(src, &dat, d, &["date", "notice", "count"], "a deadline")?;
        let date = self.text(src, &dat, &dm, "date", "a deadline")?;
        if names.questions.get(&date).map(|(k, _)| *k) != Some(QuestionKind::Date) {
            self.error(
                src,
                &with(&dat, "date"),
                format!("\"{date}\" is not a date question"),
                None,
            );
        }
        let notice = self.text(src, &dat, &dm, "notice", "a deadline")?;
        if !names.facts.contains(&notice) {
            self.error(
                src,
                &with(&dat, "notice"),
                format!("there is no fact \"{notice}\" to give the notice period"),
                None,
            );
        }
        // A bad count is reported; a stand-in keeps the fact, so the places that use it
        // are not also told that it does not exist.
        let count = self
            .day_count(src, &with(&dat, "count"), dm.get("count"))
            .unwrap_or(DayCount::WorkingDays);
        Some(FactRule::Deadline {
            date,
            notice,
            count,
        })
    }

    pub(super) fn lookup(
        &mut self,
        src: Src,
        at: &[Seg],
        id: &str,
        table: &Value,
        by: Option<&Value>,
        names: &Names,
    ) -> Option<FactRule> {
        let tat = with(at, "lookup");
        let (tsrc, tpath, tvalue) = match scalar(table) {
            Some(reference) => self.data_ref(src, &tat, &reference)?,
            None => (src, tat.clone(), table.clone()),
        };
        let Some(tm) = tvalue.as_mapping() else {
            self.error(
                tsrc,
                &tpath,
                format!("the lookup table for \"{id}\" should be `answer: value` lines"),
                None,
            );
            return None;
        };
        let Some(answer) = by.and_then(scalar) else {
            self.error(
                src,
                at,
                format!("fact \"{id}\" needs `by:` naming the question to look up"),
                None,
            );
            return None;
        };
        let Some((kind, options)) = names.questions.get(&answer) else {
            self.error(
                src,
                &with(at, "by"),
                format!("there is no question \"{answer}\""),
                None,
            );
            return None;
        };
        if *kind != QuestionKind::Choice {
            self.error(
                src,
                &with(at, "by"),
                format!("\"{answer}\" is not a choice question"),
                None,
            );
        }
        let mut out = BTreeMap::new();
        for (k, v) in tm {
            let key = scalar(k).unwrap_or_default();
            let mut kp = tpath.clone();
            kp.push(Seg::Key(key.clone()));
            if !options.contains(&key) {
                self.error(
                    tsrc,
                    &kp,
                    format!("\"{key}\" is not an option of question \"{answer}\""),
                    suggest(&key, options.iter().map(String::as_str).collect()),
                );
            }
            out.insert(key, yaml_to_json(v));
        }
        for o in options {
            if !out.contains_key(o) {
                self.error(tsrc, &tpath, format!("the lookup table has no entry for \"{o}\", an option of question \"{answer}\""), None);
            }
        }
        Some(FactRule::Lookup { answer, table: out })
    }

    pub(super) fn labels(&mut self, src: Src, at: &[Seg], v: &Value) -> BTreeMap<String, String> {
        let (lsrc, lpath, lv) = match scalar(v) {
            Some(reference) => match self.data_ref(src, at, &reference) {
                Some(found) => found,
                None => return BTreeMap::new(),
            },
            None => (src, at.to_vec(), v.clone()),
        };
        match lv.as_mapping() {
            Some(m) => m
                .iter()
                .filter_map(|(k, v)| Some((scalar(k)?, scalar(v)?)))
                .collect(),
            None => {
                self.error(
                    lsrc,
                    &lpath,
                    "labels should be `value: words` lines".into(),
                    None,
                );
                BTreeMap::new()
            }
        }
    }

    pub(super) fn day_count(
        &mut self,
        src: Src,
        at: &[Seg],
        v: Option<&Value>,
    ) -> Option<DayCount> {
        let (csrc, cpath, words) = match v {
            Some(Value::Mapping(m)) if m.contains_key("data") => {
                let reference = m.get("data").and_then(scalar).unwrap_or_default();
                let (s, p, v) = self.data_ref(src, at, &reference)?;
                (s, p, scalar(&v).unwrap_or_default())
            }
            Some(v) => (src, at.to_vec(), scalar(v).unwrap_or_default()),
            None => (src, at.to_vec(), String::new()),
        };
        match words.trim() {
            "working days" => Some(DayCount::WorkingDays),
            "calendar days" => Some(DayCount::CalendarDays),
            other => {
                self.error_at_value(
                    csrc,
                    &cpath,
                    format!("\"{other}\" is not a way to count days"),
                    Some("write \"working days\" or \"calendar days\"".into()),
                );
                None
            }
        }
    }

    /// A fact value: a plain value, or `{ data: file.key }` read from a data file.
    pub(super) fn literal(&mut self, src: Src, at: &[Seg], v: &Value) -> Option<Json> {
        if let Value::Mapping(m) = v {
            let reference = match (m.len(), m.get("data").and_then(scalar)) {
                (1, Some(r)) => r,
                _ => {
                    self.error(
                        src,
                        at,
                        "a value is plain (true, 15, governor) or `{ data: file.key }`".into(),
                        None,
                    );
                    return None;
                }
            };
            let (dsrc, dpath, dv) = self.data_ref(src, at, &reference)?;
            if dv.is_mapping() || dv.is_sequence() {
                self.error(
                    dsrc,
                    &dpath,
                    format!("`{reference}` should be a single value"),
                    None,
                );
                return None;
            }
            return Some(yaml_to_json(&dv));
        }
        Some(yaml_to_json(v))
    }

    /// A deadline counts back a whole number of days, so every value of its notice fact must
    /// be one: a quoted "15", 15.5 or -5 would otherwise count as no notice at all. Reported
    /// where the value is written: in the data file it comes from, or in the flow.
    pub(super) fn check_notice_periods(&mut self, src: Src, flow: &Flow) {
        let notices: BTreeSet<String> = flow
            .facts
            .iter()
            .filter_map(|f| match &f.rule {
                FactRule::Deadline { notice, .. } => Some(notice.clone()),
                _ => None,
            })
            .collect();
        for notice in notices {
            let Some(fact) = flow.fact(&notice) else {
                continue; // reported where the deadline names it
            };
            match &fact.rule {
                FactRule::Cases(_) => {}
                // A table of notice periods: each must be a number of days.
                FactRule::Lookup { table, .. } => {
                    let bad: Vec<String> = table
                        .iter()
                        .filter(|(_, days)| days.as_u64().is_none())
                        .map(|(key, days)| format!("{key}: {days}"))
                        .collect();
                    if !bad.is_empty() {
                        self.error(
                            src,
                            &at!["facts", notice.as_str()],
                            format!("fact \"{notice}\" gives a deadline's notice period, but its table has values that are not whole numbers of days: {}", bad.join(", ")),
                            Some("write each as a whole number, e.g. 15".into()),
                        );
                    }
                    continue;
                }
                _ => {
                    self.error(
                        src,
                        &at!["facts", notice.as_str()],
                        format!("fact \"{notice}\" gives a deadline's notice period, so it must be a number of days"),
                        Some("give it cases whose `value` is a whole number, e.g. `- value: 15`, or a `lookup:` table of them".into()),
                    );
                    continue;
                }
            }
            let raw_cases = self
                .value(src, &at!["facts", notice.as_str()])
                .and_then(|v| v.as_sequence().cloned())
                .unwrap_or_default();
            for (ci, case) in raw_cases.iter().enumerate() {
                let at = at!["facts", notice.as_str(), ci, "value"];
                let Some(value) = case.get("value") else {
                    continue;
                };
                let reference = value.get("data").and_then(scalar);
                let (place, value) = match reference {
                    Some(reference) => match self.data_value(src, &at, &reference) {
                        Some((data, path, value)) => ((data, path), value),
                        None => continue, // already reported
                    },
                    None => ((src, at.to_vec()), value.clone()),
                };
                if value.as_u64().is_some() {
                    continue;
                }
                // As the editor wrote it (quotes and all).
                let locator = &self.files[place.0].locator;
                let line = locator.line(locator.find(&place.1).line);
                let written =
                    crate::load::locate::without_comment(crate::load::locate::line_value(line));
                let help = match &value {
                    Value::String(text) if text.trim().parse::<u64>().is_ok() => {
                        "write the number without quotes".to_string()
                    }
                    _ => "write a whole number of days, e.g. 15".to_string(),
                };
                self.error_at_value(
                    place.0,
                    &place.1,
                    format!("a notice period is a whole number of days, not {written}"),
                    Some(help),
                );
            }
        }
    }

    /// `is:` on a fact must name a value the fact can have.
    pub(super) fn check_fact_values(&mut self, src: Src, flow: &Flow) {
        let possible = |fact: &Fact| -> Option<Vec<Json>> {
            match &fact.rule {
                // A null stands in for a value already reported as bad: do not pile on.
                FactRule::Cases(cases) if cases.iter().any(|c| c.value.is_null()) => None,
                FactRule::Cases(cases) => Some(cases.iter().map(|c| c.value.clone()).collect()),
                FactRule::Lookup { table, .. } => Some(table.values().cloned().collect()),
                FactRule::Passed { .. } => Some(vec![Json::Bool(true), Json::Bool(false)]),
                FactRule::Deadline { .. } => None,
            }
        };
        let mut bad = Vec::new();
        let mut visit = |c: &Condition, at: Vec<Seg>| {
            walk_conditions(c, &mut |c| {
                if let Condition::Fact { fact, values } = c
                    && let Some(f) = flow.fact(fact)
                {
                    match possible(f) {
                        Some(ok) => {
                            for v in values.iter().filter(|v| !ok.contains(v)) {
                                bad.push((at.clone(), format!("fact \"{fact}\" is never {v}"), Some(format!("it can be: {}", ok.iter().map(|v| v.to_string()).collect::<Vec<_>>().join(", ")))));
                            }
                        }
                        None if matches!(f.rule, FactRule::Cases(_)) => {}
                        None => bad.push((at.clone(), format!("fact \"{fact}\" is a date; test the date question with `answered` instead"), None)),
                    }
                }
            });
        };
        for (oi, o) in flow.outcomes.iter().enumerate() {
            for (si, s) in o.steps.iter().enumerate() {
                if let Some(c) = &s.when {
                    visit(c, at!["outcomes", oi, "steps", si, "when"].to_vec());
                }
            }
        }
        for f in &flow.facts {
            if let FactRule::Cases(cases) = &f.rule {
                for (ci, case) in cases.iter().enumerate() {
                    if let Some(c) = &case.when {
                        visit(c, at!["facts", f.id.clone(), ci, "when"].to_vec());
                    }
                }
            }
        }
        for (at, message, help) in bad {
            self.error(src, &at, message, help);
        }
    }
}
