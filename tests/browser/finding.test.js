// The wizard is found at once and its advice fits the traveller: a box near the top of the
// page links to it, it is in "On this page", the home page's link lands on it, and "Start
// now" is a few Tab presses from the top of main; a cleared traveller without kit gets no
// equipment steps; the browser's Back goes to the previous question; after a reload, focus
// is on the current question's heading. CSP enforced, over HTTP.
'use strict';

const { test, describe } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');
const h = require('./harness');

const env = h.useBrowserAndServer();
const EQUIPMENT = 'Will you take MoJ IT equipment overseas, or access MoJ IT systems while you are overseas?';
const PART_TWO = 'Complete Part One and Part Two – you need approval before you travel';
const PART_ONE = 'Complete Part One – you do not need further formal approval';

async function withPage(body, url = () => env.server.url()) {
  const opened = await h.openPage(env.browser, url());
  try {
    await body(opened.page);
    assert.deepEqual(opened.errors, [], 'no console errors');
  } finally {
    await opened.context.close();
  }
}

async function focused(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    return `${el.tagName.toLowerCase()} ${(el.innerText || el.value || '').trim().split('\n')[0]}`;
  });
}

describe('found at once', () => {
  const WIZARD_PAGES = [
    [h.PAGE, 'overseas-travel', 'Check what you need to do before you travel overseas', 'What level of national security clearance do you hold?'],
    ['devices/using-your-own-device.html', 'own-device', 'Check if you can use your own device for this work', 'How is the information you will work with classified?'],
  ];
  for (const [file, flow, link, first] of WIZARD_PAGES) {
    test(`"Start now" is within 3 Tab presses from the top of main: the box near the top holds it (${file})`, async () => {
      await withPage(async (page) => {
        await h.waitForWizard(page);
        // From the top: the skip link, then into main.
        await page.keyboard.press('Tab');
        assert.equal(await focused(page), 'a Skip to main content');
        await page.keyboard.press('Enter');
        assert.equal(await page.evaluate(() => document.activeElement.id), 'main-content');
        let tabs = 0;
        await page.keyboard.press('Tab');
        tabs += 1;
        assert.equal(await focused(page), `a ${link}`, 'the first stop in main is the box\'s link to the wizard');
        await page.keyboard.press('Tab');
        tabs += 1;
        assert.equal(await focused(page), 'button Start now');
        assert.ok(tabs <= 3, `${tabs} Tab presses`);
        assert.equal(await page.evaluate(() => !!document.activeElement.closest('main .wizard-promo')), true, 'the box\'s own button');
        // It starts the wizard: the first question, with focus on its heading, in view.
        await page.keyboard.press('Enter');
        await h.expectStep(page, first, flow);
        const top = await page.locator(`#wz-${flow}-heading`).evaluate((el) => el.getBoundingClientRect().top);
        assert.ok(top >= 0 && top < 720, `the question is in the window (${top} px)`);
        // Part-way through, the box's button is gone (its link still leads to the wizard).
        assert.equal(await page.locator('main .wizard-promo').getByRole('button').count(), 0);
        assert.ok(await page.locator('main .wizard-promo a').isVisible());
      }, () => env.server.url(file));
    });
  }

  test('by mouse, the box\'s "Start now" starts the wizard (over HTTP and from file://)', async () => {
    for (const url of [() => env.server.url(), () => h.fileUrl(h.PAGE)]) {
      await withPage(async (page) => {
        await h.waitForWizard(page);
        await page.locator('main .wizard-promo').getByRole('button', { name: 'Start now' }).click();
        await h.expectStep(page, 'What level of national security clearance do you hold?');
      }, url);
    }
  });

  test('the box\'s link still leads to the wizard itself, at the top of the window', async () => {
    await withPage(async (page) => {
      await h.waitForWizard(page);
      await page.locator('main .wizard-promo a').first().click();
      assert.ok(page.url().endsWith('#wizard-overseas-travel'));
      const top = await page.locator('#wizard-overseas-travel').evaluate((el) => el.getBoundingClientRect().top);
      assert.ok(top > -2 && top < 100, `the wizard is at the top of the window (${top} px)`);
    });
  });

  test('the box is near the top, and the wizard is in "On this page" where it stands', async () => {
    await withPage(async (page) => {
      const box = page.locator('main .wizard-promo');
      assert.equal(await box.count(), 1);
      assert.ok((await box.boundingBox()).y < 400, 'within the first screen');
      const link = box.getByRole('link', { name: 'Check what you need to do before you travel overseas' });
      assert.equal(await link.getAttribute('href'), '#wizard-overseas-travel');
      const contents = (await page.locator('nav.contents a').allInnerTexts()).map((t) => t.trim());
      assert.equal(contents[0], 'Check what you need to do before you travel overseas');
      assert.equal(contents[1], 'Steps to follow before travelling');
      await page.locator('nav.contents a').first().click();
      assert.ok(page.url().endsWith('#wizard-overseas-travel'));
    });
  });

  test('the home page\'s link to the checker lands on the wizard itself', async () => {
    await withPage(async (page) => {
      await page.goto(env.server.url('index.html'));
      await page.getByRole('link', { name: 'step-by-step checker' }).click();
      await page.waitForURL(/accessing-it-systems-from-overseas\.html#wizard-overseas-travel$/);
      await h.waitForWizard(page);
      const top = await page.locator('#wizard-overseas-travel').evaluate((el) => el.getBoundingClientRect().top);
      assert.ok(top > -2 && top < 100, `the wizard is at the top of the window (${top} px)`);
      await page.locator('section.wizard').getByRole('button', { name: 'Start now' }).waitFor();
    });
  });
});

describe('weight', () => {
  test('everything the wizard page loads is within its 150 KB gzip budget, the wizard\'s own files within 100 KB', async (t) => {
    const opened = await h.openPage(env.browser, env.server.url());
    try {
      await opened.page.waitForLoadState('networkidle');
      const own = env.server.origin + '/';
      const files = [...new Set(opened.requests.filter((u) => u.startsWith(own)).map((u) => new URL(u).pathname))];
      let total = 0;
      const lines = [];
      const gzipped = {};
      for (const file of files) {
        const body = fs.readFileSync(path.join(h.SITE, decodeURIComponent(file)));
        const gz = zlib.gzipSync(body, { level: 9 }).length;
        gzipped[file] = gz;
        total += gz;
        lines.push(`${(gz / 1024).toFixed(1)} KB ${file}`);
      }
      t.diagnostic(`${lines.join('; ')}; total ${(total / 1024).toFixed(1)} KB gzip`);
      assert.ok(files.some((f) => f.endsWith('wizard-wasm.js')), files.join(', '));
      assert.ok(total <= 150 * 1024, `the page loads ${(total / 1024).toFixed(1)} KB gzip: ${lines.join(', ')}`);
      // What the wizard adds to the site (issue 15): its style sheet, glue, wasm and loader.
      const wizard = files.filter((f) => f.includes('/assets/wizard/'));
      const wizardTotal = wizard.reduce((sum, f) => sum + gzipped[f], 0);
      t.diagnostic(`the wizard's own files: ${wizard.length}, ${wizardTotal} bytes gzip`);
      assert.equal(wizard.length, 4, wizard.join(', '));
      assert.ok(wizardTotal <= 100 * 1024, `the wizard's own files are ${(wizardTotal / 1024).toFixed(1)} KB gzip: ${wizard.join(', ')}`);
    } finally {
      await opened.context.close();
    }
  });
});

describe('advice that fits the traveller', () => {
  for (const [how, countries] of [['Spain: Part One', ['spa', 'Spain']], ['China: Part Two', ['chin', 'China']]]) {
    test(`an SC-cleared traveller on holiday without kit is asked about equipment and gets no equipment steps (${how})`, async () => {
      await withPage(async (page) => {
        await h.start(page);
        await h.answer(page, 'Security Check (SC)');
        await h.answer(page, 'No');
        await h.expectStep(page, EQUIPMENT);
        await h.answer(page, 'No');
        await h.expectStep(page, 'Which countries will you visit or pass through?');
        await h.addCountry(page, countries[0], countries[1]);
        await h.continueOn(page);
        if (countries[1] === 'China') {
          await h.answer(page, 'MoJ HQ');
          await h.continueOn(page);
        }
        await page.getByRole('button', { name: 'See what you need to do' }).click();
        await h.expectStep(page, countries[1] === 'China' ? PART_TWO : PART_ONE);
        const all = (await h.steps(page)).join('\n');
        for (const word of ['roaming', 'remote wipe', 'asset tag', 'make and type', 'VPN', 'network you use', 'business need for you to take MoJ IT equipment']) {
          assert.ok(!all.includes(word), `no "${word}" in:\n${all}`);
        }
        assert.match(all, /Tell your Senior Line Manager \(the head of your immediate team\) about your trip/);
        // The reading is shown, for the security team to confirm; it has no tick box.
        const note = page.locator('.wizard-checklist > li', { hasText: 'This is our reading of the policy' });
        assert.equal(await note.count(), 1);
        assert.equal(await note.locator('input').count(), 0);
      });
    });
  }

  test('the STRAP question has a hint in the page\'s own words', async () => {
    await withPage(async (page) => {
      await h.start(page);
      await h.answer(page, 'Security Check (SC)');
      await h.expectStep(page, 'Are you subject to STRAP briefing?');
      const group = page.getByRole('group', { name: 'Are you subject to STRAP briefing?' });
      const hint = await page.locator(`#${await group.getAttribute('aria-describedby')}`).first().innerText().catch(() => '');
      const text = hint || (await h.wizardText(page));
      assert.match(text, /you follow this process for all your trips, business or personal/);
      assert.match(text, /If you are not sure, ask your line manager\./);
    });
  });
});

describe('moving through the steps with the browser', () => {
  test('the browser\'s Back and Forward go to the previous and next question; the URL never changes', async () => {
    await withPage(async (page) => {
      const url = page.url();
      await h.start(page);
      await h.answer(page, 'Security Check (SC)');
      await h.expectStep(page, 'Are you subject to STRAP briefing?');
      await h.answer(page, 'No');
      await h.expectStep(page, EQUIPMENT);
      await page.goBack();
      await h.expectStep(page, 'Are you subject to STRAP briefing?');
      assert.ok(await page.getByRole('radio', { name: 'No' }).isChecked(), 'the answer is kept');
      await page.goBack();
      await h.expectStep(page, 'What level of national security clearance do you hold?');
      assert.ok(await page.getByRole('radio', { name: 'Security Check (SC)' }).isChecked());
      await page.goForward();
      await h.expectStep(page, 'Are you subject to STRAP briefing?');
      assert.equal(page.url(), url, 'the URL is unchanged');
      const state = await page.evaluate(() => history.state);
      assert.equal(state, 'overseas-travel|question:strap|0', 'the history holds the step only, no answer');
      // The answers are in this tab's sessionStorage only.
      assert.match(await page.evaluate(() => sessionStorage.getItem('signpost-wizard:overseas-travel')), /"clearance":"sc"/);
    });
  });

  test('after a reload, focus is on the current question\'s heading (and Back still works)', async () => {
    await withPage(async (page) => {
      await h.start(page);
      await h.answer(page, 'Security Check (SC)');
      await h.answer(page, 'No');
      await h.expectStep(page, EQUIPMENT);
      await page.reload();
      await h.waitForWizard(page);
      await h.expectStep(page, EQUIPMENT);
      await page.goBack();
      await h.expectStep(page, 'Are you subject to STRAP briefing?');
    });
  });
});
