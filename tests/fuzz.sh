#!/usr/bin/env bash
# Runs Signpost's fuzzers (cargo-fuzz, libFuzzer, nightly toolchain), one after another,
# each for SECONDS, at the lowest priority (the machines are shared):
#
#   bash tests/fuzz.sh 600        # ten minutes each
#   bash tests/fuzz.sh 20 load_flow evaluate_flow   # some of them
#
# Targets (fuzz/fuzz_targets/): read_page, load_flow, evaluate_flow, settings_and_data,
# search_index. Each starts from its seeds (fuzz/seeds/<target>, taken from content/) and
# keeps what it finds in fuzz/corpus/<target> (not committed). A crash, panic, hang (10 s
# per input) or more than 2 GB of memory fails the run; the input is saved under
# fuzz/artifacts/<target>/ and should become a regression test (tests/testsuite/hostile_input.rs).
# Prints each target's executions and coverage.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
SECONDS_EACH="${1:?usage: tests/fuzz.sh SECONDS [TARGET...]}"
shift
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(read_page load_flow evaluate_flow settings_and_data search_index)

nice -n 19 cargo +nightly fuzz build -O >/dev/null
BIN="fuzz/target/x86_64-unknown-linux-gnu/release"
failed=0
for target in "${TARGETS[@]}"; do
    mkdir -p "fuzz/corpus/$target" "fuzz/artifacts/$target"
    log="fuzz/artifacts/$target.log"
    status=0
    nice -n 19 "$BIN/$target" "fuzz/corpus/$target" "fuzz/seeds/$target" \
        -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=2048 \
        -artifact_prefix="fuzz/artifacts/$target/" -print_final_stats=1 >"$log" 2>&1 || status=$?
    execs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n1)"
    cov="$(grep -oE 'cov: [0-9]+ ft: [0-9]+' "$log" | tail -n1)"
    corpus="$(find "fuzz/corpus/$target" -type f | wc -l)"
    printf '%-18s %s s  %s executions  %s  corpus %s\n' "$target" "$SECONDS_EACH" "${execs:-?}" "${cov:-cov: ?}" "$corpus"
    if [ "$status" != 0 ]; then
        failed=1
        echo "  FAILED (exit $status): see $log and fuzz/artifacts/$target/" >&2
        grep -E 'ERROR|panicked|SUMMARY|Test unit written' "$log" | head -n 8 >&2 || true
    fi
done
exit "$failed"
