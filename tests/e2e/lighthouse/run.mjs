// Lighthouse 12 with its default (mobile, simulated throttling) settings on dist/ served the way a
// CDN serves it: brotli-compressed, with the strict content-security policy the build writes.
//
//   node tests/e2e/lighthouse/run.mjs [runs]       (after `make dist`; `make bench` runs it)
//
// Prints each category's score, the first contentful paint, total blocking time and cumulative
// layout shift, as the median of `runs` (default 3) runs, and every failed audit of the last run.

import { createServer } from 'node:http';
import { readFile, readdir, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { brotliCompressSync, constants } from 'node:zlib';
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';

const ROOT = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
// JIKGU_DIST measures another build's folder (a variant being compared).
const DIST = resolve(process.env.JIKGU_DIST || join(ROOT, 'dist'));
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.toml': 'text/plain; charset=utf-8',
};

/** dist/ over HTTP with brotli (quality 11, compressed once per file) and long-lived caching. */
async function serveBrotli() {
  const csp = (await readFile(join(DIST, 'content-security-policy.txt'), 'utf8')).trim();
  // Compressed before serving, as a CDN's edge cache holds them: brotli 11 of the 1 MB single file
  // takes a second, which would otherwise count as server response time.
  const cache = new Map();
  for (const entry of await readdir(DIST, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = join(entry.parentPath ?? entry.path, entry.name);
    cache.set(file, brotliCompressSync(await readFile(file), { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
  }
  const server = createServer(async (req, res) => {
    try {
      let file = normalize(join(DIST, decodeURIComponent(new URL(req.url, 'http://x').pathname)));
      if (!file.startsWith(DIST)) throw new Error('outside');
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      if (!cache.has(file)) throw new Error('not in dist');
      const headers = {
        'content-type': TYPES[extname(file)] || 'application/octet-stream',
        'content-encoding': 'br',
        'cache-control': extname(file) === '.html' ? 'no-cache' : 'public, max-age=31536000, immutable',
      };
      if (extname(file) === '.html') headers['content-security-policy'] = csp;
      res.writeHead(200, headers);
      res.end(cache.get(file));
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return { url: `http://127.0.0.1:${server.address().port}/`, close: () => new Promise((ok) => server.close(ok)) };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Runs Lighthouse `runs` times on dist/; resolves to medians of the scores and metrics. */
export async function measureLighthouse(runs = 3) {
  const server = await serveBrotli();
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROMIUM || '/usr/bin/chromium',
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
      '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  const results = [];
  let last;
  try {
    for (let i = 0; i < runs; i++) {
      const { lhr } = await lighthouse(server.url, { port: chrome.port, output: 'json', logLevel: 'error' });
      last = lhr;
      const score = (id) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
      const metric = (id) => lhr.audits[id]?.numericValue ?? NaN;
      results.push({
        performance: score('performance'),
        accessibility: score('accessibility'),
        'best-practices': score('best-practices'),
        seo: score('seo'),
        fcp: metric('first-contentful-paint'),
        lcp: metric('largest-contentful-paint'),
        tbt: metric('total-blocking-time'),
        cls: metric('cumulative-layout-shift'),
      });
    }
  } finally {
    await chrome.kill();
    await server.close();
  }
  const out = {};
  for (const key of Object.keys(results[0])) out[key] = median(results.map((r) => r[key]));
  out.failed = Object.values(last.audits)
    .filter((a) => a.score !== null && a.score < 0.9 && a.scoreDisplayMode !== 'informative' && a.scoreDisplayMode !== 'manual')
    .map((a) => `${a.id} (${a.score})`);
  out.version = last.lighthouseVersion;
  out.details = (id) => JSON.stringify(last.audits[id]?.details ?? last.audits[id]?.explanation ?? null).slice(0, 600);
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const r = await measureLighthouse(Number(process.argv[2] || 3));
  console.log(`Lighthouse ${r.version}, mobile defaults, dist/ served with brotli:`);
  console.log(`  performance ${r.performance}, accessibility ${r.accessibility}, best practices ${r['best-practices']}, SEO ${r.seo}`);
  console.log(`  first contentful paint ${r.fcp.toFixed(0)} ms, largest ${r.lcp.toFixed(0)} ms, total blocking time ${r.tbt.toFixed(0)} ms, CLS ${r.cls.toFixed(3)}`);
  console.log(`  audits below 0.9: ${r.failed.join(', ') || 'none'}`);
  for (const id of process.argv.slice(3)) console.log(`  ${id}: ${r.details(id)}`);
}
