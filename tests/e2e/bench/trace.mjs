// Where a page's start goes: loads one address in headless Chromium with a performance trace and
// prints the main thread's tasks of 5 ms or more (from navigation start, with what took their
// time), the first paints and the app's marks. A tool for reading, not a benchmark.
//
//   [FILE=variant.html] [WARM=1] node tests/e2e/bench/trace.mjs [index|single] [width] [out.json]
//
// `index` is dist/ served over 127.0.0.1 (the split index.html), `single` is dist/jikgu.html from
// file://. The trace is written to out.json (default /tmp/jikgu-trace.json) for Chromium's
// performance panel.

import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DIST, launch, serve } from '../harness.mjs';

const [which = 'single', width = '1200', out = '/tmp/jikgu-trace.json'] = process.argv.slice(2);
const browser = await launch();
const server = which === 'index' ? await serve() : null;
const url = server ? server.url : pathToFileURL(process.env.FILE || join(DIST, 'jikgu.html')).href;
// FILE=path traces another single file (a variant being compared); without the app's mark it
// waits two seconds.
const started = () => performance.getEntriesByName('jikgu:first-chart').length > 0 || performance.now() > 2000;
try {
  const context = await browser.newContext({ viewport: { width: Number(width), height: 900 }, offline: !server });
  const page = await context.newPage();
  // With WARM=1, a first load fills the caches (the HTTP cache, the compiled wasm's code cache),
  // as on a second visit; without, the trace is of a first visit.
  if (process.env.WARM) {
    await page.goto(url);
    await page.waitForFunction(started, null, { timeout: 30000 });
  }
  await page.goto('about:blank');
  await browser.startTracing(page, {
    categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing', 'loading', 'v8.execute', 'disabled-by-default-v8.compile', 'v8.wasm'],
  });
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction(started, null, { timeout: 30000 });
  await page.waitForTimeout(1500);
  const trace = JSON.parse((await browser.stopTracing()).toString());
  await writeFile(out, JSON.stringify(trace));
  const events = trace.traceEvents;
  const nav = events.find((e) => e.name === 'navigationStart' && e.args?.data?.isLoadingMainFrame && e.args.data.documentLoaderURL?.startsWith(url.split('?')[0]))
    ?? events.filter((e) => e.name === 'navigationStart').at(-1);
  const t0 = nav.ts;
  const mainPid = nav.pid;
  const mainTid = nav.tid;
  const ms = (ts) => ((ts - t0) / 1000).toFixed(1);
  const tasks = events.filter((e) => e.pid === mainPid && e.tid === mainTid && e.name === 'RunTask' && e.dur >= 5000 && e.ts >= t0);
  const inside = events.filter((e) => e.pid === mainPid && e.tid === mainTid && e.ph === 'X' && e.name !== 'RunTask' && e.ts >= t0);
  for (const task of tasks) {
    const sums = new Map();
    for (const e of inside) {
      if (e.ts < task.ts || e.ts + e.dur > task.ts + task.dur) continue;
      const key = e.name === 'FunctionCall' || e.name === 'EvaluateScript' ? `${e.name} ${(e.args?.data?.url || '').split('/').pop().slice(0, 30)}` : e.name;
      sums.set(key, (sums.get(key) || 0) + e.dur);
    }
    const top = [...sums].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([k, d]) => `${k} ${(d / 1000).toFixed(1)}`).join(', ');
    console.log(`task at ${ms(task.ts)} ms, ${(task.dur / 1000).toFixed(1)} ms: ${top}`);
  }
  for (const e of events.filter((x) => x.pid === mainPid && ['firstPaint', 'firstContentfulPaint', 'largestContentfulPaint::Candidate', 'MarkDOMContent', 'MarkLoad'].includes(x.name) && x.ts >= t0)) {
    console.log(`${e.name} ${ms(e.ts)} ms`);
  }
  for (const e of events.filter((x) => x.cat?.includes('blink.user_timing') && x.ts >= t0 && x.ph !== 'e')) console.log(`mark ${e.name} ${ms(e.ts)} ms`);
  const marks = await page.evaluate(() => performance.getEntriesByType('mark').map((m) => `${m.name} ${m.startTime.toFixed(1)}`));
  console.log(`marks (performance.now): ${marks.join(', ')}`);
} finally {
  await browser.close();
  await server?.close();
}
