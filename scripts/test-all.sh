#!/usr/bin/env bash
# The project's whole test command (what CI runs after installing the tools):
# formatting, lints, the no_std and wasm builds, the Rust tests, then the
# differential Erlang suite on the release binary, again on a gc-stress build
# (a collection at every safe point), and on the wasm build in Node.
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

section "lantern CLI with gc-stress (release)"
cargo build --release -p lantern-cli --features gc-stress --target-dir target/gc-stress

section "differential tests under gc-stress"
LANTERN=target/gc-stress/release/lantern LANTERN_GC_STRESS=1 tests/run.sh -j "$JOBS" --timeout 60

section "the wasm build in Node: every differential test not marked pending"
cargo build -p lantern-wasm --target wasm32-unknown-unknown --profile release-wasm
wasm-bindgen --target nodejs --out-dir target/wasm-node \
    target/wasm32-unknown-unknown/release-wasm/lantern_wasm.wasm
mapfile -t wasm_tests < <(
    for f in tests/erl/t_*.erl; do grep -q '^%% pending' "$f" || basename "$f" .erl; done
)
exebin=/usr/lib/elixir/lib/elixir/ebin
[[ -d $exebin ]] || exebin=-
node wasm-bindings/tests/node-run.mjs "$PWD/target/wasm-node" "$PWD/tests/out/ebin" \
    "$PWD/tests/out/expected" "$(erl -noshell -eval 'io:put_chars(code:root_dir()), halt().')" \
    "$exebin" "${wasm_tests[@]}"

section "the wasm bindings' API in Node (messages both ways, timers, a runaway loop)"
node wasm-bindings/tests/node-api.mjs "$PWD/target/wasm-node" \
    "$(erl -noshell -eval 'io:put_chars(code:root_dir()), halt().')"

section "all passed"
