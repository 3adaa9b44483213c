#!/usr/bin/env bash
# The fault test: a 10,000-page build killed (SIGKILL) at a random point, 20 times. After
# each kill the previous site must be byte-identical (or, when the kill came after the new
# site was swapped in, in one step, byte-identical to the complete new site), and the next
# build must succeed and leave no staging folder beside the output. Takes a while (20 builds and 20 part-builds
# of 10,000 pages), so it is not part of tests/run.sh:
#
#   bash tests/kill.sh            # PAGES=10000 RUNS=20
#   PAGES=2000 RUNS=5 bash tests/kill.sh
#
# The corpus comes from ../shared/bench/gen_corpus.py (generated, not committed).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PAGES="${PAGES:-10000}"
RUNS="${RUNS:-20}"
BENCH="${SIGNPOST_BENCH_INPUTS:-$ROOT/../shared/bench}"
WORK="${TMPDIR:-/tmp}/signpost-kill"
CONTENT="$WORK/corpus-$PAGES"
OUT="$WORK/site/public"
mkdir -p "$WORK/site"
[ -d "$CONTENT" ] || python3 "$BENCH/gen_corpus.py" --pages "$PAGES" --out "$CONTENT" >/dev/null
(cd "$ROOT" && cargo build --quiet --release -p signpost)
SIGNPOST="$ROOT/target/release/signpost"

build() { "$SIGNPOST" build --content "$CONTENT" --output "$OUT" --today 2026-11-22 >/dev/null 2>&1; }
fingerprint() { (cd "$OUT" && find . -type f -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -d' ' -f1); }
leftovers() { find "$WORK/site" -mindepth 1 -maxdepth 1 -name '.public.signpost-*' | wc -l; }
# Each run builds something new, so a kill that came too late would show.
change() { printf -- '---\ntitle: Kill test %s\n---\nRun %s.\n' "$1" "$1" >"$CONTENT/kill-test.md"; }

# Times a whole build (warm: after the first), so kills land inside builds.
timed_build() {
    local start
    start=$(date +%s%N)
    build || return 1
    took_ms=$(( ($(date +%s%N) - start) / 1000000 ))
}

rm -rf "$OUT"
change 0
timed_build
change 0
timed_build
echo "a build takes ${took_ms} ms"
killed=0 finished=0
for run in $(seq "$RUNS"); do
    before="$(fingerprint)"
    change "$run"
    # Somewhere in the build: from its first moments to just before it would finish.
    delay_ms=$(( RANDOM * took_ms * 9 / 10 / 32768 ))
    "$SIGNPOST" build --content "$CONTENT" --output "$OUT" --today 2026-11-22 >/dev/null 2>&1 &
    pid=$!
    sleep "$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))"
    if kill -KILL "$pid" 2>/dev/null; then killed=$((killed + 1)); else finished=$((finished + 1)); fi
    wait "$pid" 2>/dev/null && status=0 || status=$?
    after="$(fingerprint)"
    if ! timed_build; then
        echo "run $run: the next build failed" >&2
        exit 1
    fi
    # The next build makes the same site (same content, same --today) the killed one was
    # making: the site after the kill is either the previous one or that one, whole.
    new="$(fingerprint)"
    if [ "$status" = 137 ] && [ "$after" = "$before" ]; then
        what="killed after ${delay_ms} ms: previous site byte-identical"
    elif [ "$status" = 137 ] && [ "$after" = "$new" ]; then
        what="killed after ${delay_ms} ms, after the swap: the new site, whole"
    elif [ "$status" = 137 ]; then
        echo "run $run: killed after ${delay_ms} ms: the site is neither the previous one nor the new one" >&2
        exit 1
    else
        what="finished before the kill at ${delay_ms} ms (exit $status)"
    fi
    if [ "$(leftovers)" != 0 ]; then
        echo "run $run: staging folders left after the next build:" >&2
        find "$WORK/site" -mindepth 1 -maxdepth 1 -name '.public.signpost-*' >&2
        exit 1
    fi
    grep -q "Run $run." "$OUT/kill-test.html" || { echo "run $run: the next build is not the new site" >&2; exit 1; }
    echo "run $run: $what; next build ok, no staging folder"
done
echo "kill test passed: $killed killed mid-build, $finished finished first, of $RUNS runs on $PAGES pages"
