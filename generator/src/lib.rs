//! Signpost: a static site generator for policy and guidance pages.
//!
//! This crate is the command line: [`cli`] parses it (clap only) and [`cmd`] runs each
//! command. The work is in the crates under `generator/crates/`, whose arrows run one way:
//! `signpost` -> {`signpost_checks`, `signpost_render`} -> `signpost_model` -> `signpost_base`.
//! `signpost build` reads top-down from [`cmd::build`].

pub mod cli;
pub mod cmd;
