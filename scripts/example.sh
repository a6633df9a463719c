#!/usr/bin/env bash
# Compiles examples/NAME.erl with the real erlc and runs NAME:main() on Lantern.
#   scripts/example.sh [NAME]        (default: hello)
# Set ERL_TOO=1 to also run it on erl, for comparison.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
scripts/ensure-tools.sh
name=${1:-hello}
ebin=target/examples-ebin
mkdir -p "$ebin"
erlc -o "$ebin" "examples/$name.erl"
cargo run --quiet --release -p lantern-cli -- run -pa "$ebin" "$name" main
if [[ ${ERL_TOO:-0} == 1 ]]; then
    echo "--- the same on erl:"
    erl -noshell -pa "$ebin" -eval "$name:main(), halt()."
fi
