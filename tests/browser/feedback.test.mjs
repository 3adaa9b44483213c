// Feedback without a mail program, in real headless Chromium: a site with `feedback_form` in
// its site.yaml, built here with the signpost binary, asks "Was this page useful? Yes / No";
// each answer opens the organisation's form with the page's title and address filled in, by
// mouse and by keyboard. The mailto stays; the four rating mailtos are off by default.
import { test, before, after, describe } from 'node:test';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as r from './readers-harness.mjs';

const { assert } = r;
const here = path.dirname(fileURLToPath(import.meta.url));
const FORM = 'https://forms.example.org/guidance-feedback?source=intranet';
const SITE_URL = 'https://guidance.example.org';
let browser;
let site;

/** The signpost binary: SIGNPOST_BIN, or the workspace's release build (tests/run.sh makes
 * it before the browser tests), or its debug build. */
function signpostBinary() {
  if (process.env.SIGNPOST_BIN) return process.env.SIGNPOST_BIN;
  const target = path.join(here, '..', '..', 'target');
  const found = ['release', 'debug'].map((p) => path.join(target, p, 'signpost')).find((f) => fs.existsSync(f));
  if (!found) throw new Error('no signpost binary: run `cargo build --release`, or set SIGNPOST_BIN');
  return found;
}

function buildSite() {
  const dir = r.tempDir('signpost-feedback-');
  const content = path.join(dir, 'content');
  const write = (rel, text) => {
    fs.mkdirSync(path.dirname(path.join(content, rel)), { recursive: true });
    fs.writeFileSync(path.join(content, rel), text);
  };
  write('site.yaml', `name: Guidance\nfeedback: team@example.org\nsite_url: ${SITE_URL}\nfeedback_form: ${FORM}\n`);
  write('index.md', '---\ntitle: Home\n---\nWelcome.\n');
  write('travel/abroad.md', '---\ntitle: Travel & you\nowner: Security team\nreview_by: 2099-01-01\n---\nText.\n');
  const out = path.join(dir, 'public');
  execFileSync(signpostBinary(), ['build', '--content', content, '--output', out, '--today', '2026-11-20'], { stdio: 'pipe' });
  return out;
}

before(async () => {
  browser = await r.launch();
  site = buildSite();
});
after(async () => { await browser?.close(); });

/** Opens the page and answers any request to the form service with a page of its own. */
async function openPage(options = {}) {
  const opened = await r.open(browser, undefined, options);
  await opened.page.route('https://forms.example.org/**', (route) => route.fulfill({
    contentType: 'text/html', body: '<!DOCTYPE html><title>Form</title><h1>Thank you</h1>',
  }));
  await opened.page.goto(r.fileUrl('travel/abroad.html', site));
  return opened;
}

function formParams(url) {
  const u = new URL(url);
  assert.equal(`${u.origin}${u.pathname}`, 'https://forms.example.org/guidance-feedback');
  return Object.fromEntries(u.searchParams);
}

describe('feedback form', () => {
  test('"Yes" opens the form with the page\'s title and address (mouse)', async () => {
    const { context, page, errors } = await openPage();
    try {
      const block = page.getByRole('region', { name: 'Feedback' });
      await block.getByText('Was this page useful?').waitFor();
      assert.equal(await block.getByRole('list', { name: 'Was this page useful?' }).count(), 1);
      await block.getByRole('link', { name: 'Yes this page was useful' }).click();
      await page.waitForURL(/^https:\/\/forms\.example\.org\//);
      assert.deepEqual(formParams(page.url()), {
        source: 'intranet', page: 'Travel & you', url: `${SITE_URL}/travel/abroad.html`, useful: 'yes',
      });
      assert.equal(await page.locator('h1').textContent(), 'Thank you');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('"No" by keyboard: Tab from "Yes", then Enter', async () => {
    const { context, page } = await openPage();
    try {
      await page.getByRole('link', { name: 'Yes this page was useful' }).focus();
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement.textContent), 'No this page was not useful');
      await page.keyboard.press('Enter');
      await page.waitForURL(/^https:\/\/forms\.example\.org\//);
      assert.equal(formParams(page.url()).useful, 'no');
      assert.equal(formParams(page.url()).page, 'Travel & you');
    } finally {
      await context.close();
    }
  });

  test('the mailto stays as the other way; no rating mailtos; axe finds nothing', async () => {
    const { context, page } = await openPage({ bypassCSP: true });
    try {
      const block = page.getByRole('region', { name: 'Feedback' });
      const mail = block.getByRole('link', { name: 'team@example.org' });
      assert.equal(await mail.getAttribute('href'), 'mailto:team@example.org?subject=Feedback%3A%20Travel%20%26%20you');
      assert.equal(await block.getByRole('link', { name: /helpful/i }).count(), 0, 'the four ratings are off by default');
      assert.deepEqual(await r.axeViolations(page), []);
    } finally {
      await context.close();
    }
  });
});

describe('the real site', () => {
  test('without a feedback_form, pages keep the mailto and show no rating mailtos', async () => {
    const { context, page } = await r.open(browser, r.fileUrl(r.WIZARD_PAGE));
    try {
      const block = page.getByRole('region', { name: 'Feedback' });
      assert.equal(await block.getByText('Was this page useful?').count(), 0);
      assert.equal(await block.getByRole('link', { name: /helpful/i }).count(), 0);
      assert.match(await block.getByRole('link', { name: /@/ }).getAttribute('href'), /^mailto:/);
    } finally {
      await context.close();
    }
  });
});
