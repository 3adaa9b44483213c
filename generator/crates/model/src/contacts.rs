//! The contacts file (`data/contacts.yaml`), which the theme's `{{ contacts() }}` shortcode
//! shows: checked here, because a template shows a misspelt key or an empty entry as an
//! empty line ("Tel:") rather than saying anything, and travellers rely on these details.

use serde_json::Value;
use signpost_base::diagnostic::{Diagnostic, did_you_mean};
use signpost_wizard::{Locator, Seg};
use std::path::{Path, PathBuf};

/// The key of the contacts file in the site's data.
pub const DATA_KEY: &str = "contacts";
const GROUP_KEYS: &[&str] = &["id", "name", "entries"];
/// How an entry is reached: each entry has exactly one.
const WAYS: &[&str] = &["email", "phone", "url", "slack"];
const ENTRY_KEYS: &[&str] = &["label", "email", "phone", "url", "slack", "note"];

/// Checks the contacts file, if the site has one; returns the ids of its groups (what
/// `{{ contacts(only="…") }}` may name), or `None` when there is no list of groups to read
/// them from (already reported, if the file is there).
pub fn check(
    content_dir: &Path,
    data: &serde_json::Map<String, Value>,
    problems: &mut Vec<Diagnostic>,
) -> Option<Vec<String>> {
    let contacts = data.get(DATA_KEY)?;
    let file = ["yaml", "yml"]
        .iter()
        .map(|ext| {
            content_dir
                .join(signpost_base::names::DATA_DIR)
                .join(DATA_KEY)
                .with_extension(ext)
        })
        .find(|path| path.is_file())
        .unwrap_or_else(|| content_dir.join("data/contacts.yaml"));
    let text = std::fs::read_to_string(&file).unwrap_or_default();
    let mut checker = Checker {
        file,
        locator: Locator::new(&text),
        problems,
    };
    checker.file_of(contacts)
}

struct Checker<'a> {
    file: PathBuf,
    locator: Locator,
    problems: &'a mut Vec<Diagnostic>,
}

impl Checker<'_> {
    fn error(&mut self, at: &[Seg], message: String, help: impl Into<String>) {
        let pos = self.locator.find(at);
        self.problems.push(
            Diagnostic::error(&self.file, pos.line, message)
                .at_column(pos.column)
                .with_help(help),
        );
    }

    /// Keys of `map` not in `known`: an error each, with the near miss. Returns the near
    /// misses (`phon` for `phone`), so what they stand for is not also called missing.
    fn unknown_keys(
        &mut self,
        at: &[Seg],
        map: &serde_json::Map<String, Value>,
        known: &[&'static str],
    ) -> Vec<&'static str> {
        let mut meant = Vec::new();
        for key in map.keys().filter(|k| !known.contains(&k.as_str())) {
            let near = did_you_mean(key, known.iter().copied());
            meant.extend(near);
            let help = match near {
                Some(near) => format!("did you mean `{near}`?"),
                None => format!("the keys here are: {}", known.join(", ")),
            };
            let mut path = at.to_vec();
            path.push(Seg::from(key.as_str()));
            self.error(&path, format!("unknown key `{key}`"), help);
        }
        meant
    }

    fn file_of(&mut self, contacts: &Value) -> Option<Vec<String>> {
        let map = contacts.as_object();
        let meant = map.map_or_else(Vec::new, |m| self.unknown_keys(&[], m, &["groups"]));
        let Some(groups) = map.and_then(|m| m.get("groups")).and_then(Value::as_array) else {
            if !meant.is_empty() {
                return None; // `group:` for `groups:`, already said
            }
            self.error(
                &[],
                "the contacts file needs `groups:`, a list of contact groups".into(),
                "see the comment at the top of the file, or generator/README.md (Shortcodes)",
            );
            return None;
        };
        let mut ids: Vec<String> = Vec::new();
        for (index, group) in groups.iter().enumerate() {
            let at = [Seg::from("groups"), Seg::from(index)];
            let Some(id) = self.group(&at, group) else {
                continue;
            };
            if ids.contains(&id) {
                self.error(
                    &[Seg::from("groups"), Seg::from(index), Seg::from("id")],
                    format!("there are two contact groups with the id `{id}`"),
                    "give each group its own id: pages name a group by it",
                );
            } else {
                ids.push(id);
            }
        }
        Some(ids)
    }

    /// Checks a group; returns its id.
    fn group(&mut self, at: &[Seg], group: &Value) -> Option<String> {
        let Some(map) = group.as_object() else {
            self.error(
                at,
                "a contact group has `id:`, `name:` and `entries:`".into(),
                "write each group as `- id: …` with `name:` and `entries:` under it",
            );
            return None;
        };
        self.unknown_keys(at, map, GROUP_KEYS);
        for key in ["id", "name"] {
            if !has_text(map, key) {
                self.error(
                    at,
                    format!("this contact group has no `{key}`"),
                    format!("add `{key}: …`"),
                );
            }
        }
        let entries = map.get("entries").and_then(Value::as_array);
        match entries {
            Some(entries) if !entries.is_empty() => {
                for (index, entry) in entries.iter().enumerate() {
                    let mut path = at.to_vec();
                    path.extend([Seg::from("entries"), Seg::from(index)]);
                    self.entry(&path, entry);
                }
            }
            _ => self.error(
                at,
                "this contact group has no `entries:`".into(),
                "list at least one way to reach them, e.g. `- label: Email` with `email: …`",
            ),
        }
        map.get("id").and_then(Value::as_str).map(str::to_string)
    }

    fn entry(&mut self, at: &[Seg], entry: &Value) {
        let Some(map) = entry.as_object() else {
            self.error(
                at,
                "a contact entry has a `label:` and one of `email:`, `phone:`, `url:`, `slack:`"
                    .into(),
                "e.g. `- label: Email` with `email: security@example.gov.uk` under it",
            );
            return;
        };
        let meant = self.unknown_keys(at, map, ENTRY_KEYS);
        if !has_text(map, "label") {
            self.error(
                at,
                "this contact entry has no `label`".into(),
                "add `label: …` (Email, Tel, …)",
            );
        }
        let ways: Vec<&str> = WAYS
            .iter()
            .copied()
            .filter(|w| map.contains_key(*w))
            .collect();
        let way = match ways.as_slice() {
            [way] => *way,
            [] if meant.iter().any(|m| WAYS.contains(m)) => return, // `phon:`, already said
            [] => {
                self.error(
                    at,
                    "this contact entry has no `email:`, `phone:`, `url:` or `slack:`".into(),
                    "add the one way to reach them; give a second way its own entry",
                );
                return;
            }
            _ => {
                self.error(
                    at,
                    format!(
                        "this contact entry has {}: an entry is one way to reach someone",
                        ways.join(" and ")
                    ),
                    "give each its own entry, with its own label",
                );
                return;
            }
        };
        let mut path = at.to_vec();
        path.push(Seg::from(way));
        let value = match &map[way] {
            Value::String(text) => text.trim().to_string(),
            Value::Number(n) => n.to_string(),
            _ => String::new(),
        };
        if value.is_empty() {
            self.error(
                &path,
                format!("`{way}` is empty"),
                format!("write the {way}, or remove the entry"),
            );
        } else if way == "email" && !value.contains('@') {
            self.error(
                &path,
                format!("\"{value}\" is not an email address"),
                "write it as name@example.gov.uk",
            );
        } else if way == "url" && !(value.starts_with("https://") || value.starts_with("http://")) {
            self.error(
                &path,
                format!("\"{value}\" is not a web address"),
                "write the whole address, starting with https://",
            );
        }
    }
}

/// Whether `key` holds text other than spaces.
fn has_text(map: &serde_json::Map<String, Value>, key: &str) -> bool {
    map.get(key)
        .and_then(Value::as_str)
        .is_some_and(|text| !text.trim().is_empty())
}

/// `{{ contacts(only="…") }}` must name a group of the contacts file.
pub fn check_only(only: &str, groups: &[String]) -> Option<(String, String)> {
    if groups.iter().any(|g| g == only) {
        return None;
    }
    let help = match did_you_mean(only, groups.iter().map(String::as_str)) {
        Some(near) => format!("did you mean `{near}`?"),
        None => format!(
            "the groups in data/contacts.yaml are: {}",
            groups.join(", ")
        ),
    };
    Some((format!("there is no contact group `{only}`"), help))
}
