#!/usr/bin/env bash
# The project's whole test command (what CI runs after installing the tools):
# formatting, lints, the no_std and wasm builds, the Rust tests, then the
# differential Erlang suite on the release binary and again on a gc-stress
# build (a collection at every safe point).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

JOBS=${JOBS:-2}
start=$(date +%s)
section() { printf '\n==== [%ss] %s ====\n' "$(($(date +%s) - start))" "$*"; }

section "tools (erlang, elixir, wasm32 targets)"
scripts/ensure-tools.sh
erl -noshell -eval 'erlang:display({otp, erlang:system_info(otp_release)}), halt().'
cargo --version

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

section "all passed"
