#!/usr/bin/env bash
# The project's whole test command (what CI runs after installing the tools):
# formatting, lints, the no_std and wasm builds, the Rust tests, then the
# differential Erlang suite on the release binary, from bundles, again on a gc-stress build
# (a collection at every safe point), and on the wasm build in Node; the wasm-bindgen-test
# suite in Node and headless Chromium; the npm package (API, tarball install) and the web page
# (Playwright).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

JOBS=${JOBS:-2}
start=$(date +%s)
section() { printf '\n==== [%ss] %s ====\n' "$(($(date +%s) - start))" "$*"; }

section "tools (erlang, elixir, wasm32 targets, node, wasm-bindgen)"
scripts/ensure-tools.sh
export PATH="$HOME/.cargo/bin:$PATH"
erl -noshell -eval 'erlang:display({otp, erlang:system_info(otp_release)}), halt().'
cargo --version

section "the embedded boot module is what its source compiles to"
scripts/build-boot.sh --check

section "cargo fmt --check"
cargo fmt --all -- --check

section "cargo clippy"
cargo clippy --workspace --all-targets -- -D warnings

section "lantern-core without std (wasm32v1-none)"
cargo build -p lantern-core --no-default-features --target wasm32v1-none

section "lantern-wasm (wasm32-unknown-unknown)"
cargo build -p lantern-wasm --target wasm32-unknown-unknown

section "cargo test (release)"
cargo test --workspace --release

section "lantern CLI (release)"
cargo build --release -p lantern-cli

section "differential tests: erl vs target/release/lantern"
LANTERN=target/release/lantern tests/run.sh -j "$JOBS"

section "bundles: lantern pack --boot, then run --no-otp from the bundle alone"
LANTERN=target/release/lantern tests/pack-test.sh

section "lantern CLI with gc-stress (release)"
cargo build --release -p lantern-cli --features gc-stress --target-dir target/gc-stress

section "differential tests under gc-stress"
LANTERN=target/gc-stress/release/lantern LANTERN_GC_STRESS=1 tests/run.sh -j "$JOBS" --timeout 60

section "wasm-bindgen-test in Node, then in headless Chromium (the same suite)"
mkdir -p target/js-ebin target/wasm-fixtures
erlc -o target/js-ebin web/erl/*.erl tests/js/jstest.erl
target/release/lantern pack --boot --elixir -pa tests/out/ebin -pa target/js-ebin \
    -o target/wasm-fixtures/suite.lpk t_bif_arith t_big_arith t_bin_match t_bif_etf t_bif_misc \
    t_conc_gen_server t_conc_sup_one_for_one t_conc_send_after t_conc_selective \
    t_elixir_basics jstest
cargo test -p lantern-wasm --target wasm32-unknown-unknown --profile release-wasm --test web
WASM_BINDGEN_USE_BROWSER=1 cargo test -p lantern-wasm --target wasm32-unknown-unknown \
    --profile release-wasm --test web

section "the npm package: build (wasm-bindgen --target web, wasm-opt, otp.lpk, CommonJS entry)"
scripts/build-npm.sh

section "the package's wasm in Node: every differential test not marked pending"
mapfile -t wasm_tests < <(
    for f in tests/erl/t_*.erl; do grep -q '^%% pending' "$f" || basename "$f" .erl; done
)
exebin=/usr/lib/elixir/lib/elixir/ebin
[[ -d $exebin ]] || exebin=-
node wasm-bindings/tests/node-run.mjs "$PWD/pkg" "$PWD/tests/out/ebin" \
    "$PWD/tests/out/expected" "$(erl -noshell -eval 'io:put_chars(code:root_dir()), halt().')" \
    "$exebin" "${wasm_tests[@]}"

section "the npm package's API in Node"
node tests/js/package.test.mjs target/js-ebin

section "npm pack, installed into a fresh project, used from import and require"
tests/js/tarball.sh target/js-ebin

section "the web page in headless Chromium (Playwright); screenshot in target/artifacts"
mkdir -p web/ebin target/artifacts
erlc -o web/ebin web/erl/*.erl
port=$((20000 + RANDOM % 20000))
python3 -m http.server "$port" --bind 127.0.0.1 >/dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 50); do node -e "fetch('http://127.0.0.1:$port/web/').then(() => process.exit(0), () => process.exit(1))" && break; sleep 0.1; done
node web/e2e.mjs "http://127.0.0.1:$port/web/" target/artifacts/web-demo.png
kill $server

section "all passed"
