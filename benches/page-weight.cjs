// Loads pages in Chromium (first visit, empty cache) and prints every resource with its size
// raw and as transferred with brotli, then the total against the budget.
// usage: [COOKIE=name=value] node benches/page-weight.cjs BASE_URL PATH...
// (COOKIE: a session cookie, to weigh pages only a signed-in person sees)
const path = require('path');
const { execFileSync } = require('child_process');
const { chromium } = require(path.join(__dirname, '..', 'end2end', 'node_modules', '@playwright/test'));

const BUDGET = 150 * 1024;
const [base, ...paths] = process.argv.slice(2);

function bytes(url, encoding) {
  const args = ['-s', '-o', '/dev/null', '-w', '%{size_download}'];
  if (encoding) args.push('-H', `Accept-Encoding: ${encoding}`);
  if (process.env.COOKIE) args.push('-H', `Cookie: ${process.env.COOKIE}`);
  return Number(execFileSync('curl', [...args, url]).toString());
}

(async () => {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  let failed = false;
  for (const p of paths.length ? paths : ['/']) {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    if (process.env.COOKIE) {
      const [name, ...value] = process.env.COOKIE.split('=');
      await context.addCookies([{ name, value: value.join('='), url: base }]);
    }
    const page = await context.newPage();
    const urls = [];
    page.on('response', (r) => urls.push(r.url()));
    await page.goto(base + p, { waitUntil: 'networkidle' });
    await context.close();
    let raw = 0;
    let br = 0;
    console.log(`\n${p}`);
    console.log('  raw bytes   brotli bytes  resource');
    for (const url of [...new Set(urls)]) {
      const r = bytes(url);
      const b = bytes(url, 'br');
      raw += r;
      br += b;
      console.log(`  ${String(r).padStart(9)}   ${String(b).padStart(12)}  ${url.replace(base, '')}`);
    }
    const ok = br <= BUDGET;
    failed ||= !ok;
    console.log(`  ${String(raw).padStart(9)}   ${String(br).padStart(12)}  TOTAL (${(br / 1024).toFixed(1)} KB brotli; budget ${BUDGET / 1024} KB: ${ok ? 'within' : 'OVER'})`);
  }
  await browser.close();
  process.exit(failed ? 1 : 0);
})();
