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

# The same corpus with `offline_copies: false`: pages, checks, reports and search only.
LEAN="$CORPUS-no-copies"
if [ ! -d "$LEAN" ]; then
    cp -r "$CORPUS" "$LEAN"
    printf 'name: Benchmark\noffline_copies: false\n' > "$LEAN/site.yaml"
fi

read -r floor_s floor_mb < <(measure "$WORK/floor-target/release/floor" "$CORPUS" "$OUT-floor")
read -r sp_s sp_mb < <(measure "$ROOT/target/release/signpost" build --content "$CORPUS" --output "$OUT")
read -r lean_s lean_mb < <(measure "$ROOT/target/release/signpost" build --content "$LEAN" --output "$OUT")
ratio() { python3 -c "print(f'{$1 / $floor_s:.2f}x')"; }
cpu="$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1)"
printf 'Measured %s on %s: %s cores (%s), %s pages, %s runs each, output on tmpfs\n' \
    "$(date -u +%F)" "$(uname -n)" "$(nproc)" "$cpu" "$PAGES" "$RUNS"
printf '(median wall, peak memory; the ratio to the floor is what holds across machines)\n'

printf '%-36s %7s s %6s MB\n' floor "$floor_s" "$floor_mb"
printf '%-36s %7s s %6s MB  %s\n' "signpost (everything)" "$sp_s" "$sp_mb" "$(ratio "$sp_s")"
printf '%-36s %7s s %6s MB  %s\n' "signpost (offline_copies: false)" "$lean_s" "$lean_mb" "$(ratio "$lean_s")"
# The search index beside the source it indexes (the last build above left its output).
source_bytes="$(find "$CORPUS" -name '*.md' -printf '%s\n' | awk '{s += $1} END {print s}')"
index_bytes="$(find "$OUT/assets" -path '*search*' ! -name 'search.js' -type f -printf '%s\n' | awk '{s += $1} END {print s + 0}')"
python3 -c "print(f'search index: {$index_bytes / 1e6:.1f} MB, {100 * $index_bytes / $source_bytes:.0f}% of the {$source_bytes / 1e6:.1f} MB of Markdown')"
echo "Stage by stage: SIGNPOST_TIMINGS=1 signpost build --content $CORPUS --output $OUT"
rm -rf "$OUT" "$OUT-floor"
