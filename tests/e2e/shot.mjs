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
if (process.env.EL) await page.locator(process.env.EL).first().screenshot({ path: out });
else await page.screenshot({ path: out, fullPage: !!process.env.FULL });
await browser.close();
await server.close();
