#!/usr/bin/env bash
# Compiles the Erlang modules the VM embeds into the .beam files committed beside them:
# vm-core/boot/lantern_boot.erl (the system processes) and wasm-bindings/erl/lantern_js.erl
# (Erlang's side of the page).
#   scripts/build-boot.sh          rebuild them
#   scripts/build-boot.sh --check  fail when a committed .beam is not what its source compiles to
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0
for src in vm-core/boot/lantern_boot.erl wasm-bindings/erl/lantern_js.erl; do
    dir=$(dirname "$root/$src")
    name=$(basename "$src" .erl)
    erlc +deterministic -o "$tmp" "$root/$src"
    if [[ ${1:-} == --check ]]; then
        cmp -s "$tmp/$name.beam" "$dir/$name.beam" || {
            echo "${src%.erl}.beam is stale: run scripts/build-boot.sh" >&2
            status=1
        }
    else
        cp "$tmp/$name.beam" "$dir/$name.beam"
    fi
done
exit $status
