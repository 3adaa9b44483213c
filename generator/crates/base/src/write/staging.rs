//! The folder a site is built in before it replaces the output, and what is left of such
//! folders when a build is stopped: by Ctrl-C or SIGTERM (removed on the way out), or by
//! SIGKILL or a power cut (removed by the next build, recognised by Signpost's own marks).

use crate::names::OUTPUT_MARKER as MARKER;
use crate::write::{WriteError, io_problem};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// The file that marks a folder as a build in progress; written before anything else.
const STAGING_MARKER: &str = ".signpost-staging";
const NEW: &str = "signpost-new-";
const OLD: &str = "signpost-old-";

/// Folders this process is filling, for the signal handler to remove.
static UNFINISHED: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());
/// Set once the process is stopping: nothing more is written.
static STOPPING: AtomicBool = AtomicBool::new(false);

/// A folder being filled; removed again unless it was swapped in.
pub struct Staging {
    pub path: PathBuf,
    done: bool,
}

impl Staging {
    pub fn create<E>(parent: &Path, name: &str) -> Result<Self, WriteError<E>> {
        let path = parent.join(format!(".{name}.{NEW}{}", std::process::id()));
        if path.exists() {
            // Left over from a build of ours with the same process id.
            fs::remove_dir_all(&path)
                .map_err(|e| io_problem(&path, "cannot clear an old staging folder", e))?;
        }
        fs::create_dir(&path)
            .map_err(|e| io_problem(&path, "cannot create the staging folder", e))?;
        lock(&UNFINISHED).push(path.clone());
        let staging = Self { path, done: false };
        fs::write(staging.path.join(STAGING_MARKER), "")
            .map_err(|e| io_problem(&staging.path, "cannot write", e))?;
        Ok(staging)
    }

    /// Puts the staging folder in the output's place. On Linux an existing output is
    /// exchanged with the new one in a single step, so readers (and `serve`) never see a
    /// missing or half-replaced site; elsewhere it is moved aside first.
    pub fn swap_into<E>(
        mut self,
        output_dir: &Path,
        parent: &Path,
        name: &str,
    ) -> Result<(), WriteError<E>> {
        let old = parent.join(format!(".{name}.{OLD}{}", std::process::id()));
        let _ = fs::remove_file(self.path.join(STAGING_MARKER));
        if !output_dir.exists() {
            fs::rename(&self.path, output_dir)
                .map_err(|e| io_problem(output_dir, "cannot put the new output in place", e))?;
            self.finished();
            return Ok(());
        }
        if exchange(&self.path, output_dir).is_ok() {
            // The previous site is now in the staging folder's place.
            fs::rename(&self.path, &old)
                .map_err(|e| io_problem(&self.path, "cannot move the previous output aside", e))?;
        } else {
            fs::rename(output_dir, &old)
                .map_err(|e| io_problem(output_dir, "cannot move the previous output aside", e))?;
            if let Err(e) = fs::rename(&self.path, output_dir) {
                let _ = fs::rename(&old, output_dir);
                return Err(io_problem(output_dir, "cannot put the new output in place", e).into());
            }
        }
        self.finished();
        remove_marked(&old, MARKER)
            .map_err(|e| io_problem(&old, "cannot remove the previous output", e))?;
        Ok(())
    }

    fn finished(&mut self) {
        self.done = true;
        lock(&UNFINISHED).retain(|p| *p != self.path);
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.done {
            let _ = remove_marked(&self.path, STAGING_MARKER);
            self.finished();
        }
    }
}

/// Removes a marked folder with its mark last, so that a removal cut short (SIGKILL) still
/// leaves a folder the next build recognises as its own. Its entries are removed by a
/// thread per core: a large site's previous output is tens of thousands of files, and
/// removing them is the last thing a build waits for.
fn remove_marked(path: &Path, mark: &str) -> std::io::Result<()> {
    let entries = fs::read_dir(path)?.collect::<std::io::Result<Vec<_>>>()?;
    let next = AtomicUsize::new(0);
    let remove_entries = || -> std::io::Result<()> {
        while let Some(entry) = entries.get(next.fetch_add(1, Ordering::Relaxed)) {
            if entry.file_name() == mark {
                continue;
            }
            if entry.file_type()?.is_dir() {
                fs::remove_dir_all(entry.path())?;
            } else {
                fs::remove_file(entry.path())?;
            }
        }
        Ok(())
    };
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    std::thread::scope(|scope| {
        let helpers: Vec<_> = (1..threads.min(entries.len()))
            .map(|_| scope.spawn(remove_entries))
            .collect();
        let mine = remove_entries();
        helpers
            .into_iter()
            .map(|helper| {
                helper
                    .join()
                    .unwrap_or_else(|_| Err(std::io::Error::other("panicked")))
            })
            .chain([mine])
            .collect::<std::io::Result<()>>()
    })?;
    let _ = fs::remove_file(path.join(mark));
    fs::remove_dir(path)
}

/// Removes what builds of the output `name` in `parent` left when they were killed: a
/// staging folder or a previous output moved aside (by its name, and its staging or output
/// mark; or empty, killed before the mark was written), of a process that is no longer
/// running. Anything else is left alone.
pub fn remove_leftovers(parent: &Path, name: &str) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    let prefix = format!(".{name}.");
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(rest) = file_name.to_str().and_then(|n| n.strip_prefix(&prefix)) else {
            continue;
        };
        // Between the swap and the move aside, the previous site (output mark) sits at
        // the staging folder's name: either mark will do for either name.
        let Some(pid) = rest.strip_prefix(NEW).or_else(|| rest.strip_prefix(OLD)) else {
            continue;
        };
        let Ok(pid) = pid.parse::<u32>() else {
            continue;
        };
        let path = entry.path();
        if pid == std::process::id() || running(pid) || !entry.path().is_dir() {
            continue;
        }
        if path.join(STAGING_MARKER).is_file() {
            let _ = remove_marked(&path, STAGING_MARKER);
        } else if path.join(MARKER).is_file() {
            let _ = remove_marked(&path, MARKER);
        } else {
            // Killed before its marker was written: removed only if empty.
            let _ = fs::remove_dir(&path);
        }
    }
}

#[cfg(target_os = "linux")]
fn running(pid: u32) -> bool {
    Path::new("/proc").join(pid.to_string()).exists()
}

#[cfg(not(target_os = "linux"))]
fn running(_pid: u32) -> bool {
    false
}

/// For the Ctrl-C and SIGTERM handler: removes the folders being filled, then the caller
/// exits. Writers still running see [`stopping`] and write no more.
pub fn remove_unfinished() {
    STOPPING.store(true, Ordering::SeqCst);
    let paths = lock(&UNFINISHED).clone();
    for path in paths {
        // A writer may be half way through a file: try again until the folder is gone.
        for _ in 0..20 {
            if remove_marked(&path, STAGING_MARKER).is_ok() || !path.exists() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(25));
        }
    }
}

/// Whether the process is stopping on a signal.
pub fn stopping() -> bool {
    STOPPING.load(Ordering::SeqCst)
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(std::io::Error::from)
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<()> {
    Err(std::io::Error::from(std::io::ErrorKind::Unsupported))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removes_only_leftovers_of_dead_builds_that_carry_a_mark() {
        let dir = tempfile::tempdir().unwrap();
        let make = |name: &str, mark: Option<&str>| {
            let path = dir.path().join(name);
            fs::create_dir(&path).unwrap();
            fs::write(path.join("page.html"), "x").unwrap();
            if let Some(mark) = mark {
                fs::write(path.join(mark), "").unwrap();
            }
        };
        // Process ids above the kernel's limit (4194304) are never running.
        make(".public.signpost-new-4999999", Some(STAGING_MARKER));
        make(".public.signpost-old-4999998", Some(MARKER));
        // Killed between the swap and the move aside: the previous site, at the new name.
        make(".public.signpost-new-4999994", Some(MARKER));
        fs::create_dir(dir.path().join(".public.signpost-new-4999997")).unwrap();
        make(".public.signpost-new-4999996", None); // not ours: no mark
        make(".public.signpost-new-1", Some(STAGING_MARKER)); // init is running
        make(".other.signpost-new-4999995", Some(STAGING_MARKER)); // another output
        make("my-notes", Some(STAGING_MARKER));
        remove_leftovers(dir.path(), "public");
        let mut left: Vec<String> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        left.sort();
        assert_eq!(
            left,
            [
                ".other.signpost-new-4999995",
                ".public.signpost-new-1",
                ".public.signpost-new-4999996",
                "my-notes"
            ]
        );
    }
}
