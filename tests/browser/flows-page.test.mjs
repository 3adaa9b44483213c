// Decision flows for editors and for readers without JavaScript, in real headless Chromium:
// the editors' page (flows.html) shows every flow as an SVG diagram with real text, laid out
// at its natural size so browser zoom enlarges it, beside its decision table as an HTML
// table; it is linked from the reviews page and from each wizard's page; axe finds nothing.
// With JavaScript off, each wizard page shows the flow's questions and outcomes instead.
import { test, before, after, describe } from 'node:test';
import fs from 'node:fs';
import path from 'node:path';
import * as r from './readers-harness.mjs';

const { assert } = r;
const FLOWS = {
  'overseas-travel': {
    page: 'travel/accessing-it-systems-from-overseas.html',
    title: 'Check what you need to do before you travel overseas',
  },
  'own-device': {
    page: 'devices/using-your-own-device.html',
    title: 'Check if you can use your own device for this work',
  },
};
let browser;

before(async () => { browser = await r.launch(); });
after(async () => { await browser?.close(); });

/** The committed decision table's number of paths (its rows start "| 1 |", "| 2 |", ...). */
function committedPaths(id) {
  const root = path.resolve(import.meta.dirname, '..', '..');
  const md = fs.readFileSync(path.join(root, 'content', 'flows', `${id}.table.md`), 'utf8');
  return md.split('\n').filter((l) => /^\| \d+ \|/.test(l)).length;
}

/** Question texts and outcome titles from the flow file (lines `text:` under questions, `title:` under outcomes). */
function flowWords(id) {
  const root = path.resolve(import.meta.dirname, '..', '..');
  const yaml = fs.readFileSync(path.join(root, 'content', 'flows', `${id}.yaml`), 'utf8');
  const questions = [...yaml.matchAll(/^ {4}text: (.+)$/gm)].map((m) => m[1].trim());
  const outcomes = [...yaml.matchAll(/^ {4}title: (.+)$/gm)].map((m) => m[1].trim());
  return { questions, outcomes };
}

describe('the editors\' flows page', () => {
  test('every flow: an SVG diagram with the words readers see, and its decision table', async () => {
    const { context, page, errors } = await r.open(browser, r.fileUrl('flows.html'));
    try {
      for (const [id, { title, page: wizardPage }] of Object.entries(FLOWS)) {
        const section = page.locator(`section:has(> h2#flow-${id})`);
        assert.equal((await section.locator('h2').innerText()).trim(), title);
        const svg = section.locator('svg.flow-diagram');
        assert.equal(await svg.count(), 1);
        assert.equal(await svg.getAttribute('role'), 'img');
        assert.match(await svg.locator('title').textContent(), new RegExp(title));
        // Real text: every question and outcome is in the picture's <text>, word for word.
        const texts = (await svg.locator('text').allTextContents()).join(' ');
        const squeezed = (await svg.locator('text').evaluateAll((ts) => ts.map((t) =>
          [...t.querySelectorAll('tspan')].map((s) => s.textContent).join(' ')).join(' ')));
        const { questions, outcomes } = flowWords(id);
        assert.ok(questions.length >= 3 && outcomes.length >= 3, `${id}: read the flow's words`);
        for (const words of [...questions, ...outcomes]) {
          assert.ok(squeezed.includes(words), `${id}: the diagram says "${words}"\n${texts}`);
        }
        // Shown at its natural size (scrolling sideways if wider than the page), so its
        // text is 13–15 CSS px and browser zoom enlarges it like the rest of the page.
        const sizes = await svg.evaluate((s) => ({
          drawn: s.getBoundingClientRect().width,
          natural: s.width.baseVal.value,
          fonts: [...s.querySelectorAll('text')].map((t) => parseFloat(getComputedStyle(t).fontSize)),
        }));
        assert.ok(Math.abs(sizes.drawn - sizes.natural) < 1, `${id}: not shrunk (${sizes.drawn} of ${sizes.natural})`);
        assert.ok(Math.min(...sizes.fonts) >= 13, `${id}: text at least 13px (${Math.min(...sizes.fonts)})`);
        // The table: one row per path, as in the committed decision table.
        const rows = await section.locator('table.decision-table tbody tr').count();
        assert.equal(rows, committedPaths(id), `${id}: as many rows as the committed table`);
        assert.equal(await section.locator('table.decision-table thead th[scope=col]').first().innerText(), 'Path');
        // It links to the page that shows the wizard.
        const href = await section.getByRole('link', { name: /^Using your own|^Accessing MoJ IT/ }).first().getAttribute('href');
        assert.equal(href, wizardPage);
      }
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('axe finds no violations, and the diagram scrolls by keyboard', async () => {
    const { context, page } = await r.open(browser, r.fileUrl('flows.html'), { bypassCSP: true });
    try {
      assert.deepEqual(await r.axeViolations(page), []);
      const region = page.locator('.flow-diagram-scroll').first();
      assert.equal(await region.getAttribute('tabindex'), '0');
    } finally {
      await context.close();
    }
  });

  test('linked from the reviews page and from each wizard\'s page', async () => {
    const { context, page } = await r.open(browser, r.fileUrl('reviews.html'));
    try {
      await page.getByRole('link', { name: 'decision flows' }).click();
      await page.waitForURL(/flows\.html$/);
      assert.equal(await page.locator('h1').innerText(), 'Decision flows');
      for (const [id, { page: wizardPage }] of Object.entries(FLOWS)) {
        await page.goto(r.fileUrl(wizardPage));
        await page.getByRole('link', { name: 'This decision as a diagram and a table, for editors' }).click();
        await page.waitForURL(new RegExp(`flows\\.html#flow-${id}$`));
        assert.ok(await page.locator(`h2#flow-${id}`).isVisible());
      }
    } finally {
      await context.close();
    }
  });
});

/**
 * axe on the summary a page shows without JavaScript. axe is itself a script, so the page is
 * served over HTTP with the wizard's scripts refused instead: the summary stays, as it does
 * with JavaScript off.
 */
async function axeOnSummary(wizardPage) {
  const server = await r.wizard.startServer();
  const context = await browser.newContext({ bypassCSP: true });
  try {
    await context.route('**/assets/wizard/**', (route) => route.abort());
    const page = await context.newPage();
    await page.goto(server.url(wizardPage));
    assert.ok(await page.locator('.wizard .wizard-fallback').isVisible());
    return await r.axeViolations(page);
  } finally {
    await context.close();
    await server.close();
  }
}

describe('without JavaScript', () => {
  for (const [id, { page: wizardPage, title }] of Object.entries(FLOWS)) {
    test(`${wizardPage} shows the decision's questions and outcomes in place of the wizard`, async () => {
      const { context, page } = await r.open(browser, r.fileUrl(wizardPage), { javaScriptEnabled: false });
      try {
        const fallback = page.locator('.wizard .wizard-fallback');
        assert.ok(await fallback.isVisible());
        assert.equal((await fallback.locator('h2').innerText()).trim(), title);
        const text = (await fallback.innerText()).replace(/\s+/g, ' ');
        const { questions, outcomes } = flowWords(id);
        for (const words of [...questions, ...outcomes]) {
          assert.ok(text.includes(words), `the summary says "${words}"`);
        }
        assert.match(text, /needs JavaScript/);
        // Where each answer leads, in the words of the answers.
        assert.ok((await fallback.locator('ol > li').count()) === questions.length);
        assert.match(text, /If “(Yes|No)”: /);
        assert.deepEqual(await axeOnSummary(wizardPage), []);
      } finally {
        await context.close();
      }
    });
  }
});
