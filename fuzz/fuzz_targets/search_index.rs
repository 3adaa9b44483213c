//! The search index builder, on a site with a fuzzed page, and reading the index back from
//! the files a build writes (the site's words, the shards, the text pieces).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    signpost_fuzz::put("page.md", data);
    if let Some(site) = signpost_fuzz::load_site() {
        let places = signpost_render::search::places::Places::new(
            site.flows.values().flat_map(|f| &f.flow.countries),
        );
        let files = signpost_render::search::index_files(&site.pages, &places);
        let assets = signpost_fuzz::content_dir().join("../signpost-fuzz-index");
        let assets = assets.join(std::process::id().to_string());
        let _ = std::fs::remove_dir_all(&assets);
        for (path, script) in &files {
            let file = assets.join(path);
            std::fs::create_dir_all(file.parent().unwrap()).unwrap();
            std::fs::write(file, script).unwrap();
        }
        let index = signpost_render::search::read_index(&assets);
        assert!(index.is_some(), "the index reads back");
    }
});
