// Runs one benchmark wrapper (bw_NAME:main/0, which prints {Checksum, Microseconds} with
// erlang:display/1) on the wasm build in Node through the npm package; prints that line.
//   node scripts/bench-wasm.mjs EBIN NAME
import { Vm } from '../js/node.js';

const [ebin, name] = process.argv.slice(2);
let out = '';
const vm = await Vm.create({ stdout: (s) => { out += s; }, stderr: () => {} });
await vm.load([`${ebin}/b_${name}.beam`, `${ebin}/bw_${name}.beam`]);
await vm.call(`bw_${name}`, 'main', []);
vm.stop();
process.stdout.write(out);
