// Small screens, in real headless Chromium: at 320 px wide (a small phone, or 400% zoom on a
// laptop) no page scrolls sideways; long addresses wrap; a wide table scrolls inside its own
// focusable, labelled region, by keyboard as well as by touch.
import { test, before, after, describe } from 'node:test';
import * as r from './readers-harness.mjs';

const { assert, wizard: w } = r;
let browser;

before(async () => { browser = await r.launch(); });
after(async () => { await browser?.close(); });

/** How far the page scrolls sideways, and every element that sticks out past the right
 * edge of the screen without a scrolling box of its own around it. */
function overflow(page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const inScroller = (el) => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        if (getComputedStyle(p).overflowX !== 'visible') return true;
      }
      return false;
    };
    const out = [];
    for (const el of document.body.querySelectorAll('*')) {
      const box = el.getBoundingClientRect();
      if (box.width > 0 && box.right > width + 0.5 && !inScroller(el)) {
        out.push(`${el.tagName.toLowerCase()} "${el.textContent.trim().replace(/\s+/g, ' ').slice(0, 50)}" ends at ${Math.round(box.right)} px`);
      }
    }
    return { sideways: document.documentElement.scrollWidth - width, out };
  });
}

const PHONE = { width: 320, height: 640 };

describe('320 px wide', () => {
  test('no page of the site scrolls sideways, and nothing sticks out', async () => {
    const pages = r.htmlFiles();
    assert.ok(pages.length >= 10, `every page, offline copies too (${pages.length})`);
    const problems = [];
    for (const file of pages) {
      const { context, page } = await r.open(browser, r.fileUrl(file), { viewport: PHONE });
      try {
        const { sideways, out } = await overflow(page);
        if (sideways > 0 || out.length) problems.push(`${file}: scrolls ${sideways} px sideways; ${out.slice(0, 3).join('; ')}`);
      } finally {
        await context.close();
      }
    }
    assert.deepEqual(problems, []);
  });

  test('long email addresses wrap inside the screen, whole and readable', async () => {
    const { context, page } = await r.open(browser, r.fileUrl(r.WIZARD_PAGE), { viewport: PHONE });
    try {
      const strap = page.locator('main a[href^="mailto:STRAPTeam@"]').first();
      assert.match(await strap.textContent(), /^STRAPTeam@\S+$/);
      const box = await strap.evaluate((a) => {
        const rects = [...a.getClientRects()];
        return { lines: rects.length, right: Math.max(...rects.map((x) => x.right)), width: document.documentElement.clientWidth };
      });
      assert.ok(box.right <= box.width, `the address ends inside the screen (${box.right} of ${box.width} px)`);
      assert.ok(box.lines >= 1);
    } finally {
      await context.close();
    }
  });

  test('the wizard, from start to outcome, fits the screen', async () => {
    const { context, page } = await r.open(browser, r.fileUrl(r.WIZARD_PAGE), { viewport: PHONE, today: '2026-11-20T10:00:00' });
    try {
      await w.waitForWizard(page);
      await w.start(page);
      await w.answer(page, 'Security Check (SC)');
      await w.expectStep(page, 'Are you subject to STRAP briefing?');
      assert.deepEqual(await overflow(page), { sideways: 0, out: [] }, 'a question');
      await w.answer(page, 'No');
      await w.expectStep(page, 'Will you take MoJ IT equipment overseas, or access MoJ IT systems while you are overseas?');
      await w.answer(page, 'Yes');
      await w.expectStep(page, 'Which countries will you visit or pass through?');
      await w.addCountry(page, 'spa', 'Spain');
      await w.continueOn(page);
      await w.expectStep(page, 'Check your answers');
      assert.deepEqual(await overflow(page), { sideways: 0, out: [] }, 'check your answers');
      await page.getByRole('button', { name: 'See what you need to do' }).click();
      await w.expectStep(page, 'Complete Part One – you do not need further formal approval');
      assert.deepEqual(await overflow(page), { sideways: 0, out: [] }, 'the outcome');
    } finally {
      await context.close();
    }
  });
});

describe('wide tables', () => {
  test('the reviews table scrolls in its own labelled region at 375 px, by keyboard too', async () => {
    const { context, page } = await r.open(browser, r.fileUrl('reviews.html'), { viewport: { width: 375, height: 700 } });
    try {
      const regions = page.locator('main .table-scroll');
      const count = await regions.count();
      assert.ok(count > 0, 'the tables are in scroll regions');
      for (let i = 0; i < count; i++) {
        const region = regions.nth(i);
        assert.equal(await region.getAttribute('role'), 'region');
        assert.equal(await region.getAttribute('tabindex'), '0');
        assert.equal(await region.locator('table').count(), 1);
        const heading = await page.locator(`#${await region.getAttribute('aria-labelledby')}`).textContent();
        assert.ok(heading.trim().length > 0, 'named by the heading above it');
      }
      // The table is wider than the screen: it scrolls, the page does not.
      const first = regions.first();
      const sizes = await first.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
      assert.ok(sizes.scroll > sizes.client, `the table is wider than its region (${sizes.scroll} > ${sizes.client})`);
      assert.deepEqual(await overflow(page), { sideways: 0, out: [] });
      // A keyboard user reaches the region with Tab and scrolls it with the arrow keys.
      const name = await first.evaluate((el) => document.getElementById(el.getAttribute('aria-labelledby')).textContent);
      await page.getByRole('region', { name }).focus();
      assert.equal(await page.evaluate(() => document.activeElement.className), 'table-scroll');
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      await page.waitForFunction(() => document.activeElement.scrollLeft > 0);
    } finally {
      await context.close();
    }
  });

  test('a Markdown table scrolls in a region named by its heading', async () => {
    const { context, page } = await r.open(browser, r.fileUrl('travel/taking-it-equipment-abroad-2018.html'), { viewport: PHONE });
    try {
      const region = page.locator('main .content .table-scroll');
      assert.equal(await region.count(), 1);
      assert.equal(await region.getAttribute('role'), 'region');
      assert.equal(await region.getAttribute('tabindex'), '0');
      const label = await region.evaluate((el) => el.getAttribute('aria-label')
        || document.getElementById(el.getAttribute('aria-labelledby'))?.textContent);
      assert.ok(label && label.trim(), 'the region has a name');
      assert.equal(await region.locator('> table th').first().textContent(), 'Staff');
    } finally {
      await context.close();
    }
  });
});
