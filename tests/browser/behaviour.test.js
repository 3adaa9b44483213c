// How the wizard behaves between the steps: Back and Change keep answers, a reload keeps
// them, validation errors appear and take focus, the countries filter, Start again.
// CSP enforced; over HTTP, with the reload also checked from file://.
'use strict';

const { test, describe } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./harness');

const env = h.useBrowserAndServer();

/** Opens the page over HTTP, runs `body`, then checks there were no console errors. */
async function withPage(body, url = () => env.server.url()) {
  const opened = await h.openPage(env.browser, url());
  try {
    await body(opened.page, opened);
    assert.deepEqual(opened.errors, [], 'no console errors');
  } finally {
    await opened.context.close();
  }
}

/** From the start to the business-area question, via Hong Kong. */
async function toBusinessArea(page) {
  await h.start(page);
  await h.answer(page, 'None, or Baseline Personnel Security Standard (BPSS) only');
  await h.answer(page, 'No');
  await h.answer(page, 'Yes');
  await h.expectStep(page, 'Which countries will you visit or pass through?');
  await h.addCountry(page, 'hong', 'Hong Kong');
  await h.continueOn(page);
  await h.expectStep(page, 'Which part of the MoJ do you work in?');
}

async function chosen(page) {
  return page.locator('.wizard-countries__chosen-name').allInnerTexts();
}

async function errorSummaryFocused(page, message) {
  await page.waitForFunction((id) => document.activeElement && document.activeElement.id === id, h.ERRORS_ID, { timeout: 5000 });
  const summary = page.locator(`#${h.ERRORS_ID}`);
  assert.match(await summary.innerText(), /There is a problem/);
  const links = await summary.locator('a').allInnerTexts();
  assert.ok(links.some((l) => l.includes(message)), `error summary links: ${links.join(' | ')}`);
  return summary.locator('a', { hasText: message }).first();
}

describe('moving between steps', () => {
  test('Back keeps every answer, and Continue goes on to the next question', async () => {
    await withPage(async (page) => {
      await toBusinessArea(page);
      await h.choose(page, 'MoJ HQ');
      await h.continueOn(page);
      await h.expectStep(page, 'When do you plan to travel?');
      await page.getByRole('button', { name: 'Back' }).click();
      await h.expectStep(page, 'Which part of the MoJ do you work in?');
      assert.ok(await page.getByRole('radio', { name: 'MoJ HQ' }).isChecked());
      await page.getByRole('button', { name: 'Back' }).click();
      await h.expectStep(page, 'Which countries will you visit or pass through?');
      assert.deepEqual(await chosen(page), ['Hong Kong']);
      await page.getByRole('button', { name: 'Back' }).click();
      await h.expectStep(page, 'Will you take MoJ IT equipment overseas, or access MoJ IT systems while you are overseas?');
      assert.ok(await page.getByRole('radio', { name: 'Yes' }).isChecked());
      await h.continueOn(page);
      await h.expectStep(page, 'Which countries will you visit or pass through?');
      assert.deepEqual(await chosen(page), ['Hong Kong']);
    });
  });

  test('Change on "check your answers" keeps the later answers and comes back', async () => {
    await withPage(async (page) => {
      await toBusinessArea(page);
      await h.answer(page, 'MoJ HQ');
      await h.fillDate(page, 15, 3, 2027);
      await h.continueOn(page);
      await h.expectStep(page, 'Check your answers');
      const rows = page.locator('.wizard-summary-list__row');
      assert.equal(await rows.count(), 6);
      await page.getByRole('button', { name: 'Change your answer to: Which countries will you visit or pass through?' }).click();
      await h.expectStep(page, 'Which countries will you visit or pass through?');
      assert.deepEqual(await chosen(page), ['Hong Kong']);
      await h.addCountry(page, 'taiw', 'Taiwan');
      await h.continueOn(page);
      await h.expectStep(page, 'Check your answers');
      const text = await h.wizardText(page);
      assert.match(text, /Hong Kong and Taiwan/);
      assert.match(text, /MoJ HQ/);
      assert.match(text, /Monday 15 March 2027/);
      // A change that opens a new question asks it, then returns.
      await page.getByRole('button', { name: 'Change your answer to: Which part of the MoJ do you work in?' }).click();
      await h.expectStep(page, 'Which part of the MoJ do you work in?');
      await page.getByRole('button', { name: 'Back' }).click();
      await h.expectStep(page, 'Check your answers');
      await page.getByRole('button', { name: 'See what you need to do' }).click();
      await h.expectStep(page, 'Complete Part One and Part Two – you need approval before you travel');
      // The outcome lists the answers too, with Change links.
      await page.getByRole('button', { name: 'Change your answer to: When do you plan to travel?' }).click();
      await h.expectStep(page, 'When do you plan to travel?');
      assert.equal(await page.getByRole('textbox', { name: 'Year' }).inputValue(), '2027');
    });
  });

  test('a reload keeps the answers and the step (over HTTP and from file://)', async () => {
    for (const url of [() => env.server.url(), () => h.fileUrl()]) {
      await withPage(async (page) => {
        await toBusinessArea(page);
        await h.choose(page, 'HM Courts and Tribunals Service (HMCTS)');
        await h.continueOn(page);
        await h.expectStep(page, 'When do you plan to travel?');
        const stored = await page.evaluate(() => Object.keys(sessionStorage));
        assert.deepEqual(stored, ['signpost-wizard:overseas-travel']);
        await page.reload();
        await h.waitForWizard(page);
        // After a reload the reader is back on their step, with focus on its heading.
        await h.expectStep(page, 'When do you plan to travel?');
        await page.getByRole('button', { name: 'Back' }).click();
        await h.expectStep(page, 'Which part of the MoJ do you work in?');
        assert.ok(await page.getByRole('radio', { name: 'HM Courts and Tribunals Service (HMCTS)' }).isChecked());
        await page.getByRole('button', { name: 'Back' }).click();
        assert.deepEqual(await chosen(page), ['Hong Kong']);
      }, url);
    }
  });

  test('Start again (the one way to start again) forgets the answers, here and in storage', async () => {
    await withPage(async (page) => {
      await toBusinessArea(page);
      assert.equal(await page.getByRole('button', { name: 'Clear my answers' }).count(), 0);
      assert.equal(await page.getByRole('button', { name: 'Start again' }).count(), 1);
      await page.getByRole('button', { name: 'Start again' }).click();
      await h.expectStep(page, 'What level of national security clearance do you hold?');
      assert.match(await page.locator('.wizard-notice').innerText(), /Your answers have been cleared/);
      const stored = await page.evaluate(() => sessionStorage.getItem('signpost-wizard:overseas-travel'));
      assert.match(stored, /"answers":\{\}/);
      assert.equal(await page.locator('input[type=radio]:checked').count(), 0);
      // No Back on the first question, and no Start again before there is anything to forget.
      assert.equal(await page.getByRole('button', { name: 'Back' }).count(), 0);
      assert.equal(await page.getByRole('button', { name: 'Start again' }).count(), 0);
    });
  });

  test('Start again on the outcome starts with no answers', async () => {
    await withPage(async (page) => {
      await h.start(page);
      await h.answer(page, 'None, or Baseline Personnel Security Standard (BPSS) only');
      await h.answer(page, 'No');
      await h.answer(page, 'No');
      await page.getByRole('button', { name: 'See what you need to do' }).click();
      await h.expectStep(page, 'You do not need to follow the overseas travel process');
      await page.getByRole('button', { name: 'Start again' }).click();
      await h.expectStep(page, 'What level of national security clearance do you hold?');
      assert.equal(await page.locator('input[type=radio]:checked').count(), 0);
    });
  });
});

describe('validation', () => {
  test('Continue without an answer: the error summary takes focus and links to the field', async () => {
    await withPage(async (page) => {
      await h.start(page);
      await h.expectStep(page, 'What level of national security clearance do you hold?');
      await h.continueOn(page);
      // The message says what to do about this question (the flow's `error`), as GOV.UK asks.
      const link = await errorSummaryFocused(page, 'Select the level of national security clearance you hold');
      assert.match(await page.locator('.wizard-error-message').textContent(), /Error: Select the level of national security clearance you hold/);
      const url = page.url();
      await link.click();
      const focused = await page.evaluate(() => document.activeElement.getAttribute('type'));
      assert.equal(focused, 'radio', 'the link moves focus to the first radio');
      assert.equal(page.url(), url, 'the link does not change the URL');
      await h.answer(page, 'Security Check (SC)');
      await h.expectStep(page, 'Are you subject to STRAP briefing?');
      assert.equal(await page.locator(`#${h.ERRORS_ID}`).count(), 0);
      await h.continueOn(page);
      await errorSummaryFocused(page, 'Select yes if you are subject to STRAP briefing');
    });
  });

  test('countries: at least one; the filter announces what matches', async () => {
    await withPage(async (page) => {
      await h.start(page);
      await h.answer(page, 'Security Check (SC)');
      await h.answer(page, 'No');
      await h.answer(page, 'No');
      await h.expectStep(page, 'Which countries will you visit or pass through?');
      await h.continueOn(page);
      const link = await errorSummaryFocused(page, 'Choose at least one country you will visit or pass through');
      await link.click();
      assert.equal(await page.evaluate(() => document.activeElement.getAttribute('type')), 'text');
      const input = h.countriesBox(page);
      const status = page.getByRole('status').filter({ hasText: /match|added|removed/ });
      await input.fill('xyzzy');
      assert.match(await status.innerText(), /No country or territory matches “xyzzy”\. Check the spelling, or type the name of the country the place is in\. If you are not sure which country that is, add every country it could be in\./);
      for (const [typed, name] of [['maca', 'Macau'], ['tibet', 'Tibet'], ['palest', 'Palestinian territories'], ['northern cyp', 'Northern area of the Republic of Cyprus']]) {
        await input.fill(typed);
        assert.match(await status.innerText(), /1 place matches/);
        await page.getByRole('option', { name: new RegExp(`^${name}`) }).click();
        await page.getByRole('button', { name: `Remove ${name}`, exact: true }).waitFor();
        assert.match(await status.innerText(), new RegExp(`${name} added\\.`));
        assert.equal(await page.evaluate(() => document.activeElement.getAttribute('type')), 'text', 'focus back in the filter');
      }
      // Enter adds the only match without submitting the form.
      await input.fill('japa');
      await input.press('Enter');
      await page.getByRole('button', { name: 'Remove Japan', exact: true }).waitFor();
      assert.equal(await h.heading(page), 'Which countries will you visit or pass through?');
      await page.getByRole('button', { name: 'Remove Tibet', exact: true }).click();
      assert.match(await status.innerText(), /Tibet removed\. You have added 4 countries\./);
      assert.deepEqual(await chosen(page), ['Macau', 'Palestinian territories', 'Northern area of the Republic of Cyprus', 'Japan']);
    });
  });

  test('travel date: missing parts, impossible, past, and beyond the bank-holiday data', async () => {
    await withPage(async (page) => {
      await toBusinessArea(page);
      await h.answer(page, 'MoJ HQ');
      await h.expectStep(page, 'When do you plan to travel?');
      await page.getByRole('textbox', { name: 'Day' }).fill('15');
      await h.continueOn(page);
      const link = await errorSummaryFocused(page, 'The travel date must include a month and a year');
      await link.click();
      assert.equal(await page.evaluate(() => document.activeElement.id), `wz-${h.FLOW}-travel_date-month`);
      await h.fillDate(page, 31, 2, 2027);
      await h.continueOn(page);
      await errorSummaryFocused(page, 'The travel date must be a real date, for example 27 3 2027');
      await h.fillDate(page, 1, 11, 2026);
      await h.continueOn(page);
      await errorSummaryFocused(page, 'The travel date must be today or in the future');
      await h.fillDate(page, 10, 1, 2029);
      await h.continueOn(page);
      const beyond = await errorSummaryFocused(page, 'bank holidays');
      assert.match(await beyond.innerText(), /leave the date blank/);
      // Left blank (it is optional): the outcome gives the notice period instead.
      await h.fillDate(page, '', '', '');
      await h.continueOn(page);
      await h.expectStep(page, 'Check your answers');
      assert.match(await h.wizardText(page), /Not given/);
      await page.getByRole('button', { name: 'See what you need to do' }).click();
      await h.expectStep(page, 'Complete Part One and Part Two – you need approval before you travel');
      assert.match(await h.wizardText(page), /You did not give a travel date\. Send your request at least 15 working days before you travel\./);
    });
  });
});
