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
