//! What the preview is serving right now (the last good build, and the last build's problems
//! if it failed), shared between the rebuilding thread and the request threads, and told to
//! open pages as server-sent events.

use signpost_base::diagnostic::Diagnostic;
use std::io::Write;
use std::path::PathBuf;
use std::sync::{Condvar, Mutex, MutexGuard};
use std::time::Duration;

/// How often an idle event stream sends a comment, so a closed tab is noticed.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

#[derive(Debug, Clone, Default)]
pub struct State {
    /// Folder of the last good build.
    pub site: Option<PathBuf>,
    /// Number of the last good build (0: none yet). Pages are tagged with it, so a page
    /// knows when it is out of date.
    pub generation: u64,
    /// The last build's problems, when it failed.
    pub failure: Option<Vec<Diagnostic>>,
    /// Bumped on every build, good or bad, to wake the event streams.
    sequence: u64,
    stopping: bool,
}

#[derive(Default)]
pub struct Live {
    state: Mutex<State>,
    changed: Condvar,
}

impl Live {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn snapshot(&self) -> State {
        self.lock().clone()
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // A request thread that panicked leaves the state as it was: keep serving it.
        self.state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// A build succeeded: serve `site` from now on. Returns the folder it replaces.
    pub fn built(&self, site: PathBuf) -> Option<PathBuf> {
        let mut state = self.lock();
        let previous = state.site.replace(site);
        state.generation += 1;
        state.failure = None;
        state.sequence += 1;
        self.changed.notify_all();
        previous
    }

    /// How many builds, good or bad, there have been.
    pub fn sequence(&self) -> u64 {
        self.lock().sequence
    }

    /// The same site, complete, in another folder (`catch_up.rs`): served from now on, with
    /// no reload (its pages are the ones open pages show), unless anything was built since
    /// `sequence`. Whether it is served.
    pub fn moved_if_unchanged(&self, site: PathBuf, sequence: u64) -> bool {
        let mut state = self.lock();
        if state.sequence != sequence || state.stopping {
            return false;
        }
        state.site = Some(site);
        true
    }

    /// A build failed: keep serving the last good site, and show `problems` in open pages.
    pub fn failed(&self, problems: Vec<Diagnostic>) {
        let mut state = self.lock();
        self.fail(&mut state, problems);
    }

    /// [`Self::failed`], unless anything was built since `sequence`. Whether it is shown.
    pub fn failed_if_unchanged(&self, problems: Vec<Diagnostic>, sequence: u64) -> bool {
        let mut state = self.lock();
        if state.sequence != sequence {
            return false;
        }
        self.fail(&mut state, problems);
        true
    }

    fn fail(&self, state: &mut State, problems: Vec<Diagnostic>) {
        state.failure = Some(problems);
        state.sequence += 1;
        self.changed.notify_all();
    }

    /// Ends every event stream.
    pub fn stop(&self) {
        self.lock().stopping = true;
        self.changed.notify_all();
    }

    /// Streams events to one open page until it goes away or the preview stops: the state
    /// now, then each change.
    pub fn stream(&self, out: &mut dyn Write) -> std::io::Result<()> {
        // Reconnect quickly when the preview is restarted.
        out.write_all(b"retry: 1000\n\n")?;
        let mut seen = None;
        loop {
            let state = {
                let guard = self.lock();
                let (guard, _) = self
                    .changed
                    .wait_timeout_while(guard, KEEP_ALIVE, |s| {
                        !s.stopping && seen == Some(s.sequence)
                    })
                    .unwrap_or_else(std::sync::PoisonError::into_inner);
                guard.clone()
            };
            if state.stopping {
                return Ok(());
            }
            if seen == Some(state.sequence) {
                out.write_all(b": still here\n\n")?;
            } else {
                seen = Some(state.sequence);
                out.write_all(event(&state).as_bytes())?;
            }
            out.flush()?;
        }
    }
}

/// The server-sent event for a state: `built` or `failed`, with JSON data.
pub fn event(state: &State) -> String {
    let (name, data) = match &state.failure {
        None => (
            "built",
            serde_json::json!({ "generation": state.generation }),
        ),
        Some(problems) => (
            "failed",
            serde_json::json!({
                "generation": state.generation,
                "problems": problems_json(problems),
            }),
        ),
    };
    // JSON has no raw newlines, so the data is one `data:` line.
    format!("event: {name}\ndata: {data}\n\n")
}

pub fn problems_json(problems: &[Diagnostic]) -> serde_json::Value {
    problems
        .iter()
        .map(|p| {
            serde_json::json!({
                "severity": p.severity.label(),
                "location": p.location(),
                "message": p.message,
                "help": p.help,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    #[test]
    fn events_name_the_build_and_its_problems() {
        let live = Live::new();
        live.built(PathBuf::from("/tmp/1"));
        assert_eq!(
            event(&live.snapshot()),
            "event: built\ndata: {\"generation\":1}\n\n"
        );
        live.failed(vec![Diagnostic::error("p.md", 3, "broken\nthing")]);
        let failed = event(&live.snapshot());
        assert!(failed.starts_with("event: failed\ndata: {"), "{failed}");
        assert!(failed.contains("\"location\":\"p.md:3\""));
        assert_eq!(failed.matches('\n').count(), 3, "one data line: {failed}");
    }

    /// A writer the test can read while the stream is writing to it.
    #[derive(Clone, Default)]
    struct Shared(Arc<Mutex<Vec<u8>>>);

    impl Write for Shared {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(bytes);
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    impl Shared {
        fn events(&self) -> Vec<String> {
            let text = String::from_utf8(self.0.lock().unwrap().clone()).unwrap();
            text.lines()
                .filter_map(|l| l.strip_prefix("event: "))
                .map(String::from)
                .collect()
        }

        fn wait_for(&self, count: usize) -> Vec<String> {
            for _ in 0..200 {
                if self.events().len() >= count {
                    break;
                }
                std::thread::sleep(Duration::from_millis(10));
            }
            self.events()
        }
    }

    #[test]
    fn a_stream_sends_the_state_then_each_change_and_ends_on_stop() {
        let live = Arc::new(Live::new());
        live.built(PathBuf::from("/tmp/1"));
        let out = Shared::default();
        let (streaming, mut writer) = (Arc::clone(&live), out.clone());
        let reader = std::thread::spawn(move || streaming.stream(&mut writer));
        assert_eq!(out.wait_for(1), ["built"]);
        live.failed(vec![Diagnostic::error("p.md", 1, "broken")]);
        assert_eq!(out.wait_for(2), ["built", "failed"]);
        live.built(PathBuf::from("/tmp/2"));
        assert_eq!(out.wait_for(3), ["built", "failed", "built"]);
        live.stop();
        reader.join().unwrap().unwrap();
    }
}
