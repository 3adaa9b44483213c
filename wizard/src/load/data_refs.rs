//! `{ data: file.key }`: finding a value in a data file, and saying what is there when
//! the key is not.

use super::*;

impl Loader {
    /// A value from a data file: `notice.strap` -> the `strap` key of data/notice.yaml.
    pub(super) fn data_ref(
        &mut self,
        from: Src,
        at: &[Seg],
        reference: &str,
    ) -> Option<(Src, Vec<Seg>, Value)> {
        if let Some(found) = self.data_value(from, at, reference) {
            return Some(found);
        }
        let (stem, keys) = split_reference(reference);
        // A missing data file is reported by `data`.
        if let Some(data) = self.data(stem, from, at) {
            let (message, help) = self.missing_data_value(data, stem, &keys, reference);
            self.error(from, at, message, Some(help));
        }
        None
    }

    /// `{ data: file.key }` written where a value or list may be (options, `is:`): `None`
    /// when `v` is not such a reference; `Some(None)` when it is one that could not be
    /// read (reported); otherwise the data file, the path in it, and the value.
    #[allow(clippy::type_complexity)]
    pub(super) fn data_reference(
        &mut self,
        src: Src,
        at: &[Seg],
        v: &Value,
    ) -> Option<Option<(Src, Vec<Seg>, Value)>> {
        let m = v.as_mapping().filter(|m| m.contains_key("data"))?;
        let reference = m.get("data").and_then(scalar).filter(|_| m.len() == 1);
        let Some(reference) = reference else {
            self.error(
                src,
                at,
                "write a data reference as `{ data: file.key }`, with nothing else beside it"
                    .into(),
                None,
            );
            return Some(None);
        };
        Some(self.data_ref(src, at, &reference))
    }

    /// [`Self::data_ref`] without reporting anything when the value is not there.
    pub(super) fn data_value(
        &mut self,
        from: Src,
        at: &[Seg],
        reference: &str,
    ) -> Option<(Src, Vec<Seg>, Value)> {
        let (stem, keys) = split_reference(reference);
        let data = self.data(stem, from, at)?;
        let value = self.value(data, &keys)?;
        Some((data, keys, value))
    }

    /// What to say of `reference`, which data file `stem` does not have: the near miss, or
    /// the keys there are.
    pub(super) fn missing_data_value(
        &self,
        data: Src,
        stem: &str,
        keys: &[Seg],
        reference: &str,
    ) -> (String, String) {
        if self.files[data].value.is_null() {
            return (
                format!("`{reference}`: data file \"{stem}\" is empty"),
                format!(
                    "add the values the flow reads to {}",
                    self.files[data].path.display()
                ),
            );
        }
        let found = (0..keys.len())
            .take_while(|&n| self.value(data, &keys[..=n]).is_some())
            .count();
        let have: Vec<String> = self
            .value(data, &keys[..found])
            .and_then(|v| v.as_mapping().cloned())
            .map(|m| m.keys().filter_map(scalar).collect())
            .unwrap_or_default();
        let missing = match keys.get(found) {
            Some(Seg::Key(key)) => key.clone(),
            Some(Seg::Index(i)) => i.to_string(),
            None => String::new(),
        };
        let help = crate::check::suggest(&missing, have.iter().map(String::as_str).collect())
            .or_else(|| (!have.is_empty()).then(|| format!("it has: {}", have.join(", "))))
            .unwrap_or_else(|| {
                "write the file's stem, then the keys inside it, joined by dots: notice.standard"
                    .into()
            });
        (
            format!("`{reference}`: data file \"{stem}\" has no such value"),
            help,
        )
    }
}
