// The prerendered first screen (xtask/src/prerender.rs): what the page shows before, and without,
// its WebAssembly; that the app takes over from it once, in one frame, showing what it showed;
// and that an address asking for other figures never shows the default ones first.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ARTIFACTS, DIST, launch, ready, serve, watchErrors } from './harness.mjs';

let browser;
let server;

before(async () => {
  browser = await launch();
  server = await serve();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** What a reader reads on the page, in the form the prerender and the app must agree on. */
function readPage() {
  const text = (el) => (el ? el.textContent.replace(/\s+/g, ' ').trim() : null);
  const main = [...document.querySelectorAll('#app main')].find((m) => m.offsetParent !== null || m.getClientRects().length);
  return {
    headline: text(main.querySelector('[data-testid="headline"]')),
    claims: [...main.querySelectorAll('[data-testid="claim"]')].map((c) => `${c.dataset.verdict}: ${text(c)}`),
    summary: text(main.querySelector('[data-testid="claims-summary"]')),
    cells: [...main.querySelectorAll('[data-testid="cell"]')].map((c) => `${c.dataset.series} ${c.dataset.year} ${c.querySelector('input')?.value ?? text(c)}`),
    sources: text(main.querySelector('[data-testid="sources"]')),
    charts: main.querySelectorAll('[data-testid="chart"]').length,
    boxes: [...main.querySelectorAll('[data-testid="headline"], [data-testid="chart"]')].map((e) => {
      const r = e.getBoundingClientRect();
      return [Math.round(r.x), Math.round(r.y), Math.round(r.width), Math.round(r.height)];
    }),
  };
}

/** A page whose HTML is served without the app's loader: the prerender and its inline script
 *  alone, as a reader sees them before the WebAssembly has arrived. */
async function withoutTheApp(context) {
  const page = /127\.0\.0\.1:\d+\/(\?.*)?$/;
  await context.route(page, async (route) => {
    const response = await route.fetch();
    const html = (await response.text()).replace(/<script type="module">[\s\S]*?<\/script>/, '');
    await route.fulfill({ response, body: html });
  });
  return () => context.unroute(page);
}

test('with JavaScript off, the page shows the default figures, both charts, the claims and one line on editing', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false, locale: 'en-US', viewport: { width: 412, height: 900 } });
  const page = await context.newPage();
  await page.goto(server.url);
  assert.match(await page.textContent('[data-testid="headline"]'), /a ₩5\.485 trillion deficit/, 'the 2025 balance');
  assert.equal(await page.locator('#app main [data-testid="chart"] > svg[role="img"]').count(), 2, 'both charts, drawn');
  assert.equal(await page.locator('canvas').count(), 0, 'no canvas waiting for a script');
  assert.equal(await page.locator('[data-testid="claim"]').count(), 7, "the story's seven claims");
  assert.ok(await page.locator('[data-verdict="fails"]').count() > 0, 'with their verdicts');
  const line = page.locator('.noscript');
  assert.ok(await line.isVisible(), 'the line on editing shows');
  assert.match(await line.textContent(), /자바스크립트.*\s*Editing the figures needs JavaScript/s, 'in both languages');
  assert.ok(await page.locator('[data-testid="cell"] input').first().isDisabled(), 'controls are visibly inert');
  await page.screenshot({ path: join(ARTIFACTS, 'prerender-no-js-412.png'), fullPage: true });
  await context.close();
});

test('the app takes over once, in one frame, and shows what the prerender showed, where it showed it', async () => {
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1200, height: 900 } });
  // Before: the prerender as it stands before the app runs.
  const restore = await withoutTheApp(context);
  const still = await context.newPage();
  await still.goto(server.url);
  const prerendered = await still.evaluate(readPage);
  await restore();
  await still.close();

  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.addInitScript(() => {
    // Counts frames, and notes the frame in which the prerender left and the app's <main> came.
    window.jikguTakeover = { frame: 0, removed: [], mounted: [], sections: [] };
    const t = window.jikguTakeover;
    const tick = () => {
      t.frame++;
      // What each frame shows below the charts once the page is parsed: the claims and the cells.
      const claims = document.querySelectorAll('#app main [data-testid="claim"]').length;
      const cells = document.querySelectorAll('#app main [data-testid="cell"]').length;
      if (document.readyState !== 'loading') t.sections.push([claims, cells]);
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    new MutationObserver((records) => {
      for (const r of records) {
        for (const n of r.removedNodes) if (n.nodeName === 'MAIN' && n.hasAttribute('data-prerendered')) t.removed.push(t.frame);
        for (const n of r.addedNodes) if (n.nodeName === 'MAIN' && !n.hasAttribute('data-prerendered')) t.mounted.push(t.frame);
      }
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto(server.url);
  await ready(page);
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 100))));
  const mounted = await page.evaluate(readPage);
  const takeover = await page.evaluate(() => window.jikguTakeover);

  assert.equal(takeover.mounted.length, 1, `one mount: ${JSON.stringify(takeover)}`);
  assert.equal(takeover.removed.length, 1, `the prerender left once: ${JSON.stringify(takeover)}`);
  assert.equal(takeover.removed[0], takeover.mounted[0], 'in the same frame as the app came');
  assert.equal(await page.locator('[data-prerendered]').count(), 0, 'no prerender left');
  const counts = new Set(takeover.sections.map((c) => c.join(' ')));
  assert.equal(counts.size, 1, `every frame shows the claims and the cells, from the prerender or the app: ${[...counts]}`);
  assert.equal(await page.locator('main').count(), 1, 'one calculator');

  assert.match(prerendered.headline, /5\.485 trillion/);
  assert.equal(prerendered.claims.length, 7);
  assert.ok(prerendered.cells.length > 100, `the data table's cells: ${prerendered.cells.length}`);
  for (const key of ['headline', 'claims', 'cells', 'sources', 'charts']) {
    assert.deepEqual(mounted[key], prerendered[key], `the app shows the prerender's ${key}`);
  }
  assert.deepEqual(mounted.boxes, prerendered.boxes, 'the headline and the charts keep their boxes');
  assert.deepEqual(errors, [], 'no console errors');
  await context.close();
});

test('an address asking for other figures shows a placeholder, never the default figures', async () => {
  const cases = [
    { name: 'default', url: '', stale: false },
    { name: 'source', url: '?source=kostat-revised&year=2023', stale: true },
    { name: 'lang', url: '?lang=ko', stale: true },
    { name: 'theme', url: '?theme=dark', stale: true },
    { name: 'same language', url: '?lang=en&embed=0', stale: false },
    { name: 'link', url: '#s=eyJ2IjoxfQ', stale: true },
    { name: 'korean browser', url: '', locale: 'ko-KR', stale: true },
    { name: 'stored edit', url: '', stored: { v: 1, current: { v: 1, year: 2023 } }, stale: true },
    { name: 'stored default', url: '', stored: { v: 1, current: { v: 1 } }, stale: false },
  ];
  const datasetId = await (async () => {
    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(server.url);
    await ready(page);
    // The app writes its session once it has started: its dataset's id is what storage is read by.
    await page.waitForFunction(() => localStorage.getItem('jikgu.session'));
    const id = await page.evaluate(() => JSON.parse(localStorage.getItem('jikgu.session')).dataset);
    await context.close();
    return id;
  })();
  for (const c of cases) {
    const context = await browser.newContext({ locale: c.locale || 'en-US' });
    await withoutTheApp(context);
    if (c.stored) {
      await context.addInitScript(([stored]) => localStorage.setItem('jikgu.session', JSON.stringify(stored)),
        [{ ...c.stored, dataset: datasetId, saved: [] }]);
    }
    const page = await context.newPage();
    // Chromium's headless mode can leave a page that is not in front without animation frames
    // (puppeteer#10350): this test counts frames, and timed out twice in full runs without this.
    await page.bringToFront();
    // Every frame painted before the app: is the headline's figure readable, is a chart drawn?
    await page.addInitScript(() => {
      window.jikguFrames = [];
      const tick = () => {
        const headline = document.querySelector('main[data-prerendered] [data-testid="headline"]');
        if (headline && headline.getClientRects().length) {
          const svg = headline.closest('main').querySelector('[data-testid="chart"] > svg');
          window.jikguFrames.push({
            text: headline.textContent,
            colour: getComputedStyle(headline.querySelector('*') || headline).color,
            chart: getComputedStyle(svg).visibility,
          });
        }
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    await page.goto(server.url + c.url);
    await page.waitForFunction(() => window.jikguFrames.length >= 2).catch((e) => {
      throw new Error(`${c.name}: fewer than two frames with the prerendered headline on screen (${e.message})`);
    });
    const frames = await page.evaluate(() => window.jikguFrames);
    const stale = await page.evaluate(() => document.documentElement.classList.contains('jk-stale'));
    assert.equal(stale, c.stale, `${c.name}: the page is ${c.stale ? '' : 'not '}marked as asking for other figures`);
    for (const f of frames) {
      assert.match(f.text, /5\.485 trillion/, `${c.name}: the prerender holds the default figure`);
      if (c.stale) {
        assert.equal(f.colour, 'rgba(0, 0, 0, 0)', `${c.name}: the default figure is never readable`);
        assert.equal(f.chart, 'hidden', `${c.name}: nor the default chart`);
      } else {
        assert.notEqual(f.colour, 'rgba(0, 0, 0, 0)', `${c.name}: the figure shows`);
        assert.equal(f.chart, 'visible', `${c.name}: the chart shows`);
      }
    }
    if (c.name === 'source') await page.screenshot({ path: join(ARTIFACTS, 'prerender-placeholder.png') });
    await context.close();
  }

  // With the app: the figures asked for replace the placeholder.
  const context = await browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  await page.goto(`${server.url}?lang=ko&source=kostat-revised&year=2023`);
  await ready(page);
  assert.match(await page.textContent('[data-testid="headline"]'), /4조 9,8\d\d억 원/, 'KOSTAT revised 2023 balance');
  assert.equal(await page.locator('[data-prerendered]').count(), 0);
  await context.close();
});

test('the embed address is prerendered in the compact layout and sizes its iframe before the app runs', async () => {
  const { writeFile, rm } = await import('node:fs/promises');
  const host = join(DIST, 'host-prerender.tmp.html');
  await writeFile(host, `<!DOCTYPE html><html><head><link rel="icon" href="data:,"></head><body style="margin:0">
    <iframe data-jikgu src="./?embed&childId=story1" style="width:360px;height:150px;border:0" title="jikgu"></iframe>
    <script src="./embed.js"></script></body></html>`);
  try {
    const context = await browser.newContext({ locale: 'en-US' });
    await withoutTheApp(context);
    const page = await context.newPage();
    await page.goto(`${server.url}host-prerender.tmp.html`);
    await page.waitForFunction(() => document.querySelector('iframe[data-jikgu]').getBoundingClientRect().height > 300);
    const frame = page.frames().find((f) => f.url().includes('embed'));
    const shown = await frame.evaluate(() => {
      const visible = [...document.querySelectorAll('main')].filter((m) => m.getClientRects().length);
      return { count: visible.length, embed: visible[0]?.classList.contains('embed'), height: Math.ceil(visible[0].getBoundingClientRect().bottom), charts: visible[0].querySelectorAll('[data-testid="chart"] > svg').length };
    });
    const iframeHeight = await page.evaluate(() => document.querySelector('iframe[data-jikgu]').getBoundingClientRect().height);
    assert.equal(shown.count, 1, 'one layout shows');
    assert.ok(shown.embed, 'the compact one');
    assert.equal(shown.charts, 1, 'with the balance chart drawn');
    assert.ok(Math.abs(iframeHeight - shown.height) <= 2, `the iframe (${iframeHeight}) is as tall as the prerender (${shown.height})`);
    assert.ok(shown.height <= 800, `within 800 px: ${shown.height}`);
    await context.close();
  } finally {
    await rm(host, { force: true });
  }
});

test('the served index.html and the single file hold the same prerender; only the single file holds the wasm', async () => {
  const { readFile, readdir } = await import('node:fs/promises');
  const served = await readFile(join(DIST, 'index.html'), 'utf8');
  const single = await readFile(join(DIST, 'jikgu.html'), 'utf8');
  const app = (html) => {
    const at = html.indexOf('<div id="app">');
    return html.slice(at, html.indexOf('</main></div>', html.indexOf('</template>')) + '</main></div>'.length);
  };
  assert.ok(app(served).length > 50000, `the prerender is in index.html (${app(served).length} characters)`);
  assert.equal(app(served), app(single), 'the same prerendered page, the same decision script');
  const wasm = (await readdir(DIST)).find((f) => f.endsWith('_bg.wasm'));
  const glue = wasm.replace('_bg.wasm', '.js');
  assert.ok(served.includes(`"./${wasm}"`) && served.includes(`<link rel="modulepreload" href="./${glue}">`),
    'index.html fetches the wasm and preloads the glue beside it');
  assert.ok(!served.includes('application/x-jikgu-wasm'), 'index.html does not inline the wasm');
  assert.ok(served.length < 300 * 1024, `index.html is the page and a loader: ${(served.length / 1024).toFixed(0)} KB`);
  assert.ok(single.includes('<script type="application/x-jikgu-wasm">') && !single.includes(`./${wasm}`), 'jikgu.html inlines it and fetches nothing');
  assert.ok(served.indexOf('<main data-prerendered') < served.indexOf('<script type="module">'), 'the page before its loader');
});

test('the served page keeps its prerender until the reader asks, then takes over and replays what was pressed', async () => {
  // Tall enough that the first chart's "Show as table" is on screen without scrolling (a scroll
  // would start the app before the press).
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1200, height: 1400 } });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.addInitScript(() => addEventListener('TrunkApplicationStarted', () => { window.jikguStarted = performance.now(); }));
  await page.goto(server.url);
  await page.waitForFunction(() => 'jikguStart' in self);
  // Nothing asked yet: the prerender stays, and the wasm is fetched and compiled meanwhile.
  await page.waitForTimeout(500);
  assert.equal(await page.evaluate(() => window.jikguStarted ?? null), null, 'the app waits for the reader');
  assert.equal(await page.locator('main[data-prerendered]').count(), 1);
  // The reader presses the first chart's disclosure in the prerender: the app starts, and the
  // same disclosure is open in it.
  const box = await page.locator('main[data-prerendered] .charts details.chart-table > summary').first().boundingBox();
  assert.ok(box && box.y + box.height < 1400, `the disclosure is on screen: ${JSON.stringify(box)}`);
  await page.mouse.click(box.x + 10, box.y + box.height / 2);
  await page.waitForFunction(() => window.jikguStarted && !document.querySelector('main[data-prerendered]'));
  await page.waitForFunction(() => document.querySelector('#app main .charts details.chart-table')?.open);
  assert.ok(await page.locator('#app main .charts details.chart-table table').first().isVisible(), 'its table shows');
  assert.deepEqual(errors, [], 'no console errors');
  await context.close();
});

test('without a reader\'s input, the served page starts the app by itself', async () => {
  const context = await browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  await page.goto(server.url);
  await page.waitForSelector('[data-testid="chart"] canvas', { state: 'attached', timeout: 20000 });
  assert.equal(await page.locator('main[data-prerendered]').count(), 0, 'the app replaced the prerender');
  await context.close();
});
