#!/usr/bin/env bash
# scripts/page-text.sh SRC_DIR OUT_DIR
#
# Makes full-page text copies of saved web pages, the way a reader's "select all, copy" of the
# rendered page gives them: every *.html, *.htm and *.html.gz under SRC_DIR is loaded in headless
# Chromium with JavaScript off and the network shut (only data: URLs load), and the page's
# document.body.innerText is written to OUT_DIR/<path relative to SRC_DIR, extension dropped>.txt
# (line ends made \n, runs of blank lines cut to one). These are the `.txt` copies folio imports
# as pages (README, "Full-page text copies") and `examples/score_html.rs --text` scores.
#
# Needs: Node.js with npm, and Chromium (Debian: `apt-get install nodejs npm chromium`; another
# build: CHROMIUM=/path/to/chrome). playwright-core (pinned to the version .ci/run uses) is
# installed once with npm into $FOLIO_NODE_MODULES, else into the CI tools cache
# (${XDG_CACHE_HOME:-~/.cache}/folio-ci/node); it drives the installed Chromium and downloads no
# browser. Exit status: 0 when done (pages that failed are listed on stderr), 2 on bad usage, 3
# when Node, npm, Chromium or playwright-core is missing and cannot be installed.
set -euo pipefail

PLAYWRIGHT_VERSION=1.65.1

if [ $# -ne 2 ] || [ ! -d "$1" ]; then
  echo "usage: $0 SRC_DIR OUT_DIR   (SRC_DIR: a folder of saved .html/.htm/.html.gz pages)" >&2
  exit 2
fi
src="$(cd "$1" && pwd)"
mkdir -p "$2"
out="$(cd "$2" && pwd)"

command -v node >/dev/null && command -v npm >/dev/null \
  || { echo "page-text: needs node and npm (Debian: apt-get install nodejs npm)" >&2; exit 3; }
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
[ -x "$CHROMIUM" ] \
  || { echo "page-text: no Chromium at $CHROMIUM (Debian: apt-get install chromium, or set CHROMIUM)" >&2; exit 3; }

modules="${FOLIO_NODE_MODULES:-${XDG_CACHE_HOME:-$HOME/.cache}/folio-ci/node/node_modules}"
if [ ! -f "$modules/playwright-core/package.json" ]; then
  echo "page-text: installing playwright-core@$PLAYWRIGHT_VERSION into $(dirname "$modules")" >&2
  mkdir -p "$(dirname "$modules")"
  (cd "$(dirname "$modules")" && npm install --no-audit --no-fund --ignore-scripts --loglevel=error \
    "playwright-core@$PLAYWRIGHT_VERSION" >&2) \
    || { echo "page-text: npm could not install playwright-core" >&2; exit 3; }
fi

PAGE_TEXT_MODULES="$modules" CHROMIUM="$CHROMIUM" node - "$src" "$out" <<'JS'
const path = require('path'), fs = require('fs'), zlib = require('zlib');
const { chromium } = require(path.join(process.env.PAGE_TEXT_MODULES, 'playwright-core'));
const [src, out] = process.argv.slice(2);
const pages = (dir) => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
  const p = path.join(dir, e.name);
  if (e.isDirectory()) return pages(p);
  return /\.html?(\.gz)?$/i.test(e.name) ? [p] : [];
});
(async () => {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu'],
  });
  const context = await browser.newContext({
    javaScriptEnabled: false,
    viewport: { width: 1280, height: 900 },
  });
  // Nothing leaves the machine: every request but data: URLs is refused.
  await context.route('**/*', (r) => (r.request().url().startsWith('data:') ? r.continue() : r.abort()));
  const page = await context.newPage();
  let done = 0, failed = 0;
  for (const file of pages(src).sort()) {
    const rel = path.relative(src, file).replace(/\.html?(\.gz)?$/i, '');
    try {
      let bytes = fs.readFileSync(file);
      if (file.toLowerCase().endsWith('.gz')) bytes = zlib.gunzipSync(bytes);
      await page.setContent(bytes.toString('utf8'), { waitUntil: 'domcontentloaded', timeout: 20000 });
      const text = await page.evaluate(() => (document.body ? document.body.innerText : ''));
      const target = path.join(out, rel + '.txt');
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, text.replace(/\r\n?/g, '\n').replace(/\n{3,}/g, '\n\n').trim() + '\n');
      done++;
    } catch (e) {
      failed++;
      console.error(`page-text: ${rel}: ${String(e).split('\n')[0].slice(0, 160)}`);
    }
  }
  await browser.close();
  console.error(`page-text: ${done} pages written to ${out}${failed ? `, ${failed} failed` : ''}`);
})().catch((e) => { console.error(`page-text: ${e}`); process.exit(3); });
JS
