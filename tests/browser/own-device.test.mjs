// The own-device check ("Using your own smartphone, laptop, tablet or PC for work"), a
// second decision written as content only, walked to each of its outcomes in real headless
// Chromium: by mouse and by keyboard alone, from file:// and in the page's single-file
// offline copy alone in an empty folder, with the page's Content-Security-Policy enforced
// and axe-core (WCAG 2.0/2.1/2.2 A and AA) on every step.
import { test, before, after, describe } from 'node:test';
import fs from 'node:fs';
import path from 'node:path';
import * as r from './readers-harness.mjs';

const { assert, wizard: w } = r;
const FLOW = 'own-device';
const PAGE = 'devices/using-your-own-device.html';
const COPY = PAGE.replace(/\.html$/, '.offline.html');
const TODAY = '2026-11-20T10:00:00';
const AXE_SOURCE = fs.readFileSync(r.AXE, 'utf8');
let browser;

before(async () => { browser = await r.launch(); });
after(async () => { await browser?.close(); });

/**
 * axe on the page as it is now. Injected through DevTools, so the page's CSP stays on; with
 * `preload: false` axe does not fetch the stylesheets again (from file:// it cannot, and the
 * failed requests would show as console errors).
 */
async function audit(page, step) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) {
    await page.evaluate(AXE_SOURCE);
  }
  const violations = await page.evaluate(async (tags) => {
    // eslint-disable-next-line no-undef
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'], preload: false });
    return result.violations.map((v) => `[${v.impact}] ${v.id}: ${v.help}\n    ` +
      v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary.replace(/\s+/g, ' ')}`).join('\n    '));
  }, r.AXE_TAGS);
  assert.deepEqual(violations, [], `axe violations at "${step}":\n${violations.join('\n')}`);
}

/** Where the page is opened from: the built site, or its offline copy alone in a folder. */
const PLACES = {
  'file://': () => ({ url: r.fileUrl(PAGE), dir: r.SITE }),
  'offline copy': () => {
    const dir = r.tempDir('signpost-own-device-copy-');
    fs.copyFileSync(path.join(r.SITE, COPY), path.join(dir, 'copy.html'));
    return { url: r.fileUrl('copy.html', dir), dir };
  },
};

/** How the reader operates the wizard: pointer clicks, or the keyboard alone. */
const MOUSE = {
  async start(page) { await w.start(page); },
  async answer(page, label) { await w.answer(page, label); },
  async button(page, name) { await page.getByRole('button', { name }).click(); },
};

/** Tab (forwards) until `found` holds for the focused element; fails after 60 presses. */
async function tabTo(page, found, what) {
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(found)) return;
  }
  assert.fail(`Tab never reached ${what}`);
}

const focusedIs = (name) => new Function(`const e = document.activeElement;
  return !!e && e.tagName === 'BUTTON' && e.textContent.trim() === ${JSON.stringify(name)};`);

const KEYBOARD = {
  async start(page) {
    await tabTo(page, focusedIs('Start now'), 'the Start now button');
    await page.keyboard.press('Enter');
  },
  // Into the radio group with Tab, arrows to the answer (arrows select), Space to be sure,
  // then Tab to Continue and Enter.
  async answer(page, label) {
    await tabTo(page, () => document.activeElement?.type === 'radio', 'the answers');
    const focusedLabel = () => page.evaluate(() => {
      const e = document.activeElement;
      return (e.labels?.[0]?.textContent || '').replace(/\s+/g, ' ').trim();
    });
    for (let i = 0; i < 10 && !(await focusedLabel()).startsWith(label); i++) {
      await page.keyboard.press('ArrowDown');
    }
    assert.ok((await focusedLabel()).startsWith(label), `the keyboard reached "${label}"`);
    await page.keyboard.press('Space');
    await tabTo(page, focusedIs('Continue'), 'the Continue button');
    await page.keyboard.press('Enter');
  },
  async button(page, name) {
    await tabTo(page, focusedIs(name), `the ${name} button`);
    await page.keyboard.press('Enter');
  },
};

const QUESTIONS = {
  classification: 'How is the information you will work with classified?',
  service: 'Which service will you use for this work?',
  line_manager: 'Has your line manager agreed that you can use your own device for this work?',
  store_files: 'Will you need to keep work files or information on the device itself?',
  shared: 'Does anyone else use this device, for example a family member?',
};

/** Each outcome: the answers that lead there, and what the reader must then be told. */
const WALKS = {
  'yes, once done: sensitive information on G Suite, files kept, a shared device': {
    answers: [
      ['classification', 'OFFICIAL-SENSITIVE, or other sensitive information'],
      ['service', 'MoJ G Suite (formerly Google Apps)'],
      ['line_manager', 'Yes'],
      ['store_files', 'Yes'],
      ['shared', 'Yes'],
    ],
    outcome: 'Yes, you can use your own device for this work once you have done these things',
    check(steps, reasons) {
      const device = steps.find((s) => s.startsWith('Make sure your device:'));
      assert.ok(device, steps.join('\n'));
      // The screen lock time is the page's, from the same data file.
      assert.match(device, /locks the screen if you do not use it for 10 minutes/);
      assert.ok(steps.some((s) => s.includes('only on MoJ G Suite (formerly Google Apps), an approved service')), steps.join('\n'));
      assert.ok(steps.some((s) => s.includes('delete them as soon as possible')), steps.join('\n'));
      assert.ok(steps.some((s) => s.includes('such as a family member, cannot use the MoJ applications')), steps.join('\n'));
      assert.ok(steps.some((s) => s.includes('lost laptops or hardware')), steps.join('\n'));
      assert.ok(reasons.some((x) => x.startsWith('Sensitive information can only be accessed')), reasons.join('\n'));
    },
  },
  'yes, once done: OFFICIAL on Slack, nothing stored, nobody else': {
    answers: [
      ['classification', 'OFFICIAL, and not sensitive'],
      ['service', 'The MoJ Digital & Technology Slack'],
      ['line_manager', 'Yes'],
      ['store_files', 'No'],
      ['shared', 'No'],
    ],
    outcome: 'Yes, you can use your own device for this work once you have done these things',
    check(steps) {
      assert.ok(!steps.some((s) => s.includes('an approved service for sensitive information')), steps.join('\n'));
      assert.ok(!steps.some((s) => s.includes('delete them as soon as possible')), steps.join('\n'));
      assert.ok(!steps.some((s) => s.includes('family member')), steps.join('\n'));
    },
  },
  'not for this information: not sure if sensitive, on Slack': {
    answers: [
      ['classification', 'OFFICIAL, but I am not sure whether it is sensitive'],
      ['service', 'The MoJ Digital & Technology Slack'],
    ],
    outcome: 'No, not for this information',
    check(steps, reasons) {
      assert.ok(reasons.includes('You are not sure whether the information is sensitive, so treat it as sensitive.'), reasons.join('\n'));
      assert.ok(reasons.includes('The MoJ Digital & Technology Slack must not be used for sensitive information.'), reasons.join('\n'));
      assert.ok(steps.some((s) => s.startsWith('Do not use that service for this information.')), steps.join('\n'));
    },
  },
  'not for this information: SECRET': {
    answers: [['classification', 'SECRET or TOP SECRET']],
    outcome: 'No, not for this information',
    check(steps, reasons) {
      assert.ok(reasons.includes('Only information classified as OFFICIAL or OFFICIAL-SENSITIVE can be used on your own device.'), reasons.join('\n'));
      assert.ok(steps.some((s) => s.startsWith('Do not use your own device for SECRET or TOP SECRET information.')), steps.join('\n'));
    },
  },
  'ask first: classification unknown, another service, no permission yet': {
    answers: [
      ['classification', 'I do not know how it is classified'],
      ['service', 'Another service'],
      ['line_manager', 'No'],
    ],
    outcome: 'Ask first – you cannot start yet',
    check(steps, reasons) {
      assert.ok(reasons.some((x) => x.startsWith('Your line manager has not agreed yet.')), reasons.join('\n'));
      assert.ok(steps.some((s) => s.startsWith('Ask your line manager for permission')), steps.join('\n'));
      assert.ok(steps.some((s) => s.startsWith('Find out how the information is classified.')), steps.join('\n'));
      assert.ok(steps.some((s) => s.startsWith('Ask the IT Service Desk whether you can use this service')), steps.join('\n'));
    },
  },
};

async function walk(place, input, { answers, outcome, check }) {
  const { url, dir } = PLACES[place]();
  const { context, page, requests, errors } = await r.open(browser, url, { today: TODAY });
  try {
    await w.waitForWizard(page);
    await audit(page, 'start');
    await input.start(page);
    for (const [id, label] of answers) {
      await w.expectStep(page, QUESTIONS[id], FLOW);
      await audit(page, id);
      await input.answer(page, label);
    }
    await w.expectStep(page, 'Check your answers', FLOW);
    await audit(page, 'check your answers');
    await input.button(page, 'See what you need to do');
    await w.expectStep(page, outcome, FLOW);
    await audit(page, 'outcome');
    const steps = await w.steps(page);
    const reasons = await w.reasons(page);
    check(steps, reasons);
    assert.deepEqual(r.foreignRequests(requests, dir), [], 'no request outside the page\'s folder');
    assert.deepEqual(errors, [], 'no console errors (a CSP violation would be one)');
  } finally {
    await context.close();
  }
}

for (const place of Object.keys(PLACES)) {
  for (const [inputName, input] of [['mouse', MOUSE], ['keyboard', KEYBOARD]]) {
    describe(`own-device check, ${place}, by ${inputName}`, () => {
      for (const [name, spec] of Object.entries(WALKS)) {
        test(name, async () => { await walk(place, input, spec); });
      }
    });
  }
}

describe('the own-device page and its check read the same data', () => {
  test('the page states the screen lock time and the services from data/own_device.yaml', () => {
    const html = fs.readFileSync(path.join(r.SITE, PAGE), 'utf8');
    assert.match(html, /lock the screen if you don’t use it for 10 minutes/);
    const lists = [...html.matchAll(/<ul class="own-device-services">([\s\S]*?)<\/ul>/g)].map((m) => m[1]);
    assert.equal(lists.length, 2, 'approved, and not for sensitive information');
    assert.match(lists[0], /MoJ G Suite \(formerly Google Apps\)/);
    assert.match(lists[0], /MoJ Office 365/);
    assert.doesNotMatch(lists[0], /Slack/);
    assert.match(lists[1], /The MoJ Digital &amp; Technology Slack/);
    // The readings the guidance does not spell out are shown for the security team.
    assert.match(html, /class="own-device-note"><strong>Note:<\/strong> The guidance does not say what to do in every case/);
  });
});
