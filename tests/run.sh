#!/usr/bin/env bash
# Runs every Signpost test on this machine, installing what the tests need first
# (Chromium, the wasm toolchain, wasm-bindgen-cli, the browser tests' npm packages).
#
#   bash tests/run.sh
#
# 1. formatting and lints (cargo fmt, clippy -D warnings)
# 2. unit and end-to-end tests (cargo test: engine, generator, the real content/, bad input,
#    output safety)
# 3. the wizard's wasm bundle rebuilt from source; fails if the committed bundle is stale
# 4. the real site built from content/, then the browser tests in headless Chromium against
#    it, over HTTP and from file://
# 5. a short pass of every fuzzer (20 s each; tests/fuzz.sh runs them longer). The kill
#    test, 20 killed 10,000-page builds, is tests/kill.sh, run on its own.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
step() { printf '\n=== %s\n' "$*"; }

step "Installing test dependencies"
bash tests/install-deps.sh

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy"
cargo clippy --workspace --all-targets --quiet -- -D warnings

step "cargo test"
# Snapshots (tests/testsuite/snapshots/) are compared, never written: a mismatch fails.
# To accept a change, run `INSTA_UPDATE=always cargo test` and read the diff.
INSTA_UPDATE=no cargo test --workspace --quiet

step "Rebuilding the wizard from source (fails if the committed bundle is stale)"
bash wizard/build-app.sh --check

step "Building the real site"
SITE="$(mktemp -d)/public"
cargo run --release --quiet -- build --content content --output "$SITE"

step "Building the real sites from ../shared/real-sites, as they are"
REAL_SITES=""
if [ -d ../shared/real-sites ]; then
  REAL_SITES="$(mktemp -d)"
  cp -R ../shared/real-sites/cloud-platform-user-guide ../shared/real-sites/security-guidance "$REAL_SITES/"
  chmod -R u+w "$REAL_SITES"
  # The tech-docs site builds as it is; the Jekyll site has real broken links, so it builds
  # with --keep-going.
  for build in "cloud-platform-user-guide" "security-guidance --keep-going"; do
    set -- $build
    if ! target/release/signpost build "${@:2}" --content "$REAL_SITES/$1" --output "$REAL_SITES/$1.site" >"$REAL_SITES/$1.log" 2>&1; then
      cat "$REAL_SITES/$1.log"
      exit 1
    fi
  done
else
  echo "../shared/real-sites is not there: the real sites' browser tests are skipped"
fi

step "Browser tests (headless Chromium, over HTTP and from file://)"
(cd tests/browser && SIGNPOST_SITE="$SITE" SIGNPOST_REAL_SITES="$REAL_SITES" npm test --silent)

step "Fuzzers, a short pass (tests/fuzz.sh 20)"
bash tests/fuzz.sh 20
