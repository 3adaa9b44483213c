"""Gives the glue the wasm's short import and export names (used by wizard/build-app.sh).

wasm-bindgen names each import after its function and a hash
(`__wbg_createElement_de4a31ed2fb252be`) and some exports after whole Rust paths; every name
is written twice, in the wasm and in the glue, and the hashes do not compress. `wasm-opt
--minify-imports-and-exports-and-modules` renames them in the wasm to one or two letters
(as emscripten does) and prints `old => new` for each; this script makes the same renames
in the glue, gives the glue's closure helpers (also named after Rust paths) short names, then
checks the glue's import object against the wasm's own import and export lists, so a
wasm-bindgen whose glue looks different fails the build instead of the page.

Usage: short_names.py MAP WASM GLUE_IN GLUE_OUT
"""

import re
import sys


def fail(message):
    sys.exit(f"short_names.py: {message}")


def leb(data, pos):
    """An unsigned LEB128 number at pos: (value, next position)."""
    value, shift = 0, 0
    while True:
        byte = data[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        if byte < 0x80:
            return value, pos
        shift += 7


def name(data, pos):
    length, pos = leb(data, pos)
    return data[pos : pos + length].decode("utf-8"), pos + length


def imports_and_exports(path):
    """The wasm's imports as (module, name) and its export names."""
    data = open(path, "rb").read()
    if data[:8] != b"\0asm\1\0\0\0":
        fail(f"{path} is not a wasm module")
    imports, exports, pos = [], [], 8
    while pos < len(data):
        section, pos = data[pos], pos + 1
        size, pos = leb(data, pos)
        end = pos + size
        if section in (2, 7):
            count, at = leb(data, pos)
            for _ in range(count):
                if section == 2:
                    module, at = name(data, at)
                    field, at = name(data, at)
                    kind, at = data[at], at + 1
                    # The description that follows: a type index, a table, a memory or a global.
                    if kind == 0:
                        _, at = leb(data, at)
                    elif kind == 1:
                        at += 1
                        flags, at = data[at], at + 1
                        _, at = leb(data, at)
                        if flags & 1:
                            _, at = leb(data, at)
                    elif kind == 2:
                        flags, at = data[at], at + 1
                        _, at = leb(data, at)
                        if flags & 1:
                            _, at = leb(data, at)
                    elif kind == 3:
                        at += 2
                    else:
                        fail(f"{path}: import of unknown kind {kind}")
                    imports.append((module, field))
                else:
                    field, at = name(data, at)
                    at += 1
                    _, at = leb(data, at)
                    exports.append(field)
        pos = end
    return imports, exports


def main(map_path, wasm_path, glue_in, glue_out):
    renames = {}
    for line in open(map_path, encoding="utf-8"):
        if line.strip():
            old, arrow, new = line.strip().partition(" => ")
            if not arrow or not re.fullmatch(r"[A-Za-z_$][A-Za-z0-9_$]*", new):
                fail(f"{map_path}: unexpected line {line.strip()!r}")
            renames[old] = new
    imports, exports = imports_and_exports(wasm_path)
    modules = {module for module, _ in imports}
    if len(modules) != 1:
        fail(f"{wasm_path} imports from {sorted(modules)}, expected one module")
    module = modules.pop()

    glue = open(glue_in, encoding="utf-8").read()
    glue, n = re.subn(r'"\./wizard_bg\.js": import0', f'"{module}": import0', glue)
    if n != 1:
        fail(f'{glue_in}: expected one "./wizard_bg.js": import0, found {n}')
    for old, new in renames.items():
        # An import is a key of the import object, an export is read as `wasm.name`; the
        # checks below catch any left behind.
        glue = re.sub(rf"(?m)^(\s+){re.escape(old)}(: function\()", rf"\g<1>{new}\2", glue)
        glue = re.sub(rf"\bwasm\.{re.escape(old)}(?![\w$])", f"wasm.{new}", glue)

    # The glue's own helpers that call into closures are named after whole Rust paths
    # (`wasm_bindgen_<hash>___convert__closures_____invoke___...`), each written twice.
    helpers = re.findall(r"(?m)^\s+function (wasm_bindgen_[A-Za-z0-9_]+)\(", glue)
    for i, old in enumerate(helpers):
        new = f"invoke{i}"
        if re.search(rf"\b{new}\b", glue):
            fail(f"{glue_in}: the short name {new} is taken")
        glue = re.sub(rf"\b{re.escape(old)}\b", new, glue)

    keys = re.search(r"const import0 = \{\n\s+__proto__: null,\n(.*?)\n\s+\};", glue, re.S)
    if not keys:
        fail(f"{glue_in}: no import object (const import0 = {{ ... }})")
    glue_imports = set(re.findall(r"(?m)^ {12}([A-Za-z0-9_$]+): function\(", keys.group(1)))
    wasm_imports = {field for _, field in imports}
    if not wasm_imports <= glue_imports:
        fail(f"the glue does not give the wasm's imports {sorted(wasm_imports - glue_imports)}")
    used = set(re.findall(r"\bwasm\.([\w$]+)", glue))
    if not used <= set(exports):
        fail(f"the glue uses exports the wasm does not have: {sorted(used - set(exports))}")
    open(glue_out, "w", encoding="utf-8").write(glue)


if __name__ == "__main__":
    if len(sys.argv) != 5:
        fail("usage: short_names.py MAP WASM GLUE_IN GLUE_OUT")
    main(*sys.argv[1:])
