#!/usr/bin/env bash
# Compiles vm-core/boot/lantern_boot.erl into the .beam the VM embeds.
#   scripts/build-boot.sh          rebuild it
#   scripts/build-boot.sh --check  fail when the committed .beam is not what the source compiles to
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
dir="$root/vm-core/boot"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
erlc +deterministic -o "$tmp" "$dir/lantern_boot.erl"
if [[ ${1:-} == --check ]]; then
    cmp -s "$tmp/lantern_boot.beam" "$dir/lantern_boot.beam" || {
        echo "vm-core/boot/lantern_boot.beam is stale: run scripts/build-boot.sh" >&2
        exit 1
    }
else
    cp "$tmp/lantern_boot.beam" "$dir/lantern_boot.beam"
fi
