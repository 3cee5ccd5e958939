// The built app as a user meets it: served over HTTP, and as the single file from disk with no network.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ARTIFACTS, DIST, chartInk, launch, ready, serve, settled, watchErrors } from './harness.mjs';

let browser;
let server;
// KIEP's view of 2023, the figures the story quotes: the tests built on those numbers open it.
const KIEP = '?source=kiep-2025-07-02&year=2023';

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
  await page.goto(server.url + KIEP);
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

test('an assumption moves the break-even year; the goal seek answers and follows its target', async () => {
  const page = await browser.newPage();
  const errors = watchErrors(page);
  await page.goto(server.url + KIEP);
  await ready(page);

  await page.check('#seek-kind-rate');
  const answer = page.locator('[data-testid="goal-answer"]');
  await page.waitForSelector('[data-testid="goal-answer"][data-status="solved"]');
  assert.match(await answer.textContent(), /1,396\.0/, 'the rate the story\'s $4.3 bn implies');
  const target = page.locator('#field-seek-target');
  await target.fill('-5');
  await target.press('Enter');
  await page.waitForFunction(() => !document.querySelector('[data-testid="goal-answer"]').textContent.includes('1,396.0'));
  assert.match(await answer.textContent(), /1,200\.6/, '₩6.003 trillion is $5 bn at ₩1,200.6');

  const breakEven = page.locator('[data-testid="break-even"]');
  // KOSTAT's revised series has both flows, so sales can be projected on their own.
  await page.selectOption('.source select', 'kostat-revised');
  await page.waitForSelector('[id="growth-mode-sales.all"]');
  const before = await breakEven.textContent();
  await page.selectOption('[id="growth-mode-sales.all"]', 'fixed');
  const growth = page.locator('[id="field-growth-sales.all"]');
  await growth.fill('60');
  await growth.press('Enter');
  await page.waitForFunction((old) => document.querySelector('[data-testid="break-even"]').textContent !== old, before);
  const after = await breakEven.textContent();
  assert.match(after, /turns positive in 20\d\d/, `sales growing 60% a year close the gap: ${after}`);

  await growth.fill('lots');
  await growth.press('Enter');
  await page.waitForSelector('[id="field-growth-sales.all"][aria-invalid="true"]');
  assert.equal(await breakEven.textContent(), after, 'refused text leaves the assumption in force');
  assert.deepEqual(errors, [], 'no console errors');
  await page.close();
});

test('panels in light and dark, Korean and English, at 360 and 1200 px: no sideways scrolling', async () => {
  for (const width of [360, 1200]) {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    const errors = watchErrors(page);
    await page.goto(server.url);
    await ready(page);
    for (const theme of ['light', 'dark']) {
      for (const lang of ['ko', 'en']) {
        await page.click(`[data-theme-choice="${theme}"]`);
        await page.click(`.lang button[lang="${lang}"]`);
        await page.waitForFunction((t) => document.documentElement.dataset.theme === t, theme);
        await page.waitForFunction((l) => document.documentElement.lang === l, lang);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 0, `${width}px ${theme} ${lang}: the page scrolls sideways by ${overflow}px`);
        await page.screenshot({ path: join(ARTIFACTS, `panels-${width}-${theme}-${lang}.png`), fullPage: true });
      }
    }
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    assert.notEqual(bg, 'rgb(255, 255, 255)', 'the dark theme darkens the page');
    assert.deepEqual(errors, [], 'no console errors');
    await page.close();
  }
});

test('the events and the story then and now wrap their sentences inside their tables, Korean words kept whole', async () => {
  for (const width of [390, 1200]) {
    for (const lang of ['ko', 'en']) {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      const errors = watchErrors(page);
      await page.goto(`${server.url}?lang=${lang}`);
      await settled(page);
      for (const id of ['events', 'then-now']) {
        const section = page.locator(`[data-testid="${id}"]`);
        await section.scrollIntoViewIfNeeded();
        await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
        const fit = await section.evaluate((s) => {
          const box = s.querySelector('.scroll');
          const cell = s.querySelector('td[data-kind="text"]');
          return {
            over: box.scrollWidth - box.clientWidth,
            lines: cell ? Math.round(cell.getBoundingClientRect().height / parseFloat(getComputedStyle(cell).lineHeight)) : 0,
            align: cell && getComputedStyle(cell).textAlign,
            breaks: cell && getComputedStyle(cell).wordBreak,
          };
        });
        assert.ok(fit.over <= 1, `${width}px ${lang} ${id}: the table scrolls sideways by ${fit.over}px`);
        assert.equal(fit.align, 'left', `${width}px ${lang} ${id}: a sentence reads from the left`);
        assert.equal(fit.breaks, lang === 'ko' ? 'keep-all' : 'normal', `${width}px ${lang} ${id}: line breaks`);
        if (width === 390) assert.ok(fit.lines >= 2, `${width}px ${lang} ${id}: the first sentence wraps (${fit.lines} line)`);
      }
      // Where each event was reported sits under its sentence, in at most two lines: a column of
      // its own was a few letters wide on a phone, an address broken over five to seven lines.
      const cites = await page.$$eval('[data-testid="events"] td[data-kind="text"]', (cells) => cells.map((cell) => {
        const cite = cell.querySelector('.cite');
        return cite && Math.round(cite.getBoundingClientRect().height / parseFloat(getComputedStyle(cite).lineHeight));
      }));
      assert.ok(cites.length > 0 && cites.every((lines) => lines >= 1 && lines <= 2), `${width}px ${lang}: each event's citation in one or two lines under it: ${cites}`);
      assert.deepEqual(errors, [], 'no console errors');
      await page.close();
    }
  }
});

test('another data file loads from disk; a broken one is refused with its reason', async () => {
  const { readFile } = await import('node:fs/promises');
  const page = await browser.newPage();
  const errors = watchErrors(page);
  await page.goto(server.url);
  await ready(page);
  const original = await readFile(join(DIST, 'data/jikgu.toml'), 'utf8');
  await page.click('summary:has-text("Citing, and the data")');
  const input = page.locator('#data-file-input');

  await input.setInputFiles({ name: 'broken.toml', mimeType: 'text/plain', buffer: Buffer.from('schema = 1\n[[source]\n') });
  const refusal = await page.waitForSelector('#data-file-error');
  assert.match(await refusal.textContent(), /broken\.toml/, 'the refusal names the file');
  assert.match(await page.textContent('[data-testid="headline"]'), /5\.485 trillion/, 'the data stays as it was');

  // The headline's 2025 balance is sales 3조234억 less purchases: purchases of 10조5234억 make it −7.5.
  const other = original.replace('vintage = "rebased", flow = "purchases", year = 2025, value = "85080"', 'vintage = "rebased", flow = "purchases", year = 2025, value = "105234"');
  assert.notEqual(other, original, 'the test changes a figure');
  await input.setInputFiles({ name: 'other.toml', mimeType: 'text/plain', buffer: Buffer.from(other) });
  await page.waitForFunction(() => /7\.5 trillion/.test(document.querySelector('[data-testid="headline"]').textContent));
  assert.equal(await page.locator('#data-file-error').count(), 0, 'the refusal is gone once a file loads');
  assert.deepEqual(errors, [], 'no console errors');
  await page.close();
});

test('what a reader is typing survives a render that another box\'s edit causes', async () => {
  // The app reads a box on Enter or on leaving it; until then the text is only in the box. A
  // render that lands meanwhile (the previous box's edit finishing late on a slow phone) must not
  // put the old figure back.
  const page = await browser.newPage();
  const errors = watchErrors(page);
  await page.goto(server.url + KIEP);
  await ready(page);
  const horizon = page.locator('#field-horizon');
  const was = await horizon.inputValue();
  const typed = String(Number(was) + 1);
  await horizon.fill(typed);
  const before = await page.textContent('[data-testid="headline"]');
  // Another box commits without taking the focus, as a late render would arrive.
  await page.evaluate(() => {
    const cell = document.getElementById('cell-balance.all-2023');
    cell.value = '-7';
    cell.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await page.waitForFunction((old) => document.querySelector('[data-testid="headline"]').textContent !== old, before);
  assert.equal(await horizon.inputValue(), typed, 'the typed horizon is still in its box after the render');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'field-horizon', 'and keeps the focus');

  await horizon.press('Enter');
  await page.locator('[data-testid="cell"][data-series="balance.all"][data-year="2023"] button.reset').click();
  await page.waitForFunction((old) => document.querySelector('[data-testid="headline"]').textContent === old, before);
  assert.equal(await horizon.inputValue(), typed, 'Enter committed it: it stays after the next render');
  assert.equal(await horizon.getAttribute('aria-invalid'), null, 'as a valid horizon');
  assert.deepEqual(errors, [], 'no console errors');
  await page.close();
});

test('focusing a cell reads out where its figure came from', async () => {
  const page = await browser.newPage();
  await page.goto(server.url + KIEP);
  await ready(page);
  await page.focus('[data-testid="cell"][data-series="purchases.china"][data-year="2022"] input');
  const info = await page.textContent('#cell-info');
  assert.match(info, /2022: published by KIEP/, `the provenance of the focused cell: ${info}`);
  assert.match(info, /Korea Institute for International Economic Policy/, 'with its citation');
  await page.close();
});

test('a saved scenario survives a reload and compares with the current view', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = watchErrors(page);
  // Edited in KIEP's 2023 view; "Reset all" returns to the published defaults (the current
  // official basis, 2025).
  await page.goto(server.url + KIEP);
  await ready(page);
  const cell = page.locator('[data-testid="cell"][data-series="balance.all"][data-year="2023"] input');
  await cell.fill('-9');
  await cell.press('Enter');
  // Purchases from China of 4 trillion make C3 (3.23 trillion) fail in the saved scenario.
  const china = page.locator('[data-testid="cell"][data-series="purchases.china"][data-year="2023"] input');
  await china.fill('4');
  await china.press('Enter');
  await page.waitForSelector('[data-testid="claim"][data-claim="C3"][data-verdict="fails"]');
  await page.fill('#scenario-name', 'nine');
  await page.click('form.save-scenario button[type="submit"]');
  await page.click('.toolbar button:has-text("Reset all")');
  await page.waitForFunction(() => /5\.485 trillion/.test(document.querySelector('[data-testid="headline"]').textContent));
  // The defaults' address has no link: written once the frame showing them is painted.
  await page.waitForFunction(() => location.hash === '');

  await page.reload();
  await ready(page);
  const item = page.locator('.scenario-list li', { hasText: 'nine' });
  await item.locator('button', { hasText: 'Compare' }).click();
  const comparison = page.locator('[data-testid="comparison"]');
  await comparison.waitFor();
  const text = await comparison.textContent();
  assert.match(text, /9 trillion deficit/, `the saved scenario's balance: ${text}`);
  // The reloaded address still asks for KIEP's 2023 view, so that is the current one.
  assert.match(text, /6\.003 trillion deficit/, 'beside the current one');
  assert.ok(await comparison.locator('tr.differs').count() > 0, 'verdicts that differ are marked');
  await item.locator('button', { hasText: 'Open' }).click();
  await page.waitForFunction(() => /9 trillion/.test(document.querySelector('[data-testid="headline"]').textContent));
  assert.deepEqual(errors, [], 'no console errors');
  await context.close();
});

test('downloads: the figures as CSV and JSON with their sources, a chart as PNG and SVG, the data file', async () => {
  const { readFile } = await import('node:fs/promises');
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(server.url + KIEP);
  await ready(page);
  const fetch = async (click) => {
    const [download] = await Promise.all([page.waitForEvent('download'), click()]);
    return { name: download.suggestedFilename(), body: await readFile(await download.path()) };
  };

  const csv = await fetch(() => page.click('.chart-actions.figures button:has-text("CSV")'));
  const text = csv.body.toString('utf8');
  assert.match(csv.name, /\.csv$/, csv.name);
  assert.ok(text.startsWith('\ufeff'), 'a BOM so spreadsheets read Korean');
  assert.match(text, /kiep-2025-07-02/, 'the source of each figure');
  assert.match(text, /-6003000000000/, 'figures as exact decimals');

  const json = await fetch(() => page.click('.chart-actions.figures button:has-text("JSON")'));
  assert.doesNotThrow(() => JSON.parse(json.body.toString('utf8')), 'valid JSON');

  const png = await fetch(() => page.locator('button:has-text("PNG")').first().click());
  assert.deepEqual([...png.body.subarray(1, 4)].map((c) => String.fromCharCode(c)).join(''), 'PNG', `${png.name} is a PNG`);
  const svg = await fetch(() => page.locator('button:has-text("SVG")').first().click());
  assert.match(svg.body.toString('utf8'), /^<svg/, `${svg.name} is an SVG`);

  await page.click('summary:has-text("Citing, and the data")');
  const toml = await fetch(() => page.click('button.link:has-text("jikgu.toml")'));
  assert.match(toml.body.toString('utf8'), /^# jikgu dataset/, 'the data file, from memory');
  assert.deepEqual(errors, [], 'no console errors');
  await context.close();
});

test('a link restores exactly the view it was made from', async () => {
  const maker = await browser.newContext({ locale: 'ko-KR', permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await maker.newPage();
  await page.goto(server.url);
  await ready(page);
  const cell = page.locator('[data-testid="cell"][data-series="balance.all"][data-year="2023"] input');
  await cell.fill('-8');
  await cell.press('Enter');
  // Copied straight after the edit, the link is already this view's, though the address bar
  // only takes it a moment later.
  await page.click('.share button');
  await page.waitForFunction(() => document.querySelector('.share-status').textContent !== '');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  await page.waitForFunction(() => location.hash.startsWith('#v1.'));
  const url = page.url();
  assert.equal(copied, url, 'the copied link is the one the address bar shows');
  const headline = await page.textContent('[data-testid="headline"]');
  const verdicts = await page.$$eval('[data-testid="claim"]', (els) => els.map((e) => e.dataset.verdict));
  await maker.close();

  const reader = await browser.newContext({ locale: 'en-US' });
  const opened = await reader.newPage();
  const errors = watchErrors(opened);
  await opened.goto(url);
  await ready(opened);
  await opened.waitForFunction((h) => document.querySelector('[data-testid="headline"]').textContent === h, headline);
  assert.equal(await opened.getAttribute('html', 'lang'), 'ko', 'the language travels with the link');
  assert.deepEqual(await opened.$$eval('[data-testid="claim"]', (els) => els.map((e) => e.dataset.verdict)), verdicts, 'the same verdicts');
  assert.deepEqual(errors, [], 'no console errors');
  await reader.close();
});

test('damaged or hostile links open the default view with a notice, never a blank page', async () => {
  const good = 'v1.' + '0'.repeat(16) + '.e30';
  const fragments = [
    'v1.', 'v2.abc.def', 'garbage%%%', good, 'v1.' + 'x'.repeat(20000),
    'v1.abcdef0123456789.' + encodeURIComponent('é😀\u202e<script>'), '#'.repeat(50),
  ];
  for (const fragment of fragments) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${server.url}#${fragment}`);
    await ready(page);
    assert.match(await page.textContent('[data-testid="headline"]'), /5\.485 trillion/, `default view for ${fragment.slice(0, 30)}`);
    assert.ok(await page.locator('.notice').count() === 1, `a notice for ${fragment.slice(0, 30)}`);
    assert.deepEqual(errors, [], `no console errors for ${fragment.slice(0, 30)}`);
    await context.close();
  }
});

test('query options choose the language, theme, year and source; a saved page mounts once', async () => {
  const context = await browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  await page.goto(`${server.url}?lang=ko&theme=dark&year=2023&source=kostat-revised`);
  await ready(page);
  assert.equal(await page.getAttribute('html', 'lang'), 'ko');
  assert.equal(await page.getAttribute('html', 'data-theme'), 'dark');
  assert.match(await page.textContent('[data-testid="headline"]'), /4조 9,8\d\d억 원/, 'KOSTAT revised 2023 balance');

  // "Save page as… complete" keeps the rendered app inside #app: reopening must not mount twice.
  const saved = await page.content();
  const { writeFile, rm } = await import('node:fs/promises');
  const copy = join(DIST, 'saved-copy.tmp.html');
  await writeFile(copy, saved);
  try {
    const reopened = await context.newPage();
    // The saved DOM already shows a headline, so wait for the app itself to have started.
    await reopened.addInitScript(() => addEventListener('TrunkApplicationStarted', () => { window.jikguStarted = true; }));
    await reopened.goto(`${server.url}saved-copy.tmp.html`);
    await reopened.waitForFunction(() => window.jikguStarted === true);
    await reopened.evaluate(() => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 50))));
    assert.equal(await reopened.locator('[data-testid="headline"]').count(), 1, 'one app, not two');
  } finally {
    await rm(copy, { force: true });
  }
  await context.close();
});

test('embedded in an article, the iframe follows the height of its content', async () => {
  const { writeFile, rm } = await import('node:fs/promises');
  const host = join(DIST, 'host.tmp.html');
  await writeFile(host, `<!DOCTYPE html><html><head><link rel="icon" href="data:,"></head><body style="margin:0">
    <p>Article text above the embed.</p>
    <iframe data-jikgu src="./?embed&childId=story1&lang=en" style="width:360px;height:150px;border:0" title="jikgu"></iframe>
    <script src="./embed.js"></script></body></html>`);
  try {
    const page = await browser.newPage();
    const errors = watchErrors(page);
    await page.goto(`${server.url}host.tmp.html`);
    const frame = page.frameLocator('iframe[data-jikgu]');
    // The reader's pointer comes over the embed: the app starts and takes over from the prerender.
    await page.waitForFunction(() => document.querySelector('iframe[data-jikgu]').contentWindow.jikguStart);
    await page.hover('iframe[data-jikgu]');
    await frame.locator('main:not([data-prerendered]) [data-testid="headline"]').waitFor();
    const matches = async () => page.evaluate(() => {
      const iframe = document.querySelector('iframe[data-jikgu]');
      const main = iframe.contentDocument.querySelector('main');
      return Math.abs(iframe.getBoundingClientRect().height - Math.ceil(main.getBoundingClientRect().bottom)) <= 2;
    });
    await page.waitForFunction(() => document.querySelector('iframe[data-jikgu]').getBoundingClientRect().height > 300);
    assert.ok(await matches(), 'the iframe is as tall as the calculator');
    const before = await page.evaluate(() => document.querySelector('iframe[data-jikgu]').getBoundingClientRect().height);
    await frame.locator('.embed-assumptions > summary').click();
    await page.waitForFunction((h) => document.querySelector('iframe[data-jikgu]').getBoundingClientRect().height > h + 50, before);
    assert.ok(await matches(), 'and follows it when it grows');
    const link = await frame.locator('.embed-open a').getAttribute('href');
    assert.ok(!/embed|childId/.test(link), `the full calculator link drops the embed options: ${link}`);
    assert.deepEqual(errors, [], 'no console errors');
    await page.close();
  } finally {
    await rm(host, { force: true });
  }
});

test('the served page works under the strict policy in dist/content-security-policy.txt', async () => {
  const { readFile } = await import('node:fs/promises');
  const csp = (await readFile(join(DIST, 'content-security-policy.txt'), 'utf8')).trim();
  assert.ok(!csp.includes("'unsafe-eval'") && csp.includes("'wasm-unsafe-eval'"), csp);
  const strict = await serve(DIST, { csp });
  try {
    const page = await browser.newPage();
    await page.addInitScript(() => {
      window.cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => window.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    const errors = watchErrors(page);
    await page.goto(strict.url + KIEP);
    await ready(page);
    assert.ok((await chartInk(page)) > 500, 'the chart draws');
    const cell = page.locator('[data-testid="cell"][data-series="balance.all"][data-year="2023"] input');
    await cell.fill('-7');
    await cell.press('Enter');
    await page.waitForFunction(() => /7 trillion/.test(document.querySelector('[data-testid="headline"]').textContent));
    assert.deepEqual(await page.evaluate(() => window.cspViolations), [], 'no policy violations');
    assert.deepEqual(errors, [], 'no console errors');
    await page.close();
  } finally {
    await strict.close();
  }
});

test('after a first visit over HTTP, the calculator opens with the network off', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(server.url);
  await ready(page);
  await page.evaluate(() => navigator.serviceWorker.ready);
  await context.setOffline(true);
  await page.reload();
  await ready(page);
  assert.match(await page.textContent('[data-testid="headline"]'), /\d/, 'the figure is computed offline');
  assert.ok((await chartInk(page)) > 500, 'and the chart drawn');
  assert.deepEqual(errors, [], 'no console errors');
  await context.close();
});

test('"Save page as", HTML only or complete, of jikgu.html reopens from disk with no network and mounts once', async () => {
  const { mkdtemp, writeFile, rm } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const folder = await mkdtemp(join(tmpdir(), 'jikgu-saved-'));
  try {
    const live = await browser.newPage();
    await live.goto(`${server.url}jikgu.html`);
    await ready(live);
    // HTML only: the document as the server sent it. Complete: the DOM as it stands, app included.
    const htmlOnly = await (await fetch(`${server.url}jikgu.html`)).text();
    await writeFile(join(folder, 'html-only.html'), htmlOnly);
    await writeFile(join(folder, 'complete.html'), await live.content());
    await live.close();
    // The served index.html keeps the wasm beside it: saved alone, it shows the prerendered
    // default figures and says that the single file is the one that works offline.
    await writeFile(join(folder, 'index-html-only.html'), await (await fetch(server.url)).text());

    for (const name of ['html-only.html', 'complete.html']) {
      const context = await browser.newContext({ offline: true });
      const page = await context.newPage();
      const errors = watchErrors(page);
      await page.addInitScript(() => addEventListener('TrunkApplicationStarted', () => { window.jikguStarted = true; }));
      await page.goto(pathToFileURL(join(folder, name)).href);
      await page.waitForFunction(() => window.jikguStarted === true, null, { timeout: 20000 });
      await ready(page);
      assert.equal(await page.locator('[data-testid="headline"]').count(), 1, `${name}: one app, not two`);
      assert.match(await page.textContent('[data-testid="headline"]'), /5\.485 trillion/, `${name}: the figure`);
      assert.ok((await chartInk(page)) > 500, `${name}: the chart`);
      assert.deepEqual(errors, [], `${name}: no console errors`);
      await context.close();
    }

    const context = await browser.newContext({ offline: true, locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(pathToFileURL(join(folder, 'index-html-only.html')).href);
    const line = page.locator('#app > p.noscript[role="status"]');
    await line.waitFor({ timeout: 20000 });
    assert.match(await line.textContent(), /jikgu\.html/, 'the line names the single file');
    assert.match(await page.textContent('[data-testid="headline"]'), /5\.485 trillion/, 'the default figure stays readable');
    assert.equal(await page.locator('main[data-prerendered] [data-testid="chart"] > svg').count(), 2, 'and both charts');
    await context.close();
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
});

test('a figure typed in the wrong unit is held back with its likely reading; either choice applies and undoes', async () => {
  for (const lang of ['en', 'ko']) {
    const page = await browser.newPage();
    const errors = watchErrors(page);
    await page.goto(`${server.url}${KIEP}&lang=${lang}`);
    await ready(page);
    const headline = () => page.textContent('[data-testid="headline"]');
    const before = await headline();
    const cell = page.locator('[data-testid="cell"][data-series="balance.all"][data-year="2023"] input');

    // `4985` meant in billions (wire copy's "4,985 billion won") lands as ₩4,985 tn in a 조 column.
    await cell.fill('(4,985)');
    await cell.press('Enter');
    const take = page.locator('[data-testid="slip-take"]');
    await take.waitFor();
    const describedBy = await cell.getAttribute('aria-describedby');
    const message = await page.locator(`[id="${describedBy}"]`).textContent();
    assert.match(message, lang === 'en' ? /Did you mean −4조 9,850억 원 = −₩4\.985 trillion\?/ : /4조 9,850억 원을 뜻했나요\?/, message);
    assert.equal(await headline(), before, `${lang}: nothing applied while the warning is open`);

    // Keyboard: the first Tab from the box reaches the suggested reading.
    await cell.focus();
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'slip-take');
    await page.keyboard.press('Enter');
    await page.waitForFunction((old) => document.querySelector('[data-testid="headline"]').textContent !== old, before);
    assert.match(await headline(), lang === 'en' ? /4\.985 trillion/ : /4조 9,850억/, 'the suggestion applied');
    await page.keyboard.press('Control+z');
    await page.waitForFunction((old) => document.querySelector('[data-testid="headline"]').textContent === old, before);

    // Keep what was typed: the guard never blocks a confirmed edit.
    await cell.fill('(4,985)');
    await cell.press('Enter');
    await page.locator('[data-testid="slip-keep"]').click();
    await page.waitForFunction((old) => document.querySelector('[data-testid="headline"]').textContent !== old, before);
    assert.match(await headline(), lang === 'en' ? /4,985 trillion/ : /4,985조/, 'kept as typed');
    await page.keyboard.press('Control+z');
    await page.waitForFunction((old) => document.querySelector('[data-testid="headline"]').textContent === old, before);
    assert.deepEqual(errors, [], 'no console errors');
    await page.close();
  }
});

test('Korean newsroom forms typed into table cells are read, in Korean and English pages', async () => {
  // (series, year, typed, what the cell then shows in 조 원)
  const rows = [
    ['purchases.china', 2023, '3조2천270억원', '3.227'],
    ['purchases.china', 2023, '5조5천742억원', '5.5742'],
    ['purchases.china', 2023, '삼조 이천이백칠십억', '3.227'],
    ['purchases.china', 2023, '1조9천990억원', '1.999'],
    ['balance.all', 2023, '6조30억원 적자', '−6.003'],
    ['balance.all', 2023, '△4,985억원', '−0.4985'],
    ['balance.all', 2023, '\u2010 5', '−5'],
    ['balance.all', 2023, '₩5.5 trillion deficit', '−5.5'],
  ];
  for (const lang of ['en', 'ko']) {
    const page = await browser.newPage();
    const errors = watchErrors(page);
    await page.goto(`${server.url}?lang=${lang}&source=kiep-2025-07-02`);
    await ready(page);
    for (const [series, year, typed, shown] of rows) {
      const cell = page.locator(`[data-testid="cell"][data-series="${series}"][data-year="${year}"] input`);
      await cell.fill(typed);
      await cell.press('Enter');
      await page.waitForFunction(
        ([sel, want]) => document.querySelector(sel)?.value === want,
        [`[data-testid="cell"][data-series="${series}"][data-year="${year}"] input`, shown],
        { timeout: 5000 },
      ).catch(async () => {
        const value = await cell.inputValue();
        const invalid = await cell.getAttribute('aria-invalid');
        assert.fail(`${lang}: ${typed} in ${series} ${year} shows ${value} (invalid: ${invalid}), not ${shown}`);
      });
    }
    assert.deepEqual(errors, [], 'no console errors');
    await page.close();
  }
});

test('the embed fits under an article: within 800 px tall at 360 px wide, with the claims in one line', async () => {
  for (const lang of ['en', 'ko']) {
    const page = await browser.newPage({ viewport: { width: 360, height: 640 } });
    const errors = watchErrors(page);
    await page.goto(`${server.url}?embed&lang=${lang}`);
    await ready(page);
    await page.waitForTimeout(300); // the first paint's deferred parts
    const height = await page.evaluate(() => document.querySelector('main').getBoundingClientRect().height);
    assert.ok(height <= 800, `${lang}: the embed is ${height} px tall`);
    const summary = await page.textContent('[data-testid="claims-summary"]');
    assert.match(summary, lang === 'en' ? /Of the story's \d+ claims/ : /기사의 주장 \d+개/, summary);
    assert.equal(await page.locator('[data-testid="chart"]').count(), 1, `${lang}: the balance chart alone`);
    await page.screenshot({ path: join(ARTIFACTS, `embed-360-${lang}.png`), fullPage: true });
    assert.deepEqual(errors, [], 'no console errors');
    await page.close();
  }
});

test('"약 3조 3천억" is taken exactly, marked approximate in the cell, and survives a reload', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${server.url}${KIEP}&lang=ko`);
  await ready(page);
  const sel = '[data-testid="cell"][data-series="purchases.china"][data-year="2023"]';
  await page.fill(`${sel} input`, '약 3조 3천억 원');
  await page.press(`${sel} input`, 'Enter');
  await page.waitForSelector(`${sel}.approximate`);
  assert.equal(await page.inputValue(`${sel} input`), '3.3', 'the value kept exactly');
  await page.focus(`${sel} input`);
  assert.match(await page.textContent('#cell-info'), /어림값/, 'the cell says it is approximate');
  // The address takes the edited view's link a moment after the edit (and may first take the
  // view's link without it): wait for the one that carries the mark.
  await page.waitForFunction(() => {
    const payload = location.hash.split('.').slice(2).join('.');
    try {
      return atob(payload.replace(/-/g, '+').replace(/_/g, '/')).includes('"approx"');
    } catch {
      return false;
    }
  });
  await page.reload();
  await ready(page);
  await page.waitForSelector(`${sel}.approximate`, { state: 'attached' });
  assert.deepEqual(errors, [], 'no console errors');
  await context.close();
});

test('today\'s data: 2025 by default, quarters without a gap, each KOSTAT vintage its own 2024, then and now in both languages', async () => {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  const errors = watchErrors(page);
  await page.goto(`${server.url}?lang=en`);
  await ready(page);
  const headline = () => page.textContent('[data-testid="headline"]');
  assert.match(await page.textContent('.headline-box'), /balance, 2025/, 'the page opens on 2025');
  assert.match(await headline(), /5\.485 trillion deficit/, '3조234억 − 8조5080억');

  // The latest quarters on today's basis run 2024 Q3 … 2025 Q4, one row a quarter.
  const quarters = await page.$$eval('[data-testid="quarters"] tr[data-row]', (rows) => rows.map((r) => r.dataset.row));
  assert.ok(quarters.includes('2024Q4') && quarters.includes('2025Q4'), quarters.join(' '));
  const from = quarters.indexOf('2024Q4');
  assert.deepEqual(quarters.slice(from), ['2024Q4', '2025Q1', '2025Q2', '2025Q3', '2025Q4'], 'no gap');
  assert.match(await page.textContent('[data-testid="quarters"]'), /revised up by ₩71\.1 billion/, 'the annual release\'s revision of the sales quarters');

  // Each vintage is a view of its own: the 2024 balance moves with it.
  const want = { 'kostat-first': /6\.236 trillion/, 'kostat-revised': /6\.236 trillion/, 'kostat-rebased': /5\.49 trillion/ };
  for (const [view, figure] of Object.entries(want)) {
    const context = await browser.newContext();
    const fresh = await context.newPage();
    await fresh.goto(`${server.url}?lang=en&source=${view}&year=2024`);
    await ready(fresh);
    const shown = await fresh.textContent('[data-testid="headline"]');
    assert.match(shown, figure, `${view}: ${shown}`);
    await context.close();
  }

  for (const lang of ['en', 'ko']) {
    await page.goto(`${server.url}?lang=${lang}`);
    await ready(page);
    const section = page.locator('[data-testid="then-now"]');
    await section.waitFor({ state: 'attached' });
    const text = await section.textContent();
    assert.match(text, lang === 'en' ? /2025-07-03/ : /2025-07-03|2025년 7월 3일/, `${lang}: then and now: ${text.slice(0, 200)}`);
    assert.ok((await section.locator('tr[data-row]').count()) >= 6, `${lang}: a row per claim`);
  }
  assert.deepEqual(errors, [], 'no console errors');
  await page.close();
});

test('every view of the source picker, all partners and China: the axes keep the published figures readable', async () => {
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  const errors = watchErrors(page);
  await page.goto(server.url + '?lang=en');
  await ready(page);
  const views = await page.$$eval('header select option', (options) => options.map((o) => o.value));
  assert.ok(views.length >= 5, `the picker lists the views: ${views}`);
  let checked = 0;
  for (const view of views) {
    for (const partner of ['all', 'china']) {
      await page.goto(`${server.url}?lang=en&source=${view}&partner=${partner}`);
      await ready(page);
      // Both charts drawn (the flows chart may start below the window: scroll it in).
      await page.locator('[data-testid="chart"] canvas').last().scrollIntoViewIfNeeded();
      await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="chart"] canvas')]
        .every((c) => c.hasAttribute('data-y-range')), null, { timeout: 20000 });
      const axes = await page.$$eval('[data-testid="chart"] canvas', (canvases) => canvases.map((c) => ({
        range: c.getAttribute('data-y-range').split(' ').map(Number),
        largest: Number(c.getAttribute('data-largest-observed')),
      })));
      // A chart may have nothing published in a view (KOSIS's later releases print no balance
      // with all partners; the Herald's view has nothing with China): nothing to flatten there.
      for (const [i, { range, largest }] of axes.entries()) {
        if (largest === 0) continue;
        checked += 1;
        const reach = Math.max(Math.abs(range[0]), Math.abs(range[1]));
        assert.ok(reach <= 3 * largest,
          `${view} ${partner} chart ${i}: the axis reaches ${reach / 1000} against a largest published ${largest / 1000}`);
      }
    }
  }
  assert.ok(checked >= views.length, `axes checked on ${checked} charts`);
  assert.deepEqual(errors, [], 'no console errors in any view');
  await page.close();
});

test('vintages standing in, the story\'s and KIEP\'s marks and the numbered events are in every view that has them, in both languages', async () => {
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  const errors = watchErrors(page);
  await page.goto(`${server.url}?lang=en`);
  await ready(page);
  const views = await page.$$eval('.source select option', (os) => os.map((o) => o.value));
  assert.ok(views.includes('kostat-rebased') && !views.includes('alphabiz-2025-07-03'), views.join(' '));
  // The balance chart's table alternative: its caption explains a splice, its columns the marks.
  const table = async () => {
    const figure = page.locator('.chart-figure').first();
    await figure.locator('details.chart-table summary').click();
    const caption = await figure.locator('caption').textContent();
    const heads = await figure.locator('thead th').allTextContents();
    const years = await figure.locator('tbody th').allTextContents();
    return { caption, heads, years };
  };
  for (const view of views) {
    await page.goto(`${server.url}?lang=en&source=${view}`);
    await ready(page);
    const { caption, heads, years } = await table();
    if (view === 'kostat-rebased' || view === 'kostat-revised') {
      assert.match(caption, /first release.*basis, standing in: drawn apart\. From \d{4}/, `${view}: ${caption}`);
    }
    if (view === 'kostat-rebased') {
      assert.match(caption, /From 2024: 2025 re-basing/, caption);
      assert.ok(heads.includes('Published figure (2024 restructuring)'), `${view}: ${heads}`);
    }
    if (view === 'kostat-first') assert.doesNotMatch(caption, /standing in/, caption);
    // The story's figures are in won: marked on every chart drawn in won that reaches 2023.
    if (caption.includes('₩ trillion') && years.includes('2023')) {
      assert.ok(heads.includes('The story (Alpha Biz), 2025-07-03'), `${view}: the story's figures have a column: ${heads}`);
    }
    if (view !== 'kiep-2025-07-02' && view.startsWith('kostat')) {
      assert.ok(heads.includes('KIEP (2025 report), 2025-07-02'), `${view}: ${heads}`);
    }
    if (view === 'kiep-2025-07-02') {
      assert.ok(!heads.includes('KIEP (2025 report), 2025-07-02'), 'KIEP\'s figures are the bars in its own view');
    }
  }
  await page.goto(`${server.url}?lang=ko&source=kostat-rebased`);
  await ready(page);
  const ko = await table();
  assert.match(ko.caption, /최초 발표·2024년 개편 기준 \(대신 씀\): 따로 표시\. 2024년부터 2025년 기준 개편/, ko.caption);
  assert.ok(ko.heads.includes('기사 (알파비즈), 2025-07-03'), ko.heads.join(' | '));
  // The events list numbers each event as the charts' time axis does.
  const events = page.locator('[data-testid="events"]');
  await events.waitFor({ state: 'attached' });
  const numbers = await events.locator('td[data-kind="number"]').allTextContents();
  assert.deepEqual(numbers, ['1', '2', '3', '4', '5']);
  // A readout of a year resting on an older basis names it.
  const chart = page.locator('[data-testid="chart"]').first();
  await chart.focus();
  await chart.press('Home');
  assert.match(await page.textContent('[data-testid="chart-readout"]'), /2014: .*최초 발표 기준 \(대신 씀\)/);
  assert.deepEqual(errors, [], 'no console errors');
  await page.close();
});

test('a link made against an earlier release opens as made and says which edited figures are now published otherwise', async () => {
  // Made by the 2026-11-30 build against its data file: KOSTAT's 2024 restructuring, 2023,
  // purchases from China typed as 4 trillion.
  const old = 'v1.cb83be6a0fb75cbc.eyJzIjp7InYiOjEsInZpZXciOiJrb3N0YXQtcmV2aXNlZCIsImVkaXRzIjp7InB1cmNoYXNlcy5jaGluYVsyMDIzXSI6IjQwMDAwMDAwMDAwMDAifSwieWVhciI6MjAyM30sImwiOiJlbiJ9';
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${server.url}#${old}`);
  await ready(page);
  assert.equal(await page.inputValue('.source select'), 'kostat-revised', 'the link\'s view');
  assert.match(await page.textContent('.notice'), /The data has changed since this link was made/);
  assert.match(await page.textContent('[data-testid="changed-edits"]'), /Purchases with China \(won\) 2023: the link's ₩4 trillion, published now ₩3\.227\d? trillion/);
  assert.deepEqual(errors, [], 'no console errors');
  await context.close();
});

test('a returning reader who opens ?source= gets the view the address asks for, not the stored one', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${server.url}?lang=en`);
  await ready(page);
  await page.selectOption('.source select', 'kiep-2025-07-02');
  // Stored in this browser: reopening the bare address brings KIEP's view back.
  await page.waitForFunction(() => Object.keys(localStorage).some((k) => (localStorage.getItem(k) || '').includes('kiep-2025-07-02')));
  await page.goto(`${server.url}?lang=en`);
  await ready(page);
  assert.equal(await page.inputValue('.source select'), 'kiep-2025-07-02', 'the stored session');
  for (const view of ['kostat-first', 'kostat-rebased']) {
    await page.goto(`${server.url}?lang=en&source=${view}`);
    await ready(page);
    assert.equal(await page.inputValue('.source select'), view, `the address wins: ${view}`);
  }
  await context.close();
});

test('an edit draws the chart in its own frame and the claims and assumptions one frame later, never left stale', async () => {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  const errors = watchErrors(page);
  await page.goto(`${server.url}?lang=en`);
  await ready(page);
  const cell = '[data-testid="cell"][data-series="purchases.all"][data-year="2023"] input';
  const settle = () => page.evaluate(() => new Promise((done) => {
    let left = 5;
    const tick = () => (--left > 0 ? requestAnimationFrame(tick) : setTimeout(done, 0));
    requestAnimationFrame(tick);
  }));
  await settle();
  const sections = () => page.evaluate(() => ({
    draws: Number(document.querySelector('[data-testid="chart"] canvas').dataset.draws),
    claimRenders: Number(document.querySelector('.claims-box').dataset.renders),
    claims: document.querySelector('.claims-box').textContent,
    assumptions: document.querySelector('[data-testid="assumptions"]').textContent,
    headline: document.querySelector('.headline-box').textContent,
  }));
  const before = await sections();
  // The edit in a frame callback; a second callback of the same frame reads the page as that frame
  // paints it, after the edit's rendering and drawing.
  const frame = await page.evaluate(([selector, factor]) => new Promise((done) => {
    const input = document.querySelector(selector);
    requestAnimationFrame(() => {
      input.value = (Number(input.value) * factor).toFixed(3);
      input.dispatchEvent(new Event('change', { bubbles: true }));
    });
    requestAnimationFrame(() => done({
      draws: Number(document.querySelector('[data-testid="chart"] canvas').dataset.draws),
      claimRenders: Number(document.querySelector('.claims-box').dataset.renders),
      claims: document.querySelector('.claims-box').textContent,
    }));
  }), [cell, 1.3]);
  assert.ok(frame.draws > before.draws, 'the balance chart is redrawn in the edit\'s frame');
  assert.equal(frame.claimRenders, before.claimRenders, 'the claims are not re-rendered in that frame');
  assert.equal(frame.claims, before.claims, 'so they still read as before it');
  await settle();
  const after = await sections();
  assert.equal(after.claimRenders, before.claimRenders + 1, 'the claims follow once, after the frame');
  assert.notEqual(after.claims, before.claims, 'their figures moved with the edit');
  assert.notEqual(after.assumptions, before.assumptions, 'so did the assumptions\' (the break-even, the drivers)');
  // Settled, every section reads as a fresh page opening the same edit (from local storage) does.
  await page.waitForFunction(() => Object.values(localStorage).some((v) => (v || '').includes('purchases')));
  await page.reload();
  await ready(page);
  await settle();
  const fresh = await sections();
  for (const part of ['claims', 'assumptions', 'headline']) {
    assert.equal(after[part], fresh[part], `${part}: what the edited page settled on is what a fresh page shows`);
  }
  assert.deepEqual(errors, [], 'no console errors');
  await page.close();
});

test('an edit re-renders only the table cells it changes and redraws only the charts whose figures moved', async () => {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  const errors = watchErrors(page);
  await page.goto(`${server.url}?lang=en`);
  await ready(page);
  // Each table cell counts its renders (data-renders) and each chart canvas its draws (data-draws).
  const counts = () => page.evaluate(() => ({
    draws: [...document.querySelectorAll('[data-testid="chart"] canvas')].map((c) => Number(c.dataset.draws || 0)),
    cells: Object.fromEntries([...document.querySelectorAll('td[data-testid="cell"]')].map((td) => [
      `${td.dataset.series} ${td.dataset.year}`, Number(td.dataset.renders)])),
  }));
  // Lets a few frames and the tasks between them pass: the ranges follow a change one frame later.
  const frames = () => page.evaluate(() => new Promise((done) => {
    let left = 5;
    const tick = () => (--left > 0 ? requestAnimationFrame(tick) : setTimeout(done, 0));
    requestAnimationFrame(tick);
  }));
  const edit = async (series, year, factor) => {
    const cell = `[data-testid="cell"][data-series="${series}"][data-year="${year}"] input`;
    const value = (Number(await page.inputValue(cell)) * factor).toFixed(3);
    await page.fill(cell, value);
    await page.press(cell, 'Enter');
    await page.waitForFunction(([c, v]) => Number(document.querySelector(c).value) === Number(v), [cell, value]);
    await frames();
  };
  await frames();
  const start = await counts();
  assert.equal(start.draws.length, 2, 'the balance and the flows are drawn');
  assert.ok(Object.keys(start.cells).length >= 50, `cells counted: ${Object.keys(start.cells).length}`);
  assert.ok(Object.values(start.cells).every((n) => n >= 1), 'every cell counts its renders');

  // Purchases from the US move the flows chart, not the balance with every partner.
  await edit('purchases.us', 2022, 1.1);
  const us = await counts();
  assert.equal(us.draws[0], start.draws[0], 'the balance chart, whose model is unchanged, is not redrawn');
  assert.ok(us.draws[1] > start.draws[1], 'the flows chart is redrawn');
  for (const [cell, renders] of Object.entries(us.cells)) {
    assert.equal(renders, start.cells[cell] + (cell === 'purchases.us 2022' ? 1 : 0), `${cell} rendered ${renders} times`);
  }

  // Purchases from every partner move the balance: the edited cell and the 2023 balance re-render,
  // not the other years of their rows; the balance chart redraws.
  await edit('purchases.all', 2023, 1.05);
  const all = await counts();
  assert.ok(all.draws[0] > us.draws[0], 'the balance chart is redrawn');
  for (const [cell, renders] of Object.entries(all.cells)) {
    const changed = ['purchases.all 2023', 'balance.all 2023'].includes(cell);
    assert.equal(renders, us.cells[cell] + (changed ? 1 : 0), `${cell} rendered ${renders} times`);
  }
  assert.deepEqual(errors, [], 'no console errors');
  await page.close();
});
