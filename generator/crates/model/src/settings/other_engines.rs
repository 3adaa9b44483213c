//! What the settings of the site's old engine say that Signpost can use: the GOV.UK
//! tech-docs template's `config/tech-docs.yml` (beside the `source/` folder of pages) and
//! Jekyll's `_config.yml` (in the content folder). `site.yaml`, where there is one, wins.

use crate::yaml;
use serde_yaml::Value;
use signpost_base::diagnostic::Diagnostic;
use std::path::{Path, PathBuf};

pub const TECH_DOCS: &str = "config/tech-docs.yml";
pub const JEKYLL: &str = "_config.yml";

#[derive(Debug, Default, Clone)]
pub struct EngineSettings {
    pub name: Option<String>,
    /// Where the old site was published, `https://…` with no `/` at the end.
    pub site_url: Option<String>,
    /// The path the old site was served under (Jekyll's `baseurl`), `/docs`, or empty.
    pub baseurl: String,
    /// Jekyll's `permalink: pretty`: the old site's pages were at `/page/`.
    pub pretty_addresses: bool,
    pub default_owner: Option<String>,
    pub exclude: Vec<String>,
    /// Tech-docs `redirects:`, old address -> new address, as written, with the file.
    pub redirects: Vec<(String, String)>,
    /// The file the redirects were read from, for messages.
    pub redirects_file: Option<PathBuf>,
}

/// A tech-docs repository keeps its pages in `source/` and its settings in `config/`: given
/// the repository, the pages are in `source/`.
pub fn content_root(dir: &Path) -> PathBuf {
    let source = dir.join("source");
    if dir.join(TECH_DOCS).is_file() && source.is_dir() {
        source
    } else {
        dir.to_path_buf()
    }
}

/// Reads whichever of the old engines' settings files the site has.
pub fn read(content_dir: &Path, problems: &mut Vec<Diagnostic>) -> EngineSettings {
    let mut settings = EngineSettings::default();
    let tech_docs = content_dir
        .parent()
        .map(|repo| repo.join(TECH_DOCS))
        .filter(|f| content_dir.file_name().is_some_and(|n| n == "source") && f.is_file());
    if let Some(file) = tech_docs
        && let Some(map) = mapping(&file, problems)
    {
        settings.name = text(&map, "service_name").or_else(|| text(&map, "full_service_name"));
        settings.site_url = text(&map, "host").filter(|h| is_web_address(h));
        settings.default_owner =
            text(&map, "default_owner_slack").map(|slack| format!("{slack} on Slack"));
        if let Some(Value::Mapping(redirects)) = map.get("redirects") {
            settings.redirects = redirects
                .iter()
                .filter_map(|(from, to)| Some((yaml::scalar_text(from)?, yaml::scalar_text(to)?)))
                .collect();
            settings.redirects_file = Some(file);
        }
    }
    let jekyll = content_dir.join(JEKYLL);
    if jekyll.is_file()
        && let Some(map) = mapping(&jekyll, problems)
    {
        settings.name = settings.name.or_else(|| text(&map, "title"));
        settings.baseurl = text(&map, "baseurl")
            .map(|b| format!("/{}", b.trim_matches('/')))
            .filter(|b| b != "/")
            .unwrap_or_default();
        settings.pretty_addresses = text(&map, "permalink").as_deref() == Some("pretty");
        if let Some(url) = text(&map, "url").filter(|u| is_web_address(u)) {
            settings.site_url = Some(format!("{}{}", url.trim_end_matches('/'), settings.baseurl));
        }
        if let Some(Value::Sequence(items)) = map.get("exclude") {
            settings.exclude = items.iter().filter_map(yaml::scalar_text).collect();
        }
    }
    settings
}

fn mapping(file: &Path, problems: &mut Vec<Diagnostic>) -> Option<serde_yaml::Mapping> {
    let text = std::fs::read_to_string(file).ok()?;
    match yaml::parse(file, &text, 1) {
        Ok(Value::Mapping(map)) => Some(map),
        Ok(_) => None,
        Err(problem) => {
            // The old engine's file: its settings are a help, not a requirement.
            problems.push(
                Diagnostic::warning(
                    &problem.file,
                    problem.line,
                    format!("{} (its settings are not used)", problem.message),
                )
                .with_help("fix it, or give the settings in site.yaml"),
            );
            None
        }
    }
}

fn text(map: &serde_yaml::Mapping, key: &str) -> Option<String> {
    map.get(key)
        .and_then(yaml::scalar_text)
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
}

fn is_web_address(text: &str) -> bool {
    text.starts_with("https://") || text.starts_with("http://")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_tech_docs_and_jekyll_settings() {
        let repo = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(repo.path().join("config")).unwrap();
        std::fs::create_dir_all(repo.path().join("source")).unwrap();
        std::fs::write(
            repo.path().join(TECH_DOCS),
            "host: https://guide.example.gov.uk\nservice_name: Platform guide\ndefault_owner_slack: \"#platform\"\nredirects:\n  /old.html: /new.html\n",
        )
        .unwrap();
        let source = content_root(repo.path());
        assert_eq!(source, repo.path().join("source"));
        let mut problems = Vec::new();
        let settings = read(&source, &mut problems);
        assert!(problems.is_empty());
        assert_eq!(settings.name.as_deref(), Some("Platform guide"));
        assert_eq!(
            settings.site_url.as_deref(),
            Some("https://guide.example.gov.uk")
        );
        assert_eq!(
            settings.default_owner.as_deref(),
            Some("#platform on Slack")
        );
        assert_eq!(
            settings.redirects,
            vec![("/old.html".into(), "/new.html".into())]
        );

        let jekyll = tempfile::tempdir().unwrap();
        std::fs::write(
            jekyll.path().join(JEKYLL),
            "title: Security guidance\nbaseurl: /security/\nurl: https://example.github.io\npermalink: pretty\nexclude:\n  - README.md\n  - vendor\n",
        )
        .unwrap();
        assert_eq!(content_root(jekyll.path()), jekyll.path());
        let settings = read(jekyll.path(), &mut problems);
        assert_eq!(settings.name.as_deref(), Some("Security guidance"));
        assert_eq!(settings.baseurl, "/security");
        assert!(settings.pretty_addresses);
        assert_eq!(
            settings.site_url.as_deref(),
            Some("https://example.github.io/security")
        );
        assert_eq!(settings.exclude, vec!["README.md", "vendor"]);
    }
}
