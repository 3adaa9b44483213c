//! Files in the content folder that are never published: the machinery of the site's old
//! engine (Jekyll's `_layouts/`, a `Gemfile`, tech-docs' `*.erb` layouts, Sass sources), and
//! what `exclude:` in the settings names. Readers should not be able to fetch a site's
//! build files, and raw template code is no use to them.

use std::collections::BTreeMap;
use std::path::Path;

/// Files that run a site engine, by name.
const ENGINE_FILES: &[&str] = &[
    "Rakefile",
    "config.rb",
    "Dangerfile",
    "Guardfile",
    "Procfile",
];

/// What a file is left out as, if it is machinery: the name to show for it (`_layouts/` for
/// everything in that folder, or the file's own path).
pub fn engine_file(relative: &Path) -> Option<String> {
    let parts: Vec<_> = relative.components().collect();
    let mut shown = String::new();
    for (index, part) in parts.iter().enumerate() {
        let part = part.as_os_str().to_string_lossy();
        shown.push_str(&part);
        if part.starts_with('_') {
            let is_folder = index + 1 < parts.len();
            return Some(format!("{shown}{}", if is_folder { "/" } else { "" }));
        }
        shown.push('/');
    }
    let name = relative.file_name()?.to_string_lossy();
    let machinery = ENGINE_FILES.contains(&name.as_ref())
        || name.starts_with("Gemfile")
        || (name.ends_with(".erb") && !signpost_base::page_forms::is_page(relative))
        || name.ends_with(".scss")
        || name.ends_with(".sass");
    machinery.then(|| relative.to_string_lossy().replace('\\', "/"))
}

/// Whether `relative` is named by one of the `exclude` patterns: a path (`README.md`), a
/// folder (`drafts` or `drafts/`) and everything in it, or a name with `*` standing for any
/// characters but `/` (`*.docx`, `notes/*.txt`). A pattern with no `/` matches a name in any
/// folder, as in Jekyll.
pub fn excluded(relative: &Path, patterns: &[String]) -> bool {
    let path = relative.to_string_lossy().replace('\\', "/");
    patterns.iter().any(|pattern| {
        let pattern = pattern.trim_start_matches("./").trim_start_matches('/');
        let pattern = pattern.trim_end_matches('/');
        if pattern.is_empty() {
            return false;
        }
        let parts: Vec<&str> = path.split('/').collect();
        if pattern.contains('/') {
            let depth = pattern.split('/').count();
            parts.len() >= depth && wildcard(pattern, &parts[..depth].join("/"))
        } else {
            parts.iter().any(|part| wildcard(pattern, part))
        }
    })
}

/// `*` matches any run of characters except `/`.
fn wildcard(pattern: &str, text: &str) -> bool {
    match pattern.split_once('*') {
        None => pattern == text,
        Some((head, tail)) => {
            let Some(rest) = text.strip_prefix(head) else {
                return false;
            };
            (0..=rest.len())
                .filter(|&i| rest.is_char_boundary(i) && !rest[..i].contains('/'))
                .any(|i| wildcard(tail, &rest[i..]))
        }
    }
}

/// One line for the build's summary: how many files were left out and which, by the name
/// shown for each (a folder once).
pub fn summary(shown: &[String], why: &str) -> Option<String> {
    if shown.is_empty() {
        return None;
    }
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for name in shown {
        *counts.entry(name).or_default() += 1;
    }
    let names: Vec<&str> = counts.keys().copied().collect();
    let listed = if names.len() > 8 {
        format!("{}, and {} more", names[..8].join(", "), names.len() - 8)
    } else {
        names.join(", ")
    };
    let files = if shown.len() == 1 { "file" } else { "files" };
    Some(format!("Left out {} {files} {why}: {listed}.", shown.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn other_engines_machinery_is_left_out() {
        let shown = |p: &str| engine_file(Path::new(p));
        assert_eq!(shown("_layouts/default.html").as_deref(), Some("_layouts/"));
        assert_eq!(
            shown("a/_includes/x/y.html").as_deref(),
            Some("a/_includes/")
        );
        assert_eq!(shown("_config.yml").as_deref(), Some("_config.yml"));
        assert_eq!(shown("Gemfile.lock").as_deref(), Some("Gemfile.lock"));
        assert_eq!(
            shown("layouts/custom.erb").as_deref(),
            Some("layouts/custom.erb")
        );
        assert_eq!(
            shown("stylesheets/screen.css.scss").as_deref(),
            Some("stylesheets/screen.css.scss")
        );
        assert_eq!(shown("Dangerfile").as_deref(), Some("Dangerfile"));
        assert_eq!(shown("docs/kube.html.md.erb"), None);
        assert_eq!(shown("images/a_b.png"), None);
    }

    #[test]
    fn exclude_patterns() {
        let patterns = vec![
            "README.md".to_string(),
            "drafts/".into(),
            "*.docx".into(),
            "notes/*.txt".into(),
        ];
        let is = |p: &str| excluded(Path::new(p), &patterns);
        assert!(is("README.md"));
        assert!(is("a/README.md"));
        assert!(is("drafts/x.md"));
        assert!(is("forms/form.docx"));
        assert!(is("notes/a.txt"));
        assert!(!is("notes/deep/a.txt.md"));
        assert!(!is("readme.md"));
        assert!(!is("draftsman.md"));
    }

    #[test]
    fn summary_names_each_folder_once() {
        let shown: Vec<String> = ["_layouts/", "_layouts/", "Gemfile"]
            .map(String::from)
            .to_vec();
        assert_eq!(
            summary(&shown, "that belong to another site engine").unwrap(),
            "Left out 3 files that belong to another site engine: Gemfile, _layouts/."
        );
    }
}
