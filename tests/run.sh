#!/usr/bin/env bash
# Differential test runner: every tests/erl/t_*.erl runs on the real `erl` and on
# Lantern; stdout must match byte for byte and the exit status must agree.
#
#   tests/run.sh [-j N] [--erl-only] [--timeout S] [FILTER...]
#
#   -j N         run N tests at a time (default 2)
#   --erl-only   only compile and (re)compute the expected outputs on erl; a test
#                passes when erl runs it as intended (no crash unless marked)
#   --timeout S  per-test limit for Lantern (default 20 s)
#   FILTER       run only the tests whose name contains one of these strings
#
# Environment:
#   LANTERN            the binary (default target/release/lantern, else target/debug/lantern)
#   LANTERN_ARGS       extra options for `lantern run`, e.g. "--otp-root /usr/lib/erlang"
#   LANTERN_GC_STRESS  passed through untouched; the VM reads it
#   ERL, ERLC          the reference tools (default: erl, erlc on PATH)
#
# Files: modules t_*.erl are tests (each exports main/0); h_*.erl are helper
# modules they call (compiled, never run); test.hrl is shared by all. A test
# meant to die with an uncaught exception carries the line `%% expect: crash`;
# for it erl's final "init terminating in do_boot" line (VM-specific) is left
# out of the comparison and only a non-zero exit status is required.
#
# Build products live in tests/out/: ebin/ (beams, recompiled when stale),
# expected/ (erl's output, recomputed only when the hash of the sources or the
# OTP release changes), actual/ (Lantern's output of the last run).
set -u
set -o pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
src="$here/erl"
exsrc="$here/ex"
out="$here/out"
ebin="$out/ebin"
expdir="$out/expected"
actdir="$out/actual"
resdir="$out/results"

ERL=${ERL:-erl}
ERLC=${ERLC:-erlc}
ELIXIRC=${ELIXIRC:-elixirc}
# The Elixir standard library, on the code path of both VMs (tests in tests/ex/*.ex are driven by
# an Erlang test module, e.g. t_elixir_basics.erl).
EXEBIN=${EXEBIN:-}
if [[ -z $EXEBIN ]]; then
    for d in /usr/lib/elixir/lib/elixir/ebin /usr/local/lib/elixir/lib/elixir/ebin; do
        [[ -d $d ]] && EXEBIN=$d && break
    done
fi
expa=()
[[ -n $EXEBIN ]] && expa=(-pz "$EXEBIN")

# --- one test (runs in a worker; see the bottom of the file) ---------------

# Leaves out erl's own crash line and everything after it.
strip_crash() {
    sed '/^{"init terminating in do_boot"/,$d'
}

# Makes sure expected/NAME.out is erl's current output; prints nothing.
ensure_expected() {
    local name=$1 key
    key=$(cat "$src/$name.erl" "$out/common.key" | sha256sum | cut -d' ' -f1)
    if [[ -f $expdir/$name.key && $(cat "$expdir/$name.key") == "$key" ]]; then
        return 0
    fi
    local raw="$expdir/$name.raw" status=0
    (cd "$out" && ERL_CRASH_DUMP_SECONDS=0 timeout 60 "$ERL" -noshell -pa "$ebin" "${expa[@]}" \
        -eval "$name:main(), halt()." >"$raw" 2>"$expdir/$name.err") || status=$?
    strip_crash <"$raw" >"$expdir/$name.out"
    echo "$status" >"$expdir/$name.status"
    echo "$key" >"$expdir/$name.key"
}

# Writes results/NAME.{ok,fail} (the report) and prints it under a lock.
run_one() {
    local name=$1
    local report="$resdir/$name.report" verdict=PASS
    : >"$report"
    if [[ ! -f $ebin/$name.beam ]]; then
        verdict=FAIL
        echo "  erlc failed (see tests/out/erlc.log)" >>"$report"
    else
        ensure_expected "$name"
        local estatus crash=0
        estatus=$(cat "$expdir/$name.status")
        grep -q '^%% expect: crash' "$src/$name.erl" && crash=1
        if [[ $crash == 0 && $estatus != 0 ]]; then
            verdict=FAIL
            { echo "  erl itself exited with status $estatus (a broken test):"
              sed 's/^/  | /' "$expdir/$name.err" | head -20
              tail -n 5 "$expdir/$name.raw" | sed 's/^/  | /'; } >>"$report"
        elif [[ $crash == 1 && $estatus == 0 ]]; then
            verdict=FAIL
            echo "  marked '%% expect: crash' but erl exited normally" >>"$report"
        elif [[ $erl_only == 0 ]]; then
            local lstatus=0
            (cd "$out" && timeout "$timeout_s" "$LANTERN" run -pa "$ebin" "${expa[@]}" "${lantern_args[@]}" \
                "$name" main >"$actdir/$name.out" 2>"$actdir/$name.err") || lstatus=$?
            echo "$lstatus" >"$actdir/$name.status"
            if [[ $lstatus == 124 ]]; then
                verdict=FAIL
                echo "  timed out after ${timeout_s}s" >>"$report"
            elif [[ $estatus == 0 && $lstatus != 0 || $estatus != 0 && $lstatus == 0 ]]; then
                verdict=FAIL
                echo "  exit status: erl $estatus, lantern $lstatus" >>"$report"
            fi
            if ! cmp -s "$expdir/$name.out" "$actdir/$name.out"; then
                verdict=FAIL
                if diff -q --strip-trailing-cr "$expdir/$name.out" "$actdir/$name.out" >/dev/null; then
                    echo "  only the line endings differ (erlang:display ends lines with \\r\\n)" >>"$report"
                fi
                diff -u --label "erl/$name" --label "lantern/$name" \
                    "$expdir/$name.out" "$actdir/$name.out" | head -200 >>"$report"
            fi
            if [[ $verdict == FAIL && -s $actdir/$name.err ]]; then
                sed 's/^/  stderr| /' "$actdir/$name.err" | head -20 >>"$report"
            fi
        fi
    fi
    # A test marked `%% pending: REASON` covers something Lantern does not do yet (or cannot
    # reproduce); its failure is reported as SKIP with the reason, never hidden.
    local pending
    pending=$(sed -n 's/^%% pending: //p' "$src/$name.erl" | head -1)
    if [[ $verdict == FAIL && -n $pending && $erl_only == 0 ]]; then
        verdict=SKIP
        echo "  pending: $pending" >"$report"
    elif [[ $verdict == PASS && -n $pending && $erl_only == 0 ]]; then
        echo "  passes now: remove its '%% pending:' line" >>"$report"
    fi
    echo "$verdict" >"$resdir/$name.verdict"
    (
        flock 9
        echo "$verdict $name"
        [[ $verdict == PASS && -z $pending ]] || cat "$report"
    ) 9>"$out/.print.lock"
}

# --- main -------------------------------------------------------------------

jobs=2
erl_only=0
timeout_s=20
filters=()
worker=""
while (($#)); do
    case $1 in
        -j) jobs=${2:?-j needs a number}; shift 2 ;;
        -j*) jobs=${1#-j}; shift ;;
        --erl-only) erl_only=1; shift ;;
        --timeout) timeout_s=${2:?--timeout needs seconds}; shift 2 ;;
        --worker) worker=${2:?}; shift 2 ;;    # internal: run one test
        -h|--help) sed -n '2,25p' "${BASH_SOURCE[0]}"; exit 0 ;;
        -*) echo "run.sh: unknown option $1" >&2; exit 2 ;;
        *) filters+=("$1"); shift ;;
    esac
done

LANTERN=${LANTERN:-}
if [[ -z $LANTERN ]]; then
    if [[ -x $root/target/release/lantern ]]; then LANTERN=$root/target/release/lantern
    else LANTERN=$root/target/debug/lantern; fi
fi
[[ $LANTERN == /* ]] || LANTERN=$root/$LANTERN
lantern_args=()
read -r -a lantern_args <<<"${LANTERN_ARGS:-}"

if [[ -n $worker ]]; then
    run_one "$worker"
    exit 0
fi

if [[ $erl_only == 0 && ! -x $LANTERN ]]; then
    echo "run.sh: no Lantern binary at $LANTERN (build it, set LANTERN, or use --erl-only)" >&2
    exit 2
fi
command -v "$ERL" >/dev/null && command -v "$ERLC" >/dev/null || {
    echo "run.sh: erl/erlc not found" >&2; exit 2; }

mkdir -p "$ebin" "$expdir" "$actdir" "$resdir"
rm -f "$resdir"/*

# Compile what is stale, in one erlc call (compiled from inside tests/erl so
# the file name in stack traces is just "t_x.erl").
shopt -s nullglob
stale=()
for f in "$src"/*.erl; do
    m=$(basename "$f" .erl)
    b="$ebin/$m.beam"
    if [[ ! -f $b || $f -nt $b || $src/test.hrl -nt $b ]]; then stale+=("$m.erl"); fi
done
if ((${#stale[@]})); then
    echo "compiling ${#stale[@]} module(s)"
    if ! (cd "$src" && "$ERLC" -o "$ebin" "${stale[@]}") >"$out/erlc.log" 2>&1; then
        # erlc stops at the first broken file: compile the rest one by one.
        for f in "${stale[@]}"; do
            (cd "$src" && "$ERLC" -o "$ebin" "$f") >>"$out/erlc.log" 2>&1 ||
                rm -f "$ebin/${f%.erl}.beam"
        done
        echo "erlc reported errors (full log: tests/out/erlc.log):" >&2
        grep -v -e '^%' -e '^$' "$out/erlc.log" | grep -v ': Warning:' | sort -u | head -40 >&2
    fi
fi

# Elixir modules used by the tests, compiled by the real elixirc when any changed.
ex_files=("$exsrc"/*.ex)
if ((${#ex_files[@]})); then
    stamp="$out/ex.stamp"
    newer=0
    for f in "${ex_files[@]}"; do [[ ! -f $stamp || $f -nt $stamp ]] && newer=1; done
    if ((newer)); then
        echo "compiling ${#ex_files[@]} Elixir file(s)"
        if "$ELIXIRC" -o "$ebin" "${ex_files[@]}" >"$out/elixirc.log" 2>&1; then
            touch "$stamp"
        else
            echo "elixirc reported errors (full log: tests/out/elixirc.log)" >&2
            head -20 "$out/elixirc.log" >&2
        fi
    fi
fi

# What every expected output depends on besides its own source.
{
    "$ERL" -noshell -eval 'erlang:display(erlang:system_info(otp_release)), halt().'
    cat "$src/test.hrl" "$src"/h_*.erl "${ex_files[@]}"
} | sha256sum >"$out/common.key"

names=()
for f in "$src"/t_*.erl; do
    m=$(basename "$f" .erl)
    if ((${#filters[@]})); then
        keep=0
        for flt in "${filters[@]}"; do [[ $m == *"$flt"* ]] && keep=1; done
        ((keep)) || continue
    fi
    names+=("$m")
done
if ((${#names[@]} == 0)); then
    echo "run.sh: no test matches" >&2
    echo "0 passed, 0 failed"
    exit 1
fi

export ERL ERLC LANTERN LANTERN_ARGS="${LANTERN_ARGS:-}" EXEBIN
extra=()
((erl_only)) && extra+=(--erl-only)
printf '%s\n' "${names[@]}" |
    xargs -P "$jobs" -I{} "${BASH_SOURCE[0]}" --timeout "$timeout_s" "${extra[@]}" --worker {}

passed=0
failed=0
skipped=0
for m in "${names[@]}"; do
    v=$(cat "$resdir/$m.verdict" 2>/dev/null || echo FAIL)
    case $v in
        PASS) passed=$((passed + 1)) ;;
        SKIP) skipped=$((skipped + 1)) ;;
        *) failed=$((failed + 1)) ;;
    esac
done
echo "$passed passed, $failed failed, $skipped skipped"
((failed == 0))
