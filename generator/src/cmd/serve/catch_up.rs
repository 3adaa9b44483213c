//! After a one-page rebuild has reloaded the open pages, the parts that show every page (the
//! search index, review reports, flows page, redirects and the site zip) catch up in the
//! background: the whole site is built as `build` builds it (pages from the cache, read
//! again only where their files changed) into a new folder, and served from there once it is
//! complete, with no reload (its pages are the ones open pages show).
//!
//! It never holds up an edit: it has its own site model and one thread of its own, so the
//! next one-page rebuild runs beside it. A build that started before the last change to what
//! is served (a rebuild, good or bad) is thrown away, and another one runs after it, so
//! nothing stale and nothing half-written is ever served. A build that fails (on something
//! only a whole build finds) is reported as a failed rebuild is, and the next edit builds
//! the whole site again.

use super::live::Live;
use crate::cmd::build::{self, BuildOptions};
use chrono::NaiveDate;
use signpost_base::console::print_problems;
use signpost_model::page_cache::PageCache;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Instant;

/// How long the content must be quiet before a background build starts: an editor saving
/// again and again gets each page back at once, without a build of the whole site running
/// beside each rebuild.
const QUIET: std::time::Duration = std::time::Duration::from_secs(1);
/// The longest a stopping preview waits for a background build to end.
const STOP_WAIT: std::time::Duration = std::time::Duration::from_secs(5);

pub struct CatchUp {
    content_dir: PathBuf,
    workspace: PathBuf,
    today: NaiveDate,
    keep_going: bool,
    cache: Arc<PageCache>,
    live: Arc<Live>,
    state: Mutex<State>,
    /// The last build failed, and nothing was built since.
    failed: AtomicBool,
}

#[derive(Default)]
struct State {
    /// A build is running (on `thread`).
    busy: bool,
    thread: Option<JoinHandle<()>>,
    /// Asked for again while running: run once more when done.
    again: bool,
    stopping: bool,
    /// Builds made so far, to name their folders.
    made: u64,
    /// When the last build was asked for.
    asked: Option<Instant>,
}

impl CatchUp {
    pub fn new(
        content_dir: PathBuf,
        workspace: PathBuf,
        today: NaiveDate,
        keep_going: bool,
        cache: Arc<PageCache>,
        live: Arc<Live>,
    ) -> Arc<Self> {
        Arc::new(Self {
            content_dir,
            workspace,
            today,
            keep_going,
            cache,
            live,
            state: Mutex::default(),
            failed: AtomicBool::new(false),
        })
    }

    /// Builds the whole site in the background, now or, if a build is running, after it.
    pub fn request(self: &Arc<Self>) {
        let mut state = self.state.lock().expect("catch-up lock");
        if state.stopping {
            return;
        }
        state.asked = Some(Instant::now());
        if state.busy {
            state.again = true;
            return;
        }
        state.busy = true;
        let me = Arc::clone(self);
        state.thread = Some(std::thread::spawn(move || me.run()));
    }

    /// Whether a background build failed since this was last asked (the site kept from the
    /// last rebuild then is not to be trusted).
    pub fn take_failed(&self) -> bool {
        self.failed.swap(false, Ordering::SeqCst)
    }

    /// Stops the build running now (what it wrote is removed, and it writes no more), and
    /// runs no more. Waits a little for it to end, not for a large site's whole build.
    pub fn stop(&self) {
        let running = {
            let mut state = self.state.lock().expect("catch-up lock");
            state.stopping = true;
            state.thread.take()
        };
        signpost_base::write::staging::remove_unfinished();
        let Some(running) = running else { return };
        let started = Instant::now();
        while !running.is_finished() && started.elapsed() < STOP_WAIT {
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
    }

    fn run(&self) {
        // One thread: the edits' rebuilds keep the other core.
        let Ok(pool) = rayon::ThreadPoolBuilder::new().num_threads(1).build() else {
            self.state.lock().expect("catch-up lock").busy = false;
            return;
        };
        loop {
            self.wait_for_quiet();
            let folder = {
                let mut state = self.state.lock().expect("catch-up lock");
                state.again = false;
                state.made += 1;
                self.workspace.join(format!("catch-up-{}", state.made))
            };
            pool.install(|| self.build_into(&folder));
            let mut state = self.state.lock().expect("catch-up lock");
            if !state.again || state.stopping {
                state.busy = false;
                return;
            }
        }
    }

    /// Waits until nothing was asked for [`QUIET`].
    fn wait_for_quiet(&self) {
        loop {
            let asked = self.state.lock().expect("catch-up lock").asked;
            let quiet = asked.map_or(QUIET, |asked| asked.elapsed());
            if quiet >= QUIET {
                return;
            }
            std::thread::sleep(QUIET - quiet);
        }
    }

    /// Builds into `folder`, and serves it if nothing was rebuilt meanwhile.
    fn build_into(&self, folder: &Path) {
        let started = Instant::now();
        let sequence = self.live.sequence();
        if self.state.lock().expect("catch-up lock").stopping {
            return;
        }
        let options = BuildOptions {
            content_dir: self.content_dir.clone(),
            output_dir: folder.to_path_buf(),
            today: self.today,
            keep_going: self.keep_going,
        };
        match build::build_cached(&options, Some(&self.cache)) {
            Ok(_) if self.live.moved_if_unchanged(folder.to_path_buf(), sequence) => {
                eprintln!(
                    "The search index, review reports and site zip caught up in {:.2} s.",
                    started.elapsed().as_secs_f64()
                );
                return;
            }
            // Problems of files edited since are the next rebuild's to report.
            Err(problems) if self.live.failed_if_unchanged(problems.clone(), sequence) => {
                self.failed.store(true, Ordering::SeqCst);
                print_problems(&problems);
                eprintln!(
                    "The site could not be built in the background (still serving the last good build); the problems are shown in the browser too."
                );
            }
            _ => {}
        }
        let _ = std::fs::remove_dir_all(folder);
    }
}

/// Removes the builds in `workspace` other than the one served and `previous` (a request
/// may still be reading it).
pub fn remove_before(workspace: &Path, live: &Live, previous: &Path) {
    let Ok(entries) = std::fs::read_dir(workspace) else {
        return;
    };
    let current = live.snapshot().site;
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        let ours = name.starts_with("build-") || name.starts_with("catch-up-");
        if ours && path != previous && Some(&path) != current.as_ref() {
            let _ = std::fs::remove_dir_all(&path);
        }
    }
}
