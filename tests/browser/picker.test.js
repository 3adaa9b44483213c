// The country picker cannot lose or misread a country: text left in the box is added when
// it names one place exactly, or stops the question with an error; exact names, codes and
// other names rank first; the arrow keys choose and Enter never guesses; Kosovo, islands
// and regions can be found; the outcome names each country that led to Part Two.
// By mouse and by keyboard, with the page's CSP enforced.
'use strict';

const { test, describe } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./harness');

const env = h.useBrowserAndServer();
const COUNTRIES = 'Which countries will you visit or pass through?';
const PART_ONE = 'Complete Part One – you do not need further formal approval';
const PART_TWO = 'Complete Part One and Part Two – you need approval before you travel';

async function withPage(body) {
  const opened = await h.openPage(env.browser, env.server.url());
  try {
    await body(opened.page);
    assert.deepEqual(opened.errors, [], 'no console errors');
  } finally {
    await opened.context.close();
  }
}

/** A cleared traveller without STRAP, taking a laptop, at the countries question. */
async function toCountries(page) {
  await h.start(page);
  await h.answer(page, 'Security Check (SC)');
  await h.answer(page, 'No');
  await h.answer(page, 'Yes');
  await h.expectStep(page, COUNTRIES);
}

async function chosen(page) {
  return page.locator('.wizard-countries__chosen-name').allInnerTexts();
}

/** From check answers to the outcome; returns the outcome's heading. */
async function outcome(page) {
  await page.getByRole('button', { name: 'See what you need to do' }).click();
  await page.locator('.wizard-outcome').waitFor();
  return h.heading(page);
}

/** Presses Tab until the element with this accessible role and name has focus. */
async function tabTo(page, role, name) {
  for (let i = 0; i < 30; i++) {
    await page.keyboard.press('Tab');
    const focused = page.getByRole(role, { name, exact: true });
    if (await focused.evaluate((el) => el === document.activeElement).catch(() => false)) return;
  }
  assert.fail(`Tab never reached ${role} "${name}"`);
}

describe('the Dubai slip: text left in the box is never dropped', () => {
  test('mouse: "Dub" left in the box stops with an error at the box; never Part One', async () => {
    await withPage(async (page) => {
      await toCountries(page);
      await h.addCountry(page, 'united st', 'United States');
      await h.countriesBox(page).fill('Dub');
      assert.deepEqual(await h.options(page), ['United Arab Emirates (Dubai)']);
      await h.continueOn(page);
      await page.waitForFunction((id) => document.activeElement && document.activeElement.id === id, h.ERRORS_ID);
      const message = 'You typed ‘Dub’ but did not choose a country: choose one from the list, or clear the box';
      assert.match(await page.locator(`#${h.ERRORS_ID}`).innerText(), new RegExp(message.replace(/[()]/g, '\\$&')));
      assert.match(await page.locator('.wizard-error-message').innerText(), /You typed ‘Dub’ but did not choose a country/);
      assert.equal(await h.heading(page), COUNTRIES, 'the question stays');
      assert.equal(await h.countriesBox(page).inputValue(), 'Dub', 'the text stays in the box');
      // Choosing the match, the reader goes on to Part Two.
      await page.getByRole('option', { name: /^United Arab Emirates/ }).click();
      assert.deepEqual(await chosen(page), ['United States', 'United Arab Emirates']);
      await h.continueOn(page);
      await h.expectStep(page, 'Which part of the MoJ do you work in?');
    });
  });

  test('mouse: "Dubai" left in the box adds the United Arab Emirates: Part Two, named in the reasons', async () => {
    await withPage(async (page) => {
      await toCountries(page);
      await h.addCountry(page, 'united st', 'United States');
      await h.countriesBox(page).fill('Dubai');
      await h.continueOn(page);
      await h.expectStep(page, 'Which part of the MoJ do you work in?');
      await h.answer(page, 'MoJ HQ');
      await h.continueOn(page);
      await h.expectStep(page, 'Check your answers');
      assert.match(await h.wizardText(page), /United States and United Arab Emirates/);
      assert.equal(await outcome(page), PART_TWO);
      const why = await h.reasons(page);
      assert.ok(why.includes('United Arab Emirates is on the special-attention list.'), why.join('\n'));
      assert.ok(!why.some((r) => r.startsWith('United States')), 'only the country that led to Part Two is named');
    });
  });

  test('keyboard: "Dub" then Tab to Continue and Enter gives the error; "Germany" alone is added', async () => {
    await withPage(async (page) => {
      await toCountries(page);
      const box = h.countriesBox(page);
      await box.focus();
      await page.keyboard.type('Dub');
      await tabTo(page, 'button', 'Continue');
      await page.keyboard.press('Enter');
      await page.waitForFunction((id) => document.activeElement && document.activeElement.id === id, h.ERRORS_ID);
      assert.match(await page.locator(`#${h.ERRORS_ID}`).innerText(), /You typed ‘Dub’ but did not choose a country/);
      // Clear the box, type a whole name, Continue: it is added, not "choose at least one".
      await box.fill('');
      await box.focus();
      await page.keyboard.type('Germany');
      await tabTo(page, 'button', 'Continue');
      await page.keyboard.press('Enter');
      await h.expectStep(page, 'Which part of the MoJ do you work in?');
      await page.getByRole('button', { name: 'Back' }).click();
      await h.expectStep(page, COUNTRIES);
      assert.deepEqual(await chosen(page), ['Germany']);
    });
  });
});

describe('ranking and choosing', () => {
  test('exact name, code or other name first: UK, america, Korea (mouse)', async () => {
    await withPage(async (page) => {
      await toCountries(page);
      const box = h.countriesBox(page);
      await box.fill('UK');
      const uk = await h.options(page);
      assert.equal(uk[0], 'United Kingdom (UK)', uk.join(' | '));
      assert.ok(uk.indexOf('Ukraine') > 0, uk.join(' | '));
      await box.fill('america');
      const america = await h.options(page);
      assert.equal(america[0], 'United States (America)', america.join(' | '));
      assert.equal(america[1], 'American Samoa', america.join(' | '));
      await box.fill('Korea');
      assert.deepEqual((await h.options(page)).slice(0, 2), ['North Korea', 'South Korea']);
      await page.getByRole('option', { name: 'South Korea' }).click();
      assert.deepEqual(await chosen(page), ['South Korea']);
    });
  });

  test('keyboard: the arrow keys move the highlight; Enter adds it, and never guesses between several', async () => {
    await withPage(async (page) => {
      await toCountries(page);
      const box = h.countriesBox(page);
      await box.focus();
      assert.equal(await box.getAttribute('aria-expanded'), 'false');
      await page.keyboard.type('Korea');
      assert.equal(await box.getAttribute('aria-expanded'), 'true');
      await page.keyboard.press('Enter');
      const status = page.locator('.wizard-countries__status');
      assert.match(await status.innerText(), /2 places match “Korea”\. Use the up and down arrow keys to choose one, then press Enter\./);
      assert.deepEqual(await chosen(page), [], 'Enter did not pick one of two');
      assert.equal(await h.heading(page), COUNTRIES, 'and did not submit the form');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      const active = await box.getAttribute('aria-activedescendant');
      assert.equal(await page.locator(`#${active}`).innerText(), 'South Korea');
      assert.equal(await page.locator(`#${active}`).getAttribute('aria-selected'), 'true');
      assert.equal(await page.evaluate(() => document.activeElement.getAttribute('role')), 'combobox', 'focus stays in the box');
      await page.keyboard.press('ArrowUp');
      assert.equal(await page.locator(`#${await box.getAttribute('aria-activedescendant')}`).innerText(), 'North Korea');
      await page.keyboard.press('Enter');
      await page.getByRole('button', { name: 'Remove North Korea', exact: true }).waitFor();
      assert.match(await status.innerText(), /North Korea added\. You have added 1 country\./);
      // "UK": the exact other name is first; ArrowDown then Enter adds it.
      await page.keyboard.type('UK');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      await page.getByRole('button', { name: 'Remove United Kingdom', exact: true }).waitFor();
      await page.keyboard.type('america');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      await page.getByRole('button', { name: 'Remove United States', exact: true }).waitFor();
      assert.deepEqual(await chosen(page), ['North Korea', 'United Kingdom', 'United States']);
      // Escape clears the box.
      await page.keyboard.type('fra');
      await page.keyboard.press('Escape');
      assert.equal(await box.inputValue(), '');
    });
  });
});

describe('the places travellers type', () => {
  test('Kosovo can be chosen, counted with Serbia (the strict reading, with a note)', async () => {
    await withPage(async (page) => {
      await toCountries(page);
      await h.addCountry(page, 'kosovo', 'Kosovo');
      await h.continueOn(page);
      await h.expectStep(page, 'Which part of the MoJ do you work in?');
      await h.answer(page, 'MoJ HQ');
      await h.continueOn(page);
      assert.equal(await outcome(page), PART_TWO);
      const why = await h.reasons(page);
      assert.ok(why.includes('The special-attention list includes Kosovo with Serbia.'), why.join('\n'));
      assert.ok((await h.steps(page)).some((s) => s.includes('you must have a debrief')));
      // The guidance page says so, for the security team to confirm.
      const note = await page.locator('.special-attention-countries-note').innerText();
      assert.match(note, /The policy does not name Kosovo\./);
      assert.match(await page.locator('.special-attention-countries').innerText(), /Serbia \(including Kosovo\)/);
    });
  });

  test('islands and regions find their country: Tenerife by mouse, Bali and Hawaii by keyboard', async () => {
    await withPage(async (page) => {
      await toCountries(page);
      await h.countriesBox(page).fill('Tenerife');
      assert.deepEqual(await h.options(page), ['Spain (Tenerife)']);
      await page.getByRole('option', { name: 'Spain (Tenerife)' }).click();
      const box = h.countriesBox(page);
      await box.focus();
      await page.keyboard.type('Bali');
      await page.keyboard.press('Enter');
      await page.getByRole('button', { name: 'Remove Indonesia', exact: true }).waitFor();
      await page.keyboard.type('Hawaii');
      await page.keyboard.press('Enter');
      await page.getByRole('button', { name: 'Remove United States', exact: true }).waitFor();
      assert.deepEqual(await chosen(page), ['Spain', 'Indonesia', 'United States']);
      await h.continueOn(page);
      await h.answer(page, 'MoJ HQ');
      await h.continueOn(page);
      assert.equal(await outcome(page), PART_TWO);
      // Each country that led to Part Two is named; the others are not.
      const why = await h.reasons(page);
      assert.ok(why.includes('Spain is on the special-attention list.') === false);
      assert.ok(why.includes('Indonesia is on the special-attention list.'), why.join('\n'));
    });
  });

  test('a place in no list and no special attention: Canary Islands, Madeira, Part One', async () => {
    await withPage(async (page) => {
      await toCountries(page);
      await h.addCountry(page, 'canary', 'Spain');
      await h.addCountry(page, 'madeira', 'Portugal');
      await h.continueOn(page);
      await h.expectStep(page, 'Check your answers');
      assert.equal(await outcome(page), PART_ONE);
    });
  });
});
