#!/usr/bin/env bash
# Builds the npm package lantern-beam in place: the wasm engine (cargo + wasm-bindgen
# --target web + wasm-opt from npm binaryen) in pkg/, the standard-library bundle pkg/otp.lpk
# (made by `lantern pack`), and the CommonJS entry dist/node.cjs (esbuild). Needs
# `npm ci` first (binaryen, esbuild) and the tools scripts/ensure-tools.sh installs.
#   scripts/build-npm.sh [--no-opt]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="$HOME/.cargo/bin:$PATH"
opt=1
[[ ${1:-} == --no-opt ]] && opt=0

cargo build -p lantern-wasm --target wasm32-unknown-unknown --profile release-wasm
mkdir -p pkg dist
wasm-bindgen --target web --out-dir pkg --remove-name-section --remove-producers-section \
    target/wasm32-unknown-unknown/release-wasm/lantern_wasm.wasm
if ((opt)); then
    # -O1: smaller (gzipped too) at the same speed; -Os, -Oz and -O3 made the interpreter
    # 25-50% slower in V8 and bigger gzipped (README, "The wasm build").
    node_modules/.bin/wasm-opt -O1 --strip-producers pkg/lantern_wasm_bg.wasm -o pkg/lantern_wasm_bg.wasm
fi

# The standard library a page needs to boot and run ordinary OTP code.
cargo build --release -p lantern-cli
target/release/lantern pack --boot --no-deps -o pkg/otp.lpk $(cat js/otp-modules.txt | grep -v '^#')

node_modules/.bin/esbuild js/node.js --bundle --platform=node --format=cjs --log-level=warning \
    --define:import.meta.url=__lantern_url \
    --banner:js="const __lantern_url = require('url').pathToFileURL(__filename).href;" \
    --outfile=dist/node.cjs

wasm=pkg/lantern_wasm_bg.wasm
gz=$(gzip -9c $wasm | wc -c)
printf 'wasm: %s bytes raw, %s gzip; otp.lpk: %s bytes\n' "$(stat -c %s $wasm)" "$gz" \
    "$(stat -c %s pkg/otp.lpk)"
((gz <= 400000)) || echo "build-npm.sh: warning: the wasm is over its 400 KB gzip budget ($gz bytes; README, \"The wasm build\")" >&2
