import { chromium } from 'playwright-core';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
const flags = process.argv.slice(2);
for (const boot of [false, true, true, true]) {
  const ctx = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'pw-')), {
    executablePath: '/usr/bin/chromium', headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', ...flags] });
  const page = ctx.pages()[0] ?? await ctx.newPage();
  await page.goto('http://127.0.0.1:8799/web/index.html?x');
  await page.waitForTimeout(300);
  const ctx2 = ctx;
  const p2 = await ctx2.newPage();
  await p2.goto('http://127.0.0.1:8799/web/style.css');
  const r = await p2.evaluate(async (boot) => {
    const T = []; const t0 = performance.now(); const m = (s) => T.push(`${s} ${(performance.now() - t0).toFixed(0)}`);
    const { Vm, atom } = await import('/js/index.js'); m('import');
    const beams = Promise.all(['/web/ebin/counter.beam', '/web/ebin/demo.beam'].map((u) => fetch(u)));
    const vm = await Vm.create({ boot }); m('create');
    await vm.load(await beams); m('load demo');
    const first = new Promise(res => vm.onMessage(() => res()));
    vm.spawn('counter', 'start', [0]); m('spawn');
    await first; m('first msg');
    return { T };
  }, boot).catch(e => ({ T: [String(e)] }));
  console.log(`boot=${boot}: ` + r.T.join(' | '));
  await ctx.close();
}
