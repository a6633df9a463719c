#!/usr/bin/env bash
# Serves the demo page (web/) at http://127.0.0.1:${PORT:-8765}/web/ : builds the npm package
# (pkg/, the wasm and the standard-library bundle) when missing, compiles web/erl/*.erl into
# web/ebin, then serves the repository root (the page imports ../js and ../pkg).
#   scripts/serve-web.sh [--build]      --build: rebuild the package first
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if [[ ${1:-} == --build || ! -f pkg/lantern_wasm_bg.wasm || ! -f pkg/otp.lpk ]]; then
    [[ -d node_modules ]] || npm ci --no-audit --no-fund
    scripts/build-npm.sh
fi
mkdir -p web/ebin
erlc -o web/ebin web/erl/*.erl
port=${PORT:-8765}
echo "Lantern demo: http://127.0.0.1:$port/web/"
exec python3 -m http.server "$port" --bind 127.0.0.1
