//! `signpost serve`: a live preview for editors. Builds the site into a temporary folder,
//! serves it on 127.0.0.1, rebuilds when anything under the content folder changes, and
//! reloads open pages by itself. A build that fails is reported in the terminal and over the
//! page, and the last good build keeps being served. Ctrl-C stops it and removes the folder.
//!
//! An edit to pages alone rebuilds only what it can change, into the folder being served,
//! and reloads (`one_page.rs`); the search index, review reports and site zip catch up in the
//! background (`catch_up.rs`). Anything else (a new, removed or renamed file, settings, data,
//! flows, templates) rebuilds the whole site into a new folder, re-reading only the pages
//! whose files changed ([`PageCache`]).

mod catch_up;
mod http;
mod live;
mod one_page;

use crate::cmd::build::{self, BuildOptions, Kept};
use catch_up::CatchUp;
use chrono::NaiveDate;
use live::Live;
use notify::{EventKind, RecursiveMode, Watcher};
use signpost_base::console::print_problems;
use signpost_base::diagnostic::Diagnostic;
use signpost_model::page_cache::PageCache;
use signpost_model::page_edit;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};

/// How long the content must be quiet before a rebuild: one save often writes several times,
/// but within a few milliseconds (write, rename, remove the backup). Every rebuild waits
/// this long first, so it is kept short.
const DEBOUNCE: Duration = Duration::from_millis(30);
/// Rebuild anyway after this long, however busy the folder.
const LONGEST_WAIT: Duration = Duration::from_secs(2);
/// How often the content folder is checked for having been replaced (`git checkout` of
/// another branch can remove it and make it again, which ends a watch on it).
const REPLACED_CHECK: Duration = Duration::from_millis(500);

pub struct ServeOptions {
    pub content_dir: PathBuf,
    /// 0 picks a free port.
    pub port: u16,
    pub today: NaiveDate,
    /// Broken links and anchors are warnings (`--keep-going`).
    pub keep_going: bool,
}

enum Message {
    Changed(Vec<PathBuf>),
    WatchFailed(String),
    Stop,
}

pub fn run(options: &ServeOptions) -> ExitCode {
    match serve(options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn serve(options: &ServeOptions) -> Result<(), String> {
    let content_dir = options.content_dir.canonicalize().map_err(|err| {
        format!(
            "there is no content folder at {}: {err} (give it with --content DIR)",
            options.content_dir.display()
        )
    })?;
    // Builds go to a temporary folder, removed when the preview stops.
    let workspace = tempfile::Builder::new()
        .prefix("signpost-serve-")
        .tempdir()
        .map_err(|err| format!("cannot create a folder for the preview: {err}"))?;
    let listener = std::net::TcpListener::bind(("127.0.0.1", options.port)).map_err(|err| {
        format!(
            "cannot serve on 127.0.0.1:{}: {err} (choose another port with --port N, or --port 0 for any free one)",
            options.port
        )
    })?;
    let address = listener
        .local_addr()
        .map_err(|err| format!("the server has no address: {err}"))?;

    let (sender, messages) = mpsc::channel();
    stop_on_ctrl_c(sender.clone())?;
    let mut watcher = watch(&content_dir, sender)?;

    let live = Arc::new(Live::new());
    let cache = Arc::new(PageCache::new());
    let catch_up = CatchUp::new(
        options.content_dir.clone(),
        workspace.path().to_path_buf(),
        options.today,
        options.keep_going,
        Arc::clone(&cache),
        Arc::clone(&live),
    );
    let mut builder = Builder {
        content_dir: options.content_dir.clone(),
        workspace: workspace.path().to_path_buf(),
        today: options.today,
        keep_going: options.keep_going,
        cache,
        attempts: 0,
        warnings: None,
        live: Arc::clone(&live),
        kept: None,
        catch_up: Arc::clone(&catch_up),
    };
    builder.rebuild();

    let stopping = Arc::new(AtomicBool::new(false));
    let requests = {
        let (live, stopping) = (Arc::clone(&live), Arc::clone(&stopping));
        std::thread::spawn(move || http::serve(listener, live, stopping))
    };
    println!("Serving the site at http://{address}/");
    eprintln!(
        "Watching {} for changes. Press Ctrl-C to stop.",
        options.content_dir.display()
    );

    rebuild_on_changes(&content_dir, &mut watcher, &messages, &mut builder);

    eprintln!("\nStopping.");
    catch_up.stop();
    drop(watcher);
    live.stop();
    stopping.store(true, Ordering::SeqCst);
    // Wakes the server from waiting for a connection, so it sees it must stop.
    let _ = std::net::TcpStream::connect(address);
    let _ = requests.join();
    workspace
        .close()
        .map_err(|err| format!("cannot remove the preview's folder: {err}"))?;
    Ok(())
}

/// Ctrl-C stops the preview; a second one does not wait for the first (say, for a slow build).
fn stop_on_ctrl_c(stop: mpsc::Sender<Message>) -> Result<(), String> {
    let interrupted = AtomicBool::new(false);
    ctrlc::set_handler(move || {
        if interrupted.swap(true, Ordering::SeqCst) {
            std::process::exit(130);
        }
        let _ = stop.send(Message::Stop);
    })
    .map_err(|err| format!("cannot handle Ctrl-C: {err}"))
}

/// Watches the content folder, sending what changes.
fn watch(
    content_dir: &Path,
    changed: mpsc::Sender<Message>,
) -> Result<notify::RecommendedWatcher, String> {
    let mut watcher = notify::recommended_watcher(move |result: notify::Result<notify::Event>| {
        let message = match result {
            Ok(event) if changes_files(&event.kind) => Message::Changed(event.paths),
            Ok(_) => return,
            Err(err) => Message::WatchFailed(err.to_string()),
        };
        let _ = changed.send(message);
    })
    .map_err(|err| format!("cannot watch the content folder: {err}"))?;
    watcher
        .watch(content_dir, RecursiveMode::Recursive)
        .map_err(|err| format!("cannot watch {}: {err}", content_dir.display()))?;
    Ok(watcher)
}

/// Rebuilds once the folder is quiet after each change, until Ctrl-C; follows a content
/// folder that is replaced (the old watch went with it).
fn rebuild_on_changes(
    content_dir: &Path,
    watcher: &mut notify::RecommendedWatcher,
    messages: &mpsc::Receiver<Message>,
    builder: &mut Builder,
) {
    let mut watched = folder_identity(content_dir);
    loop {
        let message = match messages.recv_timeout(REPLACED_CHECK) {
            Ok(message) => message,
            Err(mpsc::RecvTimeoutError::Disconnected) => return,
            Err(mpsc::RecvTimeoutError::Timeout) => {
                let now = folder_identity(content_dir);
                if now.is_some() && now != watched {
                    // The old watch went with the old folder: watch the new one.
                    let _ = watcher.unwatch(content_dir);
                    if let Err(err) = watcher.watch(content_dir, RecursiveMode::Recursive) {
                        eprintln!("warning: watching for changes: {err}");
                        continue;
                    }
                    watched = now;
                    eprintln!("\nThe content folder was replaced: rebuilding");
                    builder.rebuild();
                }
                continue;
            }
        };
        // Debounced: wait for the folder to be quiet, then build once for everything.
        let mut batch = vec![message];
        let started = Instant::now();
        while started.elapsed() < LONGEST_WAIT {
            match messages.recv_timeout(DEBOUNCE) {
                Ok(message) => batch.push(message),
                Err(_) => break,
            }
        }
        if batch.iter().any(|m| matches!(m, Message::Stop)) {
            return;
        }
        if let Some((changes, paths)) = changes_in(batch, content_dir) {
            eprintln!("\n{changes} changed: rebuilding");
            builder.rebuild_after(&paths, content_dir);
        }
    }
}

/// The files a batch of changes names, for the log ("a.md and 2 more") and each of them, or
/// `None` when none of them matters to the site.
fn changes_in(batch: Vec<Message>, content_dir: &Path) -> Option<(String, Vec<PathBuf>)> {
    let mut changed: Vec<PathBuf> = Vec::new();
    for message in batch {
        match message {
            Message::Changed(paths) => {
                changed.extend(paths.into_iter().filter(|path| matters(content_dir, path)))
            }
            Message::WatchFailed(err) => eprintln!("warning: watching for changes: {err}"),
            Message::Stop => {}
        }
    }
    changed.sort();
    changed.dedup();
    // Name files that are there: saving often writes a temporary file and removes it.
    let existing: Vec<&PathBuf> = changed.iter().filter(|p| p.exists()).collect();
    let named = if existing.is_empty() {
        changed.iter().collect()
    } else {
        existing
    };
    let first = named.first()?;
    let shown = first.strip_prefix(content_dir).unwrap_or(first);
    let more = match named.len() {
        1 => String::new(),
        n => format!(" and {} more", n - 1),
    };
    Some((format!("{}{more}", shown.display()), changed.clone()))
}

/// Which folder is at `path` (device and inode): it changes when the folder is replaced.
fn folder_identity(path: &Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path)
        .ok()
        .filter(|m| m.is_dir())
        .map(|m| (m.dev(), m.ino()))
}

/// Whether an event is a change to files (not someone reading them: the build itself reads
/// every file, and must not set off another build).
fn changes_files(kind: &EventKind) -> bool {
    use notify::event::{MetadataKind, ModifyKind};
    match kind {
        EventKind::Access(_) | EventKind::Other => false,
        EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime)) => false,
        EventKind::Any | EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_) => true,
    }
}

/// Whether a change under the content folder can change the site: editors' swap and backup
/// files and hidden files cannot (`discover` skips them).
fn matters(content_dir: &Path, path: &Path) -> bool {
    let Ok(relative) = path.strip_prefix(content_dir) else {
        return true;
    };
    let Some(name) = relative.file_name().map(|n| n.to_string_lossy()) else {
        return true;
    };
    let hidden = relative
        .components()
        .any(|c| c.as_os_str().to_string_lossy().starts_with('.'));
    let scratch =
        name.ends_with('~') || name.ends_with(".swp") || name.ends_with(".swx") || name == "4913"; // vim checks it can write here
    !(hidden || scratch)
}

struct Builder {
    content_dir: PathBuf,
    workspace: PathBuf,
    today: NaiveDate,
    keep_going: bool,
    cache: Arc<PageCache>,
    attempts: u64,
    /// The last good build's warnings, printed again only when they change.
    warnings: Option<Vec<Diagnostic>>,
    live: Arc<Live>,
    /// The site the folder being served was built from, while it is (a failed build
    /// forgets it: the next build is a full one).
    kept: Option<Kept>,
    catch_up: Arc<CatchUp>,
}

impl Builder {
    /// Rebuilds after `changed` (under `watched`, the content folder as watched): only what
    /// the edit can change when it is to pages alone, otherwise all of it.
    fn rebuild_after(&mut self, changed: &[PathBuf], watched: &Path) {
        if self.catch_up.take_failed() {
            self.kept = None;
        }
        let (Some(mut kept), Some(served)) = (self.kept.take(), self.live.snapshot().site) else {
            return self.rebuild();
        };
        let started = Instant::now();
        let result = one_page::rebuild(
            &mut kept,
            changed,
            watched,
            &served,
            &self.cache,
            self.today,
            self.keep_going,
        );
        let took = started.elapsed().as_secs_f64() * 1000.0;
        match result {
            Ok(rebuilt) => {
                self.kept = Some(kept);
                let others = match rebuilt.made - rebuilt.read {
                    0 => String::new(),
                    1 => " and 1 page that lists it".to_string(),
                    n => format!(" and {n} pages that list it"),
                };
                let warnings = warnings_count(&rebuilt.warnings);
                self.show_warnings(rebuilt.warnings);
                eprintln!(
                    "Rebuilt the page{others} in {took:.0} ms: {} read, {} unchanged{warnings}; the search index, review reports and site zip follow.",
                    rebuilt.read, rebuilt.unchanged,
                );
                if let Some(previous) = self.live.built(served) {
                    catch_up::remove_before(&self.workspace, &self.live, &previous);
                }
                self.catch_up.request();
            }
            Err(one_page::NotDone::Rebuild(why)) => {
                eprintln!("Building the whole site: {why}.");
                self.rebuild();
            }
            Err(one_page::NotDone::Failed(problems)) => self.failed(problems),
        }
    }

    /// Builds into a new folder; on success serves it and removes the one before last (a
    /// request may still be reading the last one).
    fn rebuild(&mut self) {
        self.kept = None;
        self.attempts += 1;
        let output_dir = self.workspace.join(format!("build-{}", self.attempts));
        let started = Instant::now();
        let options = BuildOptions {
            content_dir: self.content_dir.clone(),
            output_dir: output_dir.clone(),
            today: self.today,
            keep_going: self.keep_going,
        };
        let (result, kept) = build::build_keeping(&options, Some(&self.cache));
        let took = started.elapsed().as_secs_f64();
        let used = self.cache.last_use();
        match result {
            Ok(report) => {
                let warnings = warnings_count(&report.warnings);
                self.show_warnings(report.warnings);
                eprintln!(
                    "Built {} pages in {took:.2} s: {} read, {} unchanged{warnings}.",
                    report.pages, used.read, used.reused,
                );
                // Made now rather than on the first edit, which it would slow down.
                self.kept = kept.map(|mut kept| {
                    kept.anchor_links = Some(page_edit::anchor_links(&kept.site));
                    kept
                });
                if let Some(previous) = self.live.built(output_dir) {
                    catch_up::remove_before(&self.workspace, &self.live, &previous);
                }
            }
            Err(problems) => self.failed(problems),
        }
    }

    /// Prints the warnings if they are not the ones printed last.
    fn show_warnings(&mut self, warnings: Vec<Diagnostic>) {
        if self.warnings.as_ref() != Some(&warnings) {
            print_problems(&warnings);
        }
        self.warnings = Some(warnings);
    }

    /// The build failed: the last good one stays served, and the next build is a full one.
    fn failed(&mut self, problems: Vec<Diagnostic>) {
        self.kept = None;
        print_problems(&problems);
        let serving = if self.live.snapshot().site.is_some() {
            "still serving the last good build"
        } else {
            "nothing to serve until it builds"
        };
        eprintln!(
            "The site could not be built ({serving}); the problems are shown in the browser too."
        );
        self.live.failed(problems);
    }
}

/// " (3 warnings)", for the log.
fn warnings_count(warnings: &[Diagnostic]) -> String {
    match warnings.len() {
        0 => String::new(),
        1 => " (1 warning)".to_string(),
        n => format!(" ({n} warnings)"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reading_files_does_not_rebuild() {
        use notify::event::{AccessKind, AccessMode, CreateKind, ModifyKind};
        assert!(!changes_files(&EventKind::Access(AccessKind::Close(
            AccessMode::Read
        ))));
        assert!(changes_files(&EventKind::Modify(ModifyKind::Any)));
        assert!(changes_files(&EventKind::Create(CreateKind::File)));
    }

    #[test]
    fn editor_scratch_files_do_not_rebuild() {
        let content = Path::new("/site/content");
        assert!(matters(content, Path::new("/site/content/travel/page.md")));
        assert!(matters(
            content,
            Path::new("/site/content/data/contacts.yaml")
        ));
        assert!(!matters(
            content,
            Path::new("/site/content/travel/.page.md.swp")
        ));
        assert!(!matters(
            content,
            Path::new("/site/content/travel/page.md~")
        ));
        assert!(!matters(content, Path::new("/site/content/.git/index")));
        assert!(!matters(content, Path::new("/site/content/travel/4913")));
    }
}
