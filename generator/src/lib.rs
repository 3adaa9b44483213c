//! Signpost: a static site generator for policy and guidance pages.
//!
//! The pipeline reads top-down from [`build::build`]: [`discover`] the content folder, read
//! each [`page`] ([`front_matter`], [`markdown`], [`shortcodes`]), put them in a [`site`]
//! model with its [`nav`] tree, run the [`checks`], [`render`] with the theme's
//! [`templates`], and [`output`] the result atomically.

pub mod build;
pub mod check;
pub mod checks;
pub mod cli;
pub mod config;
pub mod contacts;
pub mod copies;
pub mod data;
pub mod dates;
pub mod diagnostics;
pub mod discover;
pub mod engine_settings;
pub mod feedback_form;
pub mod flow_diagram;
pub mod flow_summary;
pub mod flow_words;
pub mod flows;
pub mod flows_page;
pub mod front_matter;
pub mod grouping;
pub mod headless_tables;
pub mod html_tags;
pub mod html_text;
pub mod html_urls;
pub mod keep_going;
pub mod kramdown_syntax;
pub mod layout;
pub mod left_out;
pub mod links;
pub mod mail_address;
pub mod mark_reviewed;
pub mod markdown;
pub mod markers;
pub mod markup_checks;
pub mod mojibake;
pub mod nav;
pub mod new_page;
pub mod offline_page;
pub mod old_ids;
pub mod output;
pub mod output_names;
pub mod page;
pub mod page_cache;
pub mod page_forms;
pub mod permalinks;
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
pub mod slug;
pub mod staging;
pub mod template_code;
pub mod templates;
pub mod unmapped_keys;
pub mod wizard_entries;
pub mod yaml;
