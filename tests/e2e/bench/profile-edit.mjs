// Where an edit's time goes: a Chromium trace of `runs` edits of the data table's purchases.all
// 2023 (as edit-to-draw.mjs), summed by the main thread's top-level events (script, style, layout,
// paint) and by the JavaScript/WebAssembly functions that took the most self time.
//
//   node tests/e2e/bench/profile-edit.mjs [runs] [trace.json]      (after `make dist`)
//
// JIKGU_DIST=dir serves another build (e.g. a copy of dist/ whose inlined wasm keeps its function
// names: wasm-bindgen's output before wasm-opt, which strips them).

import { writeFile } from 'node:fs/promises';
import { launch, serve, ready } from '../harness.mjs';
import { EDIT, VIEW } from './edit-to-draw.mjs';

const runs = Number(process.argv[2] || 40);
const out = process.argv[3];
const browser = await launch();
const server = await serve(process.env.JIKGU_DIST || undefined);
try {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  await page.goto(`${server.url}${VIEW}`);
  await ready(page);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await browser.startTracing(page, { categories: ['devtools.timeline', 'blink.user_timing'] });
  await cdp.send('Profiler.start');
  const perEdit = await page.evaluate(async ({ runs, cell }) => {
    const input = document.querySelector(cell);
    const published = Number(input.value);
    const frame = () => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
    let total = 0;
    for (let i = 0; i < runs; i++) {
      await frame(); await frame();
      input.value = (published * (i % 2 ? 1.05 : 1.1)).toFixed(3);
      performance.mark('edit-start');
      const t0 = performance.now();
      input.dispatchEvent(new Event('change', { bubbles: true }));
      total += performance.now() - t0;
      performance.mark('edit-end');
    }
    return total / runs;
  }, { runs, cell: EDIT });
  const { profile } = await cdp.send('Profiler.stop');
  const trace = JSON.parse((await browser.stopTracing()).toString());
  if (out) await writeFile(out, JSON.stringify(trace));
  console.log(`dispatching the change event (synchronous app work): ${perEdit.toFixed(2)} ms per edit`);

  // Self time by function, from the sampling profile.
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const dt = profile.timeDeltas;
  profile.samples.forEach((id, i) => {
    const n = byId.get(id);
    const name = `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').pop()}`;
    self.set(name, (self.get(name) || 0) + (dt[i + 1] ?? 0) / 1000);
  });
  console.log('\nself time per edit by function (ms):');
  for (const [name, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30)) {
    console.log(`${(ms / runs).toFixed(3).padStart(8)}  ${name}`);
  }
  // Time with callees, each function counted once per sample however deep it recurses.
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children || []) parent.set(c, n.id);
  const total = new Map();
  profile.samples.forEach((id, i) => {
    const seen = new Set();
    for (let at = id; at !== undefined; at = parent.get(at)) {
      const f = byId.get(at).callFrame.functionName || '(anonymous)';
      if (seen.has(f)) continue;
      seen.add(f);
      total.set(f, (total.get(f) || 0) + (dt[i + 1] ?? 0) / 1000);
    }
  });
  console.log('\ntime with callees per edit by function (ms):');
  for (const [name, ms] of [...total].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.TOP || 60))) {
    console.log(`${(ms / runs).toFixed(3).padStart(8)}  ${name.slice(0, 150)}`);
  }

  // Main-thread top-level events, per edit.
  const events = trace.traceEvents.filter((e) => e.ph === 'X' && e.dur);
  const main = trace.traceEvents.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')?.tid;
  const sum = new Map();
  for (const e of events) {
    if (e.tid !== main) continue;
    if (!['FunctionCall', 'EventDispatch', 'UpdateLayoutTree', 'Layout', 'Paint', 'PrePaint', 'Layerize', 'Commit', 'FireAnimationFrame', 'TimerFire', 'HitTest', 'ParseHTML', 'V8.GCScavenger', 'MajorGC', 'MinorGC', 'UpdateLayer', 'RunMicrotasks', 'IntersectionObserverController::computeIntersections'].includes(e.name)) continue;
    sum.set(e.name, (sum.get(e.name) || 0) + e.dur / 1000);
  }
  console.log('\nmain thread, per edit (ms; events nest, so they overlap):');
  for (const [name, ms] of [...sum].sort((a, b) => b[1] - a[1])) console.log(`${(ms / runs).toFixed(3).padStart(8)}  ${name}`);
} finally {
  await browser.close();
  await server.close();
}
