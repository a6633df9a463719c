#!/usr/bin/env bash
# A stand-in for the `lantern` binary built on the real erl, with the same
# command line: `erl-as-lantern.sh run [-pa DIR]... [--otp-root DIR] MODULE FUNCTION`.
# It exists to check the test and benchmark harnesses themselves:
#   LANTERN=scripts/erl-as-lantern.sh tests/run.sh      # every test must pass
set -euo pipefail
[[ ${1:-} == run ]] || { echo "usage: $0 run [-pa DIR]... [--otp-root DIR] MODULE FUNCTION" >&2; exit 2; }
shift
pa=()
while (($#)); do
    case $1 in
        -pa) pa+=(-pa "$2"); shift 2 ;;
        --otp-root) shift 2 ;;
        *) break ;;
    esac
done
(($# == 2)) || { echo "$0: need MODULE FUNCTION" >&2; exit 2; }
out=$(mktemp)
trap 'rm -f "$out"' EXIT
status=0
ERL_CRASH_DUMP_SECONDS=0 erl -noshell "${pa[@]}" -eval "$1:$2(), halt()." >"$out" || status=$?
# Like Lantern: the crash report goes to stderr, not stdout.
sed '/^{"init terminating in do_boot"/,$d' "$out"
sed -n '/^{"init terminating in do_boot"/,$p' "$out" >&2
exit "$status"
