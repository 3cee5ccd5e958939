// `make bench`: every speed measure of issue #6, then one table of medians, 95th percentiles and
// budgets. Run from the repository's root after `make dist` (the Makefile does both).
//
//   1. full recompute, native: criterion (`cargo bench --bench recompute`, the release profile);
//      the median and p95 are over criterion's samples (each the mean of many iterations)
//   2. full recompute, in the browser: tests/browser_bench.rs, WebAssembly at the release profile
//      in headless Chromium (through chromedriver, as `make test-browser`)
//   3. input to paint of one edit: input-to-paint.mjs on the built app served over 127.0.0.1;
//      then edit to draw (edit-to-draw.mjs): an edit to the first painted frame whose chart pixels
//      changed, for the app and for a Chart.js 4 page calling update(), interleaved
//   4. navigation to the first chart painted: first-chart.mjs on dist/jikgu.html from file://,
//      interleaved with a Chart.js 4 page drawing the same series (chartjs-page.mjs); jikgu's
//      first chart is the build's prerendered one, and the app's own follows when it takes over
//   5. Lighthouse 12, mobile defaults, on dist/ served with brotli (tests/e2e/lighthouse/run.mjs)
//
// Exits with status 2 when a figure is over its budget, 1 when a measure could not be taken.

import { spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, launch, serve } from '../harness.mjs';
import { measureInputToPaint } from './input-to-paint.mjs';
import { measureEditToDraw } from './edit-to-draw.mjs';
import { compareWithChartJs, measureStartOnInput } from './first-chart.mjs';
import { measureLighthouse } from '../lighthouse/run.mjs';

const NATIVE_BENCH = 'recompute: kostat-revised, claims, projection to 2040, goal seek';
const TARGET = process.env.CARGO_TARGET_DIR || join(ROOT, 'target');
const cargo = process.env.CARGO || 'cargo';
const load = () => loadavg().map((x) => x.toFixed(1)).join(' ');
const loadBefore = load();

function run(what, args, { capture = false } = {}) {
  console.log(`\n== ${what}: ${cargo} ${args.join(' ')}`);
  const r = spawnSync(cargo, args, { cwd: ROOT, stdio: capture ? ['ignore', 'pipe', 'inherit'] : 'inherit', encoding: 'utf8' });
  if (capture && r.stdout) process.stdout.write(r.stdout);
  if (r.status !== 0) throw new Error(`${what} failed (status ${r.status})`);
  return r.stdout || '';
}

/** Criterion's samples of one benchmark: the time per iteration of each sample, in µs. */
function criterionSamples(fullId) {
  const root = join(TARGET, 'criterion');
  for (const dir of readdirSync(root)) {
    let meta;
    try {
      meta = JSON.parse(readFileSync(join(root, dir, 'new', 'benchmark.json'), 'utf8'));
    } catch {
      continue;
    }
    if (meta.full_id !== fullId) continue;
    const sample = JSON.parse(readFileSync(join(root, dir, 'new', 'sample.json'), 'utf8'));
    const estimates = JSON.parse(readFileSync(join(root, dir, 'new', 'estimates.json'), 'utf8'));
    const perIteration = sample.times.map((t, i) => t / sample.iters[i] / 1000);
    return { perIteration, median: estimates.median.point_estimate / 1000 };
  }
  throw new Error(`no criterion results for "${fullId}" under ${root}`);
}

const percentile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};

const rows = [];
let failed = false;
const row = (metric, median, p95, unit, budget, pass) => rows.push({ metric, median, p95, unit, budget, pass });

try {
  // 1. Native.
  run('native recompute (criterion)', ['bench', '--bench', 'recompute']);
  const native = criterionSamples(NATIVE_BENCH);
  row('Full recompute, native (criterion, release profile)', native.median, percentile(native.perIteration, 0.95),
    'µs', 'median ≤ 50 µs', native.median <= 50);

  // 2. Browser.
  const out = run('browser recompute (wasm-bindgen-test, release profile)',
    ['test', '--release', '--target', 'wasm32-unknown-unknown', '--test', 'browser_bench', '--', '--nocapture'],
    { capture: true });
  const m = /jikgu-bench browser-recompute median_us=([\d.]+) p95_us=([\d.]+)/.exec(out);
  if (!m) throw new Error('the browser bench printed no jikgu-bench line');
  const [bMedian, bP95] = [Number(m[1]), Number(m[2])];
  row('Full recompute, WebAssembly in headless Chromium (release profile)', bMedian, bP95, 'µs', 'median ≤ 200 µs', bMedian <= 200);
  // The ranges run in the task after the frame showing a change: they must fit in the next frame.
  const r = /jikgu-bench browser-ranges default_median_ms=([\d.]+) default_p95_ms=([\d.]+) full_median_ms=([\d.]+) full_p95_ms=([\d.]+)/.exec(out);
  if (!r) throw new Error('the browser bench printed no ranges line');
  row('Ranges, 1,000 paths, WebAssembly: default view to 2030 (after the paint)', Number(r[1]), Number(r[2]), 'ms',
    'median ≤ 16 ms', Number(r[1]) <= 16);
  row('… every series to 2040 (the full scenario)', Number(r[3]), Number(r[4]), 'ms', '–', null);

  // 3 and 4. The built app.
  console.log('\n== input to paint, then first chart from file:// (headless Chromium)');
  const browser = await launch();
  const server = await serve();
  try {
    const paint = await measureInputToPaint(browser, server.url, 200);
    row('One edit → the frame showing it painted (edit at frame start)', paint.frame.median, paint.frame.p95, 'ms',
      'median ≤ 8 ms, p95 ≤ 16 ms', paint.frame.median <= 8 && paint.frame.p95 <= 16);
    row(`… edits whose own frame still showed the old figure (of ${paint.edits})`, paint.late, NaN, 'edits', '0', paint.late === 0);
    row('… edit at a random point → ready to paint (app work only)', paint.work.median, paint.work.p95, 'ms', '–', null);
    row('… edit at a random point → next frame painted (adds the vsync wait)', paint.paint.median, paint.paint.p95, 'ms', '–', null);
    const draw = await measureEditToDraw(browser, server.url, 100);
    row('One edit → the balance chart\'s pixels changed, painted', draw.jikgu.median, draw.jikgu.p95, 'ms',
      'p95 ≤ 16.7 ms', draw.jikgu.p95 <= 16.7);
    row('… a Chart.js 4 page redrawing the same chart with update(), same run, interleaved', draw.chartjs.median, draw.chartjs.p95, 'ms', '–', null);
    row('… jikgu ÷ Chart.js, medians', draw.ratio, NaN, '×', '≤ 0.75', draw.ratio <= 0.75);
    const { jikgu: first, chartjs, floor, ratio, floorRatio } = await compareWithChartJs(browser, server.url, 20);
    row('Navigation → first chart painted, dist/jikgu.html from file://', first.painted.median, first.painted.p95, 'ms',
      'median ≤ 300 ms', first.painted.median <= 300);
    row('… navigation → the app\'s own chart drawn (the mark)', first.drawn.median, first.drawn.p95, 'ms', '–', null);
    row('… navigation → the app\'s chart painted: the prerender replaced, edits accepted', first.app.median, first.app.p95, 'ms', '–', null);
    row('… a Chart.js 4 page drawing the same series, same run, interleaved', chartjs.painted.median, chartjs.painted.p95, 'ms', '–', null);
    row('… jikgu ÷ Chart.js, medians', ratio, NaN, '×', '≤ 0.5', ratio <= 0.5);
    row('… the floor page: a heading, the first chart and the wasm\'s data blocks, nothing else', floor.painted.median, floor.painted.p95, 'ms', '–', null);
    row('… floor ÷ Chart.js, medians: the least any single file with the wasm inside can do', floorRatio, NaN, '×', '–', null);
    const onInput = await measureStartOnInput(browser, server.url, 10);
    row('index.html served, first visit: the reader\'s first input → the app\'s chart painted', onInput.median, onInput.p95, 'ms', '–', null);
    console.log(`\nChromium ${browser.version()}`);
  } finally {
    await browser.close();
    await server.close();
  }
  // 5. Lighthouse, after the browser above is closed (it launches its own).
  console.log('\n== Lighthouse 12, mobile defaults, dist/ served with brotli');
  const lh = await measureLighthouse(3);
  for (const [key, name] of [['performance', 'Performance'], ['accessibility', 'Accessibility'], ['best-practices', 'Best practices'], ['seo', 'SEO']]) {
    row(`Lighthouse ${lh.version}: ${name} (median of 3)`, lh[key], NaN, 'score', '≥ 95', lh[key] >= 95);
  }
  row('… first contentful paint (simulated mobile)', lh.fcp, NaN, 'ms', '–', null);
  row('… largest contentful paint (simulated mobile)', lh.lcp, NaN, 'ms', '–', null);
  row('… total blocking time (simulated mobile)', lh.tbt, NaN, 'ms', '–', null);
  row('… cumulative layout shift', lh.cls, NaN, 'shift', '< 0.01', lh.cls < 0.01);
  console.log(`Lighthouse audits below 0.9 (last run): ${lh.failed.join(', ') || 'none'}`);
} catch (error) {
  console.error(`\nbench: ${error.message}`);
  failed = true;
}

const fmt = (x, unit) => {
  if (Number.isNaN(x)) return '–';
  if (unit === 'µs') return `${x.toFixed(1)} µs`;
  if (unit === 'ms') return `${x.toFixed(x >= 100 ? 0 : 1)} ms`;
  if (unit === '×') return `${x.toFixed(2)}×`;
  if (unit === 'shift') return x.toFixed(3);
  return String(x);
};
console.log(`\njikgu speed, ${new Date().toISOString().slice(0, 10)}: ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, load average ${loadBefore} before and ${load()} after\n`);
console.log('| Measure | Median | p95 | Budget | Result |');
console.log('|---|---:|---:|---|---|');
for (const r of rows) {
  const result = r.pass === null ? 'info' : r.pass ? 'pass' : 'OVER';
  console.log(`| ${r.metric} | ${fmt(r.median, r.unit)} | ${fmt(r.p95, r.unit)} | ${r.budget} | ${result} |`);
}
if (failed) process.exit(1);
if (rows.some((r) => r.pass === false)) process.exit(2);
