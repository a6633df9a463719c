// The Vm of the npm package: the wasm engine plus the event-loop driver that runs it.
//
// Erlang runs in slices of a few milliseconds (a MessageChannel tick in browsers, setImmediate
// in Node), so the page stays responsive however long a process loops; when nothing can run
// the driver sleeps with setTimeout until the next Erlang timer, and a message from JS wakes
// it at once. Everything happens on the caller's thread: no worker, no SharedArrayBuffer.

import { atom, tuple, Atom, Tuple, Pid, Ref, ErlangError, factories, frames } from './terms.js';

let backend = null;

/** Set by the entry module (index.js for browsers, node.js for Node). */
export function useBackend(b) {
  backend = b;
}

const BEAM_MAGIC = 'FOR1';
const PACK_MAGIC = 'LPK1';

function magic(bytes) {
  return bytes.length >= 4 ? String.fromCharCode(bytes[0], bytes[1], bytes[2], bytes[3]) : '';
}

function asBytes(x) {
  if (x instanceof Uint8Array) return x;
  if (x instanceof ArrayBuffer) return new Uint8Array(x);
  if (ArrayBuffer.isView(x)) return new Uint8Array(x.buffer, x.byteOffset, x.byteLength);
  return null;
}

/** The bytes of a `.beam`/bundle source: bytes, a fetch Response, or a URL/path to read. */
async function bytesOf(source) {
  const bytes = asBytes(source);
  if (bytes) return bytes;
  if (typeof Response === 'function' && source instanceof Response) {
    return new Uint8Array(await source.arrayBuffer());
  }
  return backend.readBytes(source);
}

/** Writes whole lines to `f` (console.log adds its own newline). */
function lineWriter(f) {
  let pending = '';
  return (s) => {
    pending += s;
    const lines = pending.split('\n');
    pending = lines.pop();
    for (const line of lines) f(line);
  };
}

/**
 * A compressed bundle with its entries inflated by the platform's own zlib (`backend.inflate`:
 * native code, where the engine's inflater would run as not-yet-optimised wasm during start-up).
 * The engine still checks the sizes and the checksum; anything unexpected goes to it unchanged,
 * so its error names the bad byte.
 */
export async function inflateBundle(bytes) { // exported for the package's tests
  if (bytes.length < 20 || !backend.inflate) return bytes;
  const head = new DataView(bytes.buffer, bytes.byteOffset, 20);
  const flags = head.getUint32(4, true);
  const rawLen = head.getUint32(12, true);
  if (flags !== 1 || rawLen > 256 * 1024 * 1024) return bytes;
  try {
    const raw = await backend.inflate(bytes.subarray(20));
    if (raw.length !== rawLen) return bytes;
    const plain = new Uint8Array(20 + raw.length);
    plain.set(bytes.subarray(0, 20));
    new DataView(plain.buffer).setUint32(4, 0, true); // flags: entries stored plain
    plain.set(raw, 20);
    return plain;
  } catch {
    return bytes;
  }
}

const now = () => (globalThis.performance ? performance.now() : Date.now());

/** Queues `f` to run soon, after pending events: the driver's tick. */
function tickQueue(f) {
  if (typeof setImmediate === 'function') return () => setImmediate(f);
  if (typeof MessageChannel === 'function') {
    const ch = new MessageChannel();
    ch.port1.onmessage = f;
    return () => ch.port2.postMessage(0);
  }
  return () => setTimeout(f, 0);
}

export class Vm {
  #raw;
  #stopped = false;
  #queued = false;
  #timer = null;
  #queueTick;
  #listeners = new Set();
  #functions = new Map();
  #calls = new Map();
  #haltWaiters = [];
  /** Milliseconds of Erlang per tick before the page gets the thread back. */
  sliceMs;
  /** The exit status after erlang:halt/0,1 (undefined while running). */
  status;

  /**
   * Creates a VM (fetching and compiling the wasm once per page).
   *
   * Options: `stdout`/`stderr` (functions taking text; default the console, line by line),
   * `otp` (the standard-library bundle: true for the one in the package, false for none, or a
   * URL/bytes of one made by `lantern pack`), `boot` (start init, logger and kernel_sup;
   * default: when `otp` is loaded), `sliceMs` (default 5), `wasm` (where the .wasm is, if not
   * beside the package's JS).
   */
  static async create(options = {}) {
    if (!backend) throw new Error('lantern-beam: no backend (import the package entry, not js/vm.js)');
    const otp = options.otp ?? true;
    const source = otp === true ? backend.otpBundle : otp;
    // The bundle downloads and inflates while the wasm compiles.
    const [RawVm, otpBytes] = await Promise.all([
      backend.init(options.wasm),
      otp === false || Array.isArray(source)
        ? null
        : bytesOf(source).then((b) => (magic(b) === PACK_MAGIC ? inflateBundle(b) : b)),
    ]);
    const vm = new Vm(RawVm, options);
    if (otp !== false) await vm.load(otpBytes ?? source);
    if (options.boot ?? otp !== false) vm.#raw.boot();
    vm.#wake(); // what the boot left runnable or waiting on a timer
    return vm;
  }

  constructor(RawVm, options = {}) {
    if (!RawVm || typeof RawVm !== 'function') throw new Error('use Vm.create()');
    const out = options.stdout ?? lineWriter((l) => console.log(l));
    const err = options.stderr ?? lineWriter((l) => console.error(l));
    this.#raw = new RawVm(out, err);
    this.#raw.setFactories(factories);
    this.sliceMs = options.sliceMs ?? 5;
    this.#queueTick = tickQueue(() => this.#tick());
  }

  /**
   * Loads code: `.beam` bytes (loaded now), a bundle from `lantern pack` (its modules load on
   * first use), a URL or path to either, a fetch Response, or an array of these. Resolves to
   * the module names.
   */
  async load(source) {
    this.#live();
    if (Array.isArray(source)) {
      const names = [];
      for (const s of source) names.push(...(await this.load(s)));
      return names;
    }
    const bytes = await bytesOf(source);
    this.#live();
    switch (magic(bytes)) {
      case BEAM_MAGIC:
        return [this.#raw.load(bytes)];
      case PACK_MAGIC:
        return this.#raw.provideBundle(await inflateBundle(bytes));
      default:
        throw new Error('lantern-beam: not a .beam file or a lantern pack bundle');
    }
  }

  /** Makes `module` loadable on first use from `.beam` bytes. */
  provide(module, beam) {
    this.#live();
    this.#raw.provide(module, asBytes(beam));
  }

  /** Spawns `module:fn(...args)`; returns its Pid. */
  spawn(module, fn, args = []) {
    this.#live();
    const pid = this.#raw.spawn(module, fn, args);
    this.#wake();
    return pid;
  }

  /** Sends `msg` to a Pid, a registered name (Atom or string) or an alias (Ref). */
  send(dest, msg) {
    this.#live();
    if (typeof dest === 'string') dest = atom(dest);
    this.#raw.send(dest, msg);
    this.#wake();
  }

  /**
   * Runs `module:fn(...args)` in a fresh process; resolves to what it returns, rejects with an
   * ErlangError when it raises (or its process is killed).
   */
  call(module, fn, args = []) {
    this.#live();
    return new Promise((resolve, reject) => {
      const pid = this.#raw.spawnCall(module, fn, args);
      this.#calls.set(pid.$pid, { resolve, reject });
      this.#wake();
    });
  }

  /** Calls `f(from, msg)` for each message Erlang sends to `js`; returns an unsubscribe. */
  onMessage(f) {
    this.#listeners.add(f);
    return () => this.#listeners.delete(f);
  }

  /**
   * Makes `f` callable from Erlang as `lantern_js:call(Name, Args)`; a returned Promise is
   * awaited while the calling Erlang process waits (others run on).
   */
  register(name, f) {
    this.#functions.set(String(name), f);
  }

  /** Sends `pid` an exit signal (default reason `kill`); false if it was not alive. */
  kill(pid, reason) {
    this.#live();
    const r = this.#raw.exit(pid, reason);
    this.#wake();
    return r;
  }

  /** The live processes: [{ pid, name, status, reductions, memory, messages, current }]. */
  processes() {
    this.#live();
    return this.#raw.processes();
  }

  /** JS objects Erlang holds as handles (released when Erlang's last copy is garbage). */
  handleCount() {
    this.#live();
    return this.#raw.handleCount();
  }

  /** Resolves with the exit status when Erlang calls erlang:halt/0,1. */
  halted() {
    if (this.status !== undefined) return Promise.resolve(this.status);
    return new Promise((resolve) => this.#haltWaiters.push(resolve));
  }

  /** Stops the VM for good: no more slices, pending calls reject, memory is freed. */
  stop() {
    if (this.#stopped) return;
    this.#fail(new Error('lantern-beam: the VM was stopped'));
  }

  #fail(error) {
    this.#stopped = true;
    clearTimeout(this.#timer);
    this.#timer = null;
    for (const { reject } of this.#calls.values()) reject(error);
    this.#calls.clear();
    try {
      this.#raw.free();
    } catch {
      // Already unusable.
    }
  }

  get stopped() {
    return this.#stopped;
  }

  #live() {
    if (this.#stopped) throw new Error('lantern-beam: the VM was stopped');
  }

  /** Runs a slice as soon as the event loop allows. */
  #wake() {
    if (this.#stopped || this.#queued) return;
    clearTimeout(this.#timer);
    this.#timer = null;
    this.#queued = true;
    this.#queueTick();
  }

  #tick() {
    this.#queued = false;
    if (this.#stopped) return;
    const start = now();
    let r;
    do {
      try {
        r = this.#raw.run(20000);
      } catch (e) {
        // The engine itself failed (a bug, or out of memory): nothing can run any more.
        console.error('lantern-beam: the VM failed and was stopped', e);
        this.#fail(e);
        return;
      }
      // Callbacks run after `run` returned, so they may use the VM (send, call, stop...).
      if (r.calls) this.#settle(r.calls);
      if (r.messages) for (const [from, msg] of r.messages) this.#fromErlang(from, msg);
    } while (r.state === 'yielded' && now() - start < this.sliceMs && !this.#stopped);
    if (this.#stopped) return;
    if (r.state === 'yielded') {
      this.#wake();
    } else if (r.state === 'idle') {
      if (r.nextTimerMs !== undefined && !this.#queued) {
        // setTimeout cannot wait longer than 2^31-1 ms (it would fire at once): wake and re-arm.
        const ms = Math.min(2 ** 31 - 1, Math.max(0, Math.ceil(r.nextTimerMs)));
        this.#timer = setTimeout(() => {
          this.#timer = null;
          this.#wake();
        }, ms);
      }
    } else if (r.state === 'halted') {
      this.status = r.status;
      for (const w of this.#haltWaiters) w(r.status);
      this.#haltWaiters = [];
      for (const { reject } of this.#calls.values()) {
        reject(new Error(`lantern-beam: Erlang halted (status ${r.status})`));
      }
      this.#calls.clear();
    }
  }

  #settle(ended) {
    for (const c of ended) {
      const waiter = this.#calls.get(c.pid.$pid);
      if (!waiter) continue;
      this.#calls.delete(c.pid.$pid);
      if ('value' in c) waiter.resolve(c.value);
      else if (c.class !== undefined) {
        const e = new ErlangError(String(c.class), c.reason, frames(c.stacktrace), c.text);
        waiter.reject(e);
      } else waiter.reject(new Error('lantern-beam: the call ended without a result'));
    }
  }

  #fromErlang(from, msg) {
    if (msg instanceof Tuple && msg.length === 4 && msg.at(0) === atom('$lantern_js_call')) {
      this.#jsCall(msg.at(1), msg.at(2), msg.at(3));
      return;
    }
    for (const f of this.#listeners) {
      try {
        f(from, msg);
      } catch (e) {
        console.error('lantern-beam: an onMessage callback threw', e);
      }
    }
  }

  /** Runs a JS function for `lantern_js:call/2,3` and replies to the caller's alias. */
  #jsCall(alias, name, args) {
    const key =
      name instanceof Uint8Array ? new TextDecoder().decode(name)
      : Array.isArray(name) && name.every(Number.isInteger) ? String.fromCodePoint(...name)
      : String(name);
    const reply = (status, value) => {
      if (this.#stopped) return;
      try {
        this.send(alias, tuple(alias, atom(status), value));
      } catch (e) {
        // The value has no term form (NaN, say), or the caller is gone.
        try {
          this.send(alias, tuple(alias, atom('error'), tuple(atom('js_error'), String(e?.message ?? e))));
        } catch {
          // Nobody to tell.
        }
      }
    };
    const f = this.#functions.get(key);
    if (!f) return reply('error', tuple(atom('undef_js'), name));
    Promise.resolve()
      .then(() => f(...(Array.isArray(args) ? args : [])))
      .then((v) => reply('ok', v), (e) => reply('error', tuple(atom('js_error'), String(e?.message ?? e))));
  }
}

export { Atom, Tuple, Pid, Ref };
