#!/usr/bin/env bash
# Bundles end to end: packs differential test programs with `lantern pack --boot` (the
# program's closure plus what a booting VM loads), runs each with `lantern run --no-otp -pa
# X.lpk` (no OTP installation on the code path: the bundle alone) and compares stdout with
# erl's recorded output byte for byte, and the exit status. Then the same for two lean bundles
# (`--no-deps`, exactly what a run loads), and checks that damaged bundles are refused with a
# clear error, not a panic.
#
#   tests/pack-test.sh [--all] [--timeout S] [NAME...]
#
#   NAME...      test programs (tests/erl/NAME.erl); default: a handful that use OTP
#   --all        every test program not marked `%% pending`
#   --timeout S  per-run limit (default 30 s)
#
# Environment: LANTERN (the binary; default target/release/lantern), ERL/ERLC as for
# tests/run.sh, which this calls with --erl-only to compile and record the expected outputs.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
out="$here/out"
ebin="$out/ebin"
expdir="$out/expected"

all=0
timeout_s=30
names=()
while (($#)); do
    case $1 in
        --all) all=1; shift ;;
        --timeout) timeout_s=${2:?--timeout needs seconds}; shift 2 ;;
        -h|--help) sed -n '2,16p' "${BASH_SOURCE[0]}"; exit 0 ;;
        -*) echo "pack-test.sh: unknown option $1" >&2; exit 2 ;;
        *) names+=("$1"); shift ;;
    esac
done

LANTERN=${LANTERN:-$root/target/release/lantern}
[[ $LANTERN == /* ]] || LANTERN=$root/$LANTERN
[[ -x $LANTERN ]] || { echo "pack-test.sh: no Lantern binary at $LANTERN" >&2; exit 2; }

have_elixir=0
command -v elixirc >/dev/null && have_elixir=1
if ((all)); then
    for f in "$here"/erl/t_*.erl; do
        grep -q '^%% pending' "$f" || names+=("$(basename "$f" .erl)")
    done
elif ((${#names[@]} == 0)); then
    names=(t_conc_gen_server t_conc_sup_one_for_one t_conc_gen_statem t_conc_gen_event
        t_conc_gen_server_crash t_ets_match t_stdlib_lists t_stdlib_maps t_stdlib_string
        t_stdlib_unicode t_exc_crash)
    ((have_elixir)) && names+=(t_elixir_basics)
fi
if ((!have_elixir)); then
    mapfile -t names < <(printf '%s\n' "${names[@]}" | grep -v '^t_elixir')
fi

lean=(t_conc_gen_server_crash t_stdlib_string)

# Compile the programs and record erl's output (only what is stale).
"$here/run.sh" --erl-only "${names[@]}" "${lean[@]}" >/dev/null

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0
failed=0
fail() {
    failed=$((failed + 1))
    echo "FAIL $1"
    shift
    printf '  %s\n' "$@"
}

for name in "${names[@]}"; do
    lpk="$work/$name.lpk"
    extra=()
    [[ $name == t_elixir* ]] && extra=(--elixir)
    # One program packed uncompressed, to cover both forms of the format.
    [[ $name == "${names[0]}" ]] && extra+=(--no-compress)
    if ! "$LANTERN" pack --boot "${extra[@]}" -o "$lpk" "$ebin/$name.beam" 2>"$work/$name.pack"; then
        fail "$name" "lantern pack failed:" "$(cat "$work/$name.pack")"
        continue
    fi
    status=0
    (cd "$out" && timeout "$timeout_s" "$LANTERN" run --no-otp -pa "$lpk" "$name" main \
        >"$work/$name.out" 2>"$work/$name.err") || status=$?
    estatus=$(cat "$expdir/$name.status")
    why=()
    if [[ $status == 124 ]]; then
        why+=("timed out after ${timeout_s}s")
    elif [[ $estatus == 0 && $status != 0 || $estatus != 0 && $status == 0 ]]; then
        why+=("exit status: erl $estatus, lantern $status")
    fi
    if ! cmp -s "$expdir/$name.out" "$work/$name.out"; then
        why+=("stdout differs from erl's:")
        mapfile -t d < <(diff -u "$expdir/$name.out" "$work/$name.out" | head -20)
        why+=("${d[@]}")
    fi
    if ((${#why[@]})); then
        mapfile -t e < <(head -10 "$work/$name.err")
        fail "$name" "${why[@]}" "${e[@]/#/stderr| }"
    else
        passed=$((passed + 1))
        echo "PASS $name  ($(tail -n 1 "$work/$name.pack" | sed -e 's/^lantern pack: //' -e 's/ in [^ ]*$//'))"
    fi
done

# Lean bundles: exactly the modules a run on the full OTP loads (`run --print-loaded`), packed
# with --no-deps, must run alone just the same.
for name in "${lean[@]}"; do
    lpk="$work/$name.lean.lpk"
    (cd "$out" && "$LANTERN" run -pa "$ebin" --print-loaded "$name" main >/dev/null 2>"$work/$name.loaded") || true
    mapfile -t mods < <(sed -n 's/^loaded //p' "$work/$name.loaded")
    "$LANTERN" pack --no-deps -pa "$ebin" -o "$lpk" "${mods[@]}" 2>"$work/$name.pack"
    status=0
    (cd "$out" && "$LANTERN" run --no-otp -pa "$lpk" "$name" main >"$work/$name.out" 2>/dev/null) ||
        status=$?
    estatus=$(cat "$expdir/$name.status")
    if [[ $estatus == 0 && $status != 0 || $estatus != 0 && $status == 0 ]]; then
        fail "lean $name" "exit status: erl $estatus, lantern $status"
    elif cmp -s "$expdir/$name.out" "$work/$name.out"; then
        passed=$((passed + 1))
        echo "PASS lean $name  ($(sed -e 's/^lantern pack: //' -e 's/ in [^ ]*$//' "$work/$name.pack"))"
    else
        fail "lean $name" "stdout differs from erl's (modules: ${mods[*]})"
    fi
done

# Damaged bundles: a clear error, exit status 2, no panic.
flip_byte() { # FILE OFFSET: replaces the byte there by its complement
    local b
    b=$(od -An -tu1 -j "$2" -N1 "$1" | tr -d ' ')
    printf "\\x$(printf %02x $((255 - b)))" | dd of="$1" bs=1 seek="$2" conv=notrunc status=none
}
good="$work/good.lpk"
"$LANTERN" pack -o "$good" "$ebin/t_stdlib_lists.beam" 2>/dev/null
size=$(stat -c %s "$good")
check_refused() { # LABEL FILE EXPECTED-MESSAGE
    local status=0
    "$LANTERN" run --no-otp -pa "$2" t_stdlib_lists main >/dev/null 2>"$work/bad.err" || status=$?
    if [[ $status != 2 ]] || ! grep -q "$3" "$work/bad.err" || grep -qi panick "$work/bad.err"; then
        fail "damaged bundle: $1" "exit status $status (want 2), stderr:" "$(cat "$work/bad.err")"
    else
        passed=$((passed + 1))
        echo "PASS damaged bundle: $1 ($(head -c 120 "$work/bad.err"))"
    fi
}
head -c $((size / 2)) "$good" >"$work/cut.lpk"
check_refused "cut in half" "$work/cut.lpk" "bad bundle"
cp "$good" "$work/flip.lpk"
flip_byte "$work/flip.lpk" $((size / 2))
check_refused "a byte changed" "$work/flip.lpk" "bad bundle"
"$LANTERN" pack --no-compress -o "$work/plain.lpk" "$ebin/t_stdlib_lists.beam" 2>/dev/null
flip_byte "$work/plain.lpk" $((size / 2))
check_refused "a byte changed, uncompressed" "$work/plain.lpk" "checksum mismatch"
{ printf 'LPK1\0\0\0\0'; head -c 100 /dev/urandom; } >"$work/junk.lpk"
check_refused "random bytes" "$work/junk.lpk" "bad bundle"
printf 'not a bundle' >"$work/text.lpk"
check_refused "not a bundle" "$work/text.lpk" "neither a directory nor a Lantern bundle"

echo "$passed passed, $failed failed"
((failed == 0))
