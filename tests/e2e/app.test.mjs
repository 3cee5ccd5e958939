// The built app as a user meets it: served over HTTP, and as the single file from disk with no network.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ARTIFACTS, DIST, chartInk, launch, ready, serve, watchErrors } from './harness.mjs';

let browser;
let server;

before(async () => {
  await mkdir(ARTIFACTS, { recursive: true });
  browser = await launch();
  server = await serve();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function checkFirstScreen(page, errors, name) {
  await ready(page);
  const headline = await page.textContent('[data-testid="headline"]');
  assert.match(headline, /\d/, `the headline shows a computed figure: ${headline}`);
  const ink = await chartInk(page);
  assert.ok(ink > 500, `the chart has ink (${ink} pixels)`);
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
  assert.deepEqual(errors, [], 'no console errors');
}

test('served over 127.0.0.1: shows a computed figure and an inked chart', async () => {
  const page = await browser.newPage({ deviceScaleFactor: 2 });
  const errors = watchErrors(page);
  await page.goto(server.url);
  await checkFirstScreen(page, errors, 'served');
  await page.close();
});

test('an edit recomputes the headline and the verdicts; bad input is refused at the cell', async () => {
  const page = await browser.newPage();
  const errors = watchErrors(page);
  await page.goto(server.url);
  await ready(page);
  const cell = page.locator('[data-testid="cell"][data-series="balance.all"][data-year="2023"] input');
  const before = await page.textContent('[data-testid="headline"]');
  const c1 = page.locator('[data-testid="claim"][data-claim="C1"]');

  await cell.fill('-7');
  await cell.press('Enter');
  await page.waitForFunction((old) => document.querySelector('[data-testid="headline"]').textContent !== old, before);
  assert.match(await page.textContent('[data-testid="headline"]'), /7 trillion/, 'the headline follows the edit');
  assert.equal(await c1.getAttribute('data-verdict'), 'fails', 'C1 re-evaluated against the edit');

  await cell.fill('seven');
  await cell.press('Enter');
  await page.waitForSelector('[data-series="balance.all"][data-year="2023"] input[aria-invalid="true"]');
  const describedBy = await cell.getAttribute('aria-describedby');
  const message = await page.locator(`[id="${describedBy}"]`).textContent();
  assert.ok(message && message.length > 10, `the error says what is wrong: ${message}`);
  assert.match(await page.textContent('[data-testid="headline"]'), /7 trillion/, 'the last valid value stays in force');

  await page.keyboard.press('Control+z');
  await page.waitForFunction((old) => document.querySelector('[data-testid="headline"]').textContent === old, before);
  assert.deepEqual(errors, [], 'no console errors');
  await page.close();
});

test('dist/jikgu.html from file:// with the network off works the same', async () => {
  const context = await browser.newContext({ offline: true });
  const requests = [];
  context.on('request', (req) => requests.push(req.url()));
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(pathToFileURL(join(DIST, 'jikgu.html')).href);
  await checkFirstScreen(page, errors, 'file-offline');
  const fetched = requests.filter((url) => !url.startsWith('file:') && !url.startsWith('data:') && !url.startsWith('blob:'));
  assert.deepEqual(fetched, [], 'the single file asks the network for nothing');
  await context.close();
});
