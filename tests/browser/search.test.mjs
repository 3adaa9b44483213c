// Site search in real headless Chromium, opened from disk (file://) with the pages'
// Content-Security-Policy enforced: results as you type, keyboard, the announced count,
// the search page, no HTML from content ever becoming markup, and no network.
import { test, before, after, describe } from 'node:test';
import fs from 'node:fs';
import path from 'node:path';
import * as r from './readers-harness.mjs';

const { assert } = r;
let browser;

before(async () => { browser = await r.launch(); });
after(async () => { await browser?.close(); });

const BOX = 'Search this site';

async function typeQuery(page, query, said = query) {
  await page.getByRole('searchbox', { name: BOX }).fill(query);
  await page.waitForFunction(
    (q) => document.querySelector('[role=status]')?.textContent.includes(`\u201c${q}\u201d`),
    said,
    { timeout: 10000 },
  );
}

describe('search from file://', () => {
  test('typing a query shows the right page, section and a highlighted snippet', async () => {
    const { context, page, requests, errors } = await r.open(browser, r.fileUrl('devices/index.html'));
    try {
      await typeQuery(page, 'roaming');
      const status = await page.locator('form.site-search [role=status]').textContent();
      assert.match(status, /^\d+ results? for “roaming”$/);
      const first = page.locator('.site-search-result').first();
      assert.equal(await first.locator('.site-search-result-title').textContent(), 'Accessing MoJ IT systems from overseas');
      assert.equal(await first.locator('.site-search-result-section').textContent(), 'International Roaming');
      const marks = await first.locator('mark').allTextContents();
      assert.ok(marks.length > 0 && marks.every((m) => m.toLowerCase() === 'roaming'), marks.join(','));
      // Relative link from a page one folder down, to the section.
      assert.equal(
        await first.locator('a').getAttribute('href'),
        '../travel/accessing-it-systems-from-overseas.html#international-roaming',
      );
      await first.locator('a').click();
      await page.waitForURL(/accessing-it-systems-from-overseas\.html#international-roaming$/);
      assert.deepEqual(r.foreignRequests(requests, r.SITE), [], 'no request outside the site folder');
      assert.deepEqual(errors, [], 'no console errors (so no CSP violation)');
    } finally {
      await context.close();
    }
  });

  test('replaced guidance ranks below current guidance, and says it is replaced', async () => {
    const { context, page } = await r.open(browser, r.fileUrl('index.html'));
    try {
      await typeQuery(page, 'roaming');
      const titles = await page.locator('.site-search-result-title').allTextContents();
      const replaced = titles.indexOf('Taking IT equipment abroad (business or personal)');
      assert.ok(replaced > 0, `the 2018 page is listed, after the current one: ${titles}`);
      const items = page.locator('.site-search-result');
      assert.match(await items.nth(replaced).textContent(), /Replaced guidance/);
      for (let i = 0; i < replaced; i++) {
        assert.doesNotMatch(await items.nth(i).textContent(), /Replaced guidance/);
      }
    } finally {
      await context.close();
    }
  });

  test('accents and case do not matter; every word must match; no results is said', async () => {
    const { context, page } = await r.open(browser, r.fileUrl('index.html'));
    try {
      await typeQuery(page, 'ROAMİNG charges');
      assert.ok((await page.locator('.site-search-result').count()) > 0);
      await typeQuery(page, 'roaming zebra');
      assert.equal(await page.locator('.site-search-result').count(), 0);
      assert.equal(await page.locator('.site-search-summary').textContent(), 'No results for “roaming zebra”');
    } finally {
      await context.close();
    }
  });

  test('keyboard: down into the results, up and down between them, Escape back to the box', async () => {
    const { context, page } = await r.open(browser, r.fileUrl('index.html'));
    try {
      // Reach the box from the top of the page with Tab, as a keyboard user does.
      await page.keyboard.press('Tab'); // skip link
      await page.keyboard.press('Tab'); // site name
      await page.keyboard.press('Tab'); // search box
      assert.equal(await page.evaluate(() => document.activeElement.id), 'site-search-input');
      await page.keyboard.type('contact');
      await page.waitForSelector('.site-search-result');
      const links = page.locator('.site-search-results a');
      const count = await links.count();
      assert.ok(count >= 2, `several results (${count})`);
      const focusedHref = () => page.evaluate(() => document.activeElement.getAttribute('href'));
      await page.keyboard.press('ArrowDown');
      assert.equal(await focusedHref(), await links.nth(0).getAttribute('href'));
      await page.keyboard.press('ArrowDown');
      assert.equal(await focusedHref(), await links.nth(1).getAttribute('href'));
      await page.keyboard.press('ArrowUp');
      await page.keyboard.press('ArrowUp');
      assert.equal(await page.evaluate(() => document.activeElement.id), 'site-search-input');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Escape');
      assert.equal(await page.evaluate(() => document.activeElement.id), 'site-search-input');
      assert.equal(await page.locator('#site-search-results').isVisible(), false, 'Escape closes the results');
      // Focus leaving the search closes the results too.
      await page.keyboard.type('s');
      await page.waitForSelector('#site-search-results:not([hidden])');
      await page.locator('h1').click();
      await page.waitForSelector('#site-search-results[hidden]', { state: 'attached' });
      // Enter goes to the search page with every result.
      await page.getByRole('searchbox', { name: BOX }).focus();
      await page.keyboard.press('Enter');
      await page.waitForURL(/search\.html\?q=contacts$/);
      await page.waitForSelector('#search-page-results li');
    } finally {
      await context.close();
    }
  });

  test('the results are announced: a status region says how many', async () => {
    const { context, page } = await r.open(browser, r.fileUrl('index.html'));
    try {
      const status = page.locator('form.site-search [role=status]');
      assert.equal(await status.count(), 1, 'one status region, there before any result');
      await typeQuery(page, 'passport');
      assert.match(await status.textContent(), /^\d+ results? for “passport”$/);
      assert.equal(
        await page.getByRole('searchbox', { name: BOX }).getAttribute('aria-controls'),
        'site-search-results',
      );
    } finally {
      await context.close();
    }
  });

  test('the search page reads ?q= and lists every result', async () => {
    const { context, page, errors } = await r.open(browser, `${r.fileUrl('search.html')}?q=security+team`);
    try {
      await page.waitForSelector('#search-page-results li');
      assert.equal(await page.getByRole('searchbox', { name: BOX }).inputValue(), 'security team');
      assert.match(await page.locator('.search-page [role=status]').textContent(), /results? for “security team”/);
      assert.equal(await page.locator('[data-search-note]').isVisible(), false, 'the no-JavaScript note goes');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('without JavaScript the form still goes somewhere useful', async () => {
    const { context, page } = await r.open(browser, r.fileUrl('travel/index.html'), { javaScriptEnabled: false });
    try {
      await page.getByRole('searchbox', { name: BOX }).fill('roaming');
      await page.getByRole('button', { name: 'Search', exact: true }).click();
      await page.waitForURL(/search\.html\?q=roaming$/);
      assert.ok(await page.locator('[data-search-note]').isVisible());
      assert.ok((await page.locator('main .page-list a').count()) >= 5, 'every page is listed');
    } finally {
      await context.close();
    }
  });
});

describe('search that forgives', () => {
  const snippetMarks = (page, n = 0) => page.locator('.site-search-result').nth(n).locator('mark').allTextContents();

  test('a word one letter off finds what was meant, and says so', async () => {
    const { context, page, errors } = await r.open(browser, r.fileUrl('index.html'));
    try {
      for (const typo of ['pasport', 'passprot', 'passsport', 'pessport']) {
        await typeQuery(page, typo);
        const status = await page.locator('form.site-search [role=status]').textContent();
        assert.match(status, new RegExp(`^\\d+ results? for “passport” \\(no page has “${typo}”\\)$`), status);
        assert.equal(await page.locator('.site-search-result-title').first().textContent(), 'Accessing MoJ IT systems from overseas');
        const marks = await snippetMarks(page);
        assert.ok(marks.length > 0 && marks.every((m) => m.toLowerCase() === 'passport'), `${typo}: ${marks}`);
      }
      // Several words: the misspelt one is forgiven, the others must still match.
      await typeQuery(page, 'pasport expiry', 'passport expiry');
      assert.match(await page.locator('form.site-search [role=status]').textContent(), /^1 result for “passport expiry” \(no page has “pasport”\)$/);
      await typeQuery(page, 'pasport zebra');
      assert.equal(await page.locator('.site-search-result').count(), 0);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('short words are not guessed at, and words found as typed are not changed', async () => {
    const { context, page } = await r.open(browser, r.fileUrl('index.html'));
    try {
      await typeQuery(page, 'tema'); // four letters: "team" is not assumed
      assert.equal(await page.locator('.site-search-summary').textContent(), 'No results for “tema”');
      await typeQuery(page, 'travel');
      assert.match(await page.locator('form.site-search [role=status]').textContent(), /^\d+ results? for “travel”$/);
    } finally {
      await context.close();
    }
  });

  test('a country\'s other names from the data find the page that lists it', async () => {
    const { context, page } = await r.open(browser, r.fileUrl('index.html'));
    try {
      for (const [query, name] of [['Dubai', 'United Arab Emirates'], ['UAE', 'United Arab Emirates'], ['abu dhabi', 'United Arab Emirates'], ['Macao', 'China']]) {
        await typeQuery(page, query);
        const first = page.locator('.site-search-result').first();
        assert.equal(await first.locator('.site-search-result-title').textContent(), 'Accessing MoJ IT systems from overseas', query);
        const marks = await first.locator('mark').allTextContents();
        assert.ok(marks.includes(name), `${query}: the snippet marks ${name} (${marks})`);
      }
    } finally {
      await context.close();
    }
  });

  test('words that occur together are marked together, not each anywhere', async () => {
    const { context, page } = await r.open(browser, r.fileUrl('index.html'));
    try {
      await typeQuery(page, 'strap team');
      const first = page.locator('.site-search-result').first();
      assert.equal(await first.locator('.site-search-result-title').textContent(), 'Accessing MoJ IT systems from overseas');
      const marks = await first.locator('mark').allTextContents();
      assert.ok(marks.length > 0, 'something is marked');
      assert.deepEqual([...new Set(marks)], ['STRAP team'], `only "STRAP team", together: ${marks}`);
      assert.match(await first.locator('.site-search-result-snippet').textContent(), /notify the STRAP team at/);
    } finally {
      await context.close();
    }
  });

  test('places in a later piece of the index are read with its own section numbers', async () => {
    // This site with pages before its own, so the overseas page's text is in a later piece.
    const dir = r.tempDir('signpost-search-pieces-');
    const content = path.join(dir, 'content');
    fs.cpSync(path.join(r.REPO, 'content'), content, { recursive: true });
    fs.mkdirSync(path.join(content, 'aaa'));
    for (let n = 0; n < 12; n++) {
      fs.writeFileSync(path.join(content, 'aaa', `page-${n}.md`), `---\ntitle: Filler ${n}\n---\n\nNothing about places.\n`);
    }
    const site = r.buildSite(content);
    const { context, page, requests } = await r.open(browser, r.fileUrl('index.html', site));
    try {
      await typeQuery(page, 'Dubai');
      const first = page.locator('.site-search-result').first();
      assert.equal(await first.locator('.site-search-result-title').textContent(), 'Accessing MoJ IT systems from overseas');
      assert.ok((await snippetMarks(page)).includes('United Arab Emirates'));
      assert.ok(requests.some((u) => /\/assets\/search\/t[1-9]\d*\.js$/.test(u)), 'a later text piece was loaded');
      assert.ok(!requests.some((u) => /\/assets\/search\/t0\.js$/.test(u)), 'not the first');
      await typeQuery(page, 'dubia', 'dubai'); // and forgiven there too
      assert.ok((await snippetMarks(page)).includes('United Arab Emirates'));
    } finally {
      await context.close();
    }
  });

  test('the search page shows only the results; without a query, every page', async () => {
    const { context, page } = await r.open(browser, `${r.fileUrl('search.html')}?q=pasport`);
    try {
      await page.waitForSelector('#search-page-results li');
      assert.match(await page.locator('.search-page [role=status]').textContent(), /results? for “passport” \(no page has “pasport”\)/);
      assert.equal(await page.locator('[data-search-all-pages]').isVisible(), false, 'no list of every page below the results');
      assert.equal(await page.getByRole('heading', { name: 'All pages' }).isVisible(), false);
      const listed = await page.locator('main a').evaluateAll((as) => as.filter((a) => a.getClientRects().length).length);
      assert.equal(listed, await page.locator('#search-page-results a').count(), 'the only links in main are results');
      // Clearing the box brings the list back, for browsing.
      await page.getByRole('searchbox', { name: BOX }).fill('');
      await page.waitForSelector('[data-search-all-pages]:not([hidden])');
      assert.ok(await page.getByRole('heading', { name: 'All pages' }).isVisible());
    } finally {
      await context.close();
    }
  });
});

describe('no HTML injection from content', () => {
  test('titles, headings and text in the index are shown as text, never as markup', async () => {
    const hostile = '<img src=x onerror="window.injected=1">';
    const dir = r.tempDir('signpost-search-hostile-');
    const content = path.join(dir, 'content');
    fs.mkdirSync(content);
    fs.writeFileSync(path.join(content, 'index.md'), '---\ntitle: Home\n---\n\nWelcome.\n');
    fs.writeFileSync(
      path.join(content, 'hostile.md'),
      `---\ntitle: '${`Title ${hostile}`.replace(/'/g, "''")}'\n---\n\nIntro.\n\n## Heading \`${hostile}\` {#heading}\n\n` +
        'findme &lt;img src=x onerror="window.injected=1"&gt; &lt;b&gt;bold&lt;/b&gt;\n',
    );
    const site = r.buildSite(content);
    const { context, page } = await r.open(browser, r.fileUrl('index.html', site));
    try {
      await typeQuery(page, 'findme');
      const result = page.locator('.site-search-result').first();
      assert.equal(await result.locator('img, b').count(), 0, 'no element made from content');
      assert.equal(await result.locator('.site-search-result-title').textContent(), `Title ${hostile}`);
      assert.equal(await result.locator('.site-search-result-section').textContent(), `Heading ${hostile}`);
      assert.match(await result.locator('.site-search-result-snippet').textContent(), /<b>bold<\/b>/);
      assert.equal(await page.evaluate(() => window.injected), undefined);
      assert.equal(await result.locator('a').getAttribute('href'), 'hostile.html#heading');
    } finally {
      await context.close();
    }
  });
});
