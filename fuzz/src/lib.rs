//! What the fuzz targets share: a content folder of their own (on tmpfs where there is
//! one), with the real site's data files, to put the fuzzed file in and read it back as
//! `signpost build` and `signpost flow` would.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The project's own content folder (seeds and the real data files).
pub fn project_content() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../content")
}

/// A content folder for this process: a home page and the real `data/` files.
pub fn content_dir() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let base = if Path::new("/dev/shm").is_dir() {
            PathBuf::from("/dev/shm")
        } else {
            std::env::temp_dir()
        };
        let dir = base.join(format!("signpost-fuzz-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("data")).expect("a folder for the fuzzed content");
        std::fs::create_dir_all(dir.join("flows")).expect("a folder for the fuzzed content");
        for entry in std::fs::read_dir(project_content().join("data")).expect("the data files") {
            let path = entry.expect("a data file").path();
            std::fs::copy(&path, dir.join("data").join(path.file_name().unwrap()))
                .expect("copy a data file");
        }
        std::fs::write(dir.join("index.md"), "---\ntitle: Home\n---\nWelcome.\n")
            .expect("a home page");
        dir
    })
}

/// Writes `bytes` to `relative` in the content folder (and nothing else changed since the
/// last input: each target writes the same files every time).
pub fn put(relative: &str, bytes: &[u8]) -> PathBuf {
    let path = content_dir().join(relative);
    std::fs::write(&path, bytes).expect("write the fuzzed file");
    path
}

/// Loads the whole site as `build` and `check` read it, every problem collected.
pub fn load_site() -> Option<signpost_model::site::Site> {
    let mut problems = Vec::new();
    let site = signpost_model::site::load(content_dir(), &mut problems);
    for problem in &problems {
        // Every problem can be shown: its text is what an editor reads.
        let _ = problem.to_string();
    }
    site
}
