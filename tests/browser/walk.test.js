// The wizard walked to each kind of outcome in real headless Chromium, with the page's
// Content-Security-Policy enforced, both over HTTP and opened from disk (file://).
// Each walk also checks: focus on each new heading, no request other than the page's own
// files, no console error, nothing in the URL or cookies, and only the step's name (no
// answer) in the history entries that let the browser's Back button go back a step.
'use strict';

const { test, describe } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./harness');

const env = h.useBrowserAndServer();

const MODES = {
  http: { url: () => env.server.url(), own: () => env.server.origin + '/' },
  file: { url: () => h.fileUrl(), own: () => h.siteDirUrl() },
};

/** Opens the page in this mode, runs `walk`, then checks privacy and network. */
async function run(mode, walk) {
  const { url, own } = MODES[mode];
  const start = url();
  const { context, page, requests, errors } = await h.openPage(env.browser, start);
  try {
    const historyLength = await page.evaluate(() => history.length);
    await h.start(page);
    await walk(page);
    assert.equal(page.url(), start, 'the URL never changes (answers are never in it)');
    assert.ok(await page.evaluate(() => history.length) > historyLength, 'each step is a history entry');
    const entry = await page.evaluate(() => history.state);
    assert.match(entry, /^overseas-travel\|(start|check|outcome|question:[a-z_]+)\|[01]$/, 'the entry names the step and holds no answer');
    assert.equal(await page.evaluate(() => document.cookie), '', 'no cookies');
    assert.deepEqual((await context.cookies()), [], 'no cookies in the context');
    assert.deepEqual(h.foreignRequests(requests, own()), [], 'no request other than the page\'s own files');
    assert.deepEqual(errors, [], 'no console errors');
  } finally {
    await context.close();
  }
}

for (const mode of Object.keys(MODES)) {
  describe(`wizard paths (${mode})`, () => {
    test('not required: no clearance, no STRAP, no equipment', async () => {
      await run(mode, async (page) => {
        await h.expectStep(page, 'What level of national security clearance do you hold?');
        await h.answer(page, 'None, or Baseline Personnel Security Standard (BPSS) only');
        await h.expectStep(page, 'Are you subject to STRAP briefing?');
        await h.answer(page, 'No');
        await h.expectStep(page, 'Will you take MoJ IT equipment overseas, or access MoJ IT systems while you are overseas?');
        await h.answer(page, 'No');
        await h.expectStep(page, 'Check your answers');
        await page.getByRole('button', { name: 'See what you need to do' }).click();
        await h.expectStep(page, 'You do not need to follow the overseas travel process');
        const why = await h.reasons(page);
        assert.ok(why.some((r) => r.includes('you do not hold SC, eSC or DV clearance')), why.join('\n'));
        assert.ok(!(await h.wizardText(page)).includes('Overseas Travel Form'));
      });
    });

    test('part one complete: SC clearance, Spain, no STRAP, taking a laptop', async () => {
      await run(mode, async (page) => {
        await h.answer(page, 'Security Check (SC)');
        await h.expectStep(page, 'Are you subject to STRAP briefing?');
        await h.answer(page, 'No');
        await h.expectStep(page, 'Will you take MoJ IT equipment overseas, or access MoJ IT systems while you are overseas?');
        await h.answer(page, 'Yes');
        await h.expectStep(page, 'Which countries will you visit or pass through?');
        await h.addCountry(page, 'spa', 'Spain');
        await h.continueOn(page);
        await h.expectStep(page, 'Check your answers');
        await page.getByRole('button', { name: 'See what you need to do' }).click();
        await h.expectStep(page, 'Complete Part One – you do not need further formal approval');
        const s = await h.steps(page);
        assert.ok(s.some((x) => x.includes('You do not need any further formal approval for this trip.')), s.join('\n'));
        assert.ok(s.some((x) => x.includes('request International Roaming and the remote wipe function')), s.join('\n'));
        assert.ok(!s.some((x) => x.includes('Overseas Travel Form')));
        const why = await h.reasons(page);
        assert.ok(why.some((r) => r.includes('You hold Security Check (SC) clearance')), why.join('\n'));
        assert.ok(why.some((r) => r.includes('None of your countries is on the special-attention list')), why.join('\n'));
      });
    });

    test('part two: Hong Kong, prison staff (Governor approves), debrief mandatory', async () => {
      await run(mode, async (page) => {
        await h.answer(page, 'None, or Baseline Personnel Security Standard (BPSS) only');
        await h.answer(page, 'No');
        await h.expectStep(page, 'Will you take MoJ IT equipment overseas, or access MoJ IT systems while you are overseas?');
        await h.answer(page, 'Yes');
        await h.expectStep(page, 'Which countries will you visit or pass through?');
        await h.addCountry(page, 'hong', 'Hong Kong');
        await h.continueOn(page);
        await h.expectStep(page, 'Which part of the MoJ do you work in?');
        await h.answer(page, /^HMPPS outside HQ/);
        await h.expectStep(page, 'When do you plan to travel?');
        await h.fillDate(page, 15, 3, 2027);
        await h.continueOn(page);
        await h.expectStep(page, 'Check your answers');
        await page.getByRole('button', { name: 'See what you need to do' }).click();
        await h.expectStep(page, 'Complete Part One and Part Two – you need approval before you travel');
        const text = await h.wizardText(page);
        assert.match(text, /Send your request by Monday 22 February 2027\./);
        assert.match(text, /That is 15 working days before you travel on Monday 15 March 2027\./);
        const s = await h.steps(page);
        assert.ok(s.some((x) => x.startsWith('Ask your Governor for approval')), s.join('\n'));
        assert.ok(s.some((x) => x.includes('you must have a debrief')), s.join('\n'));
        assert.ok(s.some((x) => x.includes('Fill in the Overseas Travel Form.')));
        assert.ok(s.some((x) => x.includes('security@justice.gov.uk by Monday 22 February 2027')), s.join('\n'));
        assert.ok(!s.some((x) => x.includes('STRAP team')), 'not STRAP briefed: no STRAP step');
        const why = await h.reasons(page);
        assert.ok(why.includes('Hong Kong is part of China, which is on the special-attention list.'), why.join('\n'));
        assert.ok(why.some((r) => r.startsWith('your Governor approves your request') || r.startsWith('Your Governor approves')), why.join('\n'));
        // The steps are a checklist the reader can tick; a step that only informs (what
        // someone else does, what happens next) has no box.
        const first = page.locator('.wizard-checklist input[type=checkbox]').first();
        await first.check();
        assert.ok(await first.isChecked());
        for (const informing of ['The security team will consider your request', 'should tell your HR Business Partner']) {
          const li = page.locator('.wizard-checklist > li', { hasText: informing });
          assert.equal(await li.locator('input[type=checkbox]').count(), 0, informing);
        }
        const boxes = await page.locator('.wizard-checklist > li > input[type=checkbox]').count();
        assert.equal(boxes, s.length - 2, 'every other step has a tick box');
        // Ticks are kept across a reload.
        await page.reload();
        await h.waitForWizard(page);
        await h.expectStep(page, 'Complete Part One and Part Two – you need approval before you travel');
        assert.ok(await page.locator('.wizard-checklist input[type=checkbox]').first().isChecked(), 'the tick is kept');
        assert.equal(await page.locator('.wizard-checklist input[type=checkbox]:checked').count(), 1);
        // What to collect is a list under its step, not one long sentence.
        const collect = page.locator('.wizard-checklist > li', { hasText: 'Collect this information:' });
        const items = (await collect.locator('ul > li').allInnerTexts()).map((t) => t.trim());
        assert.equal(items.length, 14, items.join('\n'));
        assert.equal(items[0], 'your name');
        assert.equal(items[13], 'who you are travelling with');
        // The form, the addresses and ServiceNow are links, as on the page; a form on the
        // intranet is linked by its whole address.
        assert.equal(
          await page.locator('.wizard-checklist').getByRole('link', { name: 'security@justice.gov.uk' }).getAttribute('href'),
          'mailto:security@justice.gov.uk');
        assert.equal(
          await page.locator('.wizard-checklist').getByRole('link', { name: 'Overseas Travel Form' }).getAttribute('href'),
          'https://intranet.justice.gov.uk/gs/overseas-travel-form.docx');
        assert.match(
          await page.locator('.wizard-checklist').getByRole('link', { name: 'ServiceNow catalogue' }).getAttribute('href'),
          /^https:\/\/mojprod\.service-now\.com\//);
        // "Start again" forgets the answers here; there is no second button that does the same.
        assert.equal(await page.getByRole('button', { name: 'Clear my answers' }).count(), 0);
        assert.equal(await page.getByRole('button', { name: 'Start again' }).count(), 1);
        await page.getByRole('button', { name: 'Print this page' }).waitFor();
      });
    });

    test('STRAP briefed, United States: Part One only', async () => {
      await run(mode, async (page) => {
        await h.answer(page, 'None, or Baseline Personnel Security Standard (BPSS) only');
        await h.answer(page, 'Yes');
        await h.expectStep(page, 'Will you take MoJ IT equipment overseas, or access MoJ IT systems while you are overseas?');
        await h.answer(page, 'Yes');
        await h.expectStep(page, 'Which countries will you visit or pass through?');
        await h.addCountry(page, 'united st', 'United States');
        await h.continueOn(page);
        await h.expectStep(page, 'Check your answers');
        await page.getByRole('button', { name: 'See what you need to do' }).click();
        await h.expectStep(page, 'Complete Part One – you do not need further formal approval');
        assert.ok(!(await h.steps(page)).some((x) => x.includes('STRAP team')));
      });
    });

    test('STRAP briefed, Japan: tell the STRAP team, Part Two, 20 working days', async () => {
      await run(mode, async (page) => {
        await h.answer(page, 'Developed Vetting (DV)');
        await h.answer(page, 'Yes');
        await h.answer(page, 'Yes');
        await h.expectStep(page, 'Which countries will you visit or pass through?');
        await h.addCountry(page, 'japan', 'Japan');
        await h.continueOn(page);
        await h.expectStep(page, 'Which part of the MoJ do you work in?');
        await h.answer(page, 'MoJ HQ');
        await h.fillDate(page, 15, 3, 2027);
        await h.continueOn(page);
        await h.expectStep(page, 'Check your answers');
        await page.getByRole('button', { name: 'See what you need to do' }).click();
        await h.expectStep(page, 'Complete Part One and Part Two – you need approval before you travel');
        const text = await h.wizardText(page);
        assert.match(text, /Send your request by Monday 15 February 2027\./);
        assert.match(text, /That is 20 working days before you travel/);
        const s = await h.steps(page);
        assert.ok(s.some((x) => x.includes('Tell the STRAP team about your trip')), s.join('\n'));
        assert.ok(s.some((x) => x.startsWith('Ask your Senior Line Manager')), s.join('\n'));
        assert.ok(s.some((x) => x.includes('you might need to arrange a debrief')), 'debrief possible, not mandatory');
        assert.ok(!s.some((x) => x.includes('you must have a debrief')));
      });
    });

    test('a late request says so plainly, and what to do now, in order, once', async () => {
      await run(mode, async (page) => {
        await h.answer(page, 'Security Check (SC)');
        await h.answer(page, 'No');
        await h.answer(page, 'Yes');
        await h.addCountry(page, 'russ', 'Russia');
        await h.continueOn(page);
        await h.answer(page, 'HM Courts and Tribunals Service (HMCTS)');
        await h.expectStep(page, 'When do you plan to travel?');
        await h.fillDate(page, 1, 12, 2026);
        await h.continueOn(page);
        await page.getByRole('button', { name: 'See what you need to do' }).click();
        await h.expectStep(page, 'Complete Part One and Part Two – you need approval before you travel');
        const text = await h.wizardText(page);
        assert.match(text, /Your request is already late\. The last day to send it was (Monday|Tuesday|Wednesday|Thursday|Friday) \d+ November 2026\./);
        assert.match(text, /Do the steps below now, in order, and send your request as soon as you can\./);
        const s = await h.steps(page);
        const at = (start) => s.findIndex((x) => x.startsWith(start));
        assert.ok(at('Collect this information') >= 0 && at('Collect this information') < at('Fill in the Overseas Travel Form'), s.join('\n'));
        const send = at('Send the completed form');
        assert.ok(send > at('Fill in the Overseas Travel Form'), s.join('\n'));
        assert.match(s[send], /to security@justice\.gov\.uk now, and say that it is late\./);
        assert.equal(s.filter((x) => /late/.test(x)).length, 1, `"late" once in the steps:\n${s.join('\n')}`);
      });
    });
  });
}
