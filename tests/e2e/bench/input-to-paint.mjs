// Input-to-paint: how long from a committed edit in a table cell to the painted frame that shows it.
//
//   node tests/e2e/bench/input-to-paint.mjs [runs]      (after `make dist`; `make bench` runs it)
//
// The edit types a new value into purchases.china 2023 and dispatches `change` (what Enter or
// leaving the field does), alternating between two values so every run recomputes.
//
// Main measure, "edit at frame start": the edit is dispatched inside a requestAnimationFrame
// callback, so the frame that follows is the first that can show it and no time is spent waiting
// for vsync. A second callback of the same frame checks that the derived balance.china 2023 cell
// already shows the new figure (yew renders and its effects redraw the charts in microtasks, before
// the frame's style, layout and paint), then posts a message: the message's task runs once that
// frame's rendering is done, and its time is the end. So the time is the app's work (recompute,
// render, chart redraws) plus the browser's style, layout and paint of the frame showing the edit.
//
// Secondary, "edit at a random point": the previous measure of this file. The edit lands at a random
// point of a frame; it records the time to the first task after the event (the app's work) and to
// the task after the next frame (which adds the wait for that frame, half a frame on average).

import { pathToFileURL } from 'node:url';
import { launch, serve, ready } from '../harness.mjs';

export const CELL = '[data-testid="cell"][data-series="purchases.china"][data-year="2023"] input';
export const SHOWS = '[data-testid="cell"][data-series="balance.china"][data-year="2023"] input';

/** Median and 95th percentile (nearest rank, as the other benches) of `xs`, in its unit. */
export function stats(xs) {
  const sorted = [...xs].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { median: at(0.5), p95: at(0.95), n: sorted.length };
}

/** Runs both measures on the served app; resolves to their statistics in milliseconds. */
export async function measureInputToPaint(browser, url, runs = 200) {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  try {
    // KIEP's view, where the balance with China in 2023 is its sales less these purchases (on
    // today's official basis it stands in from an older release and would not move).
    await page.goto(`${url}?source=kiep-2025-07-02&year=2023`);
    await ready(page);
    // Table cells away from the window follow the first paint: wait for the two used here.
    for (const s of [CELL, SHOWS]) await page.waitForSelector(s, { state: 'attached' });
    const times = await page.evaluate(async ({ runs, cell, shows }) => {
      const input = document.querySelector(cell);
      const shown = document.querySelector(shows);
      if (!input || !shown) throw new Error(`no ${input ? shows : cell}`);
      const afterFrame = () => new Promise((done) => requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => done(performance.now());
        channel.port2.postMessage(0);
      }));
      const nextTask = () => new Promise((done) => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => done(performance.now());
        channel.port2.postMessage(0);
      });
      const value = (i) => (i % 2 ? '3.5' : '4');
      const warmUp = 10;

      // Edit at the start of a frame, to the end of that frame's rendering.
      const frame = [];
      let late = 0;
      for (let i = 0; i < runs + warmUp; i++) {
        await afterFrame();
        const run = await new Promise((done) => {
          let start = 0;
          let before = '';
          requestAnimationFrame(() => {
            before = shown.value;
            input.value = value(i);
            start = performance.now();
            input.dispatchEvent(new Event('change', { bubbles: true }));
          });
          // Requested in the same task, so it runs in the same frame, after the first callback's
          // microtasks: whatever the page shows now is what this frame paints.
          requestAnimationFrame(() => {
            const inFrame = shown.value !== before;
            const channel = new MessageChannel();
            channel.port1.onmessage = () => done({ ms: performance.now() - start, inFrame });
            channel.port2.postMessage(0);
          });
        });
        if (!run.inFrame) late++;
        if (i >= warmUp) frame.push(run.ms);
      }

      // Edit at a random point of a frame (the previous measure).
      const work = [];
      const paint = [];
      for (let i = 0; i < runs + warmUp; i++) {
        await afterFrame();
        await new Promise((done) => setTimeout(done, Math.random() * 16));
        input.value = value(i + 1);
        const start = performance.now();
        const painted = afterFrame();
        input.dispatchEvent(new Event('change', { bubbles: true }));
        const readyAt = await nextTask();
        const end = await painted;
        if (i >= warmUp) { work.push(readyAt - start); paint.push(end - start); }
      }
      return { frame, late, work, paint };
    }, { runs, cell: CELL, shows: SHOWS });
    const headline = await page.textContent('[data-testid="headline"]');
    if (!/\d/.test(headline)) throw new Error('the page stopped showing a figure');
    // An edit whose own frame still showed the old figure is counted, not thrown: the frame's
    // time is then that of a frame without the edit, so the count is reported beside it.
    return { frame: stats(times.frame), late: times.late, edits: runs + 10, work: stats(times.work), paint: stats(times.paint) };
  } finally {
    await page.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const runs = Number(process.argv[2] || 200);
  const browser = await launch();
  const server = await serve();
  try {
    const r = await measureInputToPaint(browser, server.url, runs);
    const line = (what, s) => `${what} (${s.n} edits): median ${s.median.toFixed(2)} ms, p95 ${s.p95.toFixed(2)} ms`;
    console.log(line('edit at frame start -> that frame painted', r.frame));
    console.log(line('edit at a random point -> ready to paint ', r.work));
    console.log(line('edit at a random point -> next frame painted', r.paint));
  } finally {
    await browser.close();
    await server.close();
  }
}
