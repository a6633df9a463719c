#!/usr/bin/env bash
# Installs what Lantern's build and tests need, when it is missing (idempotent; needs root for
# apt on a fresh Debian 12 machine): Erlang/OTP 25 and Elixir (the oracle and the compiler of the
# test programs), the wasm32 Rust targets, Node, Chromium + ChromeDriver (the browser tests),
# wasm-bindgen-cli, and the npm dev tools of package-lock.json (binaryen's wasm-opt, esbuild,
# playwright-core).
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

if ! command -v erlc >/dev/null 2>&1 || ! command -v elixirc >/dev/null 2>&1; then
    echo "ensure-tools: installing erlang and elixir (apt)"
    apt-get update -qq
    apt-get install -y -qq erlang-base erlang-dev erlang-tools elixir >/dev/null
fi

installed=$(rustup target list --installed 2>/dev/null || true)
for t in wasm32-unknown-unknown wasm32v1-none; do
    if ! grep -qx "$t" <<<"$installed"; then
        echo "ensure-tools: rustup target add $t"
        rustup target add "$t"
    fi
done

# Node runs the wasm build's tests.
if ! command -v node >/dev/null 2>&1; then
    echo "ensure-tools: installing nodejs (apt)"
    apt-get update -qq
    apt-get install -y -qq nodejs >/dev/null
fi

# Headless Chromium runs the wasm-bindgen-test suite and the web page's Playwright test.
if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
    echo "ensure-tools: installing chromium and chromium-driver (apt)"
    apt-get update -qq
    apt-get install -y -qq chromium chromium-driver >/dev/null
fi

# wasm-bindgen-cli must be the version of the wasm-bindgen crate in Cargo.lock (a source build:
# about 4 minutes; no binary download is reachable from CI). `--no-default-features` drops TLS,
# which the test runner does not need (it talks to chromedriver over plain http).
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
wbg=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print }' "$root/Cargo.lock")
PATH="$HOME/.cargo/bin:$PATH"
if [[ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $wbg" ]]; then
    echo "ensure-tools: cargo install wasm-bindgen-cli $wbg"
    cargo install wasm-bindgen-cli --version "$wbg" --no-default-features
fi

# npm dev tools, pinned by package-lock.json.
if [[ ! -x $root/node_modules/.bin/wasm-opt || ! -x $root/node_modules/.bin/esbuild ||
      ! -d $root/node_modules/playwright-core || $root/package-lock.json -nt $root/node_modules/.package-lock.json ]]; then
    echo "ensure-tools: npm ci"
    (cd "$root" && npm ci --no-audit --no-fund)
fi
