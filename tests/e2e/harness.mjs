// Shared set-up of the end-to-end tests: Debian's Chromium driven by playwright-core (which never
// downloads a browser), a static server for dist/ on 127.0.0.1, and helpers that read what a user sees.

import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const DIST = join(ROOT, 'dist');
export const ARTIFACTS = join(ROOT, 'tests/e2e/artifacts');

// Flags for a root user on a machine with no network: without the background-networking ones
// Chromium keeps trying to reach Google's hosts.
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: FLAGS,
  });
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.toml': 'text/plain; charset=utf-8',
};

/** Serves `dir` on 127.0.0.1 at a free port; resolves to { url, close }. With `csp`, HTML is
 *  served under that Content-Security-Policy header. */
export async function serve(dir = DIST, { csp } = {}) {
  const server = createServer(async (req, res) => {
    try {
      const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      let file = normalize(join(dir, path));
      if (!file.startsWith(dir)) throw new Error('outside');
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      const headers = { 'content-type': TYPES[extname(file)] || 'application/octet-stream' };
      if (csp && extname(file) === '.html') headers['content-security-policy'] = csp;
      res.writeHead(200, headers);
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((ok) => server.close(ok)) };
}

/** Collects console errors and uncaught exceptions of a page. */
export function watchErrors(page) {
  const errors = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`${msg.text()} (${msg.location().url || 'page'})`);
  });
  page.on('pageerror', (err) => errors.push(String(err)));
  return errors;
}

/** The number of non-background pixels drawn on the chart canvas. */
export async function chartInk(page) {
  return page.$eval('[data-testid="chart"] canvas', (canvas) => {
    const ctx = canvas.getContext('2d');
    const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    const [r0, g0, b0] = data; // the top-left corner is background
    let ink = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (Math.abs(data[i] - r0) + Math.abs(data[i + 1] - g0) + Math.abs(data[i + 2] - b0) > 60) ink++;
    }
    return ink;
  });
}

let pointerAt = 0;

/** Waits for the app to have mounted and drawn its first chart. The served page starts the app at
 *  a reader's first input (xtask/src/html.rs, `split_page`): a reader who came to edit moves the
 *  pointer first, and so does this, once the page's loader listens. */
/** `ready`, and the sections below the first screen rendered by the app itself: until the first
 *  paint has passed, those are the prerender's nodes, which the app then replaces, so a locator
 *  resolved on one can find it detached (the data table is the app's alone). */
export async function settled(page) {
  await ready(page);
  await page.waitForSelector('[data-testid="cell"]', { timeout: 20000 });
}

export async function ready(page) {
  // Headless Chromium can starve a page that is not in front of animation frames, which the
  // waits below poll on (puppeteer#10350).
  await page.bringToFront();
  await page.waitForSelector('[data-testid="headline"]', { timeout: 20000 });
  await page.waitForFunction(() => 'jikguStart' in self || !document.querySelector('main[data-prerendered]')
    || document.readyState === 'complete', null, { timeout: 20000 });
  // A move to where the pointer is not: after a reload it may already be at the last spot.
  pointerAt = pointerAt === 1 ? 2 : 1;
  await page.mouse.move(pointerAt, 1);
  await page.waitForFunction(() => {
    const canvas = document.querySelector('[data-testid="chart"] canvas');
    return canvas && canvas.width > 0;
  }, null, { timeout: 20000 });
}
