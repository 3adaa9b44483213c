#!/usr/bin/env bash
# Installs what Signpost's wasm build (wizard/build-app.sh) and browser tests (tests/browser)
# need, on a fresh Debian 12 machine (as root), or on one that already has some of it:
#   - Debian packages: Chromium and ChromeDriver (headless browser tests); Debian's Rust for
#     the browser packages with the standard library's source (rustc-web, cargo-web,
#     rust-web-src: builds std for wasm32 when rustup has no wasm32 target), lld-19
#     (wasm-ld-19), binaryen (wasm-opt), Node.js and npm, a C toolchain, poppler-utils
#     (pdftotext, for the print tests).
#   - wasm-bindgen-cli from crates.io, at exactly the wasm-bindgen version in Cargo.lock.
#   - tests/browser's npm packages (playwright-core, axe-core) from its package-lock.json.
# Idempotent: each step is skipped when what it installs is already there.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

say() { printf '==> %s\n' "$*"; }
die() { printf 'install-deps.sh: error: %s\n' "$*" >&2; exit 1; }

SUDO=""
if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null || die "run as root (or install sudo)"
    SUDO="sudo"
fi

# ---------------------------------------------------------------- Debian packages
APT_PACKAGES=(
    chromium chromium-driver fonts-liberation
    rustc-web cargo-web rust-web-src lld-19 binaryen
    nodejs npm
    gcc libc6-dev pkg-config ca-certificates gzip xz-utils coreutils python3
    unzip   # the readers' tests unzip the site copy
    poppler-utils   # the print tests read Chromium's PDF (pdftotext)
)
missing=()
for p in "${APT_PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
        # Node.js from another source (e.g. a nodesource build that bundles npm) is fine too.
        if { [ "$p" = nodejs ] && command -v node >/dev/null; } \
            || { [ "$p" = npm ] && command -v npm >/dev/null; }; then
            continue
        fi
        missing+=("$p")
    fi
done
# The Nu Html Checker (npm vnu-jar) runs on Java; any Java 8+ will do.
if ! command -v java >/dev/null; then missing+=(default-jre-headless); fi
if [ ${#missing[@]} -gt 0 ]; then
    say "apt: installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
    say "apt: all packages present"
fi

# ---------------------------------------------------------------- wasm-bindgen-cli
WANT="$(sed -n '/^name = "wasm-bindgen"$/{n;s/^version = "\(.*\)"$/\1/p;}' Cargo.lock | head -n1)"
[ -n "$WANT" ] || die "wasm-bindgen not found in Cargo.lock"
HAVE=""
if command -v wasm-bindgen >/dev/null; then HAVE="$(wasm-bindgen --version | awk '{print $2}')"; fi
if [ "$HAVE" = "$WANT" ]; then
    say "wasm-bindgen-cli $WANT present"
else
    # rustup's cargo when there is one, otherwise Debian's (cargo-web).
    CARGO="$(command -v cargo || echo /usr/bin/cargo)"
    say "cargo install wasm-bindgen-cli $WANT (was: ${HAVE:-none}; takes a few minutes)"
    # --locked first (the crate's own lockfile); should a pinned dependency be missing from
    # the registry, resolve afresh within the crate's version requirements.
    if ! "$CARGO" install --quiet --locked wasm-bindgen-cli --version "$WANT" 2>/tmp/install-wasm-bindgen.log; then
        say "  --locked failed (see /tmp/install-wasm-bindgen.log); retrying without --locked"
        "$CARGO" install --quiet wasm-bindgen-cli --version "$WANT" \
            || die "cargo install wasm-bindgen-cli $WANT failed"
    fi
    BIN="${CARGO_HOME:-$HOME/.cargo}/bin"
    case ":$PATH:" in *":$BIN:"*) ;; *) say "  note: add $BIN to PATH" ;; esac
fi

# ---------------------------------------------------------------- fuzzing
# tests/fuzz.sh: cargo-fuzz (crates.io) with rustup's nightly toolchain (libFuzzer needs
# nightly's sanitizer flags).
if command -v rustup >/dev/null && ! rustup toolchain list | grep -q '^nightly'; then
    say "rustup: installing the nightly toolchain (for the fuzzers)"
    rustup toolchain install nightly --profile minimal \
        || die "cannot install the nightly toolchain (needed by tests/fuzz.sh)"
fi
if cargo fuzz --version >/dev/null 2>&1; then
    say "cargo-fuzz present"
else
    CARGO="$(command -v cargo || echo /usr/bin/cargo)"
    say "cargo install cargo-fuzz (takes a few minutes)"
    "$CARGO" install --quiet --locked cargo-fuzz || die "cargo install cargo-fuzz failed"
fi

# ---------------------------------------------------------------- npm packages
if [ -f tests/browser/package-lock.json ]; then
    if [ -d tests/browser/node_modules/playwright-core ] && [ -d tests/browser/node_modules/axe-core ] \
        && [ tests/browser/node_modules/.package-lock.json -nt tests/browser/package-lock.json ]; then
        say "npm: tests/browser packages present"
    else
        say "npm ci in tests/browser"
        (cd tests/browser && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
    fi
fi

say "done"
