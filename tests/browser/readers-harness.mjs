// Shared set-up for the readers' tests (search, offline copies, print, every page's
// accessibility): the built site, the Debian Chromium through playwright-core, axe-core,
// and the Nu Html Checker. The site is `signpost build` output, from SIGNPOST_SITE.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));

export const SITE = path.resolve(process.env.SIGNPOST_SITE || path.join(here, '..', '..', 'public'));
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
export const AXE = require.resolve('axe-core/axe.min.js');
export const VNU = require.resolve('vnu-jar/build/dist/vnu.jar');
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
/** The guidance page with the wizard, relative to the site. */
export const WIZARD_PAGE = 'travel/accessing-it-systems-from-overseas.html';
/** The wizard helper's harness: it knows how to answer the wizard's questions. */
export const wizard = require('./harness.js');

// Without these flags Chromium tries to reach outside hosts and stalls.
const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export function checkSite() {
  if (!fs.existsSync(path.join(SITE, 'index.html'))) {
    throw new Error(`no built site at ${SITE}: build it first (signpost build), or set SIGNPOST_SITE`);
  }
}

/** Chromium, headless. playwright-core gives every launch a fresh profile folder of its
 * own (it refuses a `--user-data-dir` argument), removed when the browser closes. */
export async function launch() {
  checkSite();
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/**
 * A fresh context and page, recording every request, console error and uncaught exception.
 * CSP violations show as console errors, so `errors` empty means the page's policy held.
 */
export async function open(browser, url, { bypassCSP = false, javaScriptEnabled = true, today, viewport } = {}) {
  const context = await browser.newContext({
    bypassCSP,
    javaScriptEnabled,
    viewport: viewport || { width: 1100, height: 900 },
  });
  const page = await context.newPage();
  if (today) await page.clock.setFixedTime(new Date(today));
  const requests = [];
  const errors = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`exception: ${e.message}`));
  if (url) await page.goto(url);
  return { context, page, requests, errors };
}

/** A file of the site (or of another folder) as a file:// URL. */
export function fileUrl(rel, dir = SITE) {
  return pathToFileURL(path.join(dir, rel)).href;
}

/** Every `.html` file under `dir`, relative to it, sorted. */
export function htmlFiles(dir = SITE) {
  const found = [];
  const walk = (sub) => {
    for (const entry of fs.readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      const rel = path.join(sub, entry.name);
      if (entry.isDirectory()) walk(rel);
      else if (entry.name.endsWith('.html')) found.push(rel);
    }
  };
  walk('');
  return found.sort();
}

/** A new empty folder, removed at the end of the test run. */
export function tempDir(prefix) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** The repository's root folder. */
export const REPO = path.join(here, '..', '..');

/** The signpost binary: SIGNPOST_BIN, or the workspace's release build, or its debug build. */
export function signpostBinary() {
  if (process.env.SIGNPOST_BIN) return process.env.SIGNPOST_BIN;
  const target = path.join(REPO, 'target');
  const found = ['release', 'debug'].map((p) => path.join(target, p, 'signpost')).find((f) => fs.existsSync(f));
  if (!found) throw new Error('no signpost binary: run `cargo build --release`, or set SIGNPOST_BIN');
  return found;
}

/** Builds the site in `content` with the signpost binary; returns the built site's folder. */
export function buildSite(content) {
  const out = path.join(path.dirname(content), 'public');
  execFileSync(signpostBinary(), ['build', '--content', content, '--output', out, '--today', '2026-11-20'], { stdio: 'pipe' });
  return out;
}

/** Runs axe-core on the page (opened with `bypassCSP`: axe is injected inline). */
export async function axeViolations(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) {
    await page.addScriptTag({ path: AXE });
  }
  return page.evaluate(async (tags) => {
    // eslint-disable-next-line no-undef
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return result.violations.map((v) => `[${v.impact}] ${v.id}: ${v.help}\n    ` +
      v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary.replace(/\s+/g, ' ')}`).join('\n    '));
  }, AXE_TAGS);
}

/** The Nu Html Checker's errors for files or folders (empty when valid). */
export function vnuErrors(...targets) {
  try {
    execFileSync('java', ['-jar', VNU, '--errors-only', '--skip-non-html', ...targets], {
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
    });
    return '';
  } catch (e) {
    if (e.code === 'ENOENT') throw new Error('java is not installed (tests/install-deps.sh installs it)');
    return `${e.stdout || ''}${e.stderr || ''}`.trim() || `vnu failed: ${e.message}`;
  }
}

/** Requests that are not files under `dir` (or data: URLs). */
export function foreignRequests(requests, dir) {
  const own = pathToFileURL(dir + path.sep).href;
  return requests.filter((u) => !(u.startsWith(own) || u.startsWith('data:')));
}

/** The date `days` after an ISO date, as ISO. */
export function addDays(iso, days) {
  const d = new Date(`${iso}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export { assert };
