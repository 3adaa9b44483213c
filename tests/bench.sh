#!/usr/bin/env bash
# Build benchmark: Signpost on the deterministic guidance corpus from ../shared/bench
# (generated, not committed), output on tmpfs, against the bare read-parse-write floor on the
# same corpus. Prints the median wall time and the peak memory of each.
#
#   bash tests/bench.sh                 # 10,000 pages, 5 runs each
#   PAGES=1000 RUNS=3 bash tests/bench.sh
#
# Output goes to /dev/shm: disk writeback makes wall times of write-heavy runs swing.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PAGES="${PAGES:-10000}"
RUNS="${RUNS:-5}"
BENCH="${SIGNPOST_BENCH_INPUTS:-$ROOT/../shared/bench}"
WORK="${TMPDIR:-/tmp}/signpost-bench"
OUT=/dev/shm/signpost-bench-out
CORPUS="$WORK/corpus-$PAGES"
command -v /usr/bin/time >/dev/null || { echo "needs GNU time (apt-get install time)" >&2; exit 1; }

mkdir -p "$WORK"
[ -d "$CORPUS" ] || python3 "$BENCH/gen_corpus.py" --pages "$PAGES" --out "$CORPUS" >/dev/null
cargo build --quiet --release --manifest-path "$BENCH/floor/Cargo.toml" --target-dir "$WORK/floor-target"
(cd "$ROOT" && cargo build --quiet --release -p signpost)

# Runs a command RUNS times; prints "median-seconds peak-MB".
measure() {
    local times=() peak=0 line
    for _ in $(seq "$RUNS"); do
        rm -rf "$OUT" "$OUT-floor"
        line="$(/usr/bin/time -f '%e %M' "$@" 2>&1 >/dev/null | tail -n1)"
        times+=("${line% *}")
        local kb="${line#* }"
        [ "$kb" -gt "$peak" ] && peak="$kb"
    done
    local median
    median="$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (RUNS + 1) / 2 ))p")"
    echo "$median $(( peak / 1024 ))"
}

read -r floor_s floor_mb < <(measure "$WORK/floor-target/release/floor" "$CORPUS" "$OUT-floor")
read -r sp_s sp_mb < <(measure "$ROOT/target/release/signpost" build --content "$CORPUS" --output "$OUT")
ratio="$(python3 -c "print(f'{$sp_s / $floor_s:.2f}')")"
printf '%s pages, %s runs, output on tmpfs, %s cores\n' "$PAGES" "$RUNS" "$(nproc)"
printf '%-10s %8s s %8s MB\n' floor "$floor_s" "$floor_mb" signpost "$sp_s" "$sp_mb"
printf 'signpost / floor: %sx\n' "$ratio"
rm -rf "$OUT" "$OUT-floor"
