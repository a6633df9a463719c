// Erlang terms as JS values: one table, both ways (the README and lantern.d.ts state it).
//
//   integer        number (|n| < 2^53) or BigInt; a BigInt always becomes an integer
//   float          number with a fraction (an integral number becomes an integer)
//   true / false   boolean
//   undefined      undefined (JS null becomes undefined too); nil is just the atom nil
//   other atoms    Atom (atom('ok') === atom('ok'))
//   binary         Uint8Array; a JS string becomes its UTF-8 binary (text() decodes)
//   bitstring      Bits { bytes, bitLength }
//   proper list    Array (a charlist is an array of code points: charlist('abc'))
//   improper list  Improper { items, tail }
//   tuple          Tuple
//   map            Map
//   pid            Pid        (can be sent to)
//   reference      Ref        (goes back as the same reference; aliases can be sent to)
//   fun, port      Opaque     (cannot go back)
//
// The classes carry the marker properties ($atom, $tuple, $pid, ...) the wasm side reads, so
// plain objects such as { $atom: 'ok' } work too.

const atoms = new Map();

/** An Erlang atom. Interned: atom('ok') === atom('ok'). */
export class Atom {
  constructor(name) {
    this.$atom = String(name);
  }
  get name() {
    return this.$atom;
  }
  toString() {
    return this.$atom;
  }
}

/** The atom called `name` (the same object every time). */
export function atom(name) {
  name = String(name);
  let a = atoms.get(name);
  if (!a) {
    a = new Atom(name);
    atoms.set(name, a);
  }
  return a;
}

/** An Erlang tuple; `items` is an array of terms. */
export class Tuple {
  constructor(items) {
    this.$tuple = items;
  }
  get items() {
    return this.$tuple;
  }
  get length() {
    return this.$tuple.length;
  }
  /** The element at 0-based `i` (negative counts from the end). */
  at(i) {
    return this.$tuple.at(i);
  }
  [Symbol.iterator]() {
    return this.$tuple[Symbol.iterator]();
  }
}

/** tuple(a, b, c) is the Erlang {A, B, C}. */
export function tuple(...items) {
  return new Tuple(items);
}

/** A process identifier, printed as Erlang prints it ("<0.42.0>"). */
export class Pid {
  constructor(text) {
    this.$pid = text;
  }
  equals(other) {
    return other instanceof Pid && other.$pid === this.$pid;
  }
  toString() {
    return this.$pid;
  }
}

/** A reference ("#Ref<0.1.2.3>"); an alias is one too, and can be sent to. */
export class Ref {
  constructor(text) {
    this.$ref = text;
  }
  equals(other) {
    return other instanceof Ref && other.$ref === this.$ref;
  }
  toString() {
    return this.$ref;
  }
}

/** A fun or port: shown as Erlang prints it; it cannot be turned back into a term. */
export class Opaque {
  constructor(kind, text) {
    this.$opaque = kind;
    this.kind = kind;
    this.text = text;
  }
  toString() {
    return this.text;
  }
}

/** A bitstring whose length is not a whole number of bytes. */
export class Bits {
  constructor(bytes, bitLength) {
    this.$bits = bytes;
    this.bitLength = bitLength;
  }
  get bytes() {
    return this.$bits;
  }
}

/** An improper list [A, B | Tail]. */
export class Improper {
  constructor(items, tail) {
    this.$improper = items;
    this.tail = tail;
  }
  get items() {
    return this.$improper;
  }
}

/** What `vm.call` rejects with when the Erlang function raised (or its process was killed). */
export class ErlangError extends Error {
  constructor(klass, reason, stacktrace, text) {
    super(`${klass}: ${text}`);
    this.name = 'ErlangError';
    /** 'error', 'exit' or 'throw'. */
    this.class = klass;
    this.reason = reason;
    /** [{ module, function, arity, file, line }] from Erlang's stack trace. */
    this.stacktrace = stacktrace;
  }
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** The UTF-8 binary of a string (what a JS string becomes anyway). */
export function utf8(s) {
  return encoder.encode(s);
}

/** The string a UTF-8 binary (Uint8Array) holds. */
export function text(bin) {
  return decoder.decode(bin);
}

/** The charlist of a string: an array of code points ('abc' in Erlang, not <<"abc">>). */
export function charlist(s) {
  return Array.from(s, (c) => c.codePointAt(0));
}

/** The functions the wasm side builds terms with. */
export const factories = {
  atom,
  tuple: (items) => new Tuple(items),
  pid: (t) => new Pid(t),
  ref: (t) => new Ref(t),
  opaque: (kind, t) => new Opaque(kind, t),
  bits: (bytes, n) => new Bits(bytes, n),
  improper: (items, tail) => new Improper(items, tail),
};

/** Erlang stack-trace entries {M, F, Arity, [{file, F}, {line, L}]} as plain objects. */
export function frames(stacktrace) {
  if (!Array.isArray(stacktrace)) return [];
  return stacktrace.map((entry) => {
    const [m, f, a, loc] = entry instanceof Tuple ? entry.items : [];
    const frame = { module: String(m), function: String(f), arity: Array.isArray(a) ? a.length : a };
    for (const kv of Array.isArray(loc) ? loc : []) {
      if (kv instanceof Tuple && kv.length === 2) {
        const key = String(kv.at(0));
        const v = kv.at(1);
        if (key === 'file') frame.file = Array.isArray(v) ? String.fromCodePoint(...v) : String(v);
        if (key === 'line') frame.line = v;
      }
    }
    return frame;
  });
}
