//! One page: read its file, read the front matter, render the Markdown and shortcodes.

pub mod abbreviations;
pub mod code_fences;
pub mod front_matter;
pub mod front_matter_edit;
pub mod headless_tables;
pub mod kramdown_syntax;
pub mod legacy_headings;
pub mod link_rewrite;
pub mod markdown;
pub mod markup_checks;
pub mod old_ids;
pub mod shortcodes;
pub mod template_code;
pub mod unmapped_keys;
pub mod wizard_entries;

use crate::layout::Layout;
use crate::link_target::Link;
use crate::page::front_matter::FrontMatter;
use crate::page::markdown::Heading;
use crate::theme::Templates;
use chrono::NaiveDate;
use signpost_base::dates::PageDate;
use signpost_base::diagnostic::{Diagnostic, did_you_mean};
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PageKind {
    /// The site's front page (`index.md` at the root).
    Home,
    /// A folder's `index.md`, which lists the folder's pages.
    Section,
    /// A guidance page: shows owner, review dates and feedback.
    Guidance,
}

#[derive(Debug, Clone)]
pub struct Page {
    /// Path from the content root, e.g. `travel/overseas.md`.
    pub source: PathBuf,
    /// The file as the editor sees it, for messages.
    pub file: PathBuf,
    /// Path in the output, e.g. `travel/overseas.html`.
    pub output: PathBuf,
    /// `output` as a URL path from the site root (escaped once, used in every link to it).
    pub url: String,
    pub kind: PageKind,
    /// A folder index made up by the generator because the folder has no `index.md`.
    pub generated: bool,
    pub title: String,
    pub front: FrontMatter,
    pub body_html: String,
    /// The h2 headings: the "On this page" list.
    pub contents: Vec<Heading>,
    pub anchors: HashSet<String>,
    pub links: Vec<Link>,
    pub legacy_heading_lines: Vec<usize>,
    /// Lines of images with no text for screen readers (`check` reports them).
    pub images_without_text: Vec<usize>,
    /// Lines of `# Headings` after the title, each a second `h1` (`check` reports them).
    pub second_h1_lines: Vec<usize>,
    /// The date by which the page must be reviewed, from `review_by` or worked out from
    /// `last_reviewed` and the review interval.
    pub review_by: Option<NaiveDate>,
    /// Flow ids of wizards on the page.
    pub flows: Vec<String>,
    /// Each wizard's id and title, for the box near the top that links to it.
    pub wizards: Vec<Heading>,
}

impl Page {
    pub fn kind_for(source: &Path) -> PageKind {
        let index = signpost_base::page_forms::is_index(source);
        if index && source.parent().is_none_or(|p| p.as_os_str().is_empty()) {
            PageKind::Home
        } else if index {
            PageKind::Section
        } else {
            PageKind::Guidance
        }
    }

    /// The page's folder as a path from the content root (`""` for the root).
    pub fn folder(&self) -> &Path {
        let parent = self.source.parent().unwrap_or(Path::new(""));
        if self.kind == PageKind::Section {
            parent.parent().unwrap_or(Path::new(""))
        } else {
            parent
        }
    }

    /// A folder index with no file behind it: titled after the folder.
    pub fn generated_index(source: PathBuf, content_dir: &Path) -> Self {
        let folder = source
            .parent()
            .and_then(|p| p.file_name())
            .map(|n| n.to_string_lossy().into_owned());
        let title = folder
            .as_deref()
            .map_or_else(|| "Home".to_string(), humanise);
        Page {
            file: content_dir.join(&source),
            output: Layout::output_for(&source),
            url: signpost_base::url_path::url_path(&Layout::output_for(&source)),
            kind: Page::kind_for(&source),
            generated: true,
            title,
            front: FrontMatter::default(),
            body_html: String::new(),
            contents: Vec::new(),
            anchors: HashSet::new(),
            links: Vec::new(),
            legacy_heading_lines: Vec::new(),
            images_without_text: Vec::new(),
            second_h1_lines: Vec::new(),
            review_by: None,
            flows: Vec::new(),
            wizards: Vec::new(),
            source,
        }
    }
}

/// `area-01` -> `Area 01`, `remote_working` -> `Remote working`. A word with no vowel is
/// an abbreviation, written in capitals: `hmcts` -> `HMCTS`, `ktt` -> `KTT` ("Hmcts" is
/// not a name).
pub fn humanise(name: &str) -> String {
    let words: Vec<String> = name
        .split(['-', '_', ' '])
        .filter(|w| !w.is_empty())
        .enumerate()
        .map(|(i, word)| {
            let letters = word.chars().all(|c| c.is_ascii_alphabetic());
            if letters
                && word.len() > 1
                && !word.contains(['a', 'e', 'i', 'o', 'u', 'y', 'A', 'E', 'I', 'O', 'U', 'Y'])
            {
                word.to_ascii_uppercase()
            } else if i == 0 {
                let mut chars = word.chars();
                chars
                    .next()
                    .map(|c| c.to_uppercase().chain(chars).collect())
                    .unwrap_or_default()
            } else {
                word.to_string()
            }
        })
        .collect();
    words.join(" ")
}

/// What every page needs from the rest of the site while it is read.
pub struct Inputs<'a> {
    pub content_dir: &'a Path,
    pub layout: &'a Layout,
    pub templates: &'a Templates,
    pub shortcode_names: &'a [String],
    pub review_interval: Option<signpost_base::dates::Interval>,
    /// The settings, data or flows had errors (already reported). A shortcode that then
    /// fails is most likely failing on them, so its own error would only repeat one.
    pub settings_failed: bool,
    /// The groups `{{ contacts(only="…") }}` may name (`None`: the site shows contacts its
    /// own way).
    pub contact_groups: Option<&'a [String]>,
    /// The owner of pages that name none (site.yaml's `default_owner`, tech-docs'
    /// `default_owner_slack`).
    pub default_owner: Option<&'a str>,
    /// Each flow's title by id, for the entries that lead readers to its wizard.
    pub flow_titles: &'a BTreeMap<String, String>,
}

/// Reads one page. Problems go to `problems`; a page comes back whenever there is enough
/// of it to keep checking the rest of the site.
pub fn read(source: &Path, inputs: &Inputs, problems: &mut Vec<Diagnostic>) -> Option<Page> {
    let file = inputs.content_dir.join(source);
    let text = read_text(&file, problems)?;
    let split = front_matter::split(&text);
    let front = read_front(&file, &text, &split, inputs, problems);
    let (body, calls) = prepare_body(&file, &split, &front, problems);
    let output = inputs.layout.output_of(source);
    let links = inputs.layout.links_from(&output);
    let rendered = markdown::render(
        &body,
        split.body_line,
        source,
        front.title.as_deref(),
        &links,
    );

    report_markup(&file, &rendered, problems);
    let title = title_of(&file, &front, &rendered, split.body_line, problems)?;
    let shown = render_shortcodes(
        source,
        &file,
        &calls,
        &title,
        &output,
        split.body_line,
        inputs,
        problems,
    );
    let (outputs, flows, wizards) = (shown.outputs, shown.flows, shown.wizards);
    let contents = wizard_entries::contents(
        &rendered.html,
        rendered
            .headings
            .into_iter()
            .filter(|h| h.level == 2)
            .collect(),
        &wizards,
    );
    let body_html = shortcodes::restore(rendered.html, &calls, &outputs);
    let review_by = review_by(&front, inputs);
    // Kept for the whole build (a third of the room they took was spare).
    let mut links = rendered.links;
    links.shrink_to_fit();

    Some(Page {
        file,
        url: signpost_base::url_path::url_path(&output),
        output,
        kind: Page::kind_for(source),
        generated: false,
        title,
        body_html,
        contents,
        anchors: rendered
            .anchors
            .into_iter()
            .chain(wizards.iter().map(|(_, w)| w.id.clone()))
            .collect(),
        links,
        legacy_heading_lines: rendered.legacy_heading_lines,
        images_without_text: rendered.checks.images_without_text,
        second_h1_lines: rendered.second_h1_lines,
        review_by,
        flows,
        wizards: wizards.into_iter().map(|(_, w)| w).collect(),
        front,
        source: source.to_path_buf(),
    })
}

/// What the Markdown would show readers other than meant (see markup_checks.rs).
fn report_markup(file: &Path, rendered: &markdown::Rendered, problems: &mut Vec<Diagnostic>) {
    for found in &rendered.checks.problems {
        let problem = if found.warning {
            Diagnostic::warning(file, found.line, found.message.clone())
        } else {
            Diagnostic::error(file, found.line, found.message.clone())
        };
        problems.push(problem.with_help(found.help.clone()));
    }
}

/// The page's text: UTF-8, with any U+0000 replaced as CommonMark says.
fn read_text(file: &Path, problems: &mut Vec<Diagnostic>) -> Option<String> {
    match std::fs::read(file).map(String::from_utf8) {
        // CommonMark: U+0000 is replaced with U+FFFD, for security.
        Ok(Ok(text)) if text.contains('\0') => Some(text.replace('\0', "\u{FFFD}")),
        Ok(Ok(text)) => Some(text),
        Ok(Err(_)) => {
            problems.push(
                Diagnostic::error(file, 0, "this file is not UTF-8 text")
                    .with_help("save it as UTF-8"),
            );
            None
        }
        Err(err) => {
            problems.push(Diagnostic::error(
                file,
                0,
                format!("cannot read this file: {err}"),
            ));
            None
        }
    }
}

/// The front matter, with the owner tech-docs names by Slack channel or the site's default.
fn read_front(
    file: &Path,
    text: &str,
    split: &front_matter::Split,
    inputs: &Inputs,
    problems: &mut Vec<Diagnostic>,
) -> FrontMatter {
    let front_matter_unclosed = split.yaml.is_none() && text.starts_with("---");
    if front_matter_unclosed {
        problems.push(
            Diagnostic::error(file, 1, "the front matter starts with `---` but never ends")
                .with_help("add a line with just `---` after the last front matter line"),
        );
    }
    let mut front = split
        .yaml
        .map(|yaml| front_matter::parse(file, yaml, problems))
        .unwrap_or_default();
    front.unreadable |= front_matter_unclosed;
    // Tech-docs pages name their owner by Slack channel: that is who owns them.
    if front.owner.is_none() && !front.owner_unreadable {
        front.owner = match front.owner_slack.take() {
            Some(slack) => Some(format!("{slack} on Slack")),
            None => inputs.default_owner.map(String::from),
        };
    }
    front
}

/// The body ready for Markdown: the title line put back where another engine's template
/// code needs it (and that code reported), shortcodes swapped for tokens.
fn prepare_body(
    file: &Path,
    split: &front_matter::Split,
    front: &FrontMatter,
    problems: &mut Vec<Diagnostic>,
) -> (String, Vec<shortcodes::Call>) {
    let body = crate::page::template_code::with_title_line(split.body, front.title.as_deref());
    for code in crate::page::template_code::find(&body) {
        problems.push(
            Diagnostic::warning(
                file,
                code.line + split.body_line - 1,
                format!(
                    "`{}` is template code for another site engine ({}): it will show to readers as text",
                    shorten(&code.text),
                    code.engine
                ),
            )
            .at_column(code.column)
            .with_help("remove it (Signpost shows the title, owner and review dates itself), or put it in `backticks` if the page is about it"),
        );
    }
    // Shortcodes are swapped for tokens first, so Markdown never sees them.
    let (body, calls, syntax_errors) = shortcodes::extract(&body);
    for error in syntax_errors {
        problems.push(
            Diagnostic::error(
                file,
                error.line + split.body_line - 1,
                format!("shortcode: {}", error.message),
            )
            .at_column(error.column),
        );
    }
    (body, calls)
}

/// The title: from the front matter, else the first heading (with a warning when that
/// heading names a list of contents). `None`, reported, when there is none.
fn title_of(
    file: &Path,
    front: &FrontMatter,
    rendered: &markdown::Rendered,
    body_line: usize,
    problems: &mut Vec<Diagnostic>,
) -> Option<String> {
    if front.title.is_none()
        && let Some(heading) = rendered.first_heading.as_deref()
        && is_contents_heading(heading)
    {
        problems.push(
            Diagnostic::warning(
                file,
                body_line,
                format!("the page's title is taken from its first heading, `{heading}`, which does not say what the page is about"),
            )
            .with_help("give the page its title in the front matter: `title: …` (the navigation, search and browser tab show it)"),
        );
    }
    let Some(title) = front
        .title
        .clone()
        .or_else(|| rendered.first_heading.clone())
    else {
        // Unreadable front matter may well hold the title: say only what is wrong with it.
        if front.unreadable {
            return None;
        }
        problems.push(
            Diagnostic::error(file, 1, "this page has no title").with_help(
                "add `title: …` to the front matter, or start the page with a `# Heading`",
            ),
        );
        return None;
    };
    Some(title)
}

/// Each shortcode of the page rendered, in order (empty where it failed, reported), with
/// the flows its wizards show and the wizards with the token that stands for each.
struct Shown {
    outputs: Vec<String>,
    flows: Vec<String>,
    wizards: Vec<(String, Heading)>,
}

#[allow(clippy::too_many_arguments)]
fn render_shortcodes(
    source: &Path,
    file: &Path,
    calls: &[shortcodes::Call],
    title: &str,
    output: &Path,
    body_line: usize,
    inputs: &Inputs,
    problems: &mut Vec<Diagnostic>,
) -> Shown {
    let root = signpost_base::url_path::root_prefix(output);
    let mut outputs = Vec::with_capacity(calls.len());
    let mut flows = Vec::new();
    // Each wizard with the token that stands for it in the rendered Markdown.
    let mut wizards: Vec<(String, Heading)> = Vec::new();
    for (index, call) in calls.iter().enumerate() {
        let line = call.line + body_line - 1;
        if !inputs.shortcode_names.contains(&call.name) {
            let mut problem =
                Diagnostic::error(file, line, format!("there is no shortcode `{}`", call.name))
                    .at_column(call.column);
            problem = match did_you_mean(&call.name, inputs.shortcode_names.iter().map(String::as_str)) {
                Some(near) => problem.with_help(format!("did you mean `{near}`?")),
                None => problem.with_help(format!(
                    "available shortcodes: {}; add your own as content/templates/shortcodes/<name>.html",
                    inputs.shortcode_names.join(", ")
                )),
            };
            problems.push(problem);
            outputs.push(String::new());
            continue;
        }
        if call.name == "contacts"
            && let (Some(groups), Some(only)) = (
                inputs.contact_groups,
                call.args.get("only").and_then(|o| o.as_str()),
            )
            && let Some((message, help)) = crate::contacts::check_only(only, groups)
        {
            problems.push(
                Diagnostic::error(file, line, format!("shortcode `contacts`: {message}"))
                    .at_column(call.column)
                    .with_help(help),
            );
        }
        if call.name == "wizard"
            && let Some(flow) = call.args.get("flow").and_then(|f| f.as_str())
        {
            // Each wizard is found in the page by its flow's name.
            if flows.iter().any(|f| f == flow) {
                problems.push(
                    Diagnostic::error(
                        file,
                        line,
                        format!("the wizard for `{flow}` is on this page already"),
                    )
                    .at_column(call.column)
                    .with_help("show it once on the page"),
                );
            }
            flows.push(flow.to_string());
            let title = inputs.flow_titles.get(flow).map(String::as_str);
            wizards.push((shortcodes::token(index), wizard_entries::entry(flow, title)));
        }
        let mut context = tera::Context::new();
        context.insert("args", &call.args);
        for (key, value) in &call.args {
            context.insert(key.clone(), value);
        }
        context.insert(
            "page",
            &serde_json::json!({ "title": title, "source": source, "root": root }),
        );
        match inputs
            .templates
            .render_shortcode(&call.name, &context, (file, line, call.column))
        {
            Ok(html) => outputs.push(html),
            Err(problem) => {
                if !inputs.settings_failed {
                    problems.push(problem);
                }
                outputs.push(String::new());
            }
        }
    }
    Shown {
        outputs,
        flows,
        wizards,
    }
}

/// The review-by date: as written, or the last review plus the page's or site's interval.
fn review_by(front: &FrontMatter, inputs: &Inputs) -> Option<chrono::NaiveDate> {
    front.review_by.map(PageDate::last_day).or_else(|| {
        if front.review_by_invalid {
            return None;
        }
        let interval = front.review_in.or(inputs.review_interval)?;
        Some(interval.after(front.last_reviewed?.last_day()))
    })
}

/// A first heading that names a list of contents, not the page.
fn is_contents_heading(heading: &str) -> bool {
    const CONTENTS: &[&str] = &[
        "contents",
        "table of contents",
        "on this page",
        "index",
        "toc",
    ];
    let heading = heading.trim().trim_end_matches(':').to_lowercase();
    CONTENTS.contains(&heading.as_str())
}

fn shorten(text: &str) -> String {
    if text.chars().count() > 50 {
        format!("{}…", text.chars().take(50).collect::<String>())
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folder_names_as_words() {
        assert_eq!(humanise("area-01"), "Area 01");
        assert_eq!(humanise("remote_working"), "Remote working");
        assert_eq!(humanise("hmcts"), "HMCTS");
        assert_eq!(humanise("ktt"), "KTT");
        assert_eq!(humanise("hmcts-guides"), "HMCTS guides");
        assert!(is_contents_heading("Table of Contents"));
        assert!(!is_contents_heading("Contents insurance"));
    }
}
