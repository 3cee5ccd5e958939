// Edit to draw (issue #13): from an edit to the first painted frame in which the chart's canvas
// pixels differ, for jikgu and for a Chart.js 4 page redrawing the same chart with `update()`,
// measured the same way, interleaved in the same run.
//
//   node tests/e2e/bench/edit-to-draw.mjs [runs] [other-dist]   (after `make dist`; `make bench` runs it)
//
// With a second build's folder (e.g. main's, `trunk build --release --dist DIR`), both builds are
// measured against the same Chart.js page, block by block, for a before-and-after.
//
// jikgu: the default view, whose balance chart shows the balance with every partner, in 2023 its
// sales less its purchases (the published balance is marked beside it); the edit types a new
// figure into the data table's purchases.all 2023 and dispatches `change` (what Enter or leaving
// the field does). The balance chart's bar for 2023 and the projection after it move.
// Chart.js: the same balance series (read from jikgu's own chart table) as a bar chart in a box of
// the same size, and an input whose `change` handler sets the 2023 bar to the same sales less the
// typed purchases and calls `chart.update()`. Both alternate between two figures (5 % and 10 %
// above the published purchases), so every edit changes the picture.
//
// One measure for both (`editToDraw` runs in the page): the edit is dispatched inside a frame
// callback, so the frame that follows is the first that can show it. A second callback, requested
// in the same task, runs in the same frame after the edit and its microtasks and reads the canvas's
// pixels: if they differ from those before the edit, that frame paints the change, and the time
// ends at the task after that frame's rendering; if not, the check moves to the next frame. The
// time spent reading pixels (in the frame, before its rendering) is measured and taken off, so
// what is left is the page's own work plus the browser's style, layout and paint of the frame.
// Before each edit the page is left two frames and a task to settle (jikgu draws the projection's
// ranges one frame after a change).

import { pathToFileURL } from 'node:url';
import { launch, serve, ready } from '../harness.mjs';
import { stats } from './input-to-paint.mjs';
import { chartSeries, writeChartJsEditPage } from './chartjs-page.mjs';

/** The query of jikgu's page for this measure, and the cells the edit and its Chart.js twin read. */
export const VIEW = '?lang=en';
export const EDIT = '[data-testid="cell"][data-series="purchases.all"][data-year="2023"] input';
const BALANCE = '[data-testid="cell"][data-series="balance.all"][data-year="2023"] input';
const CANVAS = '[data-testid="chart"] canvas';

/** In the page: `runs` edits (after `warmUp` more) of `input`, each timed to the painted frame in
 *  which `canvas`'s pixels first differ. Resolves to { times, frames, missed }. */
async function editToDraw({ runs, warmUp, input: inputSel, canvas: canvasSel, values }) {
  const input = document.querySelector(inputSel);
  const canvas = document.querySelector(canvasSel);
  if (!input || !canvas) throw new Error(`no ${input ? canvasSel : inputSel}`);
  const context = canvas.getContext('2d');
  const pixels = () => new Uint32Array(context.getImageData(0, 0, canvas.width, canvas.height).data.buffer);
  const differ = (a, b) => {
    if (a.length !== b.length) return true;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return true;
    return false;
  };
  const afterFrame = () => new Promise((done) => requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => done();
    channel.port2.postMessage(0);
  }));
  const times = [];
  const frames = [];
  let missed = 0;
  for (let i = 0; i < runs + warmUp; i++) {
    await afterFrame();
    await afterFrame();
    const before = pixels();
    const run = await new Promise((done) => {
      let start = 0;
      let reading = 0;
      let frame = 0;
      requestAnimationFrame(() => {
        input.value = values[i % values.length];
        start = performance.now();
        input.dispatchEvent(new Event('change', { bubbles: true }));
      });
      const check = () => {
        const t0 = performance.now();
        const changed = differ(pixels(), before);
        reading += performance.now() - t0;
        frame++;
        if (changed) {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => done({ ms: performance.now() - start - reading, frame });
          channel.port2.postMessage(0);
        } else if (frame >= 30) {
          done(null);
        } else {
          requestAnimationFrame(check);
        }
      };
      requestAnimationFrame(check);
    });
    if (i < warmUp) continue;
    if (run === null) missed++;
    else { times.push(run.ms); frames.push(run.frame); }
  }
  return { times, frames, missed };
}

/** The figures the Chart.js twin needs from jikgu's page: the balance chart's series, and the
 *  2023 balance plus purchases (its sales), in trillions of won. */
async function twinOf(browser, url) {
  const series = await chartSeries(browser, `${url}${VIEW}`);
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  try {
    await page.goto(`${url}${VIEW}`);
    await ready(page);
    // Table cells away from the window follow the first paint: wait for the two read here.
    for (const s of [BALANCE, EDIT]) await page.waitForSelector(s, { state: 'attached' });
    const [balance, purchases] = await Promise.all([BALANCE, EDIT].map((s) => page.$eval(s, (i) => Number(i.value.replace(/[−]/g, '-')))));
    if (!Number.isFinite(balance + purchases)) throw new Error(`unreadable figures: ${balance}, ${purchases}`);
    const values = [1.05, 1.1].map((f) => (purchases * f).toFixed(3));
    return { series, year: '2023', sales: balance + purchases, values };
  } finally {
    await page.close();
  }
}

/** Both pages, `runs` edits each, interleaved in blocks of `block`; resolves to their statistics
 *  in milliseconds and the ratio of the medians (jikgu ÷ Chart.js). */
export async function measureEditToDraw(browser, url, runs = 100, block = 10) {
  const twin = await twinOf(browser, url);
  const file = await writeChartJsEditPage(twin);
  const jikgu = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  const chartjs = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  try {
    await jikgu.goto(`${url}${VIEW}`);
    await ready(jikgu);
    await jikgu.waitForSelector(EDIT, { state: 'attached' });
    await chartjs.goto(pathToFileURL(file).href);
    await chartjs.waitForFunction(() => window.chartReady === true);
    const sides = [
      { page: jikgu, args: { input: EDIT, canvas: CANVAS }, times: [], frames: [], missed: 0 },
      { page: chartjs, args: { input: '#edit', canvas: '#c' }, times: [], frames: [], missed: 0 },
    ];
    for (let done = 0, first = true; done < runs; done += block, first = false) {
      for (const side of sides) {
        await side.page.bringToFront();
        const r = await side.page.evaluate(editToDraw, {
          ...side.args, runs: Math.min(block, runs - done), warmUp: first ? 5 : 1, values: twin.values,
        });
        side.times.push(...r.times);
        side.frames.push(...r.frames);
        side.missed += r.missed;
      }
    }
    for (const [name, side] of [['jikgu', sides[0]], ['Chart.js', sides[1]]]) {
      if (side.missed > 0) throw new Error(`${name}: ${side.missed} edits never changed the chart's pixels`);
    }
    const [j, c] = sides.map((s) => ({ ...stats(s.times), late: s.frames.filter((f) => f > 1).length }));
    return { jikgu: j, chartjs: c, ratio: j.median / c.median };
  } finally {
    await jikgu.close();
    await chartjs.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const runs = Number(process.argv[2] || 100);
  const other = process.argv[3];
  const browser = await launch();
  const server = await serve();
  const second = other ? await serve(other) : null;
  const line = (what, s) => `${what} (${s.n} edits, ${s.late} drawn after the first frame): median ${s.median.toFixed(2)} ms, p95 ${s.p95.toFixed(2)} ms`;
  try {
    const rounds = other ? 3 : 1;
    for (let i = 0; i < rounds; i++) {
      for (const [name, srv] of [['dist', server], ...(second ? [[other, second]] : [])]) {
        const r = await measureEditToDraw(browser, srv.url, Math.ceil(runs / rounds));
        console.log(`== ${name}`);
        console.log(line('jikgu: edit -> canvas changed, painted', r.jikgu));
        console.log(line('Chart.js update(): edit -> canvas changed, painted', r.chartjs));
        console.log(`jikgu / Chart.js, medians: ${r.ratio.toFixed(2)}`);
      }
    }
  } finally {
    await browser.close();
    await server.close();
    await second?.close();
  }
}
