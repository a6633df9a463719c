// The bindings' API in Node: messages both ways through a small event-loop driver, an Erlang
// timer firing in the event loop, and a runaway Erlang loop that does not keep a JS
// setTimeout callback from running.
//
//   node wasm-bindings/tests/node-api.mjs PKG_DIR OTP_ROOT
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import assert from 'node:assert/strict';

const [pkgDir, otpRoot] = process.argv.slice(2);
const { Vm } = createRequire(import.meta.url)(join(pkgDir, 'lantern_wasm.js'));

function newVm() {
  const vm = new Vm(() => {}, () => {});
  for (const d of readdirSync(join(otpRoot, 'lib'))) {
    const ebin = join(otpRoot, 'lib', d, 'ebin');
    if (!existsSync(ebin)) continue;
    for (const f of readdirSync(ebin)) if (f.endsWith('.beam')) vm.provide(f.slice(0, -5), readFileSync(join(ebin, f)));
  }
  return vm;
}

// Runs the VM in slices on the event loop until `done()` or a deadline.
function drive(vm, done, ms = 5000) {
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + ms;
    const tick = () => {
      if (done()) return resolve();
      if (Date.now() > deadline) return reject(new Error('timed out'));
      const r = vm.run(20000);
      if (r.state === 'idle' && r.nextTimerMs !== undefined) setTimeout(tick, Math.ceil(r.nextTimerMs));
      else setTimeout(tick, r.state === 'yielded' ? 0 : 5);
    };
    tick();
  });
}

const atom = name => ({ $atom: name });
let passed = 0;
async function test(name, f) {
  await f();
  passed++;
  console.log(`PASS ${name}`);
}

await test('Erlang sends to the page; the page sends to Erlang', async () => {
  const vm = newVm();
  const got = [];
  vm.onMessage((from, msg) => got.push({ from, msg }));
  // A process that hibernates, wakes on the page's message, then tells the page.
  const pid = vm.spawn('erlang', 'hibernate', [atom('erlang'), atom('send'), [atom('js'), atom('woke')]]);
  vm.spawn('erlang', 'send', [atom('js'), { $tuple: [1, 'hi', [1.5, 2n ** 70n]] }]);
  await drive(vm, () => got.length === 1);
  const t = got[0].msg.$tuple;
  assert.equal(t[0], 1);
  assert.equal(new TextDecoder().decode(t[1]), 'hi');
  assert.deepEqual(t[2], [1.5, 2n ** 70n]);
  assert.match(got[0].from.$pid, /^<0\.\d+\.\d+>$/);
  vm.send(pid, 42);
  await drive(vm, () => got.length === 2);
  assert.deepEqual(got[1].msg, atom('woke'));
  assert.equal(got[1].from.$pid, pid.$pid);
});

await test('an Erlang timer fires in the event loop', async () => {
  const vm = newVm();
  const got = [];
  vm.onMessage((_, msg) => got.push(msg));
  const t0 = Date.now();
  vm.spawn('erlang', 'send_after', [60, atom('js'), atom('tick')]);
  await drive(vm, () => got.length === 1);
  assert.deepEqual(got[0], atom('tick'));
  assert.ok(Date.now() - t0 >= 55, 'fired too early');
});

await test('a runaway Erlang loop does not block a JS timer', async () => {
  const vm = newVm();
  // lists:duplicate of 50 million: seconds of work in one process.
  vm.spawn('lists', 'duplicate', [50000000, 0]);
  let fired = false;
  setTimeout(() => { fired = true; }, 20);
  await drive(vm, () => fired, 10000);
  assert.ok(vm.processCount() >= 1, 'the loop should still be running');
});

console.log(`${passed} passed (bindings API in Node)`);
