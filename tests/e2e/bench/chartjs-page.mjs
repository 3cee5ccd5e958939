// The comparison page for the first-chart benchmark: Chart.js 4 (from npm, pinned in
// tests/e2e/package.json, inlined so the page needs no network) drawing the same series as the
// calculator's first chart, in a box of the same size, as one HTML file.
//
// The series are read from the built app itself (the first chart's table alternative), so the two
// pages draw the same figures. The page leaves the same performance mark as the app once its chart
// is drawn, so first-chart.mjs measures both the same way.

import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { ready } from '../harness.mjs';

const CHART_JS = fileURLToPath(new URL('../node_modules/chart.js/dist/chart.umd.min.js', import.meta.url));

/** A figure as the chart table writes it (`−₩6.003 trillion`, `₩850 billion`) in trillions of won. */
function trillions(text) {
  const m = /([−-])?\D*?([\d,.]+)\s*(trillion|billion|million)?/.exec(text);
  if (!m) return null;
  const scale = { trillion: 1, billion: 1e-3, million: 1e-6 }[m[3] || 'trillion'];
  const value = Number(m[2].replace(/,/g, '')) * scale;
  return m[1] ? -value : value;
}

/** The first chart's series, read from its table on the page at `url` (English). */
export async function firstChartSeries(browser, url) {
  return chartSeries(browser, `${url}?lang=en`);
}

/** The series of the first chart on the page at `address` (opened as given), read from its table. */
export async function chartSeries(browser, address) {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  try {
    await page.goto(address);
    await ready(page);
    // The table alternative is built when its disclosure is opened.
    const figure = page.locator('[data-testid="chart"] >> xpath=ancestor::figure').first();
    await figure.locator('details.chart-table > summary').click();
    const table = figure.locator('details.chart-table table');
    await table.waitFor({ state: 'attached' });
    const { heads, rows } = await table.evaluate((t) => ({
      heads: [...t.querySelectorAll('thead th')].slice(1).map((th) => th.textContent.trim()),
      rows: [...t.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent.trim())),
    }));
    const years = rows.map((r) => r[0]);
    const datasets = heads.map((label, i) => ({ label, data: rows.map((r) => trillions(r[i + 1] ?? '')) }));
    return { years, datasets };
  } finally {
    await page.close();
  }
}

/** Writes the Chart.js page for `series`; resolves to its path. */
export async function writeChartJsPage(series, mark) {
  const lib = await readFile(CHART_JS, 'utf8');
  const html = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Chart.js comparison</title>
<style>body{font-family:system-ui,sans-serif;margin:0 auto;max-width:960px;padding:1rem}.chart{position:relative;height:clamp(220px,40vw,340px)}</style>
</head><body><h1>Korea's cross-border e-commerce balance</h1><div class="chart"><canvas id="c"></canvas></div>
<script>${lib}</script>
<script>
const series = ${JSON.stringify(series)};
new Chart(document.getElementById('c'), {
  type: 'line',
  data: { labels: series.years, datasets: series.datasets.map((d) => ({ ...d, spanGaps: false, pointRadius: 2 })) },
  options: { animation: false, responsive: true, maintainAspectRatio: false, plugins: { legend: { position: 'bottom' } } },
});
performance.mark(${JSON.stringify(mark)});
</script></body></html>`;
  const file = join(tmpdir(), 'jikgu-chartjs-comparison.html');
  await writeFile(file, html);
  return file;
}

/** Writes the Chart.js page of the edit-to-draw benchmark (edit-to-draw.mjs); resolves to its path.
 *  `twin.series` is the balance chart's (its first column drawn as bars, any other as lines), and
 *  the page's `#edit` input takes purchases in `twin.year`: its `change` handler sets that year's
 *  bar to `twin.sales` less the figure and redraws the chart with `update()`. */
export async function writeChartJsEditPage(twin) {
  const lib = await readFile(CHART_JS, 'utf8');
  const html = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Chart.js comparison: an edit</title>
<style>body{font-family:system-ui,sans-serif;margin:0 auto;max-width:960px;padding:1rem}.chart{position:relative;height:clamp(220px,40vw,340px)}</style>
</head><body><h1>Korea's cross-border e-commerce balance</h1><div class="chart"><canvas id="c"></canvas></div>
<label>Purchases ${twin.year} <input id="edit" type="text" inputmode="decimal"></label>
<script>${lib}</script>
<script>
const twin = ${JSON.stringify(twin)};
const { years, datasets } = twin.series;
const at = years.indexOf(twin.year);
const chart = new Chart(document.getElementById('c'), {
  type: 'bar',
  data: {
    labels: years,
    datasets: datasets.map((d, i) => (i === 0 ? { ...d } : { ...d, type: 'line', spanGaps: false, pointRadius: 2 })),
  },
  options: { animation: false, responsive: true, maintainAspectRatio: false, plugins: { legend: { position: 'bottom' } } },
});
document.getElementById('edit').addEventListener('change', (e) => {
  const purchases = Number(e.target.value);
  if (!Number.isFinite(purchases) || at < 0) return;
  chart.data.datasets[0].data[at] = twin.sales - purchases;
  chart.update();
});
window.chartReady = true;
</script></body></html>`;
  const file = join(tmpdir(), 'jikgu-chartjs-edit.html');
  await writeFile(file, html);
  return file;
}
