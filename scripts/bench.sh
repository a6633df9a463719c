#!/usr/bin/env bash
# Benchmark runner: each b_NAME.erl of the shared benchmark set runs N times on
# erl and on Lantern; prints a markdown table of median in-VM seconds, the
# ratio Lantern/erl, and whether the checksums agree.
#
#   scripts/bench.sh [-n N] [--quick] [--erl-only] [NAME...]
#
#   -n N        runs per VM and benchmark (default 5)
#   --quick     compile with -DREPS=1 (a smoke run, seconds instead of minutes)
#   --erl-only  time only erl (checks the set and the wrapper without Lantern)
#   NAME        benchmarks to run, e.g. fib or b_fib (default: the sequential set and the
#               process set: ring, spawn, selrecv, refcall; memory: scripts/procmem.sh)
#
# Environment: LANTERN (default target/release/lantern), LANTERN_ARGS (extra
# options for `lantern run`), LANTERN_BENCH_DIR (default ../shared/bench,
# relative to the repository root).
#
# Only run/0 is used (the work alone, no processes): a generated wrapper module
# bw_NAME times it with erlang:monotonic_time/1 inside the VM and prints
# {Checksum, Microseconds} with erlang:display/1, so start-up is excluded on
# both VMs and the same .beam files run on both.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

runs=5
quick=0
erl_only=0
names=()
while (($#)); do
    case $1 in
        -n) runs=${2:?-n needs a number}; shift 2 ;;
        --quick) quick=1; shift ;;
        --erl-only) erl_only=1; shift ;;
        -h|--help) sed -n '2,21p' "${BASH_SOURCE[0]}"; exit 0 ;;
        -*) echo "bench.sh: unknown option $1" >&2; exit 2 ;;
        *) names+=("${1#b_}"); shift ;;
    esac
done
((${#names[@]})) || names=(fib nrev tak ack map map1k bin binapp mandel bignum sort msort ring spawn selrecv refcall)

bench_dir=${LANTERN_BENCH_DIR:-../shared/bench}
[[ $bench_dir == /* ]] || bench_dir=$root/$bench_dir
[[ -d $bench_dir ]] || { echo "bench.sh: no benchmark directory $bench_dir" >&2; exit 2; }

LANTERN=${LANTERN:-target/release/lantern}
[[ $LANTERN == /* ]] || LANTERN=$root/$LANTERN
if ((!erl_only)) && [[ ! -x $LANTERN ]]; then
    echo "bench.sh: no Lantern binary at $LANTERN (build it, set LANTERN, or use --erl-only)" >&2
    exit 2
fi
lantern_args=()
read -r -a lantern_args <<<"${LANTERN_ARGS:-}"

# shellcheck source=bench-lib.sh
source "$root/scripts/bench-lib.sh"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
ebin=$work/ebin
mkdir -p "$ebin"

defs=()
((quick)) && defs+=(-DREPS=1)

# Compile the benchmarks and their wrappers.
for n in "${names[@]}"; do
    src=$bench_dir/b_$n.erl
    [[ -f $src ]] || { echo "bench.sh: no $src" >&2; exit 2; }
    bench_wrapper "$n" "$work"
    erlc "${defs[@]}" -o "$ebin" "$src" "$work/bw_$n.erl"
done

# One run: prints "CHECKSUM MICROSECONDS", or "error" when the VM failed.
run_erl() {
    erl -noshell -pa "$ebin" -eval "bw_$1:main(), halt()." 2>/dev/null | parse
}
run_lantern() {
    timeout 600 "$LANTERN" run -pa "$ebin" "${lantern_args[@]}" "bw_$1" main 2>/dev/null | parse
}
echo "| benchmark | erl median s | lantern median s | ratio | checksum ok |"
echo "|---|---|---|---|---|"
status=0
for n in "${names[@]}"; do
    erl_times=() lan_times=() erl_sums=() lan_sums=()
    for ((i = 0; i < runs; i++)); do
        read -r sum us <<<"$(run_erl "$n")" || true
        if [[ $sum != error ]]; then erl_times+=("$us"); erl_sums+=("$sum"); fi
        if ((!erl_only)); then
            read -r sum us <<<"$(run_lantern "$n" || echo error)" || true
            if [[ $sum != error ]]; then lan_times+=("$us"); lan_sums+=("$sum"); fi
        fi
    done
    em=$(printf '%s\n' "${erl_times[@]}" | grep . | median_s)
    if ((erl_only)); then
        lm=-; ratio=-
        ok=$( ((${#erl_sums[@]} == runs)) && [[ $(printf '%s\n' "${erl_sums[@]}" | sort -u | wc -l) == 1 ]] &&
              echo "erl only" || echo "erl failed")
    else
        lm=$(printf '%s\n' "${lan_times[@]}" | grep . | median_s)
        ratio=$(awk -v l="$lm" -v e="$em" 'BEGIN { if (l == "n/a" || e == "n/a" || e == 0) print "n/a";
                                                   else printf "%.2f\n", l / e }')
        if ((${#lan_sums[@]} == runs)) && ((${#erl_sums[@]} == runs)) &&
           [[ $(printf '%s\n' "${erl_sums[@]}" "${lan_sums[@]}" | sort -u | wc -l) == 1 ]]; then
            ok=yes
        else
            ok=NO; status=1
        fi
    fi
    echo "| b_$n | $em | $lm | $ratio | $ok |"
done
exit "$status"
