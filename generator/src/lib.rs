//! Signpost: a static site generator for policy and guidance pages.
//!
//! The pipeline reads top-down from [`build::build`]: [`discover`] the content folder, read
//! each [`page`] ([`front_matter`], [`markdown`], [`shortcodes`]), put them in a [`site`]
//! model with its [`nav`] tree, run the [`checks`], [`render`] with the theme's
//! [`templates`], and [`output`] the result atomically.

pub mod build;
pub mod check;
pub mod cli;
pub mod cmd;
pub mod copies;
pub mod flow_diagram;
pub mod flows_page;
pub mod html_text;
pub mod mark_reviewed;
pub mod markers;
pub mod nav_html;
pub mod new_page;
pub mod offline_page;
pub mod render;
pub mod reports;
pub mod review_calendar;
pub mod review_feed;
pub mod search;
pub mod search_places;
pub mod search_words;
pub mod serve;
pub mod shipped_assets;
pub mod site_zip;
