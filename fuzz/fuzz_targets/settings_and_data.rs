//! The site settings (`site.yaml`) and the data files: the first byte picks which file
//! the rest is.
#![no_main]
use libfuzzer_sys::fuzz_target;

const FILES: &[&str] = &[
    "site.yaml",
    "data/contacts.yaml",
    "data/countries.yaml",
    "data/bank_holidays.yaml",
    "data/special_attention.yaml",
    "data/notice.yaml",
];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, text)) = data.split_first() else {
        return;
    };
    let file = FILES[pick as usize % FILES.len()];
    let original = signpost_fuzz::project_content().join(file);
    signpost_fuzz::put(file, text);
    let _ = signpost_fuzz::load_site();
    // The next input starts from the real file again.
    if file != "site.yaml" {
        signpost_fuzz::put(file, &std::fs::read(original).expect("the real data file"));
    } else {
        let _ = std::fs::remove_file(signpost_fuzz::content_dir().join(file));
    }
});
