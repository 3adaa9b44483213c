//! How long each stage of a build took, for benchmarking (`SIGNPOST_TIMINGS`).

/// Runs a stage of the build, timed (see [`timed`]).
pub fn stage<T>(name: &str, run: impl FnOnce() -> T) -> T {
    let started = std::time::Instant::now();
    let result = run();
    timed(name, started);
    result
}

/// With `SIGNPOST_TIMINGS` set, says how long a stage took and the memory then in use (for
/// benchmarking).
pub fn timed(stage: &str, started: std::time::Instant) {
    if std::env::var_os("SIGNPOST_TIMINGS").is_some() {
        // With the memory in use at the end of the stage, where the system says (Linux).
        let memory = std::fs::read_to_string("/proc/self/status")
            .ok()
            .and_then(|status| {
                let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
                let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
                Some(format!(", {} MB in use", kb / 1024))
            })
            .unwrap_or_default();
        eprintln!(
            "timing: {stage}: {:.3} s{memory}",
            started.elapsed().as_secs_f64()
        );
    }
}
