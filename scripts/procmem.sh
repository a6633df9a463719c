#!/usr/bin/env bash
# Memory per idle process: peak RSS of b_procmem (N idle processes alive at once) minus peak
# RSS of b_nop, divided by N, on erl and on Lantern (with the default 233-word heaps, and with
# +hms 38, the heap size meant for wasm-sized embeddings). Then spawns 1 000 000 processes
# alive at once on Lantern.
#
#   scripts/procmem.sh [-N PROCESSES] [--no-million]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
n=100000
million=1
while (($#)); do
    case $1 in
        -N) n=${2:?}; shift 2 ;;
        --no-million) million=0; shift ;;
        *) echo "procmem.sh: unknown option $1" >&2; exit 2 ;;
    esac
done
bench_dir=${LANTERN_BENCH_DIR:-../shared/bench}
[[ $bench_dir == /* ]] || bench_dir=$root/$bench_dir
LANTERN=${LANTERN:-$root/target/release/lantern}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
erlc -DN="$n" -o "$work" "$bench_dir/b_procmem.erl" "$bench_dir/b_nop.erl"

# Peak RSS in KB of a command.
rss() {
    /usr/bin/time -f '%M' -o "$work/rss" "$@" >/dev/null 2>&1 || true
    tail -1 "$work/rss"
}
# Bytes per process for a shell command with M in place of the module.
per_process() {
    local base peak
    base=$(rss bash -c "${1//M/b_nop}")
    peak=$(rss bash -c "${1//M/b_procmem}")
    awk -v b="$base" -v p="$peak" -v n="$n" 'BEGIN { printf "%.0f", (p - b) * 1024 / n }'
}
erl_cmd="erl +P 2000000 -noshell -pa $work -eval 'M:start(), halt().'"
lan_cmd="$LANTERN run -pa $work M start"
lan_small="$LANTERN run +hms 38 -pa $work M start"

echo "| VM | bytes per idle process ($n alive) |"
echo "|---|---|"
echo "| erl (OTP $(erl -noshell -eval 'io:put_chars(erlang:system_info(otp_release)), halt().')) | $(per_process "$erl_cmd") |"
echo "| lantern (233-word heaps, as erl) | $(per_process "$lan_cmd") |"
echo "| lantern +hms 38 | $(per_process "$lan_small") |"
if ((million)); then
    erlc -DN=1000000 -o "$work" "$bench_dir/b_procmem.erl"
    out=$("$LANTERN" run +hms 38 -pa "$work" b_procmem start 2>/dev/null) || true
    echo
    echo "1 000 000 processes alive at once (lantern +hms 38): $out"
fi
