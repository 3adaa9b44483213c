// The LZMA decoder in theme/static/wizard/boot.js, checked in Node against the bundle it
// ships with (its SHA-256 is in bundle.json) and against xz on a few edge cases.
'use strict';

const { test } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const DIR = process.env.SIGNPOST_WIZARD_BUNDLE || path.join(__dirname, '..', '..', 'theme', 'static', 'wizard');
const { lzmaDecode } = require(path.join(DIR, 'boot.js'));

function lzma(bytes) {
  return new Uint8Array(execFileSync('xz', ['--format=lzma', '--lzma1=preset=9e,lc=3,lp=0,pb=0,dict=1MiB', '-c'], { input: bytes }));
}

test('the shipped bundle decodes to the wasm recorded in bundle.json', () => {
  const bundle = JSON.parse(fs.readFileSync(path.join(DIR, 'bundle.json'), 'utf8'));
  const js = fs.readFileSync(path.join(DIR, 'wizard-wasm.js'), 'utf8');
  const b64 = /SIGNPOST_WIZARD_WASM_LZMA = "([^"]*)"/.exec(js)[1];
  const t0 = process.hrtime.bigint();
  const wasm = lzmaDecode(new Uint8Array(Buffer.from(b64, 'base64')));
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  assert.equal(wasm.length, bundle.wasm.bytes);
  assert.equal(crypto.createHash('sha256').update(wasm).digest('hex'), bundle.wasm.sha256);
  assert.ok(WebAssembly.validate(wasm), 'valid WebAssembly');
  assert.ok(ms < 2000, `decoding took ${ms} ms`);
});

test('edge cases round-trip through xz and the decoder', () => {
  const random = crypto.randomBytes(70000);
  const cases = [
    new Uint8Array(0),
    new Uint8Array([42]),
    new Uint8Array(100000), // long runs (long matches, rep0)
    new Uint8Array(Buffer.from('abcabcabcabd'.repeat(5000))),
    new Uint8Array(random), // literals, large distances
    new Uint8Array(Buffer.concat([random.subarray(0, 30000), random.subarray(0, 30000), random.subarray(5, 20000)])),
  ];
  for (const input of cases) {
    const out = lzmaDecode(lzma(input));
    assert.equal(Buffer.compare(Buffer.from(out), Buffer.from(input)), 0, `round trip of ${input.length} bytes`);
  }
});
