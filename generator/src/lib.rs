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
pub mod mark_reviewed;
pub mod new_page;
pub mod serve;
