// lantern-beam for Node: the wasm and the standard-library bundle are read from the package's
// files; load() takes file paths as well as URLs.
import { readFile } from 'node:fs/promises';
import { inflateSync } from 'node:zlib';
import init, { Vm as RawVm } from '../pkg/lantern_wasm.js';
import { useBackend } from './vm.js';

let ready = null;

const isHttp = (s) => /^https?:/i.test(String(s));

useBackend({
  init(wasm) {
    ready ??= (async () => {
      const bytes = wasm ?? (await readFile(new URL('../pkg/lantern_wasm_bg.wasm', import.meta.url)));
      await init({ module_or_path: bytes });
      return RawVm;
    })().catch((e) => {
      ready = null; // let a later create() try again
      throw e;
    });
    return ready;
  },
  otpBundle: new URL('../pkg/otp.lpk', import.meta.url),
  /** Inflates a zlib stream with Node's zlib (faster here than DecompressionStream). */
  inflate(z) {
    const b = inflateSync(z);
    return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  },
  async readBytes(source) {
    if (isHttp(source)) {
      const r = await fetch(source);
      if (!r.ok) throw new Error(`lantern-beam: ${source}: HTTP ${r.status}`);
      return new Uint8Array(await r.arrayBuffer());
    }
    return new Uint8Array(await readFile(source));
  },
});

export { Atom, atom, Tuple, tuple, Pid, Ref, Opaque, Bits, Improper, ErlangError, utf8, text, charlist } from './terms.js';
export { Vm } from './vm.js';
