#!/usr/bin/env node
// axe.js DIR [PAGE...] — run axe-core in headless Chromium on a built folio site.
//
// DIR is served read-only on 127.0.0.1 (pages load as a visitor would see them; every request
// outside that server is aborted, so a page that needs the network fails here too). Each PAGE
// (relative to DIR; default: every *.html under DIR) is loaded, axe-core is injected and run.
// Prints one line per violation; exits 1 when any violation has impact "serious" or
// "critical", 3 when the tools themselves fail, 0 otherwise.
//
// Needs: Chromium (CHROMIUM, default /usr/bin/chromium) and the npm packages playwright-core
// and axe-core under FOLIO_NODE_MODULES. `.ci/run` installs all three.
'use strict';

const fs = require('fs');
const path = require('path');
const http = require('http');

const modules = process.env.FOLIO_NODE_MODULES;
if (!modules) {
  console.error('axe.js: set FOLIO_NODE_MODULES to a node_modules with playwright-core and axe-core');
  process.exit(3);
}
const { chromium } = require(path.join(modules, 'playwright-core'));
const axeSource = path.join(modules, 'axe-core', 'axe.min.js');

const [root, ...only] = process.argv.slice(2);
if (!root || !fs.statSync(root).isDirectory()) {
  console.error('usage: axe.js DIR [PAGE...]');
  process.exit(3);
}

function pages(dir) {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...pages(p));
    else if (e.name.endsWith('.html')) out.push(path.relative(root, p));
  }
  return out.sort();
}

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript',
  '.json': 'application/json', '.svg': 'image/svg+xml', '.xml': 'application/xml',
};

function serve() {
  const base = path.resolve(root);
  const server = http.createServer((req, res) => {
    let file = path.normalize(path.join(base, decodeURIComponent(new URL(req.url, 'http://x').pathname)));
    if (!file.startsWith(base)) { res.writeHead(403); return res.end(); }
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

(async () => {
  const server = await serve();
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
  });
  let serious = 0;
  let total = 0;
  const list = only.length ? only : pages(root);
  try {
    for (const scheme of ['light', 'dark']) {
      const context = await browser.newContext({ colorScheme: scheme, viewport: { width: 1280, height: 800 } });
      await context.route('**/*', (route) =>
        route.request().url().startsWith(origin) ? route.continue() : route.abort());
      for (const rel of list) {
        const page = await context.newPage();
        await page.goto(`${origin}/${rel.split(path.sep).map(encodeURIComponent).join('/')}`, { waitUntil: 'load' });
        await page.addScriptTag({ path: axeSource });
        const result = await page.evaluate(() => window.axe.run(document));
        for (const v of result.violations) {
          total++;
          const bad = v.impact === 'serious' || v.impact === 'critical';
          if (bad) serious++;
          console.log(`${rel} (${scheme}): ${v.impact}: ${v.id}: ${v.help}`);
          for (const node of v.nodes) console.log(`    ${node.target.join(' ')}  ${node.html.slice(0, 140)}`);
        }
        await page.close();
      }
      await context.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
  console.log(`axe: ${serious} serious/critical of ${total} violations on ${list.length} pages (light and dark)`);
  process.exit(serious > 0 ? 1 : 0);
})().catch((e) => {
  console.error(e && e.stack || e);
  process.exit(3);
});
