//! The flow file's top level: its id, title, questions, outcomes and facts, and the data
//! files named under `data:`.

use super::*;

impl Loader {
    /// The whole flow file, read in the order its parts depend on: data first, then the
    /// names conditions use, then questions, outcomes and facts, then the checks across them.
    pub(super) fn flow(&mut self, src: Src) -> Flow {
        let root = self.files[src].value.clone();
        let mut flow = Flow {
            id: String::new(),
            title: String::new(),
            intro: None,
            start: String::new(),
            questions: Vec::new(),
            outcomes: Vec::new(),
            facts: Vec::new(),
            countries: Vec::new(),
            lists: Vec::new(),
            holidays: None,
            index: Default::default(),
        };
        let allowed = [
            "id",
            "title",
            "intro",
            "data",
            "questions",
            "outcomes",
            "facts",
        ];
        let Some(m) = self.map(src, &[], &root, &allowed, "a flow") else {
            return flow;
        };
        self.flow_heading(src, &m, &mut flow);

        self.flow_data(src, &m, &mut flow);

        let questions = match m.get("questions") {
            Some(v) => self.seq(src, &at!["questions"], v, "`questions`"),
            None => {
                self.error(src, &[], "a flow needs `questions`".into(), None);
                Vec::new()
            }
        };
        let facts_map = match m.get("facts") {
            Some(v) => v.as_mapping().cloned().unwrap_or_else(|| {
                self.error(
                    src,
                    &at!["facts"],
                    "`facts` should be a set of `name:` entries".into(),
                    None,
                );
                Mapping::new()
            }),
            None => Mapping::new(),
        };
        let names = self.flow_names(src, &questions, &facts_map, &flow);
        for (i, q) in questions.iter().enumerate() {
            match self.question(src, i, q, &names) {
                Some(q) => flow.questions.push(q),
                None => self.dropped = true,
            }
        }
        flow.start = flow
            .questions
            .first()
            .map(|q| q.id.clone())
            .unwrap_or_default();

        let outcomes = match m.get("outcomes") {
            Some(v) => self.seq(src, &at!["outcomes"], v, "`outcomes`"),
            None => {
                self.error(src, &[], "a flow needs `outcomes`".into(), None);
                Vec::new()
            }
        };
        for (i, o) in outcomes.iter().enumerate() {
            match self.outcome(src, i, o, &names) {
                Some(o) => flow.outcomes.push(o),
                None => self.dropped = true,
            }
        }
        for (key, v) in &facts_map {
            let id = scalar(key).unwrap_or_default();
            if let Some(f) = self.fact(src, &id, v, &names) {
                flow.facts.push(f);
            }
        }
        // Anything looked up while the flow was being filled indexed a part of it.
        flow.index = Default::default();
        self.check_fact_values(src, &flow);
        self.check_notice_periods(src, &flow);
        flow
    }

    /// The flow's `id` (which must be its file name), `title` and `intro`.
    fn flow_heading(&mut self, src: Src, m: &Mapping, flow: &mut Flow) {
        flow.id = self.text(src, &[], m, "id", "a flow").unwrap_or_default();
        let stem = self.files[src]
            .path
            .file_stem()
            .map(|s| s.to_string_lossy().to_string());
        if !flow.id.is_empty() && stem.as_deref() != Some(flow.id.as_str()) {
            self.error(
                src,
                &at!["id"],
                format!("the flow id \"{}\" differs from its file name", flow.id),
                Some(format!("name the file {}.yaml, or change the id", flow.id)),
            );
        }
        flow.title = self
            .text(src, &[], m, "title", "a flow")
            .unwrap_or_default();
        flow.intro = self.optional_text(src, &[], m, "intro", "a flow");
        let (title, intro) = (flow.title.clone(), flow.intro.clone());
        self.check_plain_words(src, &at!["title"], &title);
        if let Some(intro) = &intro {
            self.check_plain_words(src, &at!["intro"], intro);
        }
    }

    /// Every question's id, type and options, every fact's and list's name: what
    /// conditions and placeholders may refer to, known before any of them is read.
    fn flow_names(
        &mut self,
        src: Src,
        questions: &[Value],
        facts_map: &Mapping,
        flow: &Flow,
    ) -> Names {
        Names {
            questions: questions
                .iter()
                .enumerate()
                .filter_map(|(i, q)| {
                    let q = q.as_mapping()?;
                    let id = scalar(q.get("id")?)?;
                    let kind = serde_yaml::from_value(q.get("type")?.clone()).ok()?;
                    // Options kept in a data file count too (problems are reported with
                    // the question).
                    let written = q.get("options").cloned().unwrap_or_default();
                    let options = match written.get("data").and_then(scalar) {
                        Some(reference) => self
                            .data_value(src, &at!["questions", i, "options"], &reference)
                            .map(|(_, _, v)| v)
                            .unwrap_or_default(),
                        None => written,
                    };
                    let options = options
                        .as_sequence()
                        .map(|o| o.iter().filter_map(|c| scalar(c.get("value")?)).collect())
                        .unwrap_or_default();
                    Some((id, (kind, options)))
                })
                .collect(),
            facts: facts_map.keys().filter_map(scalar).collect(),
            lists: flow.lists.iter().map(|l| l.id.clone()).collect(),
        }
    }

    /// The `data:` section: countries, lists and bank holidays.
    fn flow_data(&mut self, src: Src, m: &Mapping, flow: &mut Flow) {
        let Some(v) = m.get("data") else {
            return;
        };
        let at = at!["data"];
        let Some(d) = self.map(src, &at, v, &["countries", "lists", "holidays"], "`data`") else {
            return;
        };
        if let Some(stem) = self.optional_text(src, &at, &d, "countries", "`data`")
            && let Some(file) = self.data(&stem, src, &at!["data", "countries"])
        {
            flow.countries = self.countries(file);
        }
        if let Some(v) = d.get("lists") {
            let stems = self.names(src, &at!["data", "lists"], v, "`lists`");
            for stem in stems {
                if let Some(file) = self.data(&stem, src, &at!["data", "lists"]) {
                    let lists = self.lists(file, flow);
                    for l in lists {
                        if flow.lists.iter().any(|o| o.id == l.id) {
                            self.error(
                                file,
                                &[],
                                format!("list \"{}\" is defined twice", l.id),
                                None,
                            );
                        }
                        flow.lists.push(l);
                    }
                }
            }
        }
        if let Some(stem) = self.optional_text(src, &at, &d, "holidays", "`data`")
            && let Some(file) = self.data(&stem, src, &at!["data", "holidays"])
        {
            flow.holidays = self.holidays(file);
        }
    }
}
