//! The theme's templates (embedded in the binary, so `signpost build` works from any folder),
//! with a site's own overrides from `content/templates/`, loaded into tera.

use include_dir::{Dir, include_dir};
use signpost_base::diagnostic::Diagnostic;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use tera::{Context, Kwargs, State, Tera, Value};

/// The whole theme folder: `templates/` and `static/`.
pub static THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/../../../theme");

/// Where built-in templates say they are, in messages (they are inside the binary).
const BUILT_IN: &str = "(built-in theme)/templates";

pub struct Templates {
    tera: Tera,
    /// Template name -> the file it came from, for error messages.
    origins: BTreeMap<String, PathBuf>,
}

impl Templates {
    /// Loads the theme, then the site's overrides (`overrides` are paths relative to
    /// `content_dir`, all under `templates/`). `flows` are the flows' JSON by id, for the
    /// `flow_json(id=…)` function the wizard shortcode uses.
    pub fn load(
        content_dir: &Path,
        overrides: &[PathBuf],
        flows: BTreeMap<String, String>,
        problems: &mut Vec<Diagnostic>,
    ) -> Option<Self> {
        let mut sources: BTreeMap<String, (PathBuf, String)> = BTreeMap::new();
        let builtin = THEME.get_dir("templates").expect("the theme has templates");
        for file in all_files(builtin) {
            let name = file
                .path()
                .strip_prefix("templates")
                .expect("under templates")
                .to_string_lossy()
                .replace('\\', "/");
            let text = file
                .contents_utf8()
                .expect("theme templates are UTF-8")
                .to_string();
            sources.insert(
                name,
                (
                    Path::new(BUILT_IN).join(file.path().strip_prefix("templates").unwrap()),
                    text,
                ),
            );
        }
        for relative in overrides {
            let path = content_dir.join(relative);
            let name = relative
                .strip_prefix(signpost_base::names::TEMPLATES_DIR)
                .unwrap_or(relative)
                .to_string_lossy()
                .replace('\\', "/");
            match std::fs::read_to_string(&path) {
                Ok(text) => {
                    sources.insert(name, (path, text));
                }
                Err(err) => problems.push(Diagnostic::error(
                    &path,
                    0,
                    format!("cannot read this template: {err}"),
                )),
            }
        }

        let mut tera = Tera::new();
        tera.autoescape_on(vec![".html", ".xml", ".ics", ".atom"]);
        tera.register_function(
            "flow_json",
            move |kwargs: Kwargs, _: &State| -> tera::TeraResult<Value> {
                let id: &str = kwargs.must_get("id")?;
                match flows.get(id) {
                    Some(json) => Ok(Value::safe_string(json)),
                    None => {
                        let near = signpost_base::diagnostic::did_you_mean(
                            id,
                            flows.keys().map(String::as_str),
                        )
                        .map(|near| format!(" (did you mean `{near}`?)"))
                        .unwrap_or_default();
                        Err(tera::Error::message(format!(
                            "there is no flow `{id}` in content/flows/{near}"
                        )))
                    }
                }
            },
        );
        let origins: BTreeMap<String, PathBuf> = sources
            .iter()
            .map(|(name, (path, _))| (name.clone(), path.clone()))
            .collect();
        let result = tera.add_raw_templates(
            sources
                .iter()
                .map(|(name, (_, text))| (name.as_str(), text.as_str())),
        );
        match result {
            Ok(()) => Some(Self { tera, origins }),
            Err(err) => {
                let templates = Self {
                    tera: Tera::new(),
                    origins,
                };
                problems.push(templates.diagnostic(&err, None));
                None
            }
        }
    }

    pub fn has(&self, name: &str) -> bool {
        self.tera.contains_template(name)
    }

    /// Names of the shortcodes available: `shortcodes/<name>.html`.
    pub fn shortcode_names(&self) -> Vec<String> {
        self.tera
            .get_template_names()
            .filter_map(|n| {
                n.strip_prefix("shortcodes/")?
                    .strip_suffix(".html")
                    .map(String::from)
            })
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect()
    }

    /// Values every template sees (site settings, data files).
    pub fn set_global(&mut self, key: &'static str, value: &impl serde::Serialize) {
        self.tera.global_context().insert(key, value);
    }

    /// Renders a template; a failure names the template's file and line, and the page.
    pub fn render(
        &self,
        name: &str,
        context: &Context,
        page_file: &Path,
    ) -> Result<String, Diagnostic> {
        self.tera
            .render(name, context)
            .map_err(|err| self.diagnostic(&err, Some(page_file)))
    }

    /// Renders shortcode `name`, called at `file:line:column`. A built-in shortcode fails
    /// because of what the call asked of it (a flow that is not there, say), so the problem
    /// is reported at the call; a site's own shortcode may itself be wrong, so the problem
    /// is reported in it, naming the call.
    pub fn render_shortcode(
        &self,
        name: &str,
        context: &Context,
        (file, line, column): (&Path, usize, usize),
    ) -> Result<String, Diagnostic> {
        let template = format!("shortcodes/{name}.html");
        self.tera.render(&template, context).map_err(|err| {
            let built_in = self
                .origins
                .get(&template)
                .is_some_and(|origin| origin.starts_with(BUILT_IN));
            if built_in {
                let reason = match err.kind() {
                    tera::ErrorKind::SyntaxError(report)
                    | tera::ErrorKind::RenderingError(report) => report.message().to_string(),
                    other => other.to_string(),
                };
                Diagnostic::error(file, line, format!("shortcode `{name}`: {reason}"))
                    .at_column(column)
            } else {
                let mut problem = self.diagnostic(&err, Some(file));
                problem.message = format!(
                    "{} (shortcode `{name}` at {}:{line})",
                    problem.message,
                    file.display()
                );
                problem
            }
        })
    }

    fn diagnostic(&self, err: &tera::Error, page_file: Option<&Path>) -> Diagnostic {
        let while_rendering = page_file
            .map(|p| format!(" (while rendering {})", p.display()))
            .unwrap_or_default();
        let help =
            "see theme/README.md; built-in templates can be overridden in content/templates/";
        match err.kind() {
            tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => {
                let file = self
                    .origins
                    .get(report.filename())
                    .cloned()
                    .unwrap_or_else(|| PathBuf::from(report.filename()));
                let span = report.span();
                Diagnostic::error(
                    file,
                    span.start_line,
                    format!("template problem: {}{while_rendering}", report.message()),
                )
                .at_column(span.start_col + 1)
                .with_help(help)
            }
            other => Diagnostic::error(
                page_file.unwrap_or(Path::new("templates")),
                0,
                format!("template problem: {other}"),
            )
            .with_help(help),
        }
    }
}

/// Every file in an embedded folder, depth first.
pub fn all_files<'a>(dir: &'a Dir<'a>) -> Vec<&'a include_dir::File<'a>> {
    let mut files: Vec<&include_dir::File> = dir.files().collect();
    for sub in dir.dirs() {
        files.extend(all_files(sub));
    }
    files
}

/// The theme's own files, where the site has them (`assets/style.css`).
pub fn asset_paths() -> Vec<PathBuf> {
    let Some(statics) = THEME.get_dir("static") else {
        return Vec::new();
    };
    all_files(statics)
        .into_iter()
        .filter_map(|file| file.path().strip_prefix("static").ok())
        .map(|path| Path::new(signpost_base::names::ASSETS_DIR).join(path))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_id_the_theme_writes_is_kept_from_headings() {
        let mut ids = signpost_base::slug::Ids::for_page();
        assert_eq!(ids.unique("main-content"), "main-content-1");
        let theme = THEME.get_dir("templates").expect("templates");
        for file in all_files(theme) {
            let text = file.contents_utf8().unwrap_or_default();
            for part in text.split("id=\"").skip(1) {
                let id = part.split('"').next().unwrap_or_default();
                if id.contains("{{") || id.is_empty() {
                    continue; // made from the page (the wizard's flow id)
                }
                assert!(
                    signpost_base::slug::THEME_IDS.contains(&id),
                    "{}: id `{id}` is not in THEME_IDS",
                    file.path().display()
                );
            }
        }
    }
}
