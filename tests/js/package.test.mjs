// The npm package's API in Node, from its ESM entry (or the one named on the command line):
// Vm.create, load, spawn, send, onMessage, call (a Promise), errors as ErlangError, the term
// table both ways, lantern_js:call to async JS functions, timers in the event loop, a runaway
// loop that neither blocks JS nor other processes, kill, processes, stop and halt.
//
//   node tests/js/package.test.mjs EBIN_DIR [ENTRY]
import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [ebin, entry = new URL('../../js/node.js', import.meta.url).href] = process.argv.slice(2);
const entryHref = entry.startsWith('file:') || !entry.startsWith('/') ? entry : pathToFileURL(entry).href;
const lib = await import(entryHref);
const { Vm, atom, tuple, Tuple, Pid, Ref, Atom, Bits, Improper, Opaque, ErlangError, text, charlist } = lib;

let passed = 0;
async function test(name, f) {
  const t0 = Date.now();
  await f();
  passed++;
  console.log(`PASS ${name} (${Date.now() - t0} ms)`);
}
const beam = (m) => join(resolve(ebin), `${m}.beam`);
const quiet = { stdout: () => {}, stderr: () => {} };
const until = (pred, ms = 5000) =>
  new Promise((res, rej) => {
    const t0 = Date.now();
    const poll = () => (pred() ? res() : Date.now() - t0 > ms ? rej(new Error('timed out')) : setTimeout(poll, 2));
    poll();
  });

await test('the README example: load, spawn, send, onMessage, call', async () => {
  const vm = await Vm.create(quiet);
  assert.deepEqual(await vm.load(beam('counter')), ['counter']);
  const got = [];
  vm.onMessage((from, msg) => got.push([from, msg]));
  const pid = vm.spawn('counter', 'start', [0]);
  assert.ok(pid instanceof Pid);
  vm.send(pid, tuple(atom('add'), 5));
  await until(() => got.length === 2); // it has registered itself by now
  vm.send('counter', tuple(atom('add'), 2));
  await until(() => got.length === 3);
  assert.deepEqual(got.map(([, m]) => m.at(1)), [0, 5, 7]);
  assert.ok(got[2][0].equals(pid));
  assert.equal(await vm.call('lists', 'sum', [[1, 2, 3]]), 6);
  vm.stop();
});

await test('terms both ways', async () => {
  const vm = await Vm.create(quiet);
  await vm.load(beam('jstest'));
  const big = 2n ** 100n;
  const m = new Map([[atom('k'), [1, 2.5]], ['bin', tuple()]]);
  const back = await vm.call('jstest', 'roundtrip', [[42, -7, big, 1.5, true, false, undefined, atom('nil'), 'héllo', new Uint8Array([0, 255]), m, charlist('ab'), new Improper([1], 2), new Bits(new Uint8Array([0xf0]), 4)]]);
  const [i, n, b, f, t, fa, u, nil, s, bin, map, cl, imp, bits] = back;
  assert.equal(i, 42); assert.equal(n, -7); assert.equal(b, big); assert.equal(f, 1.5);
  assert.equal(t, true); assert.equal(fa, false); assert.equal(u, undefined);
  assert.ok(nil instanceof Atom); assert.equal(nil, atom('nil'));
  assert.equal(text(s), 'héllo');
  assert.deepEqual([...bin], [0, 255]);
  assert.ok(map instanceof Map);
  assert.deepEqual(map.get(atom('k')), [1, 2.5]);
  assert.deepEqual(cl, [97, 98]);
  assert.ok(imp instanceof Improper); assert.deepEqual([imp.items, imp.tail], [[1], 2]);
  assert.ok(bits instanceof Bits); assert.equal(bits.bitLength, 4); assert.equal(bits.bytes[0], 0xf0);
  // A reference (and a pid) goes back as the same term.
  const ref = await vm.call('erlang', 'make_ref', []);
  assert.ok(ref instanceof Ref);
  assert.equal(await vm.call('erlang', '=:=', [ref, ref]), true);
  const self = await vm.call('jstest', 'whoami', []);
  assert.ok(self instanceof Pid);
  assert.ok((await vm.call('jstest', 'roundtrip', [self])).equals(self));
  vm.stop();
});

await test('errors reject with ErlangError: class, reason, stack trace', async () => {
  const vm = await Vm.create(quiet);
  await vm.load(beam('jstest'));
  const e = await vm.call('jstest', 'add', [1, atom('x')]).catch((e) => e);
  assert.ok(e instanceof ErlangError, String(e));
  assert.equal(e.class, 'error');
  assert.equal(e.reason, atom('badarith'));
  assert.ok(e.stacktrace.some((f) => f.module === 'jstest' && f.function === 'add' && f.arity === 2 && f.line > 0), JSON.stringify(e.stacktrace));
  const u = await vm.call('no_such_module', 'f', []).catch((e) => e);
  assert.equal(u.reason, atom('undef'));
  const thrown = await vm.call('erlang', 'throw', [atom('ball')]).catch((e) => e);
  assert.equal(thrown.class, 'throw');
  vm.stop();
});

await test('lantern_js:call reaches async JS functions without blocking other processes', async () => {
  const vm = await Vm.create(quiet);
  await vm.load(beam('jstest'));
  let resolveLater;
  vm.register('double', (x) => new Promise((r) => { resolveLater = () => r(x * 2); }));
  vm.register('fails', async () => { throw new Error('nope'); });
  const pending = vm.call('jstest', 'double_via_js', [21]);
  // While the caller waits for JS, other Erlang calls complete.
  assert.equal(await vm.call('jstest', 'add', [1, 2]), 3);
  await until(() => resolveLater);
  resolveLater();
  const r = await pending;
  assert.ok(r instanceof Tuple);
  assert.deepEqual(r.items, [atom('doubled'), 42]);
  const e = await vm.call('jstest', 'fail_via_js', []).catch((e) => e);
  assert.ok(e instanceof ErlangError);
  assert.equal(e.reason.at(0), atom('js_error'));
  assert.equal(text(e.reason.at(1)), 'nope');
  vm.stop();
});

await test('JS values with no term form travel as handles, released when Erlang drops them', async () => {
  const vm = await Vm.create(quiet);
  await vm.load(beam('jstest'));
  const obj = { dom: 'node' };
  const fn = () => 1;
  const got = [];
  vm.onMessage((_, m) => got.push(m));
  const keeper = vm.spawn('jstest', 'keeper', []);
  vm.send(keeper, tuple(atom('keep'), obj, fn));
  await until(() => got.length === 1);
  const [, a, b, isRef, same, differ] = got[0].items;
  assert.equal(a, obj);
  assert.equal(b, fn);
  assert.deepEqual([isRef, same, differ], [true, true, false]);
  assert.equal(vm.handleCount(), 2);
  vm.send(keeper, atom('drop'));
  await until(() => got.length === 2);
  await until(() => vm.handleCount() === 0);
  // A JS function called from Erlang can return one too.
  const el = { tag: 'div' };
  vm.register('make_element', () => el);
  assert.equal(await vm.call('jstest', 'make_element', []), el);
  vm.stop();
});

await test('JS callbacks may use the VM; JS failures reach the Erlang caller, never hang it', async () => {
  const vm = await Vm.create(quiet);
  await vm.load(beam('jstest'));
  // An onMessage listener that sends, spawns and calls at once.
  const echo = vm.spawn('jstest', 'echo', []);
  const got = [];
  vm.onMessage((from, m) => {
    got.push(m);
    if (m.at?.(1) === atom('ping')) vm.send(echo, tuple(atom('js'), atom('pong')));
  });
  vm.send(echo, tuple(atom('js'), atom('ping')));
  await until(() => got.length === 2);
  assert.deepEqual(got[1].items, [atom('echo'), atom('pong')]);
  // Unknown names, synchronous throws, values with no term form, and a charlist name.
  vm.register('boom', () => { throw new Error('sync'); });
  vm.register('nan', () => NaN);
  vm.register('hi', () => 'hello');
  const r1 = await vm.call('jstest', 'call_js', [atom('nope'), []]);
  assert.deepEqual([r1.at(0), r1.at(1).at(0), r1.at(1).at(1)], [atom('error'), atom('undef_js'), atom('nope')]);
  const r2 = await vm.call('jstest', 'call_js', [atom('boom'), []]);
  assert.equal(text(r2.at(1).at(1)), 'sync');
  const r3 = await vm.call('jstest', 'call_js', [atom('nan'), []]);
  assert.equal(r3.at(1).at(0), atom('js_error'));
  const r4 = await vm.call('jstest', 'call_js', [charlist('hi'), []]);
  assert.equal(text(r4.at(1)), 'hello');
  // NaN is refused on the way in too.
  assert.throws(() => vm.send(echo, NaN), /NaN/);
  // stop() from inside a listener.
  vm.onMessage(() => vm.stop());
  vm.send(echo, tuple(atom('js'), 1));
  await until(() => vm.stopped);
  const vm2 = await Vm.create(quiet);
  await vm2.load(beam('jstest'));
  // Terms nested deeper than the conversion goes come back with an Opaque 'deep' inside.
  let t = await vm2.call('jstest', 'nest', [5000]);
  let depth = 0;
  while (t instanceof Tuple) { t = t.at(0); depth++; }
  assert.ok(t instanceof Opaque && t.kind === 'deep' && depth > 900, `${depth} ${t}`);
  vm2.stop();
});

await test('an Erlang timer longer than setTimeout can wait does not busy-wake the driver', async () => {
  const vm = await Vm.create(quiet);
  await vm.load(beam('jstest'));
  const real = globalThis.setTimeout;
  const delays = [];
  globalThis.setTimeout = (f, ms, ...a) => { delays.push(ms); return real(f, ms, ...a); };
  try {
    await vm.call('jstest', 'after_ms', [35 * 24 * 3600 * 1000, atom('late')]);
    await new Promise((r) => real(r, 50));
  } finally {
    globalThis.setTimeout = real;
  }
  assert.ok(delays.length <= 3 && delays.includes(2 ** 31 - 1), JSON.stringify(delays));
  vm.stop();
});

await test('an Erlang timer fires in the event loop', async () => {
  const vm = await Vm.create(quiet);
  await vm.load(beam('jstest'));
  const got = [];
  vm.onMessage((_, m) => got.push([Date.now(), m]));
  const t0 = Date.now();
  await vm.call('jstest', 'after_ms', [80, atom('ding')]);
  await until(() => got.length === 1);
  assert.equal(got[0][1], atom('ding'));
  assert.ok(got[0][0] - t0 >= 75, `fired after ${got[0][0] - t0} ms`);
  vm.stop();
});

await test('a runaway loop blocks neither JS timers nor other processes; kill ends it', async () => {
  const vm = await Vm.create(quiet);
  await vm.load(beam('jstest'));
  const spinner = vm.spawn('jstest', 'spin', []);
  let fired = 0;
  const iv = setInterval(() => fired++, 10);
  await until(() => fired >= 5);
  clearInterval(iv);
  // Other processes still get their turn.
  assert.equal(await vm.call('lists', 'seq', [1, 3]).then((l) => l.length), 3);
  const row = vm.processes().find((p) => p.pid.equals(spinner));
  assert.ok(row && row.reductions > 10000 && row.current.startsWith('jstest:spin'), JSON.stringify(row));
  assert.equal(vm.kill(spinner), true);
  await until(() => !vm.processes().some((p) => p.pid.equals(spinner)));
  assert.equal(vm.kill(spinner), false);
  vm.stop();
});

await test('processes() shows the system processes with names', async () => {
  const vm = await Vm.create(quiet);
  const names = vm.processes().map((p) => p.name).filter(Boolean);
  for (const n of ['init', 'logger', 'kernel_sup']) assert.ok(names.includes(n), names.join(','));
  vm.stop();
});

await test('stop() rejects pending calls; halt resolves halted()', async () => {
  const vm = await Vm.create(quiet);
  await vm.load(beam('jstest'));
  const p = vm.call('jstest', 'echo', []);
  vm.stop();
  await assert.rejects(p, /stopped/);
  assert.throws(() => vm.spawn('jstest', 'spin', []), /stopped/);
  const vm2 = await Vm.create(quiet);
  vm2.spawn('erlang', 'halt', [3]);
  assert.equal(await vm2.halted(), 3);
  vm2.stop();
});

await test('load: a bundle, an array, and a malformed file rejected', async () => {
  const vm = await Vm.create({ ...quiet, otp: false, boot: false });
  await assert.rejects(vm.load(new Uint8Array([1, 2, 3, 4, 5])), /not a .beam/);
  const bad = new Uint8Array(await (await import('node:fs/promises')).readFile(beam('jstest')));
  await assert.rejects(vm.load(bad.slice(0, 60)), /jstest|chunk|offset|truncat/i);
  assert.deepEqual(await vm.load([beam('counter'), beam('jstest')]), ['counter', 'jstest']);
  // Without the standard library nothing beyond erlang runs; a bundle brings it.
  await assert.rejects(vm.call('lists', 'sum', [[1, 2]]), (e) => e.reason === atom('undef'));
  const names = await vm.load(new URL('../../pkg/otp.lpk', import.meta.url).pathname);
  assert.ok(names.includes('lists') && names.includes('gen_server'), names.join());
  assert.equal(await vm.call('lists', 'sum', [[1, 2]]), 3);
  await assert.rejects(vm.load(new Uint8Array([...new TextEncoder().encode('LPK1'), 9, 9])), /bad bundle/);
  const lpk = new Uint8Array(await (await import('node:fs/promises')).readFile(new URL('../../pkg/otp.lpk', import.meta.url)));
  // The platform's zlib really did the inflating: the engine got the entries stored plain.
  const { inflateBundle } = await import(new URL('vm.js', entryHref).href);
  const plain = await inflateBundle(lpk);
  const word = (b, at) => new DataView(b.buffer, b.byteOffset).getUint32(at, true);
  assert.equal(word(lpk, 4), 1);
  assert.equal(word(plain, 4), 0);
  assert.equal(plain.length, 20 + word(lpk, 12));
  assert.deepEqual(await vm.load(plain), names);
  // A damaged compressed bundle (inflated by Node's zlib first) is still refused by the engine,
  // which names what is wrong: a broken stream, or entries that fail the checksum.
  const cut = lpk.slice(0, lpk.length - 1000);
  await assert.rejects(vm.load(cut), /bad bundle/);
  const flipped = lpk.slice();
  flipped[16] ^= 1; // the checksum in the header
  await assert.rejects(vm.load(flipped), /bad bundle.*checksum/);
  vm.stop();
});

console.log(`${passed} passed (npm package API in Node)`);
