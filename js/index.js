// lantern-beam for browsers and bundlers: the wasm comes from beside this package's files
// (fetch), as does the standard-library bundle.
import init, { Vm as RawVm } from '../pkg/lantern_wasm.js';
import { useBackend } from './vm.js';

let ready = null;

useBackend({
  init(wasm) {
    ready ??= (wasm === undefined ? init() : init({ module_or_path: wasm })).then(
      () => RawVm,
      (e) => {
        ready = null; // let a later create() try again
        throw e;
      },
    );
    return ready;
  },
  otpBundle: new URL('../pkg/otp.lpk', import.meta.url),
  /** Inflates a zlib stream with the browser's DecompressionStream (none: the engine does it). */
  inflate:
    typeof DecompressionStream === 'function'
      ? async (z) => {
          const stream = new Blob([z]).stream().pipeThrough(new DecompressionStream('deflate'));
          return new Uint8Array(await new Response(stream).arrayBuffer());
        }
      : null,
  async readBytes(source) {
    const r = await fetch(source);
    if (!r.ok) throw new Error(`lantern-beam: ${source}: HTTP ${r.status}`);
    return new Uint8Array(await r.arrayBuffer());
  },
});

export { Atom, atom, Tuple, tuple, Pid, Ref, Opaque, Bits, Improper, ErlangError, utf8, text, charlist } from './terms.js';
export { Vm } from './vm.js';
