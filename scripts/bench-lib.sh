# Shared by bench.sh and bench-wasm.sh (sourced): the timing wrapper and the result parsing.

# Writes DIR/bw_NAME.erl: main/0 times b_NAME:run() inside the VM and prints
# {Checksum, Microseconds} with erlang:display/1 (start-up excluded on every VM).
bench_wrapper() {
    cat >"$2/bw_$1.erl" <<ERL
-module(bw_$1).
-export([main/0]).
main() ->
    T0 = erlang:monotonic_time(microsecond),
    R = b_$1:run(),
    T1 = erlang:monotonic_time(microsecond),
    erlang:display({R, T1 - T0}).
ERL
}

# {Checksum,Us} -> "Checksum Us" (the checksum may itself contain commas), else "error".
parse() {
    tr -d '\r' | awk '/^\{.*\}$/ { s = substr($0, 2, length($0) - 2);
                                   i = match(s, /,[0-9]+$/);
                                   if (i) { print substr(s, 1, i - 1), substr(s, i + 1); ok = 1 } }
                      END { if (!ok) print "error" }'
}

# Median of the numbers on stdin, in seconds with 3 decimals.
median_s() {
    sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) { print "n/a"; exit }
                   m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2;
                   printf "%.3f\n", m / 1e6 }'
}
