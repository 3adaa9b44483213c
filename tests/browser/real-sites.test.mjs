// Real sites moved in as they are (issue 13), in headless Chromium from file://: the GOV.UK
// tech-docs site's images all show, its pages read right; the Jekyll site's tables written
// without a header row are tables, and its old addresses send readers on, under the pages'
// CSP. tests/run.sh builds both from ../shared/real-sites into SIGNPOST_REAL_SITES.
import { test, before, after, describe } from 'node:test';
import fs from 'node:fs';
import path from 'node:path';
import * as r from './readers-harness.mjs';

const { assert } = r;
const REAL = process.env.SIGNPOST_REAL_SITES || '';
const CLOUD = path.join(REAL, 'cloud-platform-user-guide.site');
const SECURITY = path.join(REAL, 'security-guidance.site');
const skip = REAL ? false : 'SIGNPOST_REAL_SITES is not set (../shared/real-sites is not beside the repository)';
let browser;

before(async () => { if (!skip) browser = await r.launch(); });
after(async () => { await browser?.close(); });

/** Opens a page of a built site from file://, and fails on anything it asks of the network. */
async function openPage(site, rel) {
  const opened = await r.open(browser, r.fileUrl(rel, site));
  return opened;
}

describe('the tech-docs site, from file://', { skip }, () => {
  test('every image on every page shows, from the site itself', async () => {
    const pages = r.htmlFiles(CLOUD).filter((f) => !f.endsWith('.offline.html')
      && fs.readFileSync(path.join(CLOUD, f), 'utf8').includes('<img'));
    assert.ok(pages.length >= 10, pages.join(', '));
    let images = 0;
    for (const rel of pages) {
      const { context, page, requests, errors } = await openPage(CLOUD, rel);
      try {
        // The site's own images (one page shows an image from GitHub, which `check` reports
        // as a remote-resource warning: no copy on disk can show it).
        const local = await page.$$eval('main img', (imgs) => imgs
          .filter((i) => !/^https?:/.test(i.getAttribute('src')))
          .map((i) => ({ src: i.getAttribute('src'), shows: i.complete && i.naturalWidth > 0 })));
        const broken = local.filter((i) => !i.shows).map((i) => i.src);
        images += local.length;
        assert.deepEqual(broken, [], `${rel}: images that do not show`);
        assert.deepEqual(requests.filter((u) => !u.startsWith('file:') && !u.startsWith('https://github.com/')), [], `${rel}: asked the network`);
        assert.deepEqual(errors.filter((e) => !e.includes('github.com')), [], rel);
      } finally {
        await context.close();
      }
    }
    // 27 of the 37 files in source/images are shown by pages (some twice); 10 are unused.
    assert.ok(images >= 27, `${images} images`);
  });

  test('a page reads right: its title once, its owner, no template code', async () => {
    const { context, page } = await openPage(CLOUD, 'documentation/concepts/what-is-the-cloud-platform.html');
    try {
      await assert.doesNotReject(page.getByRole('heading', { level: 1, name: 'What is the Cloud Platform?' }).waitFor());
      assert.equal(await page.getByRole('heading', { level: 1 }).count(), 1);
      const text = await page.locator('body').innerText();
      assert.match(text, /Owner\s+#cloud-platform-notify on Slack/);
      assert.doesNotMatch(text, /<%|\{%/);
    } finally {
      await context.close();
    }
  });
});

describe('the Jekyll site, from file://', { skip }, () => {
  test('a table written without a header row is a table, every row in it', async () => {
    const { context, page } = await openPage(SECURITY, 'malware-protection-guidance-defensive-layer-3.html');
    try {
      const table = page.getByRole('table').filter({ hasText: '✔ Ensure that applications' });
      assert.equal(await table.count(), 1);
      assert.equal(await table.getByRole('row').count(), 9, '"Do" and its eight rows');
      assert.equal(await table.getByRole('columnheader').count(), 0, 'no header made up');
      assert.doesNotMatch(await page.locator('main').innerText(), /\|✔/);
    } finally {
      await context.close();
    }
  });

  test('an old address sends the reader to the page, with no script', async () => {
    const { context, page, errors } = await openPage(SECURITY, 'guides/personnel-security-clearances/index.html');
    try {
      await page.waitForURL(/\/personnel-security-clearances\.html$/);
      await assert.doesNotReject(page.getByRole('heading', { level: 1, name: 'Personnel security clearances' }).waitFor());
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('folders are named as words in the breadcrumbs', async () => {
    const { context, page } = await openPage(SECURITY, 'hmcts/vetting-and-clearance-policy.html');
    try {
      const crumbs = page.getByRole('navigation', { name: /breadcrumb/i });
      assert.match(await crumbs.innerText(), /HMCTS/);
    } finally {
      await context.close();
    }
  });
});
