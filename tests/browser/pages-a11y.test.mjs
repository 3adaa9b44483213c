// Every built page, checked: axe-core (WCAG 2.0, 2.1 and 2.2, A and AA) in real headless
// Chromium, including the single-page copies, the search results (in the header and on the
// search page) and an out-of-date copy's banner; a keyboard-only walk through every page
// (skip link, search, navigation; focus always visible); `lang`; landmarks; and the Nu Html
// Checker on the whole site, on the unzipped site copy, and on pages as search.js changed them.
// (The wizard's own steps are audited by axe.test.js.)
import { test, before, after, describe } from 'node:test';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import * as r from './readers-harness.mjs';

const { assert, wizard: w } = r;
let browser;

before(async () => { browser = await r.launch(); });
after(async () => { await browser?.close(); });

const PAGES = r.htmlFiles();

/** Opens a page for axe (CSP bypassed: axe is injected), the wizard started if it has one. */
async function openForAudit(rel, options = {}) {
  const opened = await r.open(browser, r.fileUrl(rel), { bypassCSP: true, ...options });
  if (await opened.page.locator('.wizard[data-flow]').count()) await w.waitForWizard(opened.page);
  return opened;
}

describe('axe-core: no WCAG 2.2 AA violations', () => {
  test('the site has pages to check', () => {
    assert.ok(PAGES.length >= 8, PAGES.join(', '));
    assert.ok(PAGES.some((p) => p.endsWith('.offline.html')), 'single-page copies are checked too');
  });

  for (const rel of PAGES) {
    test(rel, async () => {
      const { context, page } = await openForAudit(rel);
      try {
        const violations = await r.axeViolations(page);
        assert.deepEqual(violations, [], `${rel}:\n${violations.join('\n')}`);
      } finally {
        await context.close();
      }
    });
  }

  test('with search results open in the header', async () => {
    const { context, page } = await openForAudit('travel/index.html');
    try {
      await page.getByRole('searchbox', { name: 'Search this site' }).fill('contact');
      await page.waitForSelector('.site-search-result');
      await page.keyboard.press('ArrowDown');
      const violations = await r.axeViolations(page);
      assert.deepEqual(violations, [], violations.join('\n'));
    } finally {
      await context.close();
    }
  });

  test('the search page with results', async () => {
    const { context, page } = await r.open(browser, `${r.fileUrl('search.html')}?q=travel`, { bypassCSP: true });
    try {
      await page.waitForSelector('#search-page-results li');
      const violations = await r.axeViolations(page);
      assert.deepEqual(violations, [], violations.join('\n'));
    } finally {
      await context.close();
    }
  });

  test('a single-page copy past its date, with its banner showing', async () => {
    const copy = PAGES.find((p) => p.endsWith('.offline.html'));
    const { context, page } = await openForAudit(copy, { today: '2099-01-01T10:00:00' });
    try {
      await page.getByRole('heading', { name: 'This copy is out of date' }).waitFor();
      const violations = await r.axeViolations(page);
      assert.deepEqual(violations, [], violations.join('\n'));
    } finally {
      await context.close();
    }
  });
});

describe('keyboard, focus, language and landmarks', () => {
  test('the skip link comes first, shows when focused, and moves focus to the content', async () => {
    const { context, page } = await r.open(browser, r.fileUrl(r.WIZARD_PAGE));
    try {
      await page.keyboard.press('Tab');
      const skip = await page.evaluate(() => {
        const e = document.activeElement;
        const box = e.getBoundingClientRect();
        return { text: e.textContent, left: box.left, top: box.top, width: box.width };
      });
      assert.equal(skip.text, 'Skip to main content');
      assert.ok(skip.left >= 0 && skip.top >= 0 && skip.width > 0, `on screen when focused: ${JSON.stringify(skip)}`);
      await page.keyboard.press('Enter');
      assert.equal(await page.evaluate(() => document.activeElement.id), 'main-content');
      await page.keyboard.press('Tab');
      assert.ok(await page.evaluate(() => document.getElementById('main-content').contains(document.activeElement)),
        'the next Tab is inside the content');
    } finally {
      await context.close();
    }
  });

  test('Tab reaches the search box, the search button and the navigation, in that order', async () => {
    const { context, page } = await r.open(browser, r.fileUrl('travel/index.html'));
    try {
      const order = [];
      for (let i = 0; i < 60; i++) {
        await page.keyboard.press('Tab');
        order.push(await page.evaluate(() => {
          const e = document.activeElement;
          if (e.id === 'site-search-input') return 'search box';
          if (e.classList.contains('site-search-button')) return 'search button';
          if (e.closest('nav.site-nav')) return 'navigation';
          if (e.closest('main')) return 'main';
          return e.tagName.toLowerCase();
        }));
      }
      const first = (what) => order.indexOf(what);
      assert.ok(first('search box') > 0 && first('search box') < first('search button'), order.join(', '));
      assert.ok(first('search button') < first('main') && first('main') < first('navigation'), order.join(', '));
      // The navigation works by keyboard.
      while (!(await page.evaluate(() => !!document.activeElement.closest('nav.site-nav')))) await page.keyboard.press('Shift+Tab');
      const target = await page.evaluate(() => document.activeElement.href);
      await page.keyboard.press('Enter');
      await page.waitForURL(target);
    } finally {
      await context.close();
    }
  });

  for (const rel of PAGES.filter((p) => !p.endsWith('.offline.html')).concat(PAGES.find((p) => p.endsWith('.offline.html')))) {
    test(`every focusable element shows its focus: ${rel}`, async () => {
      const { context, page } = await r.open(browser, r.fileUrl(rel));
      try {
        if (await page.locator('.wizard[data-flow]').count()) await w.waitForWizard(page);
        const seen = new Set();
        const problems = [];
        for (let i = 0; i < 400; i++) {
          await page.keyboard.press('Tab');
          const focus = await page.evaluate(() => {
            const e = document.activeElement;
            if (!e || e === document.body) return null;
            const s = getComputedStyle(e);
            const box = e.getBoundingClientRect();
            const outlined = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0 && !/rgba\(.*, 0\)$/.test(s.outlineColor);
            const shadowed = s.boxShadow !== 'none';
            window.tabbed = window.tabbed || new WeakSet();
            const again = window.tabbed.has(e);
            window.tabbed.add(e);
            return { again, what: e.outerHTML.slice(0, 100), visible: outlined || shadowed, size: box.width * box.height };
          });
          if (!focus || focus.again) break; // wrapped round to the start
          seen.add(focus.what);
          if (!focus.visible) problems.push(`no focus indicator: ${focus.what}`);
          if (focus.size === 0) problems.push(`focus on something not shown: ${focus.what}`);
        }
        assert.ok(seen.size > 3, `Tab moves through the page (${seen.size} stops)`);
        assert.deepEqual(problems, []);
      } finally {
        await context.close();
      }
    });
  }

  test('every page has its language and landmarks', async () => {
    const { context, page } = await r.open(browser);
    try {
      for (const rel of PAGES) {
        await page.goto(r.fileUrl(rel));
        assert.equal(await page.getAttribute('html', 'lang'), 'en-GB', rel);
        assert.equal(await page.getByRole('banner').count(), 1, `${rel}: one header`);
        assert.equal(await page.getByRole('main').count(), 1, `${rel}: one main`);
        assert.equal(await page.getByRole('contentinfo').count(), 1, `${rel}: one footer`);
        const isCopy = rel.endsWith('.offline.html');
        assert.equal(await page.getByRole('search').count(), isCopy ? 0 : 1, `${rel}: search (not in a one-page copy)`);
        const navs = await page.getByRole('navigation').evaluateAll((ns) => ns.map((n) => n.getAttribute('aria-label') || n.getAttribute('aria-labelledby')));
        assert.ok(navs.every(Boolean), `${rel}: every navigation is named: ${navs}`);
        const h1 = await page.locator('h1').count();
        assert.equal(h1, 1, `${rel}: one h1`);
      }
    } finally {
      await context.close();
    }
  });
});

describe('the Nu Html Checker', () => {
  test('the built site, its single-page copies and the unzipped site copy have no errors', () => {
    const zip = fs.readdirSync(r.SITE).find((f) => f.endsWith('.zip'));
    const unzipped = r.tempDir('signpost-vnu-zip-');
    execFileSync('unzip', ['-q', path.join(r.SITE, zip), '-d', unzipped]);
    assert.equal(r.vnuErrors(r.SITE, unzipped), '');
  });

  test('pages as search.js and the wizard change them have no errors either', async () => {
    const dir = r.tempDir('signpost-vnu-dom-');
    const { context, page } = await r.open(browser, r.fileUrl(r.WIZARD_PAGE));
    try {
      await w.waitForWizard(page);
      await page.getByRole('searchbox', { name: 'Search this site' }).fill('security');
      await page.waitForSelector('.site-search-result');
      fs.writeFileSync(path.join(dir, 'header-results.html'), await page.content());
      await page.goto(`${r.fileUrl('search.html')}?q=travel`);
      await page.waitForSelector('#search-page-results li');
      fs.writeFileSync(path.join(dir, 'search-page.html'), await page.content());
    } finally {
      await context.close();
    }
    assert.equal(r.vnuErrors(dir), '');
  });
});
