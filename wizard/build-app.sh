#!/usr/bin/env bash
# Builds the wizard app (wizard/app, package signpost-wizard-app) for wasm32 from source and
# installs the bundle into theme/static/wizard/:
#   wizard.js       wasm-bindgen glue (--target no-modules: a classic script defining the
#                   global `wasm_bindgen`)
#   wizard-wasm.js  a classic script holding the optimised wasm, LZMA-compressed then base64,
#                   in `self.SIGNPOST_WIZARD_WASM_LZMA` (no fetch of a .wasm file: works from
#                   file://; LZMA is ~20% smaller than gzip, and boot.js carries a 2 KB decoder)
#   bundle.json     the SHA-256 of the wizard's sources (flow-independent) and the sizes
# boot.js, next to them, is hand-written source: it decodes the bytes and starts the app.
#
# Usage:
#   wizard/build-app.sh          build and install the bundle (commit theme/static/wizard/)
#   wizard/build-app.sh --check  fail if the committed bundle.json does not match the current
#                                sources (stale bundle); otherwise rebuild from source into a
#                                temporary directory and install that fresh bundle (CI, and
#                                before the browser tests)
#
# Route: rustup's wasm32-unknown-unknown target when it is installed; otherwise Debian's
# rustc-web/cargo-web with the standard library built from rust-web-src (-Zbuild-std), linked
# by wasm-ld-19 (see tests/install-deps.sh for the packages).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

MODE=install
case "${1:-}" in
    "") ;;
    --check) MODE=check ;;
    -h|--help) sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "build-app.sh: unknown argument '$1' (try --help)" >&2; exit 2 ;;
esac

PACKAGE=signpost-wizard-app
CRATE_FILE=signpost_wizard_app
TARGET=wasm32-unknown-unknown
PROFILE=wasm-release
TARGET_DIR="${SIGNPOST_WASM_TARGET_DIR:-$ROOT/target/wasm}"
DEST="$ROOT/theme/static/wizard"
# The sources the bundle is built from. Flows and data (content/) are deliberately not part
# of it: the generator embeds the flow JSON in each page, so a rule change needs no rebuild.
# From the shared files, only what reaches the wasm counts: the Cargo.lock entries of the
# app's dependency tree (a generator dependency update does not make the bundle stale) and
# the [profile.wasm-release] section of the workspace Cargo.toml.
SOURCES=(wizard/src wizard/app/src wizard/Cargo.toml wizard/app/Cargo.toml wizard/build-app.sh wizard/short_names.py)
SOURCES_SHOWN="${SOURCES[*]}, Cargo.lock (the app's dependency tree), Cargo.toml [profile.wasm-release]"

say() { printf '==> %s\n' "$*"; }
die() { printf 'build-app.sh: error: %s\n' "$*" >&2; exit 1; }

# The [[package]] entries of Cargo.lock reachable from $PACKAGE, sorted.
lock_entries() {
    command -v python3 >/dev/null || die "python3 not found (needed to read Cargo.lock)"
    python3 - "$PACKAGE" <<'PY'
import re, sys
blocks = open("Cargo.lock", encoding="utf-8").read().split("[[package]]")[1:]
entries, by_name = {}, {}
for b in blocks:
    key = (re.search(r'^name = "(.*)"$', b, re.M).group(1), re.search(r'^version = "(.*)"$', b, re.M).group(1))
    entries[key] = ("[[package]]" + b.rstrip() + "\n", re.findall(r'^ "([^"]*)",?$', b, re.M))
    by_name.setdefault(key[0], []).append(key)
def resolve(ref):
    name, _, rest = ref.partition(" ")
    found = [k for k in by_name.get(name, []) if not rest or k[1] == rest.split(" ")[0]]
    if not found:
        sys.exit(f"Cargo.lock: cannot resolve dependency {ref!r}")
    return found[0]
seen, todo = set(), [resolve(sys.argv[1])]
while todo:
    key = todo.pop()
    if key not in seen:
        seen.add(key)
        todo.extend(resolve(d) for d in entries[key][1])
sys.stdout.write("".join(entries[k][0] for k in sorted(seen)))
PY
}

# SHA-256 over the sources: one line "<sha256>  <name>" per file (sorted by path), then the
# lock entries and the profile, all hashed together.
source_hash() {
    local f
    for f in "${SOURCES[@]}" Cargo.lock Cargo.toml; do
        [ -e "$f" ] || die "missing source $f"
    done
    {
        find "${SOURCES[@]}" -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum
        printf '%s  Cargo.lock:%s\n' "$(lock_entries | sha256sum | cut -d' ' -f1)" "$PACKAGE"
        printf '%s  Cargo.toml:profile.wasm-release\n' \
            "$(awk '/^\[profile\.wasm-release\]/ { on = 1; print; next } /^\[/ { on = 0 } on' Cargo.toml | sha256sum | cut -d' ' -f1)"
    } | sha256sum | cut -d' ' -f1
}

json_field() { # json_field FILE KEY: the string value of a top-level "KEY": "value"
    sed -n "s/^ *\"$2\": *\"\([^\"]*\)\".*/\1/p" "$1" | head -n1
}

HASH="$(source_hash)"

if [ "$MODE" = check ]; then
    [ -f "$DEST/bundle.json" ] || die "no committed bundle: $DEST/bundle.json is missing; run wizard/build-app.sh and commit theme/static/wizard/"
    RECORDED="$(json_field "$DEST/bundle.json" source_sha256)"
    if [ "$RECORDED" != "$HASH" ]; then
        cat >&2 <<EOF
build-app.sh: error: the committed wizard bundle is STALE.
  theme/static/wizard/bundle.json was built from sources with SHA-256
      $RECORDED
  but the current sources ($SOURCES_SHOWN) hash to
      $HASH
  Rebuild it with wizard/build-app.sh and commit theme/static/wizard/.
EOF
        exit 1
    fi
    say "committed bundle matches the current sources ($HASH)"
fi

# ---------------------------------------------------------------- tools
LOCKED_BINDGEN="$(sed -n '/^name = "wasm-bindgen"$/{n;s/^version = "\(.*\)"$/\1/p;}' Cargo.lock | head -n1)"
[ -n "$LOCKED_BINDGEN" ] || die "wasm-bindgen is not in Cargo.lock"
command -v wasm-bindgen >/dev/null || die "wasm-bindgen not found; run tests/install-deps.sh (cargo install wasm-bindgen-cli --version $LOCKED_BINDGEN)"
HAVE_BINDGEN="$(wasm-bindgen --version | awk '{print $2}')"
[ "$HAVE_BINDGEN" = "$LOCKED_BINDGEN" ] \
    || die "wasm-bindgen $HAVE_BINDGEN is installed but Cargo.lock has $LOCKED_BINDGEN; run tests/install-deps.sh"
command -v wasm-opt >/dev/null || die "wasm-opt not found; apt-get install binaryen (or run tests/install-deps.sh)"
for t in gzip xz base64 sha256sum; do command -v "$t" >/dev/null || die "$t not found"; done

# ---------------------------------------------------------------- compile
rustup_has_wasm32() {
    command -v rustup >/dev/null || return 1
    # `rustup` may try to reach its server (e.g. to install a pinned toolchain): never hang.
    timeout 20 rustup target list --installed 2>/dev/null | grep -qx "$TARGET"
}

WASM="$TARGET_DIR/$TARGET/$PROFILE/$CRATE_FILE.wasm"
# MVP code: Debian's binaryen (wasm-opt 108) cannot read post-MVP instructions. Paths are
# remapped so the bytes do not depend on where the checkout or the cargo registry is.
MVP_FLAGS="-C target-cpu=mvp --remap-path-prefix=${CARGO_HOME:-$HOME/.cargo}=/cargo --remap-path-prefix=$ROOT=/signpost"
# For the app's own crate only, where the whole program is optimised at once (lto): LLVM's
# inliner given an explicit threshold. 5 is what LLVM uses for -Oz, yet given explicitly it
# leaves far fewer small functions (allocation, Yew's DOM code, the engine's) copied into
# their callers. Measured, wasm after wasm-opt: no flag 287 KB; 1 to 5 249 KB (85.8 KB
# LZMA+base64 gzip, 12.7 KB less); 0 251 KB; -5 251 KB; -30 265 KB. Given to every crate
# (RUSTFLAGS) instead, 0 made it larger (289 KB): hence `cargo rustc ... -- flags`, which
# reach the last crate only.
APP_FLAGS=(-C llvm-args=-inline-threshold=5)
if rustup_has_wasm32; then
    ROUTE="rustup (wasm32-unknown-unknown target, $(rustc --version))"
    say "compiling $PACKAGE: route $ROUTE"
    CARGO_TARGET_DIR="$TARGET_DIR" RUSTFLAGS="$MVP_FLAGS" \
        cargo rustc --quiet --locked -p "$PACKAGE" --target "$TARGET" --profile "$PROFILE" \
            --crate-type cdylib -- "${APP_FLAGS[@]}"
else
    for need in /usr/bin/cargo /usr/bin/rustc /usr/lib/rustlib/src/rust/library; do
        [ -e "$need" ] || die "rustup has no $TARGET target and Debian's Rust ($need) is missing; run tests/install-deps.sh"
    done
    command -v wasm-ld-19 >/dev/null || die "wasm-ld-19 not found; apt-get install lld-19 (or run tests/install-deps.sh)"
    ROUTE="debian (rustc-web $(/usr/bin/rustc --version | awk '{print $2}'), -Zbuild-std, wasm-ld-19)"
    say "compiling $PACKAGE: route $ROUTE"
    # std is built from source here, so it can also be built small: panics abort at once
    # (no message formatting), std's size-optimised code paths are used, `{:?}` formatting
    # is compiled out (nothing a reader sees uses it) and panic locations carry no file
    # names. Measured: the last two took 3.5 KB off the gzipped bundle.
    PATH="/usr/bin:$PATH" RUSTC=/usr/bin/rustc RUSTDOC=/usr/bin/rustdoc RUSTC_BOOTSTRAP=1 \
        RUSTC_WRAPPER= CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER=wasm-ld-19 \
        CARGO_TARGET_DIR="$TARGET_DIR" \
        RUSTFLAGS="$MVP_FLAGS -Zunstable-options -Cpanic=immediate-abort -Zfmt-debug=none -Zlocation-detail=none" \
        /usr/bin/cargo rustc --quiet --locked -p "$PACKAGE" --target "$TARGET" \
            --profile "$PROFILE" -Zbuild-std=std,panic_abort -Zbuild-std-features=optimize_for_size \
            --crate-type cdylib -- "${APP_FLAGS[@]}"
fi
[ -f "$WASM" ] || die "the build produced no $WASM"

# ---------------------------------------------------------------- bind, optimise, pack
WORK="$(mktemp -d "${TMPDIR:-/tmp}/signpost-wizard.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
OUT="$WORK/bundle"
mkdir -p "$OUT"

say "wasm-bindgen $HAVE_BINDGEN --target no-modules"
wasm-bindgen --target no-modules --no-typescript --out-dir "$WORK/bindgen" --out-name wizard "$WASM"

# --converge repeats -Oz while it still shrinks the module; --low-memory-unused lets it fold
# constant offsets into loads and stores, assuming nothing valid lives in the lowest 1 KB of
# memory: true of rustc's wasm32 output, where the stack comes first and grows down towards
# address 0 from 1 MiB (emscripten passes the flag by default). Measured: 1.9 KB less LZMA.
say "wasm-opt -Oz --converge --low-memory-unused ($(wasm-opt --version | awk '{print $3}'))"
FEATURES=()
if ! wasm-opt -Oz --converge --low-memory-unused --strip-debug --strip-producers -o "$WORK/optimised.wasm" "$WORK/bindgen/wizard_bg.wasm" 2>"$WORK/opt.err"; then
    # A prebuilt std (rustup route) may carry post-MVP instructions: tell wasm-opt.
    FEATURES=(--enable-sign-ext --enable-mutable-globals --enable-nontrapping-float-to-int
        --enable-bulk-memory --enable-multivalue --enable-reference-types)
    wasm-opt -Oz --converge --low-memory-unused --strip-debug --strip-producers "${FEATURES[@]}" \
        -o "$WORK/optimised.wasm" "$WORK/bindgen/wizard_bg.wasm" \
        || { cat "$WORK/opt.err" >&2; die "wasm-opt failed"; }
fi
# Short import and export names, in the wasm and then in the glue (wizard/short_names.py says
# why). A pass of its own: under --converge it would print its renames once per round.
# Measured: 3.3 KB less gzip for the two files.
say "short import and export names (wasm-opt --minify-imports-and-exports-and-modules)"
wasm-opt --minify-imports-and-exports-and-modules "${FEATURES[@]}" -o "$WORK/wizard.wasm" "$WORK/optimised.wasm" >"$WORK/names.map" \
    || die "wasm-opt could not shorten the import and export names"
python3 wizard/short_names.py "$WORK/names.map" "$WORK/wizard.wasm" "$WORK/bindgen/wizard.js" "$WORK/glue.js"

{
    echo "/* Generated by wizard/build-app.sh: wasm-bindgen $HAVE_BINDGEN glue (no-modules). Do not edit. */"
    cat "$WORK/glue.js"
} >"$OUT/wizard.js"
{
    echo "/* Generated by wizard/build-app.sh: the wizard's WebAssembly, LZMA then base64. Do not edit. */"
    printf 'self.SIGNPOST_WIZARD_WASM_LZMA = "'
    xz --format=lzma --lzma1=preset=9e,lc=3,lp=0,pb=0,dict=1MiB -c "$WORK/wizard.wasm" | base64 -w0
    printf '";\n'
} >"$OUT/wizard-wasm.js"

size() { wc -c <"$1" | tr -d ' '; }
gz() { gzip -9 -n -c "$1" | wc -c | tr -d ' '; }
sha() { sha256sum "$1" | cut -d' ' -f1; }
BOOT="$DEST/boot.js"
[ -f "$BOOT" ] || die "missing hand-written loader $BOOT"

cat >"$OUT/bundle.json" <<EOF
{
  "about": "The wizard bundle, built by wizard/build-app.sh. --check compares source_sha256 with the current sources.",
  "source_sha256": "$HASH",
  "sources": "$SOURCES_SHOWN",
  "package": "$PACKAGE",
  "wasm_bindgen": "$LOCKED_BINDGEN",
  "built_with": "$ROUTE; wasm-opt $(wasm-opt --version | awk '{print $3}')",
  "wasm": { "bytes": $(size "$WORK/wizard.wasm"), "gzip_bytes": $(gz "$WORK/wizard.wasm"), "sha256": "$(sha "$WORK/wizard.wasm")" },
  "files": {
    "wizard.js": { "bytes": $(size "$OUT/wizard.js"), "gzip_bytes": $(gz "$OUT/wizard.js"), "sha256": "$(sha "$OUT/wizard.js")" },
    "wizard-wasm.js": { "bytes": $(size "$OUT/wizard-wasm.js"), "gzip_bytes": $(gz "$OUT/wizard-wasm.js"), "sha256": "$(sha "$OUT/wizard-wasm.js")" },
    "boot.js": { "bytes": $(size "$BOOT"), "gzip_bytes": $(gz "$BOOT") }
  }
}
EOF

mkdir -p "$DEST"
if [ "$MODE" = check ] && cmp -s "$OUT/wizard-wasm.js" "$DEST/wizard-wasm.js" && cmp -s "$OUT/wizard.js" "$DEST/wizard.js"; then
    say "the fresh build is byte-identical to the committed bundle"
elif [ "$MODE" = check ]; then
    say "the fresh build differs in bytes from the committed one (another toolchain); installing the fresh one"
fi
cp "$OUT/wizard.js" "$OUT/wizard-wasm.js" "$OUT/bundle.json" "$DEST/"

# ---------------------------------------------------------------- report
kb() { awk -v b="$1" 'BEGIN { printf "%.1f KB", b / 1024 }'; }
report() { printf '    %-16s %10s raw %10s gzip\n' "$1" "$(kb "$(size "$2")")" "$(kb "$(gz "$2")")"; }
say "installed into theme/static/wizard/ (route: $ROUTE)"
report "wasm (optimised)" "$WORK/wizard.wasm"
report wizard.js "$DEST/wizard.js"
report wizard-wasm.js "$DEST/wizard-wasm.js"
report boot.js "$BOOT"
TOTAL_GZ=$(( $(gz "$DEST/wizard.js") + $(gz "$DEST/wizard-wasm.js") + $(gz "$BOOT") ))
if [ -f "$DEST/wizard.css" ]; then TOTAL_GZ=$(( TOTAL_GZ + $(gz "$DEST/wizard.css") )); report wizard.css "$DEST/wizard.css"; fi
printf '    %-16s %32s gzip (budget 100 KB)\n' "total" "$(kb "$TOTAL_GZ")"
