// Runs differential test programs on the wasm build in Node, with a minimal event-loop driver
// (run slices, sleep until the next Erlang timer), and compares what they print with what
// erl printed (tests/out/expected/NAME.out, written by tests/run.sh).
//
//   node wasm-bindings/tests/node-run.mjs PKG_DIR EBIN_DIR EXPECTED_DIR OTP_ROOT EXTRA_EBIN TEST...
//
// PKG_DIR is the npm package's pkg/ (scripts/build-npm.sh).
//
// EXTRA_EBIN (e.g. the Elixir standard library) is offered too; pass '-' for none. Each test
// gets a fresh VM with the system processes booted, and its main/0 runs in a process that
// traps exits, as under `lantern run` and `erl -eval`.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [pkgDir, ebin, expectedDir, otpRoot, extraEbin, ...tests] = process.argv.slice(2);
// The package's wasm (wasm-bindgen --target web), as the npm package ships it.
const glue = await import(pathToFileURL(join(pkgDir, 'lantern_wasm.js')).href);
await glue.default({ module_or_path: readFileSync(join(pkgDir, 'lantern_wasm_bg.wasm')) });
const { Vm } = glue;

// Every .beam of the OTP installation, offered for loading on first use.
function otpModules() {
  const dirs = [];
  for (const d of readdirSync(otpRoot)) {
    if (d.startsWith('erts-')) dirs.push(join(otpRoot, d, 'ebin'));
  }
  for (const d of readdirSync(join(otpRoot, 'lib'))) dirs.push(join(otpRoot, 'lib', d, 'ebin'));
  const mods = [];
  for (const d of dirs) {
    if (!existsSync(d)) continue;
    for (const f of readdirSync(d)) if (f.endsWith('.beam')) mods.push([f.slice(0, -5), join(d, f)]);
  }
  if (extraEbin !== '-' && existsSync(extraEbin)) {
    for (const f of readdirSync(extraEbin)) if (f.endsWith('.beam')) mods.push([f.slice(0, -5), join(extraEbin, f)]);
  }
  return mods;
}
const otp = otpModules();

async function runTest(name) {
  let out = '';
  const vm = new Vm(s => { out += s; }, () => {});
  for (const [m, path] of otp) vm.provide(m, readFileSync(path));
  for (const f of readdirSync(ebin)) {
    if (f.endsWith('.beam')) vm.provide(f.slice(0, -5), readFileSync(join(ebin, f)));
  }
  vm.boot();
  vm.spawnMain(name, 'main', []);
  const started = Date.now();
  for (;;) {
    const r = vm.run(200000);
    if (r.state === 'halted') break;
    if (r.state === 'idle') {
      if (r.nextTimerMs === undefined) break;
      await new Promise(res => setTimeout(res, Math.ceil(r.nextTimerMs)));
    } else {
      await new Promise(res => setImmediate(res));
    }
    if (Date.now() - started > 30000) return `timeout (printed: ${out.length} bytes)`;
  }
  const expected = readFileSync(join(expectedDir, `${name}.out`), 'utf8');
  return out === expected ? null : `output differs:\n--- erl\n${expected}\n--- wasm\n${out}`;
}

let failed = 0;
for (const t of tests) {
  const err = await runTest(t);
  if (err) { failed++; console.log(`FAIL ${t}: ${err}`); } else console.log(`PASS ${t}`);
}
console.log(`${tests.length - failed} passed, ${failed} failed (wasm in Node)`);
process.exit(failed ? 1 : 0);
