// "Take a copy" in real headless Chromium, from file:// with no network: a single-page copy
// alone in an empty folder shows the page and its contacts, keeps its strict CSP and runs
// the wizard to an outcome; the site zip, unzipped anywhere, opens, every link in it works,
// search and the wizard work; both say until when to trust them, and say so when past it.
import { test, before, after, describe } from 'node:test';
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as r from './readers-harness.mjs';

const { assert, wizard: w } = r;
const COPY = r.WIZARD_PAGE.replace(/\.html$/, '.offline.html');
const TODAY = '2026-11-20T10:00:00';
let browser;

before(async () => { browser = await r.launch(); });
after(async () => { await browser?.close(); });

/** The single-page copy, alone in a new empty folder. */
function lonelyCopy() {
  const dir = r.tempDir('signpost-one-page-');
  fs.copyFileSync(path.join(r.SITE, COPY), path.join(dir, 'copy.html'));
  return dir;
}

describe('the site links to its copies', () => {
  test('the home page has a download link to the site zip', () => {
    const html = fs.readFileSync(path.join(r.SITE, 'index.html'), 'utf8');
    const link = html.match(/<a href="([^"]+\.zip)" download="([^"]+)">Download the whole site<\/a> \(ZIP, [\d.]+ [KM]B\)/);
    assert.ok(link, 'a download link with the size');
    assert.ok(fs.statSync(path.join(r.SITE, link[1])).size > 1000);
    assert.match(link[2], /-\d{4}-\d{2}-\d{2}\.zip$/, 'saved under a dated name');
  });

  test('every current guidance page links to its single-file copy', () => {
    const pages = r.htmlFiles().filter((f) => !f.endsWith('.offline.html'));
    const link = /<a href="([^"]+)" download="[^"]+">Download this page<\/a> to read it offline \(HTML, \d+ KB;/;
    const withCopy = pages.filter((f) => link.test(fs.readFileSync(path.join(r.SITE, f), 'utf8')));
    assert.ok(withCopy.includes(r.WIZARD_PAGE), withCopy.join(', '));
    for (const page of withCopy) {
      const [, href] = fs.readFileSync(path.join(r.SITE, page), 'utf8').match(link);
      assert.ok(fs.existsSync(path.join(r.SITE, path.dirname(page), href)), `${page} -> ${href}`);
    }
    const replaced = fs.readFileSync(path.join(r.SITE, 'travel/taking-it-equipment-abroad-2018.html'), 'utf8');
    assert.doesNotMatch(replaced, link, 'replaced guidance is not offered to take away');
  });
});

describe('a single-page copy, alone in an empty folder, from file://', () => {
  test('shows the page and its contacts, with no network and its CSP intact', async () => {
    const dir = lonelyCopy();
    const { context, page, requests, errors } = await r.open(browser, r.fileUrl('copy.html', dir), { today: TODAY });
    try {
      await w.waitForWizard(page);
      assert.equal(await page.locator('h1').textContent(), 'Accessing MoJ IT systems from overseas');
      const contacts = page.locator('.contacts').first();
      assert.ok(await contacts.isVisible());
      assert.match(await page.locator('main').innerText(), /security@justice\.gov\.uk/);
      assert.match(await page.locator('main').innerText(), /0800 917 5148/);
      // Styled: the theme's CSS is inside (the skip link is off-screen until focused).
      const left = await page.locator('.skip-link').evaluate((e) => getComputedStyle(e).left);
      assert.equal(left, '-9999px');
      assert.equal(await page.locator('form.site-search, nav.site-nav').count(), 0, 'no site chrome');
      assert.deepEqual(r.foreignRequests(requests, dir), [], 'nothing asked for but the file itself');
      assert.deepEqual(errors, [], 'no console errors: no CSP violation, no missing file');
    } finally {
      await context.close();
    }
  });

  test('its Content-Security-Policy allows exactly its own inline scripts and styles', () => {
    const html = fs.readFileSync(path.join(r.SITE, COPY), 'utf8');
    const policy = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)">/)[1];
    assert.doesNotMatch(policy, /'unsafe-inline'|'unsafe-eval'|\*/);
    const sha = (text) => `'sha256-${crypto.createHash('sha256').update(text, 'utf8').digest('base64')}'`;
    const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => sha(m[1]));
    const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => sha(m[1]));
    assert.ok(scripts.length >= 4, 'the wizard glue, its wasm, its loader, the review and copy checks');
    const scriptSrc = policy.match(/script-src ([^;]+)/)[1].split(' ');
    const styleSrc = policy.match(/style-src ([^;]+)/)[1].split(' ');
    for (const h of scripts) assert.ok(scriptSrc.includes(h), `script ${h} allowed`);
    for (const h of styles) assert.ok(styleSrc.includes(h), `style ${h} allowed`);
    assert.equal(scriptSrc.length, new Set(scripts).size + 1, 'nothing else allowed but wasm');
    assert.doesNotMatch(html, /<(script|img|link)\b[^>]*\b(src|href)="(?!data:|https?:|#)/, 'no file outside the copy');
  });

  test('runs the wizard to an outcome', async () => {
    const dir = lonelyCopy();
    const { context, page, requests, errors } = await r.open(browser, r.fileUrl('copy.html', dir), { today: TODAY });
    try {
      await w.waitForWizard(page);
      await w.start(page);
      await w.expectStep(page, 'What level of national security clearance do you hold?');
      await w.answer(page, 'Security Check (SC)');
      await w.expectStep(page, 'Are you subject to STRAP briefing?');
      await w.answer(page, 'No');
      await w.expectStep(page, 'Will you take MoJ IT equipment overseas, or access MoJ IT systems while you are overseas?');
      await w.answer(page, 'Yes');
      await w.expectStep(page, 'Which countries will you visit or pass through?');
      await w.addCountry(page, 'hong', 'Hong Kong');
      await w.continueOn(page);
      await w.expectStep(page, 'Which part of the MoJ do you work in?');
      await w.answer(page, 'MoJ HQ');
      await w.expectStep(page, 'When do you plan to travel?');
      await w.continueOn(page);
      await w.expectStep(page, 'Check your answers');
      await page.getByRole('button', { name: 'See what you need to do' }).click();
      await w.expectStep(page, 'Complete Part One and Part Two – you need approval before you travel');
      const steps = await w.steps(page);
      assert.ok(steps.some((s) => s.includes('security@justice.gov.uk')), steps.join('\n'));
      assert.deepEqual(r.foreignRequests(requests, dir), []);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('links to other pages are absolute or marked as not included', async () => {
    const html = fs.readFileSync(path.join(r.SITE, COPY), 'utf8');
    const hrefs = [...html.matchAll(/<a\b[^>]*\shref="([^"]*)"/g)].map((m) => m[1]);
    const local = hrefs.filter((h) => !/^(#|mailto:|tel:|https?:)/.test(h));
    assert.deepEqual(local, [], 'no link to a file that is not in the copy');
    assert.match(html, /class="not-in-copy"[^>]*>[^<]+<\/span><span class="not-in-copy-note"> \(not included in this copy\)/);
  });

  test('says when it was made and until when to trust it, and when it is out of date', async () => {
    const dir = lonelyCopy();
    const html = fs.readFileSync(path.join(dir, 'copy.html'), 'utf8');
    const until = html.match(/data-copy-valid-until="(\d{4}-\d{2}-\d{2})"/)[1];
    for (const [today, expired] of [[TODAY, false], [`${until}T23:00:00`, false], [`${r.addDays(until, 1)}T08:00:00`, true]]) {
      const { context, page, errors } = await r.open(browser, r.fileUrl('copy.html', dir), { today });
      try {
        const notice = await page.locator('.copy-notice').innerText();
        assert.match(notice, /This is a copy of “Accessing MoJ IT systems from overseas” from .+, made on \d+ \w+ \d{4}\. Trust it until \d+ \w+ \d{4}/);
        const banner = page.getByRole('heading', { name: 'This copy is out of date' });
        await page.waitForLoadState('load');
        assert.equal(await banner.isVisible(), expired, `on ${today}: out of date ${expired}`);
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    }
  });
});

describe('the site zip, unzipped in an empty folder, from file://', () => {
  let root;

  before(() => {
    const zip = fs.readdirSync(r.SITE).find((f) => f.endsWith('.zip'));
    const dir = r.tempDir('signpost-site-copy-');
    execFileSync('unzip', ['-q', path.join(r.SITE, zip), '-d', dir]);
    const top = fs.readdirSync(dir);
    assert.equal(top.length, 1, `one folder at the top of the zip: ${top}`);
    root = path.join(dir, top[0]);
  });

  test('holds the site without the download copies', () => {
    const files = r.htmlFiles(root);
    assert.ok(files.includes('index.html') && files.includes(r.WIZARD_PAGE) && files.includes('search.html'));
    assert.deepEqual(files.filter((f) => f.endsWith('.offline.html')), []);
    for (const f of files) {
      const html = fs.readFileSync(path.join(root, f), 'utf8');
      assert.doesNotMatch(html, /<a\b[^>]*\sdownload\b/, `${f}: no download links inside the copy`);
      assert.match(html, /class="copy-notice"/, `${f}: says it is a copy`);
    }
  });

  test('every link on every page works, from index.html onwards', async () => {
    const { context, page, requests, errors } = await r.open(browser, undefined, { today: TODAY });
    try {
      const start = r.fileUrl('index.html', root);
      const seen = new Set([start]);
      const queue = [start];
      const problems = [];
      while (queue.length) {
        const url = queue.shift();
        await page.goto(url);
        // Links, and where forms go (the search form goes to the search page).
        const links = await page.evaluate(() => [
          ...Array.from(document.querySelectorAll('a[href]'), (a) => a.href),
          ...Array.from(document.querySelectorAll('form[action]'), (f) => f.action),
        ]);
        for (const link of links.filter((l) => l.startsWith('file:'))) {
          const [target, fragment] = link.split('#');
          const file = fileURLToPath(target);
          if (!fs.existsSync(file)) {
            problems.push(`${url}: ${link} does not exist`);
            continue;
          }
          if (fragment && target.endsWith('.html')) {
            const ids = fs.readFileSync(file, 'utf8');
            if (!ids.includes(`id="${decodeURIComponent(fragment)}"`)) problems.push(`${url}: no #${fragment} in ${target}`);
          }
          if (target.endsWith('.html') && !seen.has(target)) {
            seen.add(target);
            queue.push(target);
          }
        }
      }
      assert.deepEqual(problems, []);
      const pages = r.htmlFiles(root).map((f) => r.fileUrl(f, root));
      const unreached = pages.filter((p) => !seen.has(p));
      assert.deepEqual(unreached, [], 'every page can be reached by following links');
      assert.deepEqual(r.foreignRequests(requests, root), []);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('search and the wizard work in the copy', async () => {
    const { context, page, requests, errors } = await r.open(browser, r.fileUrl('travel/index.html', root), { today: TODAY });
    try {
      await page.getByRole('searchbox', { name: 'Search this site' }).fill('roaming');
      await page.waitForSelector('.site-search-result');
      await page.locator('.site-search-result a').first().click();
      await page.waitForURL(/accessing-it-systems-from-overseas\.html#international-roaming$/);
      await w.waitForWizard(page);
      await w.start(page);
      await w.expectStep(page, 'What level of national security clearance do you hold?');
      assert.deepEqual(r.foreignRequests(requests, root), []);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('says until when to trust it, and when it is out of date', async () => {
    const html = fs.readFileSync(path.join(root, 'index.html'), 'utf8');
    const until = html.match(/data-copy-valid-until="(\d{4}-\d{2}-\d{2})"/)[1];
    for (const [today, expired] of [[TODAY, false], [`${r.addDays(until, 1)}T08:00:00`, true]]) {
      const { context, page, errors } = await r.open(browser, r.fileUrl('travel/index.html', root), { today });
      try {
        assert.match(await page.locator('.copy-notice').innerText(), /This is a copy of .+, made on .+\. Trust it until/);
        await page.waitForLoadState('load');
        const banner = page.getByRole('heading', { name: 'This copy is out of date' });
        assert.equal(await banner.isVisible(), expired, `on ${today}`);
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    }
  });
});
