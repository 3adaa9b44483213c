// Printing, in real headless Chromium with print media: no navigation, search or download
// chrome; addresses of other sites printed after their links; the contacts kept; and the
// wizard's outcome, once reached, printing on its own.
import { test, before, after, describe } from 'node:test';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import * as r from './readers-harness.mjs';

const { assert, wizard: w } = r;
const TODAY = '2026-11-20T10:00:00';
let browser;

before(async () => { browser = await r.launch(); });
after(async () => { await browser?.close(); });

const shown = (page, selector) => page.locator(selector).evaluateAll(
  (els) => els.map((e) => getComputedStyle(e).display !== 'none' && e.getClientRects().length > 0),
);
const after_ = (page, selector) => page.locator(selector).evaluateAll(
  (els) => els.map((e) => getComputedStyle(e, '::after').content),
);
/** Pages in a PDF made by Chromium's print. */
async function pdfPages(page) {
  const pdf = (await page.pdf({ format: 'A4' })).toString('latin1');
  return (pdf.match(/\/Type\s*\/Page[^s]/g) || []).length;
}

/** The text of each printed page, as poppler's pdftotext reads Chromium's PDF, with runs of
 * white space as one space. */
async function printedText(page) {
  const file = path.join(r.tempDir('signpost-print-'), 'page.pdf');
  fs.writeFileSync(file, await page.pdf({ format: 'A4' }));
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  return text.split('\f').filter((p) => p.trim()).map((p) => p.replace(/\s+/g, ' ').trim());
}
const squash = (text) => text.replace(/\s+/g, ' ').trim();

describe('print', () => {
  test('leaves out the chrome and keeps the guidance and contacts', async () => {
    const { context, page } = await r.open(browser, r.fileUrl(r.WIZARD_PAGE), { today: TODAY });
    try {
      await page.emulateMedia({ media: 'print' });
      for (const chrome of ['.skip-link', 'form.site-search', 'nav.site-nav', 'nav.breadcrumbs', '.copy-links']) {
        const states = await shown(page, chrome);
        assert.ok(states.length > 0, `${chrome} is on the page`);
        assert.deepEqual(states, states.map(() => false), `${chrome} is not printed`);
      }
      for (const kept of ['h1', '.content', '.contacts', '.page-meta', '.site-footer']) {
        const states = await shown(page, kept);
        assert.ok(states.length > 0 && states.every(Boolean), `${kept} is printed`);
      }
      // On screen there is no such thing.
      await page.emulateMedia({ media: 'screen' });
      assert.ok((await shown(page, 'form.site-search'))[0]);
    } finally {
      await context.close();
    }
  });

  test('prints the address after links to other sites, not after the contacts', async () => {
    const { context, page } = await r.open(browser, r.fileUrl(r.WIZARD_PAGE), { today: TODAY });
    try {
      await page.emulateMedia({ media: 'print' });
      const link = 'main .content a[href="https://security-guidance.service.justice.gov.uk/overseas-travel/"]';
      const printed = await after_(page, link);
      assert.ok(printed.length > 0 && printed.every((c) => c === '" (https://security-guidance.service.justice.gov.uk/overseas-travel/)"'), printed.join(', '));
      const contacts = await after_(page, '.contacts a');
      assert.ok(contacts.length > 0 && contacts.every((c) => c === 'none'), contacts.join(', '));
      await page.emulateMedia({ media: 'screen' });
      assert.ok((await after_(page, link)).every((c) => c === 'none'), 'only in print');
    } finally {
      await context.close();
    }
  });

  test('the wizard outcome prints on its own, with its checklist and the contacts', async () => {
    const { context, page } = await r.open(browser, r.fileUrl(r.WIZARD_PAGE), { today: TODAY });
    try {
      await w.waitForWizard(page);
      await page.emulateMedia({ media: 'print' });
      const whole = await pdfPages(page);
      await page.emulateMedia({ media: 'screen' });
      await w.start(page);
      await w.answer(page, 'Security Check (SC)');
      await w.expectStep(page, 'Are you subject to STRAP briefing?');
      await w.answer(page, 'No');
      await w.expectStep(page, 'Will you take MoJ IT equipment overseas, or access MoJ IT systems while you are overseas?');
      await w.answer(page, 'Yes');
      await w.expectStep(page, 'Which countries will you visit or pass through?');
      await w.addCountry(page, 'spa', 'Spain');
      await w.continueOn(page);
      await w.expectStep(page, 'Check your answers');
      await page.getByRole('button', { name: 'See what you need to do' }).click();
      await w.expectStep(page, 'Complete Part One – you do not need further formal approval');

      await page.emulateMedia({ media: 'print' });
      for (const kept of ['h1', '.wizard-outcome', '.wizard-checklist', '.contacts']) {
        const states = await shown(page, kept);
        assert.ok(states.length > 0 && states.every(Boolean), `${kept} is printed`);
      }
      const buttons = await shown(page, '.wizard-outcome button');
      assert.deepEqual(buttons, buttons.map(() => false), 'no buttons on paper');
      const guidance = await shown(page, '.content > p:first-child, #steps-to-follow-before-travelling, #part-one + ol, nav.contents');
      assert.deepEqual(guidance, [false, false, false, false], 'the rest of the guidance is left out');
      const parts = await shown(page, '.content > *');
      assert.ok(parts.filter(Boolean).length * 3 < parts.length, 'most of the page is left out');
      const text = await page.locator('main').innerText();
      assert.match(text, /security@justice\.gov\.uk/, 'contacts on the printout');
      const outcome = await pdfPages(page);
      assert.ok(outcome < whole && outcome <= 4, `the outcome prints on ${outcome} pages (the whole page: ${whole})`);
    } finally {
      await context.close();
    }
  });

  test('a printed outcome starts at the top of its first page, which it fills, and keeps the contacts\' headings', async () => {
    const { context, page } = await r.open(browser, r.fileUrl(r.WIZARD_PAGE), { today: TODAY });
    try {
      await w.waitForWizard(page);
      await w.start(page);
      await w.answer(page, 'Security Check (SC)');
      await w.expectStep(page, 'Are you subject to STRAP briefing?');
      await w.answer(page, 'No');
      await w.expectStep(page, 'Will you take MoJ IT equipment overseas, or access MoJ IT systems while you are overseas?');
      await w.answer(page, 'Yes');
      await w.expectStep(page, 'Which countries will you visit or pass through?');
      await w.addCountry(page, 'chin', 'China');
      await w.continueOn(page);
      await w.expectStep(page, 'Which part of the MoJ do you work in?');
      await w.answer(page, 'MoJ HQ');
      await w.expectStep(page, 'When do you plan to travel?');
      await w.continueOn(page);
      await w.expectStep(page, 'Check your answers');
      await page.getByRole('button', { name: 'See what you need to do' }).click();
      const title = squash(await w.heading(page));
      assert.match(title, /Part Two/);
      const steps = (await page.locator('.wizard-checklist__item').allInnerTexts()).map(squash);
      assert.ok(steps.length >= 5, `a long checklist (${steps.length} steps)`);

      await page.emulateMedia({ media: 'print' });
      const pages = await printedText(page);
      const first = pages[0];
      assert.ok(first.startsWith('IT Security Guidance'), `the page's own header first: ${first.slice(0, 80)}`);
      assert.ok(first.indexOf(title) !== -1 && first.indexOf(title) < 200, `the outcome leads the first page: ${first.slice(0, 300)}`);
      assert.doesNotMatch(first, /On this page|This guidance information applies/, 'no guidance before the outcome');
      // The first page is filled with the checklist, not left half empty before a long step.
      const onFirst = steps.filter((s) => first.includes(s.slice(0, 40)));
      assert.ok(onFirst.length >= 3, `at least three steps start on the first page, ${onFirst.length} do:\n${first}`);
      const all = pages.join(' ');
      for (const heading of ['Contacts', 'Security Team', 'IT Service Desk', 'Information Incident Reporting Line']) {
        assert.ok(all.includes(heading), `"${heading}" is printed`);
      }
      assert.match(all, /0800 917 5148/, 'the service desk number, under its heading');
      assert.ok(all.indexOf('IT Service Desk') < all.indexOf('0800 917 5148'));
      assert.doesNotMatch(all, /Start now|Check what you need to do before you travel/, 'no wizard chrome');
    } finally {
      await context.close();
    }
  });

  test('before the wizard starts, print shows the guidance, not the wizard\'s start page', async () => {
    const { context, page } = await r.open(browser, r.fileUrl(r.WIZARD_PAGE), { today: TODAY });
    try {
      await w.waitForWizard(page);
      const intro = squash(await page.locator('.wizard').innerText());
      assert.ok(intro.length > 20, `the wizard shows its start page on screen: ${intro}`);
      await page.emulateMedia({ media: 'print' });
      assert.deepEqual(await shown(page, '.wizard'), [false], 'the wizard is not printed');
      const all = (await printedText(page)).join(' ');
      assert.ok(!all.includes(intro.slice(0, 60)), 'the start page is not on paper');
      assert.doesNotMatch(all, /Start now/);
      for (const guidance of ['Steps to follow before travelling', 'Part One', 'Part Two', 'IT Service Desk']) {
        assert.ok(all.includes(guidance), `"${guidance}" is printed`);
      }
    } finally {
      await context.close();
    }
  });
});
