#!/usr/bin/env bash
# The benchmarks on the wasm build in Node against the native build: each b_NAME.erl of the
# shared set runs N times on `lantern` and in Node (npm package, pkg/ from scripts/build-npm.sh);
# prints a markdown table of median in-VM seconds and the ratio wasm ÷ native.
#   scripts/bench-wasm.sh [-n N] [--quick] [NAME...]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
runs=5 quick=0 names=()
while (($#)); do
    case $1 in
        -n) runs=${2:?}; shift 2 ;;
        --quick) quick=1; shift ;;
        *) names+=("${1#b_}"); shift ;;
    esac
done
((${#names[@]})) || names=(fib nrev tak ack map map1k bin binapp mandel bignum sort msort ring spawn selrecv refcall)
bench_dir=${LANTERN_BENCH_DIR:-$root/../shared/bench}
LANTERN=${LANTERN:-$root/target/release/lantern}
[[ -f pkg/lantern_wasm_bg.wasm ]] || { echo "bench-wasm.sh: build the package first (scripts/build-npm.sh)" >&2; exit 2; }
# shellcheck source=bench-lib.sh
source "$root/scripts/bench-lib.sh"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
defs=()
((quick)) && defs+=(-DREPS=1)
for n in "${names[@]}"; do
    bench_wrapper "$n" "$work"
    erlc "${defs[@]}" -o "$work" "$bench_dir/b_$n.erl" "$work/bw_$n.erl"
done
echo "| benchmark | native median s | wasm (Node) median s | wasm ÷ native | checksums agree |"
echo "|---|---|---|---|---|"
for n in "${names[@]}"; do
    nat=() was=() sums=()
    for ((i = 0; i < runs; i++)); do
        read -r s us <<<"$("$LANTERN" run -pa "$work" "bw_$n" main 2>/dev/null | parse)" || true
        [[ -n ${us:-} ]] && nat+=("$us") && sums+=("$s")
        read -r s us <<<"$(node scripts/bench-wasm.mjs "$work" "$n" 2>/dev/null | parse)" || true
        [[ -n ${us:-} ]] && was+=("$us") && sums+=("$s")
    done
    a=$(printf '%s\n' "${nat[@]}" | grep . | median_s)
    b=$(printf '%s\n' "${was[@]}" | grep . | median_s)
    ratio=$(awk -v a="$a" -v b="$b" 'BEGIN { if (a + 0 > 0 && b != "n/a") printf "%.2f", b / a; else print "n/a" }')
    agree=$( (( ${#sums[@]} == 2 * runs )) && [[ $(printf '%s\n' "${sums[@]}" | sort -u | wc -l) == 1 ]] && echo yes || echo NO)
    echo "| $n | $a | $b | $ratio | $agree |"
done
