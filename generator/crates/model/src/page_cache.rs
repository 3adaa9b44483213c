//! Pages read by an earlier build, kept for the next one (`signpost serve`): a page is read
//! again only when its file changed, so a one-page edit re-reads one page.
//!
//! A page's HTML depends on its own file and on everything its shortcodes and links see: the
//! settings, the data, the flows, the site's templates, and which pages and files exist. When
//! any of those change, every page is read again.

use crate::discover::Sources;
use crate::page::Page;
use signpost_base::diagnostic::Diagnostic;
use std::collections::HashMap;
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::SystemTime;

/// What a page's file looked like when it was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    modified: Option<SystemTime>,
    len: u64,
}

impl Stamp {
    fn of(file: &Path) -> Option<Self> {
        let metadata = std::fs::metadata(file).ok()?;
        Some(Self {
            modified: metadata.modified().ok(),
            len: metadata.len(),
        })
    }
}

type Entry = (Stamp, Option<Page>, Vec<Diagnostic>);
/// A page's `permalink` and its line, as `permalinks.rs` found it.
type Permalink = Option<(String, usize)>;

#[derive(Default)]
pub struct PageCache {
    /// The fingerprint of everything but the pages themselves, when the entries were read.
    inputs: Mutex<Option<u64>>,
    /// The pages published at their `permalink`, when the entries were read: links to
    /// them are written to those addresses.
    addresses: Mutex<Option<u64>>,
    entries: Mutex<HashMap<PathBuf, Entry>>,
    /// Each page's `permalink`, looked for before any page is read.
    permalinks: Mutex<HashMap<PathBuf, (Stamp, Permalink)>>,
    reused: AtomicUsize,
    read: AtomicUsize,
}

/// How many pages the last build read, and how many it took from the cache.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CacheUse {
    pub read: usize,
    pub reused: usize,
}

impl PageCache {
    pub fn new() -> Self {
        Self::default()
    }

    /// Starts a build: forgets every page if anything besides the pages changed, and pages
    /// that no longer exist.
    pub fn begin(&self, content_dir: &Path, sources: &Sources) {
        let fingerprint = inputs_fingerprint(content_dir, sources);
        let mut inputs = self.inputs.lock().expect("cache lock");
        let mut entries = self.entries.lock().expect("cache lock");
        if *inputs != Some(fingerprint) {
            entries.clear();
            *inputs = Some(fingerprint);
        }
        // By a set: a `Vec` search per entry is quadratic, seconds at 10,000 pages.
        let pages: std::collections::HashSet<&PathBuf> = sources.pages.iter().collect();
        entries.retain(|source, _| pages.contains(source));
        self.permalinks
            .lock()
            .expect("cache lock")
            .retain(|source, _| pages.contains(source));
        self.reused.store(0, Ordering::Relaxed);
        self.read.store(0, Ordering::Relaxed);
    }

    /// The page's `permalink` as last found if its file is unchanged; otherwise finds it
    /// with `find` (a rebuild then reads only the changed files for it).
    pub fn permalink(
        &self,
        content_dir: &Path,
        source: &Path,
        find: impl FnOnce() -> Permalink,
    ) -> Permalink {
        let stamp = Stamp::of(&content_dir.join(source));
        if let Some(stamp) = stamp {
            let known = self.permalinks.lock().expect("cache lock");
            if let Some((_, permalink)) = known.get(source).filter(|(s, _)| *s == stamp) {
                return permalink.clone();
            }
        }
        let permalink = find();
        if let Some(stamp) = stamp {
            self.permalinks
                .lock()
                .expect("cache lock")
                .insert(source.to_path_buf(), (stamp, permalink.clone()));
        }
        permalink
    }

    /// Whether the page's `permalink` is no longer the one last found for it (or none was
    /// found yet): links to the page then move. Keeps the new one, as [`Self::permalink`].
    pub fn permalink_moved(
        &self,
        content_dir: &Path,
        source: &Path,
        find: impl FnOnce() -> Permalink,
    ) -> bool {
        let before = {
            let known = self.permalinks.lock().expect("cache lock");
            known.get(source).map(|(_, permalink)| permalink.clone())
        };
        let now = self.permalink(content_dir, source, find);
        before != Some(now)
    }

    /// The problems found when the page was last read, if it was read.
    pub fn problems_of(&self, source: &Path) -> Option<Vec<Diagnostic>> {
        let entries = self.entries.lock().expect("cache lock");
        entries
            .get(source)
            .filter(|(_, page, _)| page.is_some())
            .map(|(_, _, problems)| problems.clone())
    }

    /// Forgets every page if any page's `permalink` address changed since they were read.
    pub fn addresses(&self, moved: &HashMap<PathBuf, PathBuf>) {
        let mut sorted: Vec<_> = moved.iter().collect();
        sorted.sort();
        let mut hasher = DefaultHasher::new();
        sorted.hash(&mut hasher);
        let fingerprint = hasher.finish();
        let mut addresses = self.addresses.lock().expect("cache lock");
        if *addresses != Some(fingerprint) {
            self.entries.lock().expect("cache lock").clear();
            *addresses = Some(fingerprint);
        }
    }

    /// The page as last read if its file is unchanged; otherwise reads it with `read`.
    pub fn get_or_read(
        &self,
        content_dir: &Path,
        source: &Path,
        read: impl FnOnce() -> (Option<Page>, Vec<Diagnostic>),
    ) -> (Option<Page>, Vec<Diagnostic>) {
        let stamp = Stamp::of(&content_dir.join(source));
        if let Some(stamp) = stamp {
            let entries = self.entries.lock().expect("cache lock");
            if let Some((cached, page, problems)) = entries.get(source) {
                if *cached == stamp {
                    self.reused.fetch_add(1, Ordering::Relaxed);
                    return (page.clone(), problems.clone());
                }
            }
        }
        let (page, problems) = read();
        self.read.fetch_add(1, Ordering::Relaxed);
        if let Some(stamp) = stamp {
            self.entries.lock().expect("cache lock").insert(
                source.to_path_buf(),
                (stamp, page.clone(), problems.clone()),
            );
        }
        (page, problems)
    }

    pub fn last_use(&self) -> CacheUse {
        CacheUse {
            read: self.read.load(Ordering::Relaxed),
            reused: self.reused.load(Ordering::Relaxed),
        }
    }
}

/// Which pages and files exist, and the state of every settings, data, flow and template file.
fn inputs_fingerprint(content_dir: &Path, sources: &Sources) -> u64 {
    let mut hasher = DefaultHasher::new();
    sources.pages.hash(&mut hasher);
    sources.assets.hash(&mut hasher);
    let settings = std::fs::read_dir(content_dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| {
            path.is_file() && path.extension().is_some_and(|e| e == "yaml" || e == "yml")
        });
    let mut files: Vec<PathBuf> = settings
        .chain(
            sources
                .data
                .iter()
                .chain(&sources.flows)
                .chain(&sources.templates)
                .map(|relative| content_dir.join(relative)),
        )
        .collect();
    files.sort();
    for file in files {
        file.hash(&mut hasher);
        Stamp::of(&file)
            .map(|s| (s.modified, s.len))
            .hash(&mut hasher);
    }
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sources(pages: &[&str]) -> Sources {
        Sources {
            pages: pages.iter().map(PathBuf::from).collect(),
            ..Sources::default()
        }
    }

    fn counted(cache: &PageCache, dir: &Path, source: &str) -> bool {
        let mut ran = false;
        cache.get_or_read(dir, Path::new(source), || {
            ran = true;
            (None, Vec::new())
        });
        ran
    }

    #[test]
    fn rereads_only_changed_pages() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.md"), "# A").unwrap();
        std::fs::write(dir.path().join("b.md"), "# B").unwrap();
        let cache = PageCache::new();
        let all = sources(&["a.md", "b.md"]);
        cache.begin(dir.path(), &all);
        assert!(counted(&cache, dir.path(), "a.md"));
        assert!(counted(&cache, dir.path(), "b.md"));

        std::fs::write(dir.path().join("b.md"), "# B, longer").unwrap();
        cache.begin(dir.path(), &all);
        assert!(!counted(&cache, dir.path(), "a.md"), "a.md is unchanged");
        assert!(counted(&cache, dir.path(), "b.md"), "b.md changed");
        assert_eq!(cache.last_use(), CacheUse { read: 1, reused: 1 });
    }

    #[test]
    fn settings_or_new_pages_clear_the_cache() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.md"), "# A").unwrap();
        let cache = PageCache::new();
        cache.begin(dir.path(), &sources(&["a.md"]));
        assert!(counted(&cache, dir.path(), "a.md"));

        std::fs::write(dir.path().join("site.yaml"), "name: X").unwrap();
        cache.begin(dir.path(), &sources(&["a.md"]));
        assert!(counted(&cache, dir.path(), "a.md"), "site.yaml is new");

        cache.begin(dir.path(), &sources(&["a.md", "b.md"]));
        assert!(counted(&cache, dir.path(), "a.md"), "links may now resolve");
    }

    #[test]
    fn a_page_moved_by_its_permalink_clears_the_cache() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.md"), "# A").unwrap();
        let cache = PageCache::new();
        let all = sources(&["a.md"]);
        cache.begin(dir.path(), &all);
        cache.addresses(&HashMap::new());
        assert!(counted(&cache, dir.path(), "a.md"));
        cache.begin(dir.path(), &all);
        cache.addresses(&HashMap::new());
        assert!(!counted(&cache, dir.path(), "a.md"), "nothing moved");
        cache.begin(dir.path(), &all);
        cache.addresses(&HashMap::from([("b.md".into(), "b/index.html".into())]));
        assert!(
            counted(&cache, dir.path(), "a.md"),
            "links to b.md now go elsewhere"
        );
    }

    #[test]
    fn a_permalink_is_looked_for_again_only_in_a_changed_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.md"), "# A").unwrap();
        let cache = PageCache::new();
        let looked = std::cell::Cell::new(0);
        let find = || {
            looked.set(looked.get() + 1);
            None
        };
        assert_eq!(cache.permalink(dir.path(), Path::new("a.md"), find), None);
        assert_eq!(cache.permalink(dir.path(), Path::new("a.md"), find), None);
        assert_eq!(looked.get(), 1, "the file is unchanged");
        std::fs::write(dir.path().join("a.md"), "---\npermalink: /b/\n---\n# A").unwrap();
        cache.permalink(dir.path(), Path::new("a.md"), find);
        assert_eq!(looked.get(), 2, "the file changed");
    }
}
