#!/usr/bin/env bash
# Packs the npm package (npm pack), installs the tarball into a fresh project, and uses it
# from both `import` and `require`; prints the tarball's size. Run after scripts/build-npm.sh.
#   tests/js/tarball.sh EBIN_DIR      (EBIN_DIR holds counter.beam, from web/erl)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
ebin=$(cd "$1" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$root"
tgz="$tmp/$(npm pack --silent --pack-destination "$tmp" | tail -1)"
printf 'npm pack: %s (%s bytes)\n' "$(basename "$tgz")" "$(stat -c %s "$tgz")"
mkdir "$tmp/app"
cd "$tmp/app"
echo '{ "name": "app", "version": "1.0.0", "private": true }' > package.json
npm install --no-audit --no-fund --silent "$tgz"

cat > esm.mjs <<JS
import { Vm, atom, tuple } from 'lantern-beam';
const vm = await Vm.create({ stdout: () => {}, stderr: () => {} });
await vm.load('$ebin/counter.beam');
const got = [];
vm.onMessage((from, msg) => got.push(msg.at(1)));
const pid = vm.spawn('counter', 'start', [0]);
vm.send(pid, tuple(atom('add'), 5));
const n = await vm.call('lists', 'sum', [[1, 2, 3]]);
await new Promise((r) => setTimeout(r, 50));
if (n !== 6 || got.join() !== '0,5') throw new Error('esm: ' + n + ' ' + got);
vm.stop();
console.log('import: ok');
JS
cat > cjs.cjs <<JS
const { Vm, atom } = require('lantern-beam');
(async () => {
  const vm = await Vm.create({ stdout: () => {}, stderr: () => {} });
  const r = await vm.call('lists', 'reverse', [[1, 2, atom('x')]]);
  if (r[0] !== atom('x') || r.length !== 3) throw new Error('cjs: ' + r);
  vm.stop();
  console.log('require: ok');
})().catch((e) => { console.error(e); process.exit(1); });
JS
node esm.mjs
node cjs.cjs
# The whole API suite against the installed copy.
node "$root/tests/js/package.test.mjs" "$ebin" "$tmp/app/node_modules/lantern-beam/js/node.js" | tail -1
