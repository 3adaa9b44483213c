//! Reading a page: front matter, shortcodes, Markdown, raw HTML, links and the checks.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    signpost_fuzz::put("page.md", data);
    let _ = signpost_fuzz::load_site();
});
