//! The search index builder, on a site with a fuzzed page, and reading the index back.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    signpost_fuzz::put("page.md", data);
    if let Some(site) = signpost_fuzz::load_site() {
        let script = signpost::search::index_script(&site.pages);
        let index = signpost::search::read_index_script(&script);
        assert!(index.is_some(), "the index reads back");
    }
});
