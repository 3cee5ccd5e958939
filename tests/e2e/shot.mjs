// Screenshots for a person to look at: node tests/e2e/shot.mjs OUT.png WIDTH QUERY [fill SELECTOR TEXT]...
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
if (process.env.EL || process.env.FULL) {
  await page.evaluate(() => document.querySelectorAll('main > section').forEach((s) => { s.style.contentVisibility = 'visible'; }));
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
}
if (process.env.EL) await page.locator(process.env.EL).first().screenshot({ path: out });
else await page.screenshot({ path: out, fullPage: !!process.env.FULL });
await browser.close();
await server.close();
