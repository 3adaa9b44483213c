// axe-core on every step of the wizard (and its error states), WCAG 2.0/2.1/2.2 A and AA.
// axe is injected as an inline script, so these pages are opened with `bypassCSP` (only
// here: the walk-throughs run with the CSP enforced).
'use strict';

const { test } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./harness');

const AXE = require.resolve('axe-core/axe.min.js');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

const env = h.useBrowserAndServer();

/** Runs axe on the whole page; fails with a readable list of violations. */
async function audit(page, step) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) {
    await page.addScriptTag({ path: AXE });
  }
  const result = await page.evaluate(async (tags) => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary.replace(/\s+/g, ' ')}`),
    }));
  }, TAGS);
  const lines = result.map((v) => `[${v.impact}] ${v.id}: ${v.help}\n    ${v.nodes.join('\n    ')}`);
  assert.deepEqual(lines, [], `axe violations on step "${step}":\n${lines.join('\n')}`);
}

async function withAuditedPage(body) {
  const opened = await h.openPage(env.browser, env.server.url(), { bypassCSP: true });
  try {
    await body(opened.page);
  } finally {
    await opened.context.close();
  }
}

test('axe: every step of a Part Two walk, with its error states', async () => {
  await withAuditedPage(async (page) => {
    await audit(page, 'start');
    await h.start(page);
    await h.expectStep(page, 'What level of national security clearance do you hold?');
    await audit(page, 'clearance');
    await h.continueOn(page);
    await page.locator(`#${h.ERRORS_ID}`).waitFor();
    await audit(page, 'clearance, with an error');
    await h.answer(page, 'Security Check (SC)');
    await h.expectStep(page, 'Are you subject to STRAP briefing?');
    await audit(page, 'strap');
    await h.answer(page, 'Yes');
    await h.expectStep(page, 'Will you take MoJ IT equipment overseas, or access MoJ IT systems while you are overseas?');
    await audit(page, 'equipment, asked of everyone');
    await h.answer(page, 'Yes');
    await h.expectStep(page, 'Which countries will you visit or pass through?');
    await audit(page, 'countries');
    await h.continueOn(page);
    await page.locator(`#${h.ERRORS_ID}`).waitFor();
    await audit(page, 'countries, with an error');
    await h.countriesBox(page).fill('ch');
    await page.getByRole('option', { name: /^China/ }).waitFor();
    await audit(page, 'countries, with matches listed');
    await h.countriesBox(page).press('ArrowDown');
    await page.locator('[role=option][aria-selected=true]').waitFor();
    await audit(page, 'countries, with a match highlighted');
    await h.countriesBox(page).fill('Dub');
    await h.continueOn(page);
    await page.locator(`#${h.ERRORS_ID}`).waitFor();
    await audit(page, 'countries, with text left in the box');
    await h.countriesBox(page).fill('xyzzy');
    await audit(page, 'countries, with no match');
    await h.addCountry(page, 'hong', 'Hong Kong');
    await h.addCountry(page, 'united st', 'United States');
    await audit(page, 'countries, with countries added');
    await h.continueOn(page);
    await h.expectStep(page, 'Which part of the MoJ do you work in?');
    await audit(page, 'business area');
    await h.answer(page, /^HMPPS outside HQ/);
    await h.expectStep(page, 'When do you plan to travel?');
    await audit(page, 'travel date');
    await page.getByRole('textbox', { name: 'Day' }).fill('40');
    await h.continueOn(page);
    await page.locator(`#${h.ERRORS_ID}`).waitFor();
    await audit(page, 'travel date, with an error');
    await h.fillDate(page, 4, 1, 2027);
    await h.continueOn(page);
    await h.expectStep(page, 'Check your answers');
    await audit(page, 'check your answers');
    await page.getByRole('button', { name: 'See what you need to do' }).click();
    await h.expectStep(page, 'Complete Part One and Part Two – you need approval before you travel');
    await audit(page, 'outcome: part two');
  });
});

test('axe: the late warning, the other outcomes, and the cleared notice', async () => {
  await withAuditedPage(async (page) => {
    await h.start(page);
    await h.answer(page, 'Security Check (SC)');
    await h.answer(page, 'No');
    await h.answer(page, 'Yes');
    await h.addCountry(page, 'russ', 'Russia');
    await h.continueOn(page);
    await h.answer(page, 'MoJ HQ');
    await h.fillDate(page, 1, 12, 2026);
    await h.continueOn(page);
    await page.getByRole('button', { name: 'See what you need to do' }).click();
    await page.locator('.wizard-warning').waitFor();
    await audit(page, 'outcome: part two, late');

    await page.getByRole('button', { name: 'Start again' }).click();
    await h.answer(page, 'Security Check (SC)');
    await h.answer(page, 'No');
    await h.answer(page, 'No');
    await h.addCountry(page, 'spa', 'Spain');
    await h.continueOn(page);
    await page.getByRole('button', { name: 'See what you need to do' }).click();
    await h.expectStep(page, 'Complete Part One – you do not need further formal approval');
    await audit(page, 'outcome: part one complete');

    await page.getByRole('button', { name: 'Start again' }).click();
    await h.answer(page, 'None, or Baseline Personnel Security Standard (BPSS) only');
    await h.answer(page, 'No');
    await h.expectStep(page, 'Will you take MoJ IT equipment overseas, or access MoJ IT systems while you are overseas?');
    await audit(page, 'equipment');
    await h.answer(page, 'No');
    await page.getByRole('button', { name: 'See what you need to do' }).click();
    await h.expectStep(page, 'You do not need to follow the overseas travel process');
    await audit(page, 'outcome: not required');

    await page.getByRole('button', { name: 'Start again' }).click();
    await h.answer(page, 'Security Check (SC)');
    await page.getByRole('button', { name: 'Start again' }).click();
    await h.expectStep(page, 'What level of national security clearance do you hold?');
    await audit(page, 'first question, after starting again');
  });
});

