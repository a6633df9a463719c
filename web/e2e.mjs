// End-to-end test of the demo page in headless Chromium (Playwright): the page boots Erlang,
// the buttons reach Erlang and Erlang's replies reach the DOM, a busy Erlang loop leaves the
// page responsive, no console errors; saves a screenshot.
//
//   node web/e2e.mjs URL SCREENSHOT.png
import { chromium } from 'playwright-core';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const url = process.argv[2] ?? 'http://127.0.0.1:8765/web/';
const shot = process.argv[3] ?? 'web-demo.png';

const userDataDir = mkdtempSync(join(tmpdir(), 'lantern-pw-'));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  viewport: { width: 1200, height: 800 },
});
const page = context.pages()[0] ?? (await context.newPage());
const errors = [];
page.on('pageerror', (e) => errors.push(String(e)));
page.on('console', (m) => {
  if (m.type() === 'error') errors.push(m.text());
});

const text = (sel) => page.textContent(sel);
const waitText = (sel, pred, what) =>
  page.waitForFunction(([s, src]) => new Function('t', `return ${src}`)(document.querySelector(s).textContent),
    [sel, pred], { timeout: 10_000 }).catch(() => { throw new Error(`timed out waiting for ${what}`); });

let ok = false;
try {
  await page.goto(url, { waitUntil: 'load', timeout: 30_000 });
  await page.waitForSelector('body[data-ready="1"]', { timeout: 30_000 });
  await waitText('#count', "t === '0'", 'the counter to report 0');
  const startup = await page.getAttribute('body', 'data-startup-ms');
  const sinceNavigation = await page.getAttribute('body', 'data-navigation-ms');

  await page.click('#add');
  await page.click('#add');
  await waitText('#count', "t === '10'", 'counter = 10 after two clicks');

  await page.click('#ask');
  await waitText('#reply', "t.includes('hello page, from JS')", "Erlang's reply from the JS function");

  await page.click('#primes');
  await waitText('#reply', "t.startsWith('303 primes below 2000, the last 1999')", 'the gen_server reply');

  // A busy loop: the page's own JS timer keeps ticking and the table shows the loop running.
  await page.click('#busy');
  const beat0 = Number(await text('#heartbeat'));
  await page.waitForTimeout(700);
  const beat1 = Number(await text('#heartbeat'));
  if (beat1 - beat0 < 3) throw new Error(`page not responsive during the loop: heartbeat ${beat0} → ${beat1}`);
  await waitText('#procs', "t.includes('demo:busy/1')", 'the busy process in the table');
  await waitText('#ticks', 'Number(t) >= 1', "the gen_server's timer tick");
  await page.screenshot({ path: shot, fullPage: true });
  await page.click('#kill');
  await waitText('#procs', "!t.includes('demo:busy/1')", 'the busy process to be gone');

  if (errors.length) throw new Error('page errors: ' + errors.join('; '));
  console.log(`E2E OK: first message from Erlang ${startup} ms after the page script started ` +
    `(${sinceNavigation} ms after navigation); screenshot at ${shot}`);
  ok = true;
} finally {
  if (!ok) await page.screenshot({ path: shot, fullPage: true }).catch(() => {});
  await context.close();
}
