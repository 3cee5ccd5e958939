// Input-to-paint: how long from a committed edit in a table cell to the frame that shows it.
//
//   node tests/e2e/bench/input-to-paint.mjs [runs]      (after `make dist`; `make bench` runs it)
//
// Each run types a new value into one cell and dispatches `change` (what Enter or leaving the field
// does) at a random point of a frame, and records two times:
// - work: until the first task after the event, by which yew has re-rendered and the effects have
//   redrawn the charts (its scheduler runs in microtasks), i.e. the frame is ready to paint;
// - to paint: until the task after the next animation frame, which runs once that frame is painted
//   (this includes waiting for the frame, about half a frame on average at 60 Hz).
// The edit alternates between two values so every run recomputes. Prints medians and 95th
// percentiles in milliseconds.

import { launch, serve, ready } from '../harness.mjs';

const runs = Number(process.argv[2] || 200);
const browser = await launch();
const server = await serve();
try {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  await page.goto(server.url);
  await ready(page);
  const times = await page.evaluate(async (runs) => {
    const input = document.querySelector('[data-testid="cell"][data-series="purchases.china"][data-year="2023"] input');
    if (!input) throw new Error('no purchases.china 2023 cell');
    const afterPaint = () => new Promise((done) => requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => done(performance.now());
      channel.port2.postMessage(0);
    }));
    const nextTask = () => new Promise((done) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => done(performance.now());
      channel.port2.postMessage(0);
    });
    const work = [];
    const paint = [];
    for (let i = 0; i < runs + 10; i++) {
      await afterPaint();
      await new Promise((done) => setTimeout(done, Math.random() * 16));
      input.value = i % 2 ? '3.5' : '4';
      const start = performance.now();
      const painted = afterPaint();
      input.dispatchEvent(new Event('change', { bubbles: true }));
      const ready = await nextTask();
      const end = await painted;
      if (i >= 10) { work.push(ready - start); paint.push(end - start); } // the first runs warm up
    }
    return { work, paint };
  }, runs);
  const headline = await page.textContent('[data-testid="headline"]');
  if (!/\d/.test(headline)) throw new Error('the page stopped showing a figure');
  const stats = (xs) => {
    xs.sort((a, b) => a - b);
    const at = (q) => xs[Math.min(xs.length - 1, Math.floor(q * xs.length))].toFixed(2);
    return `median ${at(0.5)} ms, p95 ${at(0.95)} ms`;
  };
  console.log(`edit -> ready to paint (${times.work.length} edits): ${stats(times.work)}`);
  console.log(`edit -> painted frame  (${times.paint.length} edits): ${stats(times.paint)}`);
} finally {
  await browser.close();
  await server.close();
}
