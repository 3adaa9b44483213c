// Search on a large site, in real headless Chromium from file://: the 1,000-page guidance
// corpus from ../shared/bench/gen_corpus.py (not committed; skipped with a message when it
// is absent), built here with the signpost binary. The index comes in pieces loaded as the
// query needs them: a query loads a small part of it, and ranks what it finds as the same
// search with every piece on the page at once ranks it.
import { test, before, after, describe } from 'node:test';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
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

function buildCorpus() {
  const dir = r.tempDir('signpost-corpus-');
  const content = path.join(dir, 'content');
  execFileSync('python3', [GENERATOR, '--pages', '1000', '--out', content], { stdio: 'pipe' });
  return r.buildSite(content);
}

// ------------------------------------------------------------ the whole index at once

/** Every script of the site's index, joined: run before the page's own scripts, it puts
 * every piece on the page, so search.js adds no script for any of them. */
function wholeIndex(out) {
  const assets = path.join(out, 'assets');
  const parts = fs.readdirSync(path.join(assets, 'search')).map((f) => path.join(assets, 'search', f));
  return [path.join(assets, 'search-index.js')].concat(parts).map((f) => fs.readFileSync(f, 'utf8')).join('\n');
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
      assert.ok(loaded.length < all.length / 10, `${loaded.length} of ${all.length} files`);
      assert.deepEqual(r.foreignRequests(requests, site), [], 'no request outside the site folder');
      assert.deepEqual(errors, [], 'no console errors (so no CSP violation)');
    } finally {
      await context.close();
    }
  });

  test('results rank as the same search with the whole index on the page ranks them', async () => {
    const split = await r.open(browser, r.fileUrl('index.html', site));
    const once = await r.open(browser);
    try {
      await once.page.addInitScript({ content: wholeIndex(site) });
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
      assert.deepEqual(once.requests.filter((u) => /\/assets\/search\//.test(u)), [], 'every piece was on the page');
    } finally {
      await split.context.close();
      await once.context.close();
    }
  });

  test('a page is found by its title first; a misspelling forgiven', async () => {
    const { context, page } = await r.open(browser, r.fileUrl('index.html', site));
    try {
      let { results } = await search(page, 'mandatory risk certificate policy');
      assert.match(results[0].title, /^Mandatory risk certificate policy \d+$/);
      // On a site this large a section's snippet is the start of its text, and results are
      // ranked from the words' postings alone: the page with both words in its title first.
      ({ results } = await search(page, 'risk certificate'));
      assert.match(results[0].title, /\brisk certificate\b/i);
      let status;
      ({ status, results } = await search(page, 'encrypton'));
      assert.match(status, /results? for “encryption” \(no page has “encrypton”\)/);
      assert.match(results[0].title, /encryption/i);
    } finally {
      await context.close();
    }
  });

  test('ranking: title, then heading, then text; a rare word; the start of a word', async () => {
    const { context, page } = await r.open(browser, r.fileUrl('index.html', site));
    try {
      // A word in a page's title ranks it above pages with both words in their text only.
      let { results } = await search(page, 'firewall rotate');
      assert.match(results[0].title, /firewall/i);
      // A word every page has as a heading: each result links to that section.
      ({ results } = await search(page, 'exceptions'));
      assert.equal(results.length, 8);
      assert.deepEqual(results.filter((x) => !x.href.endsWith('#exceptions')), [], 'the Exceptions sections');
      // A rare word: the page whose title has it first, of a few.
      let status;
      ({ status, results } = await search(page, '188'));
      assert.match(status, /^\d results? for “188”$/);
      assert.match(results[0].title, / 188$/);
      // The start of a word finds it, the whole word ranked as the word itself would be.
      const whole = await search(page, 'encryption');
      const start = await search(page, 'encrypt');
      assert.equal(start.status.replace('encrypt', 'encryption'), whole.status);
      assert.match(start.results[0].title, /encryption/i);
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
