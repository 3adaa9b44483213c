// Search on a large site, in real headless Chromium from file://: the 1,000-page guidance
// corpus from ../shared/bench/gen_corpus.py (not committed; skipped with a message when it
// is absent), built here with the signpost binary. The index comes in pieces loaded as the
// query needs them: a query loads a small part of it, and ranks what it finds as the same
// search over the whole index, every page's text at once, ranks it.
import { test, before, after, describe } from 'node:test';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import * as r from './readers-harness.mjs';

const { assert } = r;
const here = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.join(here, '..', '..');
const GENERATOR = path.join(ROOT, '..', 'shared', 'bench', 'gen_corpus.py');
const BOX = 'Search this site';
const absent = fs.existsSync(GENERATOR) ? false : `the corpus generator ${GENERATOR} is absent`;
let browser;
let site;

/** The signpost binary: SIGNPOST_BIN, or the workspace's release build, or its debug build. */
function signpostBinary() {
  if (process.env.SIGNPOST_BIN) return process.env.SIGNPOST_BIN;
  const target = path.join(ROOT, 'target');
  const found = ['release', 'debug'].map((p) => path.join(target, p, 'signpost')).find((f) => fs.existsSync(f));
  if (!found) throw new Error('no signpost binary: run `cargo build --release`, or set SIGNPOST_BIN');
  return found;
}

function buildCorpus() {
  const dir = r.tempDir('signpost-corpus-');
  const content = path.join(dir, 'content');
  execFileSync('python3', [GENERATOR, '--pages', '1000', '--out', content], { stdio: 'pipe' });
  const out = path.join(dir, 'public');
  execFileSync(signpostBinary(), ['build', '--content', content, '--output', out, '--today', '2026-11-20'], { stdio: 'pipe' });
  return out;
}

// ------------------------------------------------------------ reading the index in Node
// An independent reader of the format search.js reads, to make the whole index at once.

function unpackScript(file) {
  const text = fs.readFileSync(file, 'utf8');
  const packed = text.match(/"([A-Za-z0-9+/=]*)"[};]*;?\s*$/)[1];
  return zlib.gunzipSync(Buffer.from(packed, 'base64'));
}

function numbers(bytes, at) {
  return {
    at,
    number() {
      let value = 0;
      let scale = 1;
      let b;
      do { b = bytes[this.at++]; value += (b & 0x7f) * scale; scale *= 128; } while (b >= 0x80);
      return value;
    },
    byte() { return bytes[this.at++]; },
  };
}

function readTexts(base, words, read, count) {
  const texts = [];
  for (let i = 0; i < count; i++) {
    const n = read.number();
    let text = base.gaps[read.number()];
    for (let k = 0; k < n; k++) {
      const token = read.byte();
      if (token < 192) { text += `${words[token]} `; continue; }
      const kind = (token - 192) >> 1;
      const spaced = (token - 192) % 2 === 0;
      const w = read.number();
      let word = kind === 3 ? base.literals[w] : words[w];
      if (kind === 1) word = word[0].toUpperCase() + word.slice(1);
      if (kind === 2) word = word.toUpperCase();
      text += word + (spaced ? ' ' : base.gaps[read.number()]);
    }
    texts.push(text);
  }
  return texts;
}

/** The site's index as one whole (search.js's format 2), from its pieces. */
function wholeIndex(out) {
  const assets = path.join(out, 'assets');
  const base = JSON.parse(unpackScript(path.join(assets, 'search-index.js')));
  const words = base.words.split('\n');
  const chunks = [];
  for (let n = 0; n * base.pieces < base.sections.length; n++) {
    const bytes = unpackScript(path.join(assets, 'search', `t${n}.js`));
    const newline = bytes.indexOf(10);
    const length = Number(bytes.subarray(0, newline).toString());
    const data = JSON.parse(bytes.subarray(newline + 1, newline + 1 + length).toString());
    const texts = readTexts(base, words, numbers(bytes, newline + 1 + length), data.sections.length);
    data.sections.forEach((s, i) => s.push(texts[i]));
    chunks.push(zlib.gzipSync(Buffer.from(JSON.stringify(data))).toString('base64'));
  }
  return chunks;
}

// ------------------------------------------------------------ searching

async function search(page, query) {
  await page.getByRole('searchbox', { name: BOX }).fill(query);
  await page.waitForFunction(
    (q) => (document.querySelector('form.site-search [role=status]')?.textContent || '').includes(`\u201c${q}\u201d`),
    query,
    { timeout: 20000 },
  );
  const status = await page.locator('form.site-search [role=status]').textContent();
  const results = await page.locator('.site-search-result').evaluateAll((items) => items.map((li) => ({
    title: li.querySelector('.site-search-result-title').textContent,
    href: li.querySelector('a').getAttribute('href'),
    marks: Array.from(li.querySelectorAll('mark'), (m) => m.textContent.toLowerCase()),
  })));
  return { status, results };
}

const QUERIES = [
  'certificate',
  'risk certificate',
  'mandatory risk certificate policy',
  'access review',
  'firewall rotate',
  'encrypton', // misspelt: one letter off "encryption"
  'offboard',
];

describe('search on a 1,000-page site, from file://', { skip: absent }, () => {
  before(async () => {
    browser = await r.launch();
    site = buildCorpus();
  });
  after(async () => { await browser?.close(); });

  test('a query loads a small part of the index: the words, their shards, the texts shown', async () => {
    const { context, page, requests, errors } = await r.open(browser, r.fileUrl('index.html', site));
    try {
      await search(page, 'mandatory risk certificate policy');
      const loaded = requests.filter((u) => /\/assets\/search(-index\.js|\/)/.test(u));
      const size = (u) => fs.statSync(fileURLToPath(u)).size;
      const bytes = loaded.reduce((sum, u) => sum + size(u), 0);
      const all = [path.join(site, 'assets', 'search-index.js')]
        .concat(fs.readdirSync(path.join(site, 'assets', 'search')).map((f) => path.join(site, 'assets', 'search', f)));
      const total = all.reduce((sum, f) => sum + fs.statSync(f).size, 0);
      assert.ok(bytes <= 300 * 1024, `first query loaded ${bytes} bytes`);
      assert.ok(bytes * 5 < total, `first query loaded ${bytes} of the index's ${total} bytes`);
      assert.ok(loaded.length < all.length / 20, `${loaded.length} of ${all.length} files`);
      assert.deepEqual(r.foreignRequests(requests, site), [], 'no request outside the site folder');
      assert.deepEqual(errors, [], 'no console errors (so no CSP violation)');
    } finally {
      await context.close();
    }
  });

  test('results rank as the same search over the whole index ranks them', async () => {
    const whole = wholeIndex(site);
    const split = await r.open(browser, r.fileUrl('index.html', site));
    const once = await r.open(browser);
    try {
      await once.page.addInitScript((d) => { window.SIGNPOST_SEARCH_INDEX = { format: 'signpost-search-2', data: d }; }, whole);
      await once.page.goto(r.fileUrl('index.html', site));
      const differ = [];
      for (const query of QUERIES) {
        const got = await search(split.page, query);
        const expected = await search(once.page, query);
        assert.equal(got.status, expected.status, query);
        assert.ok(got.results.length > 0, `${query}: results`);
        if (JSON.stringify(got.results) !== JSON.stringify(expected.results)) {
          differ.push(`${query}:\n  got ${got.results.map((x) => x.title)}\n  not ${expected.results.map((x) => x.title)}`);
        }
      }
      assert.deepEqual(differ, []);
    } finally {
      await split.context.close();
      await once.context.close();
    }
  });

  test('a page is found by its title first; words together first; a misspelling forgiven', async () => {
    const { context, page } = await r.open(browser, r.fileUrl('index.html', site));
    try {
      let { results } = await search(page, 'mandatory risk certificate policy');
      assert.match(results[0].title, /^Mandatory risk certificate policy \d+$/);
      ({ results } = await search(page, 'risk certificate'));
      assert.deepEqual(results[0].marks, ['risk certificate'], 'the words together first, marked together');
      let status;
      ({ status, results } = await search(page, 'encrypton'));
      assert.match(status, /results? for “encryption” \(no page has “encrypton”\)/);
      assert.match(results[0].title, /encryption/i);
    } finally {
      await context.close();
    }
  });

  test('the search page shows 50 results at a time, and the next 50 on request', async () => {
    const { context, page, errors } = await r.open(browser, `${r.fileUrl('search.html', site)}?q=certificate`);
    try {
      await page.waitForSelector('#search-page-results li');
      const status = await page.locator('.search-page [role=status]').textContent();
      const count = Number(status.match(/^(\d+) results/)[1]);
      assert.ok(count > 100, status);
      assert.equal(await page.locator('#search-page-results li').count(), 50);
      const more = page.getByRole('button', { name: 'Show 50 more results' });
      await more.focus();
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.querySelectorAll('#search-page-results li').length === 100);
      assert.equal(
        await page.evaluate(() => document.activeElement.closest('li') === document.querySelectorAll('#search-page-results li')[50]),
        true,
        'focus on the first of the new results',
      );
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
