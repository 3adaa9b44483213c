//! The site model: every page read and linked into a tree, with the settings, data, flows and
//! templates they were read with. `build` renders it; `check` only inspects it.

use crate::discover;
use crate::flows::{self, LoadedFlow};
use crate::layout::Layout;
use crate::nav::Tree;
use crate::page::{self, Page};
use crate::page_cache::PageCache;
use crate::settings::{self, SiteConfig};
use crate::theme::Templates;
use rayon::prelude::*;
use signpost_base::diagnostic::{self, Diagnostic};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

pub struct Site {
    pub content_dir: PathBuf,
    pub config: SiteConfig,
    /// Sorted by source path.
    pub pages: Vec<Page>,
    pub by_source: HashMap<std::ffi::OsString, usize>,
    pub tree: Tree,
    pub layout: Layout,
    pub assets: Vec<PathBuf>,
    pub flows: BTreeMap<String, LoadedFlow>,
    pub templates: Templates,
    /// Pages marked `draft: true`, by source path: read (their front matter and Markdown
    /// are checked as they are read), not published, and not checked as pages of the site.
    pub drafts: Vec<PathBuf>,
    /// Another site engine's files, by the name shown for each (see [`discover::Sources`]).
    pub left_out: Vec<String>,
    /// Files `exclude` names.
    pub excluded: Vec<String>,
    /// The contacts groups pages were read with (see [`page::Inputs`]): `signpost serve`
    /// reads an edited page again with them.
    pub contact_groups: Option<Vec<String>>,
    /// Every file in the content folder when it was read, by path inside it.
    pub files: BTreeSet<PathBuf>,
}

impl Site {
    pub fn page(&self, source: &Path) -> Option<&Page> {
        self.by_source
            .get(source.as_os_str())
            .map(|&i| &self.pages[i])
    }

    /// Whether the site was read from the file at `path` (inside the content folder), or
    /// from files in a folder there.
    pub fn was_read_from(&self, path: &Path) -> bool {
        // Sorted by component, a folder's files come straight after it.
        self.files
            .range(path.to_path_buf()..)
            .next()
            .is_some_and(|file| file.starts_with(path))
    }
}

/// Reads the whole content folder. Everything wrong is pushed to `problems`; a site comes
/// back whenever it could be read far enough to check.
pub fn load(content_dir: &Path, problems: &mut Vec<Diagnostic>) -> Option<Site> {
    load_cached(content_dir, problems, None)
}

/// [`load`], taking unchanged pages from `cache` (`signpost serve` rebuilds this way). In
/// order: discover the files, read the settings, data, contacts and flows, load the theme,
/// read every page, add the folders' index pages, and make the tree.
pub fn load_cached(
    content_dir: &Path,
    problems: &mut Vec<Diagnostic>,
    cache: Option<&PageCache>,
) -> Option<Site> {
    let mut sources = match discover::discover(content_dir) {
        Ok(sources) => sources,
        Err(found) => {
            problems.extend(found);
            return None;
        }
    };
    if let Some(cache) = cache {
        cache.begin(content_dir, &sources);
    }
    let errors_before_settings = diagnostic::error_count(problems);
    let config = settings::load(content_dir, problems);
    let excluded = exclude(&mut sources, &config);
    if sources.pages.is_empty() {
        problems.push(no_pages(content_dir, &sources));
        return None;
    }
    problems.extend(same_address(content_dir, &sources.pages));
    let data = crate::data::load(content_dir, &sources.data, problems);
    // The theme's contacts shortcode reads the contacts file; a site with its own shortcode
    // may write the file its own way.
    let own_contacts_shortcode = sources
        .templates
        .iter()
        .any(|t| t.ends_with("shortcodes/contacts.html"));
    let contact_groups = if own_contacts_shortcode {
        None
    } else {
        crate::contacts::check(content_dir, &data, problems)
    };
    let flows = flows::load(
        content_dir,
        &sources.flows,
        config.link_origin.as_deref(),
        problems,
    );
    let templates = load_theme(content_dir, &sources, &config, &data, &flows, problems)?;
    let shortcode_names = templates.shortcode_names();
    let flow_titles: BTreeMap<String, String> = flows
        .iter()
        .map(|(id, loaded)| (id.clone(), loaded.flow.title.clone()))
        .collect();

    let (moved, permalink_problems) =
        crate::permalinks::read(content_dir, &sources.pages, &sources.assets, cache);
    problems.extend(permalink_problems);
    if let Some(cache) = cache {
        cache.addresses(&moved);
    }
    let layout = Layout::new(&sources.pages, &sources.assets, config.link_origin.clone())
        .with_baseurl(&config.baseurl)
        .with_permalinks(moved);
    let inputs = page::Inputs {
        content_dir,
        layout: &layout,
        templates: &templates,
        shortcode_names: &shortcode_names,
        review_interval: config.review_interval,
        settings_failed: diagnostic::error_count(problems) > errors_before_settings,
        contact_groups: contact_groups.as_deref(),
        default_owner: config.default_owner.as_deref(),
        flow_titles: &flow_titles,
    };
    let (mut pages, drafts) = read_pages(&sources.pages, &inputs, cache, problems);
    add_folder_indexes(&mut pages, &layout, &sources.pages, &drafts, content_dir);
    // The index pages grew the list to twice its length; it is kept for the whole build.
    pages.shrink_to_fit();
    pages.sort_by(|a, b| a.source.cmp(&b.source));
    let by_source = pages
        .iter()
        .enumerate()
        .map(|(i, p)| (p.source.as_os_str().to_owned(), i))
        .collect();
    let tree = Tree::new(&pages);
    crate::page::unmapped_keys::collapse(problems);
    diagnostic::sort(problems);
    Some(Site {
        content_dir: content_dir.to_path_buf(),
        config,
        pages,
        by_source,
        tree,
        layout,
        assets: sources.assets,
        flows,
        templates,
        drafts,
        left_out: sources.left_out,
        excluded,
        contact_groups,
        files: sources.files.into_iter().collect(),
    })
}

/// Leaves out the pages and files `exclude` names; returns them, as the summary names them.
fn exclude(sources: &mut discover::Sources, config: &SiteConfig) -> Vec<String> {
    let mut excluded = Vec::new();
    for files in [&mut sources.pages, &mut sources.assets] {
        files.retain(|file| {
            let keep = !crate::left_out::excluded(file, &config.exclude);
            if !keep {
                excluded.push(file.to_string_lossy().replace('\\', "/"));
            }
            keep
        });
    }
    excluded
}

/// The theme with the site's template overrides, and what every template may read: the
/// settings, the data, each flow as JSON for its wizard and as a summary without JavaScript.
fn load_theme(
    content_dir: &Path,
    sources: &discover::Sources,
    config: &SiteConfig,
    data: &serde_json::Map<String, serde_json::Value>,
    flows: &BTreeMap<String, LoadedFlow>,
    problems: &mut Vec<Diagnostic>,
) -> Option<Templates> {
    let mut flow_json: BTreeMap<String, String> = flows
        .iter()
        .map(|(id, loaded)| (id.clone(), flows::json_for_page(&loaded.flow)))
        .collect();
    // A flow that did not load is reported at its own file and line: the pages that show
    // it are not also told that it does not exist (the build stops anyway).
    for file in &sources.flows {
        if let Some(id) = file.file_stem().and_then(|s| s.to_str()) {
            flow_json
                .entry(id.to_string())
                .or_insert_with(|| "null".to_string());
        }
    }
    let mut templates = Templates::load(content_dir, &sources.templates, flow_json, problems)?;
    templates.set_global("site", config);
    templates.set_global("data", data);
    // Each flow's questions and outcomes, shown in place of its wizard without JavaScript.
    let flow_summaries: BTreeMap<String, serde_json::Value> = flows
        .iter()
        .map(|(id, loaded)| {
            let summary = crate::flows::summary::summary(&loaded.flow);
            (id.clone(), serde_json::json!({ "summary": summary }))
        })
        .collect();
    templates.set_global("flow_summaries", &flow_summaries);
    Some(templates)
}

/// Every page, in parallel (from `cache` where unchanged): the published ones, and the
/// drafts' sources.
fn read_pages(
    sources: &[PathBuf],
    inputs: &page::Inputs,
    cache: Option<&PageCache>,
    problems: &mut Vec<Diagnostic>,
) -> (Vec<Page>, Vec<PathBuf>) {
    let read: Vec<(Option<Page>, Vec<Diagnostic>)> = sources
        .par_iter()
        .map(|source| {
            let read = || {
                let mut found = Vec::new();
                let page = page::read(source, inputs, &mut found);
                (page, found)
            };
            match cache {
                Some(cache) => cache.get_or_read(inputs.content_dir, source, read),
                None => read(),
            }
        })
        .collect();
    let mut pages = Vec::with_capacity(read.len());
    let mut drafts = Vec::new();
    for (page, found) in read {
        problems.extend(found);
        match page {
            Some(page) if page.front.draft => drafts.push(page.source),
            page => pages.extend(page),
        }
    }
    (pages, drafts)
}

/// A generated index page for each folder with pages but none of its own.
fn add_folder_indexes(
    pages: &mut Vec<Page>,
    layout: &Layout,
    sources: &[PathBuf],
    drafts: &[PathBuf],
    content_dir: &Path,
) {
    let published: Vec<PathBuf> = sources
        .iter()
        .filter(|p| !drafts.contains(p))
        .cloned()
        .collect();
    pages.extend(
        layout
            .folders_without_index(&published)
            .into_iter()
            .map(|source| Page::generated_index(source, content_dir)),
    );
}

/// A content folder with no page in it: never a success, or a check that checked nothing
/// would pass.
fn no_pages(content_dir: &Path, sources: &discover::Sources) -> Diagnostic {
    let unread: Vec<String> = sources
        .assets
        .iter()
        .filter(|a| signpost_base::page_forms::looks_like_unread_page(a))
        .map(|a| format!("`{}`", a.to_string_lossy().replace('\\', "/")))
        .collect();
    let forms = "pages are `*.md`, `*.markdown`, `*.html.md` or `*.html.md.erb` files";
    let problem = Diagnostic::error(content_dir, 0, "there are no pages in this content folder");
    if unread.is_empty() {
        return problem.with_help(format!(
            "{forms}; give the folder that holds them with --content DIR"
        ));
    }
    let shown = unread.len().min(5);
    let more = match unread.len() - shown {
        0 => String::new(),
        n => format!(" and {n} more"),
    };
    problem.with_help(format!(
        "{} look{} like pages, in a form that is not read ({forms}): rename them, e.g. `guide.md`",
        unread[..shown].join(", ") + &more,
        if unread.len() == 1 { "s" } else { "" },
    ))
}

/// Two files that are one page of the site (`a.md` and `a.markdown` are both `a.html`): one
/// would overwrite the other.
fn same_address(content_dir: &Path, pages: &[PathBuf]) -> Vec<Diagnostic> {
    let mut by_output: HashMap<PathBuf, &PathBuf> = HashMap::new();
    let mut problems = Vec::new();
    for page in pages {
        let output = Layout::output_for(page);
        if let Some(first) = by_output.insert(output.clone(), page) {
            problems.push(
                Diagnostic::error(
                    content_dir.join(page),
                    0,
                    format!(
                        "this page and `{}` are both the page `{}`: one would replace the other",
                        first.to_string_lossy().replace('\\', "/"),
                        signpost_base::url_path::url_path(&output)
                    ),
                )
                .with_help("keep one of them: rename or remove the other"),
            );
        }
    }
    problems
}
