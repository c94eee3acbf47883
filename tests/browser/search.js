#!/usr/bin/env node
// search.js DIR — drives the search page of a built folio site (DIR/search/index.html) in
// headless Chromium and prints what it shows, as JSON, for tests/suite/search.rs to check.
//
// The page is opened twice: from disk (file://) and served read-only on 127.0.0.1 by a small
// server here (every request elsewhere is aborted). For each query read as JSON from stdin —
// [{"query": "…", "pages": 1}, …] — it types the query into the search box, waits for the status
// line to name it, clicks "Show more results" until `pages` pages are shown, and records the
// status, each result (title, its marks, link, date, the comment it points at, the snippet and
// its marks), and over HTTP which index files the query loaded. Console errors and failed
// loads are reported too, and so are axe-core's serious and critical violations on the page as
// the last query left it (served). Exits 3 when the tools themselves fail.
//
// Needs: Chromium (CHROMIUM, default /usr/bin/chromium) and the npm packages playwright-core
// and axe-core under FOLIO_NODE_MODULES.
'use strict';

const fs = require('fs');
const path = require('path');
const http = require('http');
const { pathToFileURL } = require('url');

const modules = process.env.FOLIO_NODE_MODULES;
if (!modules) {
  console.error('search.js: set FOLIO_NODE_MODULES to a node_modules with playwright-core');
  process.exit(3);
}
const { chromium } = require(path.join(modules, 'playwright-core'));
const root = path.resolve(process.argv[2] || '');
if (!fs.existsSync(path.join(root, 'search', 'index.html'))) {
  console.error('usage: search.js DIR (a built site with search/index.html)');
  process.exit(3);
}
const queries = JSON.parse(fs.readFileSync(0, 'utf8'));

const TYPES = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.svg': 'image/svg+xml' };
function serve() {
  const server = http.createServer((req, res) => {
    let file = path.normalize(path.join(root, decodeURIComponent(new URL(req.url, 'http://x').pathname)));
    if (!file.startsWith(root)) { res.writeHead(403); return res.end(); }
    try {
      if (fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
      const body = fs.readFileSync(file);
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream' });
      res.end(body);
    } catch (e) {
      res.writeHead(404);
      res.end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function drive(browser, url, origin) {
  const context = await browser.newContext({ viewport: { width: 1000, height: 800 } });
  const problems = [];
  const loaded = [];
  await context.route('**/*', (route) => {
    const u = route.request().url();
    const mine = origin ? u.startsWith(origin) : u.startsWith('file:');
    return mine ? route.continue() : route.abort();
  });
  const page = await context.newPage();
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`failed: ${r.url()}`));
  page.on('request', (r) => {
    const m = /\/search\/((?:manifest|terms\/\d+|docs\/\d+)\.js)(\?v=[0-9a-f]+)?$/.exec(r.url());
    if (m) loaded.push(m[1] + (m[2] ? '?v' : ''));
  });
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForFunction(() => /^Type to search/.test(document.getElementById('search-status').textContent));
  const initial = await page.textContent('#search-status');
  const out = [];
  for (const { query, pages } of queries) {
    loaded.length = 0;
    await page.fill('#search-input', query);
    const quoted = `“${query.trim()}”`;
    await page.waitForFunction((q) => document.getElementById('search-status').textContent.includes(q), quoted);
    for (let p = 1; p < (pages || 1); p++) {
      const before = await page.locator('#search-results > li').count();
      await page.click('#search-more');
      await page.waitForFunction((n) => document.querySelectorAll('#search-results > li').length > n, before);
    }
    const shown = await page.evaluate(() => {
      const marks = (el) => (el ? Array.from(el.querySelectorAll('mark'), (m) => m.textContent) : []);
      return {
        status: document.getElementById('search-status').textContent,
        more: !document.getElementById('search-more').hidden,
        focused: document.activeElement ? document.activeElement.textContent : null,
        results: Array.from(document.querySelectorAll('#search-results > li'), (li) => {
          const title = li.querySelector('h2 a');
          const time = li.querySelector('.meta time');
          const comment = li.querySelector('.meta a');
          const snippet = li.querySelector('.snippet');
          return {
            title: title.textContent,
            title_marks: marks(title),
            href: title.getAttribute('href'),
            date: time ? time.textContent : null,
            datetime: time ? time.getAttribute('datetime') : null,
            comment: comment ? comment.textContent : null,
            comment_href: comment ? comment.getAttribute('href') : null,
            comment_marks: marks(comment),
            snippet: snippet ? snippet.textContent : null,
            snippet_marks: marks(snippet),
          };
        }),
      };
    });
    shown.query = query;
    shown.loaded = loaded.slice();
    out.push(shown);
  }
  // Served, the page with results on it passes axe-core (serious and critical violations
  // count as problems), as the other pages do in .ci/axe.js; from disk axe cannot read the
  // stylesheet it checks colours with.
  if (origin) {
    await page.addScriptTag({ path: path.join(modules, 'axe-core', 'axe.min.js') });
    const axe = await page.evaluate(() => window.axe.run(document));
    for (const v of axe.violations) {
      if (v.impact === 'serious' || v.impact === 'critical') problems.push(`axe: ${v.impact}: ${v.id}: ${v.help}`);
    }
  }
  await context.close();
  return { initial, queries: out, problems };
}

(async () => {
  const server = await serve();
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
  });
  try {
    const file = await drive(browser, pathToFileURL(path.join(root, 'search', 'index.html')).href, null);
    const served = await drive(browser, `${origin}/search/index.html`, origin);
    console.log(JSON.stringify({ file, http: served }));
  } finally {
    await browser.close();
    server.close();
  }
})().catch((e) => {
  console.error(e && e.stack || e);
  process.exit(3);
});
