//! `signpost new <path>`: starts a page with complete front matter, reviewed today and due
//! for review after the site's review interval, so a new page is never born without an owner
//! or a review date.

use chrono::NaiveDate;
use signpost_base::dates::{Interval, PageDate};
use signpost_base::diagnostic::Diagnostic;
use signpost_model::page;
use signpost_model::page::front_matter;
use signpost_model::settings;
use std::io::Write;
use std::path::{Component, Path, PathBuf};
use std::process::ExitCode;

/// Used when the site sets no `review_interval`.
const DEFAULT_INTERVAL: Interval = Interval::Months(6);

pub struct NewPage<'a> {
    pub content_dir: &'a Path,
    /// Where the page goes, from the content folder (or from here, inside it).
    pub path: &'a Path,
    pub title: Option<&'a str>,
    pub owner: Option<&'a str>,
    pub today: NaiveDate,
}

pub fn run(new: &NewPage) -> ExitCode {
    match create(new) {
        Ok(created) => {
            let owner = created.owner.map_or_else(
                || "no owner yet: add one".to_string(),
                |owner| format!("owner {owner}"),
            );
            println!(
                "Created {} ({owner}; review by {}).",
                created.file.display(),
                PageDate::Day(created.review_by)
            );
            ExitCode::SUCCESS
        }
        Err(problem) => {
            eprintln!("{problem}");
            ExitCode::FAILURE
        }
    }
}

pub struct Created {
    pub file: PathBuf,
    pub owner: Option<String>,
    pub review_by: NaiveDate,
}

/// Writes the page; never replaces a file that exists.
pub fn create(new: &NewPage) -> Result<Created, Diagnostic> {
    let source = source_path(new.content_dir, new.path)?;
    let file = new.content_dir.join(&source);
    if !new.content_dir.is_dir() {
        return Err(
            Diagnostic::error(new.content_dir, 0, "there is no content folder here").with_help(
                "run signpost in your site's folder, or give the folder with --content DIR",
            ),
        );
    }
    let mut problems = Vec::new();
    let site = settings::load(new.content_dir, &mut problems);
    if let Some(problem) = problems.into_iter().find(Diagnostic::is_error) {
        return Err(problem);
    }
    if let Some(reason) = refused_page(&site, &source) {
        return Err(Diagnostic::error(&file, 0, reason).with_help("choose another file name"));
    }
    let interval = site.review_interval.unwrap_or(DEFAULT_INTERVAL);
    let title = match new.title.map(str::trim) {
        Some(title) if !title.is_empty() => title.to_string(),
        _ => default_title(&source),
    };
    let owner = new
        .owner
        .map(|o| o.trim().to_string())
        .filter(|o| !o.is_empty())
        .or_else(|| section_owner(new.content_dir, &source));
    let review_by = interval.after(new.today);
    let text = page_text(&title, owner.as_deref(), new.today, review_by);

    if let Some(folder) = file.parent() {
        std::fs::create_dir_all(folder).map_err(|err| {
            Diagnostic::error(folder, 0, format!("cannot create the folder: {err}"))
        })?;
    }
    // `create_new` refuses to replace a file, even one created a moment ago by someone else.
    let mut out = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&file)
        .map_err(|err| match err.kind() {
            std::io::ErrorKind::AlreadyExists => {
                Diagnostic::error(&file, 0, "this page already exists; it was left as it was")
                    .with_help("choose another file name, or edit the page that is there")
            }
            _ => Diagnostic::error(&file, 0, format!("cannot create the page: {err}")),
        })?;
    out.write_all(text.as_bytes())
        .map_err(|err| Diagnostic::error(&file, 0, format!("cannot write the page: {err}")))?;
    Ok(Created {
        file,
        owner,
        review_by,
    })
}

/// The page's path from the content root: `travel/page.md`. Accepts `content/travel/page`
/// too, adds `.md`, and refuses paths that leave the content folder.
fn source_path(content_dir: &Path, path: &Path) -> Result<PathBuf, Diagnostic> {
    let relative = path.strip_prefix(content_dir).unwrap_or(path);
    let escapes = relative
        .components()
        .any(|c| !matches!(c, Component::Normal(_) | Component::CurDir));
    let hidden = relative
        .components()
        .any(|c| c.as_os_str().to_string_lossy().starts_with('.') && c != Component::CurDir);
    let top = relative
        .components()
        .find(|c| c != &Component::CurDir)
        .map(|c| c.as_os_str().to_string_lossy().into_owned());
    let reserved = [
        signpost_base::names::DATA_DIR,
        signpost_base::names::FLOWS_DIR,
        signpost_base::names::TEMPLATES_DIR,
    ]
    .contains(&top.as_deref().unwrap_or(""))
        && relative.components().count() > 1;
    if escapes || hidden || reserved || relative.file_name().is_none() {
        return Err(Diagnostic::error(
            path,
            0,
            "a new page must be a file inside the content folder (not in data/, flows/ or templates/)",
        )
        .with_help("give its path from the content folder, e.g. `signpost new travel/new-page.md`"));
    }
    let mut relative: PathBuf = relative
        .components()
        .filter(|c| c != &Component::CurDir)
        .collect();
    // Names become web addresses: `My Page.md` would be `My%20Page.html`, and `Page.md`
    // beside `page.md` is one file on Windows and macOS.
    let plain = |name: &str| {
        name.chars()
            .all(|c| c.is_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '_' | '.'))
    };
    if !relative
        .components()
        .all(|c| plain(&c.as_os_str().to_string_lossy()))
    {
        let suggested: PathBuf = relative
            .components()
            .map(|c| {
                let name = c.as_os_str().to_string_lossy();
                let (stem, extension) = name.rsplit_once('.').unwrap_or((&name, ""));
                let stem = signpost_base::slug::slugify(stem);
                if extension.is_empty() {
                    stem
                } else {
                    format!("{stem}.{extension}")
                }
            })
            .collect();
        return Err(Diagnostic::error(
            path,
            0,
            "a page's path becomes its web address: use lower case letters, digits and hyphens",
        )
        .with_help({
            let title = relative
                .file_stem()
                .map(|stem| stem.to_string_lossy().replace(['-', '_'], " "))
                .unwrap_or_default();
            format!(
                "for example `signpost new {} --title \"{}\"`",
                suggested.display(),
                title.trim()
            )
        }));
    }
    match relative.extension().and_then(|e| e.to_str()) {
        Some("md") => {}
        None => {
            relative.set_extension("md");
        }
        Some(_) => {
            return Err(
                Diagnostic::error(path, 0, "pages are Markdown files ending in `.md`")
                    .with_help("for example `signpost new travel/new-page.md`"),
            );
        }
    }
    Ok(relative)
}

/// `travel/remote-working.md` -> `Remote working`; a folder's `index.md` -> the folder's name.
fn default_title(source: &Path) -> String {
    let stem = source
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    if stem == "index" {
        let folder = source
            .parent()
            .and_then(|p| p.file_name())
            .map(|n| n.to_string_lossy().into_owned());
        return folder.map_or_else(|| "Home".to_string(), |f| page::humanise(&f));
    }
    page::humanise(&stem)
}

/// The owner of the nearest section (`index.md`) above the new page, if it names one.
fn section_owner(content_dir: &Path, source: &Path) -> Option<String> {
    source.ancestors().skip(1).find_map(|folder| {
        let index = content_dir.join(folder).join("index.md");
        if index == content_dir.join(source) {
            return None;
        }
        let text = std::fs::read_to_string(index).ok()?;
        let yaml = front_matter::split(&text).yaml?;
        let mut ignored = Vec::new();
        front_matter::parse(Path::new("index.md"), yaml, &mut ignored).owner
    })
}

/// The new page's text.
fn page_text(title: &str, owner: Option<&str>, today: NaiveDate, review_by: NaiveDate) -> String {
    let owner_line = match owner {
        Some(owner) => format!("owner: {}\n", yaml_text(owner)),
        None => "owner:               # who owns this page and keeps it up to date\n".to_string(),
    };
    format!(
        "---\n\
         title: {title}\n\
         summary:             # one sentence for lists and search results\n\
         {owner_line}\
         last_reviewed: {today}\n\
         review_by: {review_by}\n\
         audience:            # who the page is for, e.g. All staff\n\
         ---\n\
         \n\
         Start with what the reader needs to know or do.\n\
         \n\
         ## A heading\n\
         \n\
         Link to other pages by their file, for example `[another page](another-page.md)`.\n",
        title = yaml_text(title),
        today = today.format("%Y-%m-%d"),
        review_by = review_by.format("%Y-%m-%d"),
    )
}

/// Text as a YAML value: plain when that reads back the same, quoted otherwise.
fn yaml_text(text: &str) -> String {
    serde_yaml::to_string(text)
        .map(|yaml| yaml.trim_end().to_string())
        .unwrap_or_else(|_| serde_json::Value::from(text).to_string())
}

/// Why a page at `source` (`search.md`) could not be made, if it could not: it would be
/// written over one of Signpost's own files.
fn refused_page(config: &settings::SiteConfig, source: &Path) -> Option<String> {
    let output = source.with_extension("html");
    signpost_base::names::generated_files(config.offline_copies, &config.name)
        .get(&output)
        .map(|what| {
            format!(
                "this page would be written to {}, which is {what}",
                output.display()
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_from_the_content_folder_or_from_here() {
        let content = Path::new("content");
        assert_eq!(
            source_path(content, Path::new("travel/new-page")).unwrap(),
            PathBuf::from("travel/new-page.md")
        );
        assert_eq!(
            source_path(content, Path::new("content/travel/new-page.md")).unwrap(),
            PathBuf::from("travel/new-page.md")
        );
        for bad in [
            "../outside.md",
            "/etc/page.md",
            "data/page.md",
            "travel/.hidden.md",
            "notes.txt",
            "travel/My New Page.md",
            "travel/Page.md",
        ] {
            assert!(source_path(content, Path::new(bad)).is_err(), "{bad}");
        }
    }

    #[test]
    fn titles_from_file_names() {
        assert_eq!(
            default_title(Path::new("travel/remote-working.md")),
            "Remote working"
        );
        assert_eq!(default_title(Path::new("devices/index.md")), "Devices");
    }

    #[test]
    fn the_front_matter_reads_back() {
        let day = |d| NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap();
        let text = page_text(
            "Travel: the rules",
            Some("CISO"),
            day("2026-11-22"),
            day("2027-05-22"),
        );
        let split = front_matter::split(&text);
        let mut problems = Vec::new();
        let front = front_matter::parse(Path::new("p.md"), split.yaml.unwrap(), &mut problems);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(front.title.as_deref(), Some("Travel: the rules"));
        assert_eq!(front.owner.as_deref(), Some("CISO"));
        assert_eq!(front.review_by.unwrap().iso(), "2027-05-22");
        assert_eq!(front.last_reviewed.unwrap().iso(), "2026-11-22");
    }
}
