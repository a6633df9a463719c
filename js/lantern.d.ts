// Types of lantern-beam: the BEAM in WebAssembly.
//
// Terms and JS values, both ways:
//
// | Erlang          | JS                                                                      |
// |-----------------|-------------------------------------------------------------------------|
// | integer         | `number` when |n| < 2^53, else `bigint` (a `bigint` always becomes one)  |
// | float           | `number` with a fraction (an integral `number` becomes an integer)      |
// | `true`/`false`  | `boolean`                                                               |
// | `undefined`     | `undefined` (`null` becomes `undefined` too); `nil` is the atom `nil`    |
// | other atoms     | `Atom` (interned: `atom('ok') === atom('ok')`)                          |
// | binary          | `Uint8Array`; a JS `string` becomes its UTF-8 binary (`text()` decodes) |
// | bitstring       | `Bits`                                                                  |
// | proper list     | `Array` (a charlist is an array of code points: `charlist('abc')`)      |
// | improper list   | `Improper`                                                              |
// | tuple           | `Tuple`                                                                 |
// | map             | `Map`                                                                   |
// | pid             | `Pid` (send to it)                                                      |
// | reference       | `Ref` (goes back as the same reference; an alias can be sent to)        |
// | fun, port       | `Opaque` (cannot go back)                                               |

export type Term =
  | number
  | bigint
  | boolean
  | undefined
  | null
  | string
  | Uint8Array
  | Atom
  | Tuple
  | Pid
  | Ref
  | Opaque
  | Bits
  | Improper
  | Term[]
  | Map<Term, Term>
  /** Any other JS value travels as an opaque handle and comes back as itself. */
  | object;

export declare class Atom {
  readonly $atom: string;
  get name(): string;
}
/** The atom called `name` (the same object every time). */
export declare function atom(name: string): Atom;

export declare class Tuple implements Iterable<Term> {
  constructor(items: Term[]);
  readonly $tuple: Term[];
  get items(): Term[];
  get length(): number;
  at(i: number): Term;
  [Symbol.iterator](): Iterator<Term>;
}
/** `tuple(a, b)` is the Erlang `{A, B}`. */
export declare function tuple(...items: Term[]): Tuple;

export declare class Pid {
  readonly $pid: string;
  equals(other: unknown): boolean;
}
export declare class Ref {
  readonly $ref: string;
  equals(other: unknown): boolean;
}
/** A fun or port (cannot go back), or `deep`: a term nested too deeply to convert. */
export declare class Opaque {
  readonly kind: 'fun' | 'port' | 'deep';
  readonly text: string;
}
export declare class Bits {
  constructor(bytes: Uint8Array, bitLength: number);
  get bytes(): Uint8Array;
  readonly bitLength: number;
}
export declare class Improper {
  constructor(items: Term[], tail: Term);
  get items(): Term[];
  readonly tail: Term;
}

export interface Frame {
  module: string;
  function: string;
  arity: number;
  file?: string;
  line?: number;
}

/** What `Vm.call` rejects with when the Erlang function raised or its process was killed. */
export declare class ErlangError extends Error {
  readonly class: 'error' | 'exit' | 'throw';
  readonly reason: Term;
  readonly stacktrace: Frame[];
}

export declare function utf8(s: string): Uint8Array;
export declare function text(bin: Uint8Array): string;
export declare function charlist(s: string): number[];

export type Bytes = Uint8Array | ArrayBuffer | ArrayBufferView;
/** `.beam` bytes, a `lantern pack` bundle, a URL (or in Node a file path) of either, a fetch Response. */
export type Source = Bytes | string | URL | Response | Source[];

export interface VmOptions {
  /** Where `erlang:display/1` output goes (default: console.log, line by line). */
  stdout?: (text: string) => void;
  /** Where crash reports and logger output go (default: console.error, line by line). */
  stderr?: (text: string) => void;
  /** The standard-library bundle: the package's own (true, default), none, or another. */
  otp?: boolean | Source;
  /** Start init, logger and kernel_sup (default: when `otp` is loaded). */
  boot?: boolean;
  /** Milliseconds of Erlang per event-loop turn (default 5). */
  sliceMs?: number;
  /** The .wasm, if not beside the package's JS (a URL, bytes or a WebAssembly.Module). */
  wasm?: string | URL | Bytes | WebAssembly.Module;
}

export interface ProcessRow {
  pid: Pid;
  name?: string;
  status: 'running' | 'runnable' | 'waiting' | 'exiting';
  reductions: number;
  /** Bytes, as process_info(P, memory). */
  memory: number;
  /** Messages waiting in the mailbox. */
  messages: number;
  /** "M:F/A" of the function it is in. */
  current: string;
}

export declare class Vm {
  /** Creates a VM: loads the wasm (once per page), the standard library, and boots. */
  static create(options?: VmOptions): Promise<Vm>;
  /** Milliseconds of Erlang per event-loop turn. */
  sliceMs: number;
  /** The exit status after erlang:halt/0,1. */
  readonly status: number | undefined;
  readonly stopped: boolean;
  /** Loads code; resolves to the module names. A bundle's modules load on first use. */
  load(source: Source): Promise<string[]>;
  /** Makes `module` loadable on first use. */
  provide(module: string, beam: Bytes): void;
  /** Spawns `module:fn(...args)`. */
  spawn(module: string, fn: string, args?: Term[]): Pid;
  /** Sends to a pid, a registered name or an alias; wakes the VM at once. */
  send(dest: Pid | Atom | Ref | string, msg: Term): void;
  /** Runs `module:fn(...args)` in a fresh process. */
  call(module: string, fn: string, args?: Term[]): Promise<Term>;
  /**
   * `f(from, msg)` for each message Erlang sends to `js`; returns an unsubscribe. `from` is the
   * sender, undefined for a timer's message (`erlang:send_after(T, js, Msg)`).
   */
  onMessage(f: (from: Pid | undefined, msg: Term) => void): () => void;
  /** Makes `f` callable from Erlang as `lantern_js:call(Name, Args)` (a Promise is awaited). */
  register(name: string, f: (...args: Term[]) => Term | Promise<Term>): void;
  /** Sends an exit signal (default reason `kill`); false if no such process lived. */
  kill(pid: Pid, reason?: Term): boolean;
  /** The live processes. */
  processes(): ProcessRow[];
  /** JS values Erlang holds as handles (each released when Erlang's last copy is collected). */
  handleCount(): number;
  /** Resolves with the status when Erlang calls erlang:halt/0,1. */
  halted(): Promise<number>;
  /** Stops the VM for good; pending calls reject. */
  stop(): void;
}
