// The edit's own frame, split (issue #13): `runs` edits of the data table's purchases.all 2023, each
// dispatched in a frame callback as edit-to-draw.mjs does, traced from the edit to the task after
// that frame's rendering. Prints, per edit: the time in the page (the dispatch, the app's work up to
// a second callback of the same frame, the whole frame), the main thread's events inside those
// windows only (script, style, layout, paint, commit), and the functions that took the time.
//
//   node tests/e2e/bench/edit-frame.mjs [runs] [dist]       (after `make dist`)
//
// `dist` serves another build's folder; for names, a copy of dist/ whose wasm keeps them (run
// wasm-bindgen and `wasm-opt -Oz -g` on the release build's wasm, and put it in the copy under the
// name the loader fetches). SAVE=prefix writes the CPU profile and the trace to prefix.profile.json
// and prefix.trace.json. TOP and SELF set how many functions are listed; CHILDREN=regex lists
// what the matching function called (DEPTH levels). CHARTJS=1 traces the Chart.js twin instead.

import { writeFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { launch, serve, ready } from '../harness.mjs';
import { chartSeries, writeChartJsEditPage } from './chartjs-page.mjs';
import { EDIT, VIEW } from './edit-to-draw.mjs';

const runs = Number(process.argv[2] || 40);
const WARM = 3;
const browser = await launch();
const server = await serve(process.argv[3] || undefined);
try {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  let cell = EDIT;
  if (process.env.CHARTJS) {
    const series = await chartSeries(browser, `${server.url}${VIEW}`);
    const file = await writeChartJsEditPage({ series, year: '2023', sales: 30, values: ['10', '11'] });
    await page.goto(pathToFileURL(file).href);
    await page.waitForFunction(() => window.chartReady === true);
    cell = '#edit';
  } else {
    await page.goto(`${server.url}${VIEW}`);
    await ready(page);
  }
  const cdp = await page.context().newCDPSession(page);
  // NOPROFILE=1 leaves the sampling profiler off: the trace's durations are then the page's own.
  const sampling = !process.env.NOPROFILE;
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
  await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing'] });
  if (sampling) await cdp.send('Profiler.start');
  const inPage = await page.evaluate(async ({ runs, warm, cell }) => {
    const input = document.querySelector(cell);
    const typed = Number(input.value) || 10;
    const afterFrame = () => new Promise((done) => requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => done();
      channel.port2.postMessage(0);
    }));
    const out = [];
    for (let i = 0; i < runs + warm; i++) {
      await afterFrame(); await afterFrame(); await afterFrame();
      const run = await new Promise((done) => {
        let start = 0;
        let dispatched = 0;
        requestAnimationFrame(() => {
          input.value = (typed * (i % 2 ? 1.05 : 1.1)).toFixed(3);
          performance.mark('edit-start');
          start = performance.now();
          input.dispatchEvent(new Event('change', { bubbles: true }));
          dispatched = performance.now() - start;
        });
        requestAnimationFrame(() => {
          const app = performance.now() - start;
          const channel = new MessageChannel();
          channel.port1.onmessage = () => {
            performance.mark('edit-end');
            done({ dispatched, app, frame: performance.now() - start });
          };
          channel.port2.postMessage(0);
        });
      });
      if (i >= warm) out.push(run);
    }
    return out;
  }, { runs, warm: WARM, cell });
  const { profile } = sampling ? await cdp.send('Profiler.stop') : { profile: { nodes: [], samples: [], timeDeltas: [], startTime: 0 } };
  const trace = JSON.parse((await browser.stopTracing()).toString());
  if (process.env.SAVE) {
    await writeFile(`${process.env.SAVE}.profile.json`, JSON.stringify(profile));
    await writeFile(`${process.env.SAVE}.trace.json`, JSON.stringify(trace));
  }

  const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
  const ms = (key) => median(inPage.map((r) => r[key])).toFixed(2);
  console.log(`in the page, medians: the dispatch ${ms('dispatched')} ms, the app's work to the frame's second callback ${ms('app')} ms, the edit to the task after the frame ${ms('frame')} ms`);

  const events = trace.traceEvents;
  const main = events.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')?.tid;
  const marks = events.filter((e) => e.tid === main && ['edit-start', 'edit-end'].includes(e.name)).sort((a, b) => a.ts - b.ts);
  const windows = [];
  marks.forEach((m, i) => {
    if (m.name === 'edit-start' && marks[i + 1]?.name === 'edit-end') windows.push([m.ts, marks[i + 1].ts]);
  });
  const measured = windows.slice(WARM);
  const inside = (ts) => measured.some(([a, b]) => ts >= a && ts <= b);
  const per = (total) => (total / measured.length).toFixed(3).padStart(8);
  const kinds = ['FunctionCall', 'EventDispatch', 'FireAnimationFrame', 'UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize', 'Commit', 'MinorGC', 'MajorGC', 'HitTest', 'IntersectionObserverController::computeIntersections', 'UpdateLayer'];
  const byKind = new Map();
  for (const e of events) {
    if (e.tid !== main || e.ph !== 'X' || !e.dur || !kinds.includes(e.name) || !inside(e.ts)) continue;
    byKind.set(e.name, (byKind.get(e.name) || 0) + e.dur / 1000);
  }
  console.log(`\nthe edit's frame, main thread, ms per edit (${measured.length} edits; events nest, so they overlap):`);
  for (const [name, total] of [...byKind].sort((a, b) => b[1] - a[1])) console.log(`${per(total)}  ${name}`);

  // The sampling profile's clock is the trace's: keep the samples inside the windows.
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children || []) parent.set(c, n.id);
  const name = (id) => byId.get(id).callFrame.functionName || '(anonymous)';
  const short = (s) => s.replace(/::h[0-9a-f]{16}/g, '').slice(0, 160);
  const self = new Map();
  const total = new Map();
  const children = new Map();
  const pattern = process.env.CHILDREN ? new RegExp(process.env.CHILDREN) : null;
  const depth = Number(process.env.DEPTH || 1);
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i];
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    if (!inside(at)) return;
    self.set(name(id), (self.get(name(id)) || 0) + dt);
    const chain = [];
    for (let n = id; n !== undefined; n = parent.get(n)) chain.unshift(name(n));
    for (const f of new Set(chain)) total.set(f, (total.get(f) || 0) + dt);
    const k = pattern ? chain.findIndex((f) => pattern.test(f)) : -1;
    if (k >= 0) {
      const key = chain.slice(k + 1, k + 1 + depth).map(short).join(' > ') || '(itself)';
      children.set(key, (children.get(key) || 0) + dt);
    }
  });
  const list = (title, map, n) => {
    if (n <= 0) return;
    console.log(`\n${title}`);
    for (const [f, t] of [...map].sort((a, b) => b[1] - a[1]).slice(0, n)) console.log(`${per(t)}  ${short(f)}`);
  };
  list('self time, ms per edit:', self, Number(process.env.SELF ?? 25));
  list('time with callees, ms per edit:', total, Number(process.env.TOP ?? 60));
  if (pattern) list(`what /${pattern.source}/ called, ms per edit:`, children, 60);
} finally {
  await browser.close();
  await server.close();
}
