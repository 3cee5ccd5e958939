// From navigation start to the first chart painted, opening dist/jikgu.html from file:// offline.
//
//   node tests/e2e/bench/first-chart.mjs [runs]      (after `make dist`; `make bench` runs it)
//
// Each run opens the single file in a fresh browser context with the network off (as the offline
// e2e test does), so nothing is cached between runs; the first run only warms the disk cache and
// is not counted. The app leaves a `performance.mark("jikgu:first-chart")` when it has drawn its
// first chart into a canvas (src/chart/canvas.rs). A script added before the page's own checks the
// mark at the start of every frame; in the first frame that begins after the mark, it posts a
// message, whose task runs once that frame is painted: that time, from the navigation's start
// (performance.now()'s origin), is "painted". It can only be late, by at most a frame, never early.
// The mark's own time is reported as "drawn".
//
// The page holds the build's prerendered first screen (xtask/src/prerender.rs), its charts drawn
// as SVG: a frame that starts with one in the page (not marked stale) is the first chart painted.
// The frame after the app's own canvas chart is "app": the prerender replaced, edits accepted.
//
// The page reports both with one console message, and the harness waits only for the navigation
// to commit: Playwright's `waitForFunction` (and `goto`'s wait for `load`) evaluate its injected
// script in the page, about 12 ms of main-thread work each time, in the middle of the startup
// being measured (seen in a Chromium trace: it added ~34 ms to the median).

import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DIST, launch, serve } from '../harness.mjs';
import { firstChartSeries, writeChartJsPage } from './chartjs-page.mjs';
import { stats } from './input-to-paint.mjs';

export const MARK = 'jikgu:first-chart';

function watchFirstChart(mark) {
  // A chart is on screen from the first frame that starts with the build's prerendered one in the
  // page (an SVG where the canvas will be, unless the page marked it stale) or with the mark.
  let painted = null;
  const after = (f) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = f;
    channel.port2.postMessage(0);
  };
  const tick = () => {
    const [entry] = performance.getEntriesByName(mark, 'mark');
    const still = !document.documentElement.classList.contains('jk-stale')
      && document.querySelector('main[data-prerendered] [data-testid="chart"] > svg');
    if (!entry) {
      if (still && painted === null) after(() => { painted ??= performance.now(); });
      requestAnimationFrame(tick);
      return;
    }
    after(() => {
      const app = performance.now();
      painted ??= app;
      console.debug(`${mark} ${JSON.stringify({ drawn: entry.startTime, painted, app })}`);
    });
  };
  requestAnimationFrame(tick);
}

/** One load of `url` in a fresh offline context; resolves to { drawn, painted, app } in
 *  milliseconds: the mark, the first frame with a chart, the frame after the app's own chart. */
async function loadOnce(browser, url) {
  const context = await browser.newContext({ offline: true, viewport: { width: 1200, height: 900 } });
  const requests = [];
  context.on('request', (req) => requests.push(req.url()));
  try {
    const page = await context.newPage();
    await page.addInitScript(watchFirstChart, MARK);
    const reported = new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no first chart within 30 s: ${url}`)), 30000);
      page.on('console', (msg) => {
        const text = msg.text();
        if (!text.startsWith(`${MARK} `)) return;
        clearTimeout(timer);
        resolve(JSON.parse(text.slice(MARK.length + 1)));
      });
    });
    await page.goto(url, { waitUntil: 'commit' });
    const times = await reported;
    const fetched = requests.filter((u) => !/^(file|data|blob):/.test(u));
    if (fetched.length) throw new Error(`${url} asked the network for ${fetched.join(', ')}`);
    return times;
  } finally {
    await context.close();
  }
}

/** Opens each of `files` `runs` times (plus one warm-up each), interleaved so the machine's load
 *  falls on all of them alike; resolves to one { painted, drawn } of statistics per file. */
export async function measureFirstCharts(browser, runs, files) {
  const urls = files.map((f) => pathToFileURL(f).href);
  const painted = files.map(() => []);
  const drawn = files.map(() => []);
  const app = files.map(() => []);
  for (let i = 0; i <= runs; i++) {
    for (const [k, url] of urls.entries()) {
      const times = await loadOnce(browser, url);
      if (i > 0) { painted[k].push(times.painted); drawn[k].push(times.drawn); app[k].push(times.app); }
    }
  }
  return files.map((_, k) => ({ painted: stats(painted[k]), drawn: stats(drawn[k]), app: stats(app[k]) }));
}

/** Opens the single file `runs` times (plus one warm-up); resolves to statistics in milliseconds. */
export async function measureFirstChart(browser, runs = 20, file = join(DIST, 'jikgu.html')) {
  const [result] = await measureFirstCharts(browser, runs, [file]);
  return result;
}

/** Writes the floor page beside the comparison: the least a single file holding the app can be.
 *  A heading, the prerendered first chart (its SVG, copied from `single`) and the wasm's data
 *  blocks, in that order; no style sheet, no header, no other section, no script but the mark.
 *  Whatever jikgu.html's own page does, it cannot paint its first chart sooner than this one:
 *  the browser still reads and decodes the 1.2 MB of wasm text before its first frame. Resolves
 *  to the page's path. */
export async function writeFloorPage(single = join(DIST, 'jikgu.html')) {
  const html = await readFile(single, 'utf8');
  // The page's own prerender (the one in a <template> is the compact embed's).
  const main = html.indexOf('<main data-prerendered', html.indexOf('</template>'));
  const svg = /<svg[\s\S]*?<\/svg>/.exec(html.slice(main));
  const blocks = html.match(/<script type="application\/x-jikgu-wasm">[^<]*<\/script>/g);
  if (main < 0 || !svg || !blocks) throw new Error(`${single} has no prerendered chart or no wasm blocks`);
  const page = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Floor</title></head><body>
<h1>Korea's cross-border e-commerce balance</h1>
<main data-prerendered><div data-testid="chart">${svg[0]}</div></main>
${blocks.join('')}
<script>performance.mark(${JSON.stringify(MARK)});</script></body></html>`;
  const file = join(tmpdir(), 'jikgu-first-chart-floor.html');
  await writeFile(file, page);
  return file;
}

/** jikgu's single file, a Chart.js page drawing the same series and the floor page
 *  ([`writeFloorPage`]), interleaved; the Chart.js page is written from the app served at `url`. */
export async function compareWithChartJs(browser, url, runs = 20) {
  const series = await firstChartSeries(browser, url);
  const page = await writeChartJsPage(series, MARK);
  const floorPage = await writeFloorPage();
  const [jikgu, chartjs, floor] = await measureFirstCharts(browser, runs, [join(DIST, 'jikgu.html'), page, floorPage]);
  return {
    jikgu,
    chartjs,
    floor,
    ratio: jikgu.painted.median / chartjs.painted.median,
    floorRatio: floor.painted.median / chartjs.painted.median,
    series,
  };
}

/** The served index.html (dist/ over 127.0.0.1, a fresh context each time, so a first visit):
 *  its loader runs the app at the reader's first input. Resolves to statistics of the time from
 *  a pointer move, made a second after the prerender painted, to the frame after the app's own
 *  chart (the prerender replaced, edits accepted). */
export async function measureStartOnInput(browser, url, runs = 10) {
  const times = [];
  for (let i = 0; i <= runs; i++) {
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    try {
      const page = await context.newPage();
      await page.addInitScript((mark) => {
        addEventListener('pointermove', () => { window.jikguAsked ??= performance.now(); }, true);
        const tick = () => {
          if (!performance.getEntriesByName(mark, 'mark').length) { requestAnimationFrame(tick); return; }
          const channel = new MessageChannel();
          channel.port1.onmessage = () => console.debug(`${mark} ${performance.now() - window.jikguAsked}`);
          channel.port2.postMessage(0);
        };
        requestAnimationFrame(tick);
      }, MARK);
      const reported = new Promise((resolve) => page.on('console', (msg) => {
        if (msg.text().startsWith(`${MARK} `)) resolve(Number(msg.text().slice(MARK.length + 1)));
      }));
      await page.goto(url);
      await page.waitForFunction(() => 'jikguStart' in self);
      await page.waitForTimeout(1000);
      await page.mouse.move(10, 10);
      const t = await reported;
      if (i > 0) times.push(t);
    } finally {
      await context.close();
    }
  }
  return stats(times);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const runs = Number(process.argv[2] || 20);
  const browser = await launch();
  const server = await serve();
  try {
    const r = await compareWithChartJs(browser, server.url, runs);
    const line = (what, s) => `${what} (${s.n} loads): median ${s.median.toFixed(1)} ms, p95 ${s.p95.toFixed(1)} ms`;
    console.log(line('jikgu.html: navigation -> first chart painted', r.jikgu.painted));
    console.log(line('jikgu.html: navigation -> the app\'s chart drawn', r.jikgu.drawn));
    console.log(line('jikgu.html: navigation -> the app\'s chart painted (interactive)', r.jikgu.app));
    console.log(line(`Chart.js 4, same ${r.series.datasets.length} series × ${r.series.years.length} years: painted`, r.chartjs.painted));
    console.log(`jikgu / Chart.js, medians: ${r.ratio.toFixed(2)}`);
    console.log(line('the floor page (a heading, the first chart, the wasm; nothing else): painted', r.floor.painted));
    console.log(`floor / Chart.js, medians: ${r.floorRatio.toFixed(2)}`);
    console.log(line('index.html served, first visit: the reader\'s first input -> the app\'s chart painted', await measureStartOnInput(browser, server.url, Math.min(runs, 10))));
  } finally {
    await browser.close();
    await server.close();
  }
}
