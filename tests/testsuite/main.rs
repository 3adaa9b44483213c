//! Signpost's end-to-end tests, as one test binary (one link, not one per file): each module
//! runs the real `signpost` binary on fixture sites (`tests/fixtures/`), real content
//! (`content/`) and the real sites kept beside the repository, and reads what it wrote.
//! `cargo test -p signpost --test testsuite check::` runs one module.

mod support;

mod bad_input;
mod check;
mod features;
mod flow_cli;
mod flow_pictures;
mod hostile_input;
mod offline_copies;
mod output_safety;
mod real_sites;
mod review_and_new;
mod review_reports;
mod search_index;
mod serve;
mod site;
