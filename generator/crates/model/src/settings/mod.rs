//! Site-wide settings, from `site.yaml` at the content root.

pub mod feedback_form;
pub mod other_engines;

use crate::yaml;
use serde::Serialize;
use serde_yaml::Value;
use signpost_base::dates::Interval;
use signpost_base::diagnostic::Diagnostic;
use signpost_base::names::SITE_YAML as FILE_NAME;
use std::path::Path;

const KEYS: &[&str] = &[
    "name",
    "organisation",
    "language",
    "link_origin",
    "feedback",
    "feedback_form",
    "feedback_ratings",
    "review_interval",
    "review_due_soon_days",
    "retired_emails",
    "description",
    "copy_valid_days",
    "offline_copies",
    "site_url",
    "default_owner",
    "exclude",
    "keep_going",
];

#[derive(Debug, Clone, Serialize)]
pub struct SiteConfig {
    pub name: String,
    pub organisation: Option<String>,
    pub description: Option<String>,
    /// `lang` of every page.
    pub language: String,
    /// Where root-relative links such as `/gs/form.docx` point: the organisation's intranet.
    pub link_origin: Option<String>,
    /// Default feedback address for every page.
    pub feedback: Option<String>,
    /// The organisation's feedback form (`https://…`): "Was this page useful? Yes / No"
    /// open it with the page's title and address.
    pub feedback_form: Option<String>,
    /// The four "very unhelpful … very helpful" mailto links of the old pages. Off by
    /// default: they do nothing on a machine with no mail program.
    pub feedback_ratings: bool,
    /// How long a review lasts when a page gives `last_reviewed` but no `review_by`.
    #[serde(skip)]
    pub review_interval: Option<Interval>,
    pub review_interval_text: Option<String>,
    /// A page is "due soon" this many days before its review-by date.
    pub review_due_soon_days: u32,
    /// Mailboxes that are no longer read (for `check`).
    pub retired_emails: Vec<RetiredEmail>,
    /// How long a downloaded copy (the site zip, a single-page copy) may be trusted, at
    /// most: a copy's "trust until" date is this many days after it was made, or the
    /// earliest review-by date in it if that is sooner.
    pub copy_valid_days: u32,
    /// Whether every build writes the site zip and the single-page copies. On by default;
    /// a very large site may turn them off to build faster.
    pub offline_copies: bool,
    /// Where the site is published (`https://…`), if known: offline copies link back to it.
    pub site_url: Option<String>,
    /// The owner of pages that name none (`default_owner`, or tech-docs'
    /// `default_owner_slack`).
    pub default_owner: Option<String>,
    /// Files and folders not published (site.yaml's `exclude`, and Jekyll's).
    pub exclude: Vec<String>,
    /// The path the old site was served under (Jekyll's `baseurl`): links written from the
    /// site root start with it.
    pub baseurl: String,
    /// The old site's pages were at `/page/` (Jekyll's `permalink: pretty`): those
    /// addresses get redirect pages.
    #[serde(skip)]
    pub pretty_addresses: bool,
    /// Broken links and anchors are warnings, so the site builds (`--keep-going`).
    pub keep_going: bool,
    /// Old addresses kept alive, old -> new, from tech-docs' `redirects`.
    #[serde(skip)]
    pub redirects: Vec<(String, String)>,
    #[serde(skip)]
    pub redirects_file: Option<std::path::PathBuf>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RetiredEmail {
    pub address: String,
    pub note: Option<String>,
}

impl Default for SiteConfig {
    fn default() -> Self {
        Self {
            name: "Guidance".to_string(),
            organisation: None,
            description: None,
            language: "en-GB".to_string(),
            link_origin: None,
            feedback: None,
            feedback_form: None,
            feedback_ratings: false,
            review_interval: None,
            review_interval_text: None,
            review_due_soon_days: 30,
            retired_emails: Vec::new(),
            copy_valid_days: 90,
            offline_copies: true,
            site_url: None,
            default_owner: None,
            exclude: Vec::new(),
            baseurl: String::new(),
            pretty_addresses: false,
            keep_going: false,
            redirects: Vec::new(),
            redirects_file: None,
        }
    }
}

/// Reads `site.yaml` from the content folder; a site without one gets the defaults.
pub fn load(content_dir: &Path, problems: &mut Vec<Diagnostic>) -> SiteConfig {
    let path = content_dir.join(FILE_NAME);
    let mut config = SiteConfig::default();
    let engine = crate::settings::other_engines::read(content_dir, problems);
    config.name = engine.name.unwrap_or(config.name);
    config.site_url = engine.site_url;
    config.default_owner = engine.default_owner;
    config.exclude = engine.exclude;
    config.baseurl = engine.baseurl;
    config.pretty_addresses = engine.pretty_addresses;
    config.redirects = engine.redirects;
    config.redirects_file = engine.redirects_file;
    let Ok(text) = std::fs::read_to_string(&path) else {
        return config;
    };
    let mapping = match yaml::parse(&path, &text, 1)
        .and_then(|v| yaml::top_mapping(&path, v, 1, "name: IT Security Guidance"))
    {
        Ok(mapping) => mapping,
        Err(problem) => {
            problems.push(problem);
            return config;
        }
    };
    problems.extend(yaml::unknown_keys(&path, &text, 1, &mapping, KEYS));

    for (key, value) in &mapping {
        let key = yaml::key_text(key);
        let (line, column) = yaml::key_position(&text, &key, 1);
        let error = |message: &str, help: &str| {
            let gap = if message.starts_with(':') { "" } else { " " };
            Diagnostic::error(&path, line, format!("`{key}`{gap}{message}"))
                .at_column(column)
                .with_help(help.to_string())
        };
        let text_value = yaml::scalar_text(value).map(|t| t.trim().to_string());
        match key.as_str() {
            "name" | "organisation" | "description" | "language" | "link_origin" | "site_url"
            | "default_owner" => read_text_setting(&mut config, &key, text_value, &error, problems),
            "feedback" | "feedback_form" | "feedback_ratings" => {
                read_feedback_setting(&mut config, &key, value, text_value, &error, problems)
            }
            "review_interval" | "review_due_soon_days" => {
                read_review_setting(&mut config, &key, value, text_value, &error, problems)
            }
            "copy_valid_days" | "offline_copies" | "keep_going" | "exclude" | "retired_emails" => {
                read_build_setting(&mut config, &key, value, text_value, &error, problems)
            }
            _ => {}
        }
    }
    config
}

/// Settings written as text: the site's name and description, its language, addresses.
fn read_text_setting(
    config: &mut SiteConfig,
    key: &str,
    text_value: Option<String>,
    error: &dyn Fn(&str, &str) -> Diagnostic,
    problems: &mut Vec<Diagnostic>,
) {
    match (key, text_value) {
        ("name", Some(name)) => config.name = name,
        ("organisation", Some(org)) => config.organisation = Some(org),
        ("description", Some(description)) => config.description = Some(description),
        ("language", Some(language)) => {
            if !is_language_tag(&language) {
                problems.push(error(
                "must be a language tag, which browsers and screen readers use to pronounce the pages",
                "for example `language: en-GB` (English, UK) or `language: cy` (Welsh)",
            ));
            }
            config.language = language;
        }
        ("link_origin", Some(origin)) => {
            if origin.starts_with("https://") || origin.starts_with("http://") {
                config.link_origin = Some(origin.trim_end_matches('/').to_string());
            } else {
                problems.push(error(
                    "must be a web address",
                    "for example `link_origin: https://intranet.justice.gov.uk`",
                ));
                // Kept, so links from the site root are not also reported as having
                // nowhere to point: the build stops at this error anyway.
                config.link_origin = Some(origin);
            }
        }
        ("site_url", Some(url)) => {
            if url.starts_with("https://") || url.starts_with("http://") {
                config.site_url = Some(url.trim_end_matches('/').to_string());
            } else {
                problems.push(error(
                    "must be a web address",
                    "for example `site_url: https://security-guidance.example.gov.uk`",
                ));
            }
        }
        ("default_owner", Some(owner)) => config.default_owner = Some(owner),
        (_, None) => problems.push(error(
            "must be plain text",
            "write the value on the same line as the key",
        )),
        _ => {}
    }
}

/// How readers give feedback: a mail address, a form, rating links.
fn read_feedback_setting(
    config: &mut SiteConfig,
    key: &str,
    value: &Value,
    text_value: Option<String>,
    error: &dyn Fn(&str, &str) -> Diagnostic,
    problems: &mut Vec<Diagnostic>,
) {
    match (key, text_value) {
        ("feedback", Some(address)) if signpost_base::mail_address::is_mail_address(&address) => {
            config.feedback = Some(address)
        }
        ("feedback", _) => problems.push(error(
            "must be one email address (nothing after it, such as `?cc=`)",
            "for example `feedback: itpolicycontent@digital.justice.gov.uk`",
        )),
        ("feedback_form", Some(form)) => match crate::settings::feedback_form::problem(&form) {
            None => config.feedback_form = Some(form),
            Some(problem) => problems.push(error(
                problem,
                "for example `feedback_form: https://forms.example.gov.uk/guidance-feedback`",
            )),
        },
        ("feedback_ratings", _) => match value.as_bool() {
            Some(on) => config.feedback_ratings = on,
            None => problems.push(error(
                "must be true or false",
                "for example `feedback_ratings: true` to show the four rating links",
            )),
        },
        (_, None) => problems.push(error(
            "must be plain text",
            "write the value on the same line as the key",
        )),
        _ => {}
    }
}

/// When pages are due for review.
fn read_review_setting(
    config: &mut SiteConfig,
    key: &str,
    value: &Value,
    text_value: Option<String>,
    error: &dyn Fn(&str, &str) -> Diagnostic,
    problems: &mut Vec<Diagnostic>,
) {
    match (key, text_value) {
        ("review_interval", Some(interval)) => match Interval::parse(&interval) {
            Ok(parsed) => {
                config.review_interval = Some(parsed);
                config.review_interval_text = Some(interval);
            }
            Err(reason) => problems.push(error(
                &format!(": {reason}"),
                "for example `review_interval: 6 months`",
            )),
        },
        ("review_due_soon_days", _) => match value.as_u64() {
            Some(days) => config.review_due_soon_days = days as u32,
            None => problems.push(error(
                "must be a whole number of days",
                "for example `review_due_soon_days: 30`",
            )),
        },
        (_, None) => problems.push(error(
            "must be plain text",
            "write the value on the same line as the key",
        )),
        _ => {}
    }
}

/// What a build makes and leaves out: offline copies, broken links as warnings, excluded files, retired mailboxes.
fn read_build_setting(
    config: &mut SiteConfig,
    key: &str,
    value: &Value,
    text_value: Option<String>,
    error: &dyn Fn(&str, &str) -> Diagnostic,
    problems: &mut Vec<Diagnostic>,
) {
    match (key, text_value) {
        ("copy_valid_days", _) => match value.as_u64().filter(|d| (1..=3660).contains(d)) {
            Some(days) => config.copy_valid_days = days as u32,
            None => problems.push(error(
                "must be a whole number of days, from 1 to 3660",
                "for example `copy_valid_days: 90`",
            )),
        },
        ("offline_copies", _) => match value.as_bool() {
            Some(on) => config.offline_copies = on,
            None => problems.push(error(
                "must be true or false",
                "for example `offline_copies: false` to skip the zip and the page copies",
            )),
        },
        ("keep_going", _) => match value.as_bool() {
            Some(on) => config.keep_going = on,
            None => problems.push(error(
                "must be true or false",
                "`keep_going: true` builds the site with broken links reported as warnings",
            )),
        },
        ("exclude", _) => match value.as_sequence() {
            Some(items) => config.exclude = items.iter().filter_map(yaml::scalar_text).collect(),
            None => problems.push(error(
                "must be a list of files and folders",
                "for example `exclude: [README.md, drafts/, \"*.docx\"]`",
            )),
        },
        ("retired_emails", _) => {
            config.retired_emails = retired_emails(value, &mut |m, h| problems.push(error(m, h)))
        }
        (_, None) => problems.push(error(
            "must be plain text",
            "write the value on the same line as the key",
        )),
        _ => {}
    }
}

/// A BCP 47 language tag in its usual shape: `en`, `en-GB`, `cy`, `zh-Hant-HK`.
fn is_language_tag(text: &str) -> bool {
    let mut parts = text.split('-');
    let primary = parts.next().unwrap_or_default();
    (2..=3).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

fn retired_emails(value: &Value, report: &mut dyn FnMut(&str, &str)) -> Vec<RetiredEmail> {
    let Some(items) = value.as_sequence() else {
        report("must be a list", "write one `- address` per line");
        return Vec::new();
    };
    let mut retired = Vec::new();
    for item in items {
        let entry = match item {
            Value::String(address) => Some(RetiredEmail {
                address: address.clone(),
                note: None,
            }),
            Value::Mapping(map) => {
                map.get("address")
                    .and_then(Value::as_str)
                    .map(|address| RetiredEmail {
                        address: address.to_string(),
                        note: map.get("note").and_then(Value::as_str).map(String::from),
                    })
            }
            _ => None,
        };
        match entry {
            Some(entry) => retired.push(entry),
            None => report(
                "entries must be an address, or `address:` with an optional `note:`",
                "for example `- address: itservicedesk@justice.gov.uk`",
            ),
        }
    }
    retired
}
