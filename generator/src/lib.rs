//! Signpost: a static site generator for policy and guidance pages.
//!
//! The pipeline reads top-down from [`build::build`]: [`discover`] the content folder, read
//! each [`page`] ([`front_matter`], [`markdown`], [`shortcodes`]), put them in a [`site`]
//! model with its [`nav`] tree, run the [`checks`], [`render`] with the theme's
//! [`templates`], and [`output`] the result atomically.

pub mod build;
pub mod check;
pub mod check_report;
pub mod checks;
pub mod cli;
pub mod cmd;
pub mod config;
pub mod contacts;
pub mod copies;
pub mod data;
pub mod discover;
pub mod duplicates;
pub mod engine_settings;
pub mod feedback_form;
pub mod finding;
pub mod flow_diagram;
pub mod flow_summary;
pub mod flow_words;
pub mod flows;
pub mod flows_page;
pub mod front_matter;
pub mod headless_tables;
pub mod html_text;
pub mod keep_going;
pub mod kramdown_syntax;
pub mod layout;
pub mod left_out;
pub mod link_target;
pub mod lints;
pub mod mark_reviewed;
pub mod markdown;
pub mod markers;
pub mod markup_checks;
pub mod mojibake;
pub mod name_clashes;
pub mod nav;
pub mod nav_html;
pub mod new_page;
pub mod offline_page;
pub mod old_ids;
pub mod page;
pub mod page_cache;
pub mod redirects;
pub mod render;
pub mod reports;
pub mod review;
pub mod review_calendar;
pub mod review_feed;
pub mod search;
pub mod search_places;
pub mod search_words;
pub mod serve;
pub mod shipped_assets;
pub mod shortcodes;
pub mod site;
pub mod site_zip;
pub mod template_code;
pub mod templates;
pub mod text_scan;
pub mod unmapped_keys;
pub mod wizard_entries;
pub mod yaml;
