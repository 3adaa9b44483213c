// Shared set-up for the browser tests: a tiny static HTTP server over the built site, the
// Debian Chromium driven by playwright-core, a fixed "today", and helpers that operate the
// wizard the way a reader does (by role and visible label).
'use strict';

const assert = require('node:assert/strict');
const { before, after } = require('node:test');
const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const { chromium } = require('playwright-core');

/** The built site (`signpost build` output). */
const SITE = path.resolve(process.env.SIGNPOST_SITE || path.join(__dirname, '..', '..', 'public'));
/** The page that carries the overseas travel wizard, relative to the site. */
const PAGE = process.env.SIGNPOST_WIZARD_PAGE || 'travel/accessing-it-systems-from-overseas.html';
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
/** "Today" in every test: Friday 20 November 2026 (inside the bank-holiday data). */
const TODAY = new Date('2026-11-20T10:00:00');
const FLOW = 'overseas-travel';
const HEADING_ID = `wz-${FLOW}-heading`;
const ERRORS_ID = `wz-${FLOW}-errors`;
const TITLE = 'Check what you need to do before you travel overseas';

// Without these flags Chromium tries to reach outside hosts and stalls (toolchain note).
const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

function checkSite() {
  const page = path.join(SITE, PAGE);
  if (!fs.existsSync(page)) {
    throw new Error(`no built page at ${page}: build the site first (signpost build), or set SIGNPOST_SITE`);
  }
}

/** Serves SITE on 127.0.0.1 (a free port); records every path asked for. */
async function startServer() {
  checkSite();
  const served = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    served.push(url.pathname);
    let file = path.normalize(path.join(SITE, decodeURIComponent(url.pathname)));
    if (!file.startsWith(SITE)) {
      res.writeHead(403).end();
      return;
    }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    fs.readFile(file, (err, body) => {
      if (err) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      res.writeHead(200, {
        'content-type': TYPES[path.extname(file)] || 'application/octet-stream',
        'cache-control': 'no-store',
      });
      res.end(body);
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    served,
    url: (rel = PAGE) => `${origin}/${rel}`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/** The page as a file:// URL. */
function fileUrl(rel = PAGE) {
  checkSite();
  return pathToFileURL(path.join(SITE, rel)).href;
}

async function launch() {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/**
 * A fresh context and page with "today" fixed, and a record of every request, console
 * error and uncaught exception. `bypassCSP` only for the axe runs (axe is injected as an
 * inline script); the walk-throughs run with the page's CSP enforced.
 */
async function openPage(browser, url, { bypassCSP = false } = {}) {
  const context = await browser.newContext({ bypassCSP, viewport: { width: 1024, height: 800 } });
  const page = await context.newPage();
  await page.clock.setFixedTime(TODAY);
  const requests = [];
  const errors = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => {
    // The browser asks for /favicon.ico by itself (the page does not): a missing one is
    // not the page's error.
    if (m.type() === 'error' && !(m.location().url || '').endsWith('/favicon.ico')) {
      errors.push(`console: ${m.text()} (${m.location().url || 'page'})`);
    }
  });
  page.on('pageerror', (e) => errors.push(`exception: ${e.message}`));
  await page.goto(url);
  await waitForWizard(page);
  return { context, page, requests, errors };
}

/** Waits until the wizard has replaced its no-JavaScript note. */
async function waitForWizard(page) {
  await page.locator('.wizard .wizard-app').waitFor({ timeout: 15000 });
}

/** The current step's heading text (of the wizard for `flow`, the overseas one by default). */
async function heading(page, flow = FLOW) {
  return (await page.locator(`#wz-${flow}-heading`).innerText()).trim();
}

/** Waits until the step with this heading shows and has keyboard focus (`flow`: as above). */
async function expectStep(page, text, flow = FLOW) {
  const HEADING_ID = `wz-${flow}-heading`;
  try {
    await page.waitForFunction(
      ([id, want]) => {
        const h = document.getElementById(id);
        return h && h.textContent.trim() === want && document.activeElement === h;
      },
      [HEADING_ID, text],
      { timeout: 5000 },
    );
  } catch (e) {
    const now = await page.locator(`#${HEADING_ID}`).innerText().catch(() => '(no heading)');
    const focused = await page.evaluate(() => document.activeElement && document.activeElement.outerHTML.slice(0, 120));
    assert.fail(`expected step "${text}" with focus on its heading; showing "${now}", focus on ${focused}`);
  }
}

async function start(page) {
  // The wizard's own (the box near the top of the page has one too, which presses this).
  await page.locator('section.wizard').getByRole('button', { name: 'Start now' }).click();
}

async function continueOn(page) {
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
}

async function choose(page, label) {
  const exact = typeof label === 'string';
  await page.getByRole('radio', { name: label, exact }).check();
}

/** Answers the radio question showing now, and continues. */
async function answer(page, label) {
  await choose(page, label);
  await continueOn(page);
}

/** The countries question's combobox (ARIA 1.2: a text box with a listbox of matches). */
function countriesBox(page) {
  return page.getByRole('combobox', { name: 'Which countries will you visit or pass through?' });
}

/** Types into the countries box and clicks the matching option, as a mouse user does. */
async function addCountry(page, typed, name) {
  await countriesBox(page).fill(typed);
  await page.getByRole('option', { name: new RegExp(`^${name}\\b`) }).first().click();
  await page.getByRole('button', { name: `Remove ${name}`, exact: true }).waitFor();
}

/** The options listed now, in order (their visible text). */
async function options(page) {
  return (await page.getByRole('option').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
}

async function fillDate(page, day, month, year) {
  await page.getByRole('textbox', { name: 'Day' }).fill(String(day));
  await page.getByRole('textbox', { name: 'Month' }).fill(String(month));
  await page.getByRole('textbox', { name: 'Year' }).fill(String(year));
}

/** The wizard's visible text, whitespace squeezed. */
async function wizardText(page) {
  return (await page.locator('.wizard').innerText()).replace(/\s+/g, ' ');
}

/** The outcome's checklist steps. */
async function steps(page) {
  return (await page.locator('.wizard-checklist > li').allInnerTexts()).map((s) => s.replace(/\s+/g, ' ').trim());
}

async function reasons(page) {
  return (await page.locator('.wizard-reasons li').allInnerTexts()).map((s) => s.trim());
}

/** Requests that are not the site's own files (served from `allowed`, an origin or a file:// dir). */
function foreignRequests(requests, allowed) {
  return requests.filter((u) => !(u.startsWith(allowed) || u.startsWith('data:')));
}

/**
 * Chromium and the site's HTTP server for the tests of one file: call it once at the top of
 * the file; `browser` and `server` are set before its first test and closed after its last.
 */
function useBrowserAndServer() {
  const env = { browser: null, server: null };
  before(async () => {
    env.browser = await launch();
    env.server = await startServer();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  return env;
}

function siteDirUrl() {
  return pathToFileURL(SITE + path.sep).href;
}

const TMP = os.tmpdir();

module.exports = {
  SITE, PAGE, TODAY, FLOW, HEADING_ID, ERRORS_ID, TITLE, TMP,
  startServer, fileUrl, launch, openPage, waitForWizard, heading, expectStep, start,
  continueOn, choose, answer, addCountry, countriesBox, options, fillDate, wizardText, steps, reasons,
  foreignRequests, siteDirUrl, useBrowserAndServer,
};
