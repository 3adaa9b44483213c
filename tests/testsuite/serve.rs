//! `signpost serve`: serves the site on 127.0.0.1, rebuilds after an edit (re-reading only
//! the page that changed), tells open pages to reload, shows a broken edit's problems while
//! serving the last good build, recovers when it is fixed, and stops cleanly on Ctrl-C.
//!
//! Loopback only; every wait is bounded; each test stops its server (and kills it if it
//! does not stop).

use crate::support;
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant, SystemTime};
use support::*;

/// Longest wait for anything: a debug build of the real site takes well under a second.
const PATIENCE: Duration = Duration::from_secs(30);

struct Preview {
    child: Child,
    address: String,
    stderr: PathBuf,
}

struct Reply {
    status: u16,
    head: String,
    body: String,
}

impl Preview {
    fn start(content: &Path, temp: &Path) -> Self {
        let stderr = temp.join("serve.log");
        let mut child = signpost()
            .args(["serve", "--port", "0", "--today", "2026-11-22", "--content"])
            .arg(content)
            // The preview's own folder goes here, so the test can see it removed.
            .env("TMPDIR", temp.join("tmp"))
            .stdout(Stdio::piped())
            .stderr(std::fs::File::create(&stderr).unwrap())
            .spawn()
            .expect("signpost serve starts");
        let stdout = child.stdout.take().unwrap();
        let (sender, receiver) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                let _ = sender.send(line);
            }
        });
        let mut preview = Preview {
            child,
            address: String::new(),
            stderr,
        };
        let line = receiver.recv_timeout(PATIENCE).unwrap_or_else(|_| {
            panic!("serve printed no address:\n{}", preview.log());
        });
        let address = line
            .split("http://")
            .nth(1)
            .and_then(|rest| rest.strip_suffix('/'))
            .unwrap_or_else(|| panic!("no address in `{line}`"));
        assert!(address.starts_with("127.0.0.1:"), "{address}");
        preview.address = address.to_string();
        preview
    }

    fn log(&self) -> String {
        std::fs::read_to_string(&self.stderr).unwrap_or_default()
    }

    fn connect(&self) -> TcpStream {
        let stream = TcpStream::connect(&self.address).expect("connects to the preview");
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        stream
    }

    fn get(&self, path: &str) -> Reply {
        let mut stream = self.connect();
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            self.address
        )
        .unwrap();
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).expect("reads the reply");
        let raw = String::from_utf8_lossy(&raw).into_owned();
        let (head, body) = raw.split_once("\r\n\r\n").expect("a head and a body");
        let status = head
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .expect("a status");
        Reply {
            status,
            head: head.to_string(),
            body: body.to_string(),
        }
    }

    /// Waits until `done` holds, or fails with `what` and the preview's log.
    fn wait_until(&self, what: &str, done: impl Fn() -> bool) {
        let started = Instant::now();
        while started.elapsed() < PATIENCE {
            if done() {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("timed out waiting for {what}; serve said:\n{}", self.log());
    }

    /// Ctrl-C, then the exit status (bounded: killed if it does not stop).
    fn stop(self) -> std::process::ExitStatus {
        self.stop_with("INT")
    }

    /// Sends `signal` (INT for Ctrl-C, TERM, HUP for a closed terminal), then the exit
    /// status.
    fn stop_with(mut self, signal: &str) -> std::process::ExitStatus {
        let interrupt = std::process::Command::new("sh")
            .arg("-c")
            .arg(format!("kill -{signal} {}", self.child.id()))
            .status()
            .unwrap();
        assert!(interrupt.success());
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(10) {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        panic!("serve did not stop on Ctrl-C:\n{}", self.log());
    }
}

impl Drop for Preview {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// The event stream an open page listens to.
struct Events {
    stream: TcpStream,
    seen: String,
}

impl Events {
    fn open(preview: &Preview) -> Self {
        let mut stream = preview.connect();
        write!(
            stream,
            "GET /__signpost/events HTTP/1.1\r\nHost: {}\r\n\r\n",
            preview.address
        )
        .unwrap();
        stream
            .set_read_timeout(Some(Duration::from_millis(200)))
            .unwrap();
        Events {
            stream,
            seen: String::new(),
        }
    }

    /// Reads until `needle` has come, and returns everything read so far.
    fn wait_for(&mut self, needle: &str, preview: &Preview) -> String {
        let started = Instant::now();
        let mut buffer = [0u8; 4096];
        while !self.seen.contains(needle) {
            assert!(
                started.elapsed() < PATIENCE,
                "no `{needle}` in the events:\n{}\nserve said:\n{}",
                self.seen,
                preview.log()
            );
            match self.stream.read(&mut buffer) {
                Ok(0) => panic!("the event stream ended:\n{}", self.seen),
                Ok(n) => self.seen.push_str(&String::from_utf8_lossy(&buffer[..n])),
                Err(_) => {} // timed out: read again
            }
        }
        self.seen.clone()
    }
}

fn temp_site() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("tmp")).unwrap();
    let content = dir.path().join("content");
    copy_tree(&workspace().join("content"), &content);
    (dir, content)
}

const PAGE: &str = "travel/accessing-it-systems-from-overseas";

#[test]
fn serves_rebuilds_reloads_shows_errors_and_recovers() {
    let (dir, content) = temp_site();
    let preview = Preview::start(&content, dir.path());

    // Serves the built site, each page with the external reload script and the CSP.
    let home = preview.get("/");
    assert_eq!(home.status, 200, "{}", home.head);
    assert!(
        home.body
            .contains("<script src=\"/__signpost/reload.js?generation=1\" defer></script>"),
        "{}",
        home.body
    );
    assert!(!home.body.contains("<script>"), "no inline script");
    assert!(home.head.contains(
        "Content-Security-Policy: default-src 'self'; script-src 'self' 'wasm-unsafe-eval'"
    ));
    let script = preview.get("/__signpost/reload.js");
    assert_eq!(script.status, 200);
    assert!(
        script
            .body
            .contains("new EventSource(\"/__signpost/events\")")
    );
    assert!(preview.get("/assets/style.css").head.contains("text/css"));
    assert_eq!(preview.get("/no-such-page.html").status, 404);
    let folder = preview.get("/travel");
    assert_eq!(folder.status, 301);
    assert!(
        folder.head.contains("Location: /travel/"),
        "{}",
        folder.head
    );
    assert_eq!(preview.get("/travel/").status, 200);
    assert_eq!(preview.get("/%2e%2e/%2e%2e/etc/passwd").status, 400);
    let calendar = preview.get("/reviews.ics");
    assert!(
        calendar.head.contains("Content-Type: text/calendar"),
        "{}",
        calendar.head
    );

    let mut events = Events::open(&preview);
    events.wait_for("event: built\ndata: {\"generation\":1}", &preview);

    // An edit: rebuilt, open pages told, and only the edited page read again.
    let file = content.join(format!("{PAGE}.md"));
    let good = std::fs::read_to_string(&file).unwrap();
    let edited = good.replacen(
        "This guidance information applies",
        "This EDITED guidance applies",
        1,
    );
    assert_ne!(good, edited);
    std::fs::write(&file, &edited).unwrap();
    events.wait_for("event: built\ndata: {\"generation\":2}", &preview);
    let page = preview.get(&format!("/{PAGE}.html"));
    assert!(page.body.contains("This EDITED guidance applies"));
    assert!(page.body.contains("reload.js?generation=2"));
    assert!(
        preview.log().contains("1 read, 7 unchanged"),
        "{}",
        preview.log()
    );

    // A broken edit: the problem goes to the page and the terminal; the last good build
    // is still served.
    let broken = edited.replacen("title: Accessing", "title: [Accessing", 1);
    std::fs::write(&file, &broken).unwrap();
    let seen = events.wait_for("event: failed", &preview);
    let failed = seen.rsplit("event: failed\ndata: ").next().unwrap();
    let data: serde_json::Value =
        serde_json::from_str(failed.lines().next().unwrap()).expect("JSON event data");
    assert_eq!(data["generation"], 2, "{data}");
    let location = data["problems"][0]["location"].as_str().unwrap();
    assert!(location.contains(&format!("{PAGE}.md:")), "{data}");
    preview.wait_until("the error in the terminal", || {
        preview.log().contains("never closed with `]`")
            && preview.log().contains("still serving the last good build")
    });
    let still = preview.get(&format!("/{PAGE}.html"));
    assert_eq!(still.status, 200);
    assert!(still.body.contains("This EDITED guidance applies"));
    let status: serde_json::Value =
        serde_json::from_str(&preview.get("/__signpost/status").body).unwrap();
    assert_eq!(status["ok"], false);

    // Fixed: rebuilt, and the pages reload.
    std::fs::write(&file, &good).unwrap();
    events.wait_for("event: built\ndata: {\"generation\":3}", &preview);
    let fixed = preview.get(&format!("/{PAGE}.html"));
    assert!(!fixed.body.contains("EDITED"));

    // Ctrl-C: stops, ending the event stream, and removes its folder.
    let status = preview.stop();
    assert!(status.success(), "exit {status}");
    let mut rest = String::new();
    events
        .stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    let _ = events.stream.read_to_string(&mut rest);
    let left: Vec<_> = std::fs::read_dir(dir.path().join("tmp")).unwrap().collect();
    assert!(left.is_empty(), "the preview left {left:?}");
}

#[test]
fn a_site_that_never_built_shows_its_problems_until_it_does() {
    let (dir, content) = temp_site();
    let file = content.join(format!("{PAGE}.md"));
    let good = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        good.replacen("title: Accessing", "title: [Accessing", 1),
    )
    .unwrap();
    let preview = Preview::start(&content, dir.path());

    let page = preview.get("/");
    assert_eq!(page.status, 503);
    assert!(
        page.body.contains("The site could not be built"),
        "{}",
        page.body
    );
    assert!(page.body.contains(&format!("{PAGE}.md:")), "{}", page.body);
    assert!(page.body.contains("reload.js?generation=0"));

    std::fs::write(&file, &good).unwrap();
    preview.wait_until("the fixed site", || preview.get("/").status == 200);
    assert!(
        preview
            .get(&format!("/{PAGE}.html"))
            .body
            .contains("generation=1")
    );
    // Stopped as a service manager or a closed terminal stops it: it still cleans up.
    assert!(preview.stop_with("TERM").success());
    let left: Vec<_> = std::fs::read_dir(dir.path().join("tmp")).unwrap().collect();
    assert!(left.is_empty(), "the preview left {left:?}");
}

/// Issue 14: the watch outlives the content folder being replaced; `//travel` is not
/// redirected to the host `travel`; idle connections neither pile up threads nor last.
#[test]
fn survives_a_replaced_content_folder_slow_clients_and_odd_paths() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("tmp")).unwrap();
    let content = dir.path().join("content");
    write_site(
        &content,
        &[
            ("index.md", "---\ntitle: Home\n---\nFirst home.\n"),
            ("travel/index.md", "---\ntitle: Travel\n---\nTravel.\n"),
        ],
    );
    let preview = Preview::start(&content, dir.path());
    assert!(preview.get("/").body.contains("First home."));

    for path in ["//travel", "///travel", "/./travel", "/%2Ftravel"] {
        let reply = preview.get(path);
        assert_eq!(reply.status, 301, "{path}: {}", reply.head);
        assert!(
            reply.head.contains("\r\nLocation: /"),
            "{path}: {}",
            reply.head
        );
        assert!(
            !reply.head.contains("Location: //"),
            "{path}: {}",
            reply.head
        );
    }
    assert!(
        preview
            .get("//travel")
            .head
            .contains("Location: /travel/\r\n")
    );

    // As `git checkout` of another branch can: the folder goes, and a new one comes.
    std::fs::rename(&content, dir.path().join("content-old")).unwrap();
    write_site(
        &content,
        &[
            ("index.md", "---\ntitle: Home\n---\nSecond home.\n"),
            ("travel/index.md", "---\ntitle: Travel\n---\nTravel.\n"),
        ],
    );
    preview.wait_until("the new folder's site", || {
        preview.get("/").body.contains("Second home.")
    });
    // And the new folder is watched.
    std::fs::write(
        content.join("index.md"),
        "---\ntitle: Home\n---\nThird home.\n",
    )
    .unwrap();
    preview.wait_until("an edit in the new folder", || {
        preview.get("/").body.contains("Third home.")
    });

    // 300 clients that connect and say nothing: a bounded number of threads, and the site
    // is served again once they have been dropped (each has 10 seconds to send its request).
    let threads = |pid: u32| {
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
        status
            .lines()
            .find_map(|l| l.strip_prefix("Threads:"))
            .and_then(|n| n.trim().parse::<usize>().ok())
            .unwrap()
    };
    let idle: Vec<TcpStream> = (0..300).map(|_| preview.connect()).collect();
    std::thread::sleep(Duration::from_millis(500));
    let busy = threads(preview.child.id());
    assert!(busy < 160, "{busy} threads for 300 idle connections");
    // Meanwhile a new client is turned away (503, or a reset when it had not yet read).
    let answered = || {
        let mut stream = preview.connect();
        let _ = stream.write_all(b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        let mut raw = Vec::new();
        let _ = stream.read_to_end(&mut raw);
        String::from_utf8_lossy(&raw).starts_with("HTTP/1.1 200")
    };
    assert!(!answered(), "served while 300 idle clients held it");
    preview.wait_until("idle connections dropped", answered);
    drop(idle);
    assert!(preview.stop().success());
}

const ADVICE: &str = "travel/general-advice-on-taking-equipment-abroad";

/// A folder the preview built into (`build-1`, `catch-up-1`), under the test's TMPDIR.
fn preview_folder(dir: &Path, name: &str) -> Option<PathBuf> {
    let workspace = std::fs::read_dir(dir.join("tmp"))
        .ok()?
        .next()?
        .ok()?
        .path();
    Some(workspace.join(name)).filter(|folder| folder.is_dir())
}

/// Every file under `folder` with its inode and modification time: what a rebuild replaced.
fn stamps(folder: &Path) -> BTreeMap<PathBuf, (u64, SystemTime)> {
    use std::os::unix::fs::MetadataExt;
    walk(folder)
        .into_iter()
        .filter(|path| path.is_file())
        .map(|path| {
            let metadata = std::fs::metadata(&path).unwrap();
            let relative = path.strip_prefix(folder).unwrap().to_path_buf();
            (relative, (metadata.ino(), metadata.modified().unwrap()))
        })
        .collect()
}

/// The files whose stamps differ, or that one side lacks.
fn replaced(
    before: &BTreeMap<PathBuf, (u64, SystemTime)>,
    after: &BTreeMap<PathBuf, (u64, SystemTime)>,
) -> Vec<String> {
    let mut paths: Vec<&PathBuf> = before.keys().chain(after.keys()).collect();
    paths.sort();
    paths.dedup();
    paths
        .into_iter()
        .filter(|path| before.get(*path) != after.get(*path))
        .map(|path| path.to_string_lossy().replace('\\', "/"))
        .collect()
}

/// Issue 15: an edit to one page's body rewrites that page and its offline copy in the
/// folder being served, and no other file; the search index and the site zip follow, in a
/// build of their own that is served once it is complete.
#[test]
fn an_edited_page_is_rebuilt_alone_then_search_and_the_zip_catch_up() {
    let (dir, content) = temp_site();
    let preview = Preview::start(&content, dir.path());
    let mut events = Events::open(&preview);
    events.wait_for("event: built\ndata: {\"generation\":1}", &preview);
    let served = preview_folder(dir.path(), "build-1").expect("the first build");
    let before = stamps(&served);

    let file = content.join(format!("{ADVICE}.md"));
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        format!("{text}\nQuokkaberry is a word only this edit has.\n"),
    )
    .unwrap();
    events.wait_for("event: built\ndata: {\"generation\":2}", &preview);

    assert_eq!(
        replaced(&before, &stamps(&served)),
        [format!("{ADVICE}.html"), format!("{ADVICE}.offline.html")],
        "only the page and its copy are written again"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |name: &str| served.join(name).metadata().unwrap().permissions().mode();
        assert_eq!(
            mode(&format!("{ADVICE}.html")),
            mode("index.html"),
            "a page written again keeps the mode a build gives it"
        );
    }
    let page = preview.get(&format!("/{ADVICE}.html"));
    assert!(page.body.contains("Quokkaberry"), "{}", page.body);
    assert!(page.body.contains("reload.js?generation=2"));
    let copy = preview.get(&format!("/{ADVICE}.offline.html"));
    assert!(copy.body.contains("Quokkaberry"));
    let log = preview.log();
    assert!(log.contains("Rebuilt the page in "), "{log}");
    assert!(log.contains("1 read, 7 unchanged"), "{log}");

    // The background build: served once complete, with the word in its index and zip.
    preview.wait_until("the search index and zip to catch up", || {
        preview.log().contains("caught up")
    });
    let caught_up = preview_folder(dir.path(), "catch-up-1").expect("the background build");
    let index = signpost_render::search::read_index(&caught_up.join("assets")).unwrap();
    assert!(
        index.sections.iter().any(|s| s.3.contains("Quokkaberry")),
        "the word is indexed"
    );
    for piece in walk(&caught_up.join("assets")) {
        let relative = piece.strip_prefix(&caught_up).unwrap().to_string_lossy();
        if piece.is_file() && relative.contains("search") {
            let disk = String::from_utf8_lossy(&std::fs::read(&piece).unwrap()).into_owned();
            assert_eq!(
                preview.get(&format!("/{relative}")).body,
                disk,
                "{relative} served"
            );
        }
    }
    let zip = caught_up.join("it-security-guidance.zip");
    let mut archive = zip::ZipArchive::new(std::fs::File::open(zip).unwrap()).unwrap();
    let name = (0..archive.len())
        .map(|i| archive.by_index(i).unwrap().name().to_string())
        .find(|name| name.ends_with(&format!("{ADVICE}.html")))
        .expect("the page is in the zip");
    let mut zipped = String::new();
    archive
        .by_name(&name)
        .unwrap()
        .read_to_string(&mut zipped)
        .unwrap();
    assert!(zipped.contains("Quokkaberry"), "the zip has the edit");
    // No reload for it: open pages already show what it holds.
    assert!(!events.seen.contains("\"generation\":3"), "{}", events.seen);
    assert!(preview.stop().success());
}

/// Issue 15: a new title reaches the pages that list the page (navigation, the section and
/// home pages, the search page) and no others.
#[test]
fn a_new_title_is_shown_by_the_pages_that_list_the_page() {
    let (dir, content) = temp_site();
    let preview = Preview::start(&content, dir.path());
    let mut events = Events::open(&preview);
    events.wait_for("event: built\ndata: {\"generation\":1}", &preview);
    let served = preview_folder(dir.path(), "build-1").expect("the first build");
    let before = stamps(&served);

    let file = content.join(format!("{ADVICE}.md"));
    let text = std::fs::read_to_string(&file).unwrap();
    let renamed = text.replacen(
        "title: General advice on taking equipment abroad",
        "title: Before you take equipment abroad",
        1,
    );
    assert_ne!(text, renamed);
    std::fs::write(&file, renamed).unwrap();
    events.wait_for("event: built\ndata: {\"generation\":2}", &preview);

    let new_title = "Before you take equipment abroad";
    for listing in [
        "/travel/accessing-it-systems-from-overseas.html",
        "/travel/",
        "/",
    ] {
        let page = preview.get(listing);
        assert!(page.body.contains(new_title), "{listing} lists the page");
        assert!(
            !page
                .body
                .contains("General advice on taking equipment abroad"),
            "{listing} still shows the old title"
        );
    }
    let replaced = replaced(&before, &stamps(&served));
    assert!(
        replaced.contains(&"travel/index.html".to_string()),
        "{replaced:?}"
    );
    assert!(
        !replaced.iter().any(|path| path.starts_with("devices/")),
        "the devices pages do not show the travel folder's pages: {replaced:?}"
    );
    assert!(
        preview.log().contains("pages that list it"),
        "{}",
        preview.log()
    );

    preview.wait_until("the search page to catch up", || {
        preview.get("/search.html").body.contains(new_title)
    });
    assert!(preview.stop().success());
}

/// Issue 15: removing a heading that another page links to is reported at that link, as a
/// full build reports it; the last good build stays served until it is fixed.
#[test]
fn a_heading_another_page_links_to_cannot_go_unnoticed() {
    let (dir, content) = temp_site();
    let preview = Preview::start(&content, dir.path());
    let mut events = Events::open(&preview);
    events.wait_for("event: built\ndata: {\"generation\":1}", &preview);

    let linking = content.join("devices/using-your-own-device.md");
    let text = std::fs::read_to_string(&linking).unwrap();
    std::fs::write(
        &linking,
        format!("{text}\nSee [staying safe abroad](../travel/general-advice-on-taking-equipment-abroad.md#personal-safety).\n"),
    )
    .unwrap();
    events.wait_for("event: built\ndata: {\"generation\":2}", &preview);

    let target = content.join(format!("{ADVICE}.md"));
    let good = std::fs::read_to_string(&target).unwrap();
    let without = good.replacen("## Personal safety", "## Staying safe", 1);
    assert_ne!(good, without);
    std::fs::write(&target, without).unwrap();
    let seen = events.wait_for("event: failed", &preview);
    let failed = seen.rsplit("event: failed\ndata: ").next().unwrap();
    let data: serde_json::Value = serde_json::from_str(failed.lines().next().unwrap()).unwrap();
    let problems = data["problems"].as_array().unwrap();
    assert!(
        problems.iter().any(|p| {
            p["location"]
                .as_str()
                .unwrap()
                .contains("devices/using-your-own-device.md:")
                && p["message"].as_str().unwrap().contains("#personal-safety")
        }),
        "{data}"
    );
    assert!(
        preview
            .get(&format!("/{ADVICE}.html"))
            .body
            .contains("Personal safety"),
        "the last good build is still served"
    );

    std::fs::write(&target, good).unwrap();
    events.wait_for("event: built\ndata: {\"generation\":3}", &preview);
    let status: serde_json::Value =
        serde_json::from_str(&preview.get("/__signpost/status").body).unwrap();
    assert_eq!(status["ok"], true);
    assert!(preview.stop().success());
}

/// Issue 15: what only a whole build finds (here, the site's own search page template failing
/// on the new title) is reported when the background build finds it, as a failed rebuild is;
/// the next edit builds the whole site, and recovers.
#[test]
fn a_problem_only_the_background_build_finds_is_reported() {
    let (dir, content) = temp_site();
    std::fs::write(
        content.join("templates/search.html"),
        "{% for p in pages %}{% if p.title == \"Boom\" %}{{ no_such_value }}{% endif %}{% endfor %}",
    )
    .unwrap();
    let preview = Preview::start(&content, dir.path());
    let mut events = Events::open(&preview);
    events.wait_for("event: built\ndata: {\"generation\":1}", &preview);

    let file = content.join(format!("{ADVICE}.md"));
    let good = std::fs::read_to_string(&file).unwrap();
    let boom = good.replacen(
        "title: General advice on taking equipment abroad",
        "title: Boom",
        1,
    );
    assert_ne!(good, boom);
    std::fs::write(&file, boom).unwrap();
    events.wait_for("event: built\ndata: {\"generation\":2}", &preview);
    let seen = events.wait_for("event: failed", &preview);
    assert!(seen.contains("no_such_value"), "{seen}");
    preview.wait_until("the error in the terminal", || {
        preview
            .log()
            .contains("could not be built in the background")
    });

    std::fs::write(&file, good).unwrap();
    events.wait_for("event: built\ndata: {\"generation\":3}", &preview);
    let log = preview.log();
    let after = log
        .split("could not be built in the background")
        .nth(1)
        .unwrap();
    assert!(
        after.contains("Built 8 pages"),
        "a full rebuild after it: {log}"
    );
    assert!(preview.stop().success());
}

#[test]
fn a_page_saved_through_a_temporary_file_is_rebuilt_alone_and_a_folder_moved_away_is_not() {
    let (dir, content) = temp_site();
    std::fs::create_dir(content.join("extra")).unwrap();
    std::fs::write(
        content.join("extra/note.md"),
        "---\ntitle: A note\nowner: IT Security\nreview_by: 2027-06-01\n---\n\nA note.\n",
    )
    .unwrap();
    let preview = Preview::start(&content, dir.path());
    let mut events = Events::open(&preview);
    events.wait_for("event: built\ndata: {\"generation\":1}", &preview);
    assert_eq!(preview.get("/extra/note.html").status, 200);

    // As `sed -i` and "safe write" editors save: a new file beside the page, renamed over it.
    let file = content.join(format!("{ADVICE}.md"));
    let text = std::fs::read_to_string(&file).unwrap();
    let temporary = file.with_file_name("sedX4b9Qz");
    std::fs::write(
        &temporary,
        format!("{text}\nSaved through a temporary file.\n"),
    )
    .unwrap();
    std::fs::rename(&temporary, &file).unwrap();
    events.wait_for("event: built\ndata: {\"generation\":2}", &preview);
    let page = preview.get(&format!("/{ADVICE}.html"));
    assert!(page.body.contains("Saved through a temporary file."));
    let log = preview.log();
    assert!(log.contains("Rebuilt the page in "), "{log}");
    assert!(!log.contains("Building the whole site"), "{log}");

    // A folder moved out of the content folder is one event for a path that is no longer
    // there: the site was read from files in it, so the whole site is built again.
    std::fs::rename(content.join("extra"), dir.path().join("extra-moved")).unwrap();
    events.wait_for("event: built\ndata: {\"generation\":3}", &preview);
    assert!(preview.log().contains("Building the whole site"));
    assert_eq!(preview.get("/extra/note.html").status, 404);
}
