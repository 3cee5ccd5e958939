// Screenshots for a person to look at: node tests/e2e/shot.mjs OUT.png WIDTH QUERY [fill SELECTOR TEXT]...
// Env: EL=selector (one element), FULL=1 (the whole page), CHUNKS=1 (the whole page as OUT-0.png,
// OUT-1.png, … of 1400 px each, small enough to view).
import { launch, serve, ready } from './harness.mjs';
const [out, width, query, ...steps] = process.argv.slice(2);
const browser = await launch();
const server = await serve();
const page = await browser.newPage({ viewport: { width: Number(width), height: 900 } });
page.on('console', (m) => m.type() === 'error' && console.log('console error:', m.text()));
await page.goto(server.url + (query || ''));
await ready(page);
for (let i = 0; i < steps.length; ) {
  const verb = steps[i++];
  if (verb === 'fill') { const sel = steps[i++]; const text = steps[i++]; await page.fill(sel, text); await page.press(sel, 'Enter'); }
  else if (verb === 'click') { await page.click(steps[i++]); }
  else if (verb === 'scroll') { await page.locator(steps[i++]).scrollIntoViewIfNeeded(); }
  else if (verb === 'tab') { await page.keyboard.press('Tab'); }
  await page.waitForTimeout(300);
}
await page.waitForTimeout(500);
// Sections away from the window are not rendered (content-visibility: auto), and a shot of the
// whole page or of one element is taken without scrolling there: render them all first.
if (process.env.EL || process.env.FULL || process.env.CHUNKS) {
  await page.evaluate(() => document.querySelectorAll('main > section').forEach((s) => { s.style.contentVisibility = 'visible'; }));
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
}
if (process.env.CHUNKS) {
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  for (let y = 0, i = 0; y < height; y += 1400, i++) {
    const clip = { x: 0, y, width: Number(width), height: Math.min(1400, height - y) };
    await page.screenshot({ path: out.replace(/\.png$/, `-${i}.png`), fullPage: true, clip });
  }
} else if (process.env.EL) await page.locator(process.env.EL).first().screenshot({ path: out });
else await page.screenshot({ path: out, fullPage: !!process.env.FULL });
await browser.close();
await server.close();
