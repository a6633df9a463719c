// The demo page: boots a Lantern VM, loads the demo's modules, and wires buttons, messages
// from Erlang and a live process table to the DOM.
import { Vm, atom, tuple, text, Tuple } from '../js/index.js';

const t0 = performance.now();
const $ = (id) => document.getElementById(id);
const log = (line) => {
  const el = $('log');
  el.textContent += line + '\n';
  el.scrollTop = el.scrollHeight;
};
const show = (t) =>
  t instanceof Uint8Array ? JSON.stringify(text(t))
  : t instanceof Tuple ? `{${t.items.map(show).join(', ')}}`
  : Array.isArray(t) ? `[${t.map(show).join(', ')}]`
  : String(t);

// The demo's modules download while the VM starts.
const beams = Promise.all(['ebin/counter.beam', 'ebin/demo.beam'].map((u) => fetch(u)));
const vm = await Vm.create({ stdout: (s) => log(s.replace(/\n$/, '')), stderr: (s) => log(s.replace(/\n$/, '')) });
await vm.load(await beams);
vm.register('greet', async (name) => {
  await new Promise((r) => setTimeout(r, 50)); // an async JS function: Erlang waits, others run
  return `hello ${text(name)}, from JS at ${new Date().toLocaleTimeString()}`;
});

let first = true;
vm.onMessage((from, msg) => {
  if (first) {
    first = false;
    const ms = performance.now() - t0;
    const total = performance.now(); // since navigation started
    $('startup').textContent =
      `First message from Erlang ${ms.toFixed(0)} ms after this script started (${total.toFixed(0)} ms after navigation).`;
    document.body.dataset.startupMs = ms.toFixed(1);
    document.body.dataset.navigationMs = total.toFixed(1);
  }
  log(`${from} → js: ${show(msg)}`);
  if (!(msg instanceof Tuple)) return;
  const [tag, value] = msg.items;
  if (tag === atom('count')) $('count').textContent = show(value);
  if (tag === atom('tick')) $('ticks').textContent = show(value);
  if (tag === atom('js_said')) $('reply').textContent = show(value);
});

vm.spawn('counter', 'start', [0]);
await vm.call('demo', 'start', []);

const busy = [];
$('add').onclick = () => vm.send('counter', tuple(atom('add'), 5));
$('primes').onclick = async () => {
  const ps = await vm.call('gen_server', 'call', [atom('demo'), tuple(atom('primes'), 2000)]);
  $('reply').textContent = `${ps.length} primes below 2000, the last ${ps.at(-1)}`;
};
$('ask').onclick = () => vm.spawn('demo', 'ask_js', ['page']);
$('busy').onclick = () => busy.push(vm.spawn('demo', 'busy', []));
$('kill').onclick = () => {
  for (const p of busy.splice(0)) vm.kill(p);
};

let beats = 0;
setInterval(() => { $('heartbeat').textContent = String(++beats); }, 100);

function refresh() {
  const rows = vm.processes();
  $('pcount').textContent = `(${rows.length})`;
  $('procs').tBodies[0].replaceChildren(...rows.map((p) => {
    const tr = document.createElement('tr');
    tr.className = p.status;
    for (const [v, num] of [[p.pid, 0], [p.name ?? '', 0], [p.status, 0], [p.reductions, 1], [p.memory, 1], [p.current, 0]]) {
      const td = document.createElement('td');
      td.textContent = String(v);
      if (num) td.className = 'num';
      tr.append(td);
    }
    return tr;
  }));
}
refresh();
setInterval(refresh, 500);

for (const b of document.querySelectorAll('button')) b.disabled = false;
document.body.dataset.ready = '1';
