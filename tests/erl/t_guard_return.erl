%% Guards that fail into a clause returning an argument: the emulator does that return in the
%% test itself. Covers each compare form, small and non-small operands, and a frame around it.
-module(t_guard_return).
-export([main/0]).

tak(X, Y, Z) when Y < X -> tak(tak(X - 1, Y, Z), tak(Y - 1, Z, X), tak(Z - 1, X, Y));
tak(_X, _Y, Z) -> Z.

lt_xx(A, B) when A < B -> {lt, A};
lt_xx(_, B) -> B.

ge_xx(A, B) when A >= B -> {ge, A};
ge_xx(A, _) -> A.

lt_xi(A) when A < 10 -> small;
lt_xi(A) -> A.

ge_xi(A, Acc) when A >= 3 -> ge_xi(A - 1, [A | Acc]);
ge_xi(_, Acc) -> Acc.

lt_ix(A) when 5 < A -> big;
lt_ix(A) -> A.

ge_ix(N, Acc) when 0 >= N -> Acc;
ge_ix(N, Acc) -> ge_ix(N - 1, Acc + N).

count(0, Acc) -> Acc;
count(N, Acc) -> count(N - 1, Acc + 1).

not_ok(ok) -> yes;
not_ok(V) -> V.

is_ok(V) when V =/= ok -> {other, V};
is_ok(V) -> V.

main() ->
    erlang:display(tak(18, 12, 6)),
    erlang:display(tak(6.5, 3, 1)),
    Vals = [1, 2, 2.0, 1.5, 100000000000000000000000, -3, a, "s", {t}],
    erlang:display([{lt_xx(A, B), ge_xx(A, B)} || A <- Vals, B <- Vals]),
    erlang:display([{lt_xi(V), lt_ix(V)} || V <- Vals]),
    erlang:display(ge_xi(7, [])),
    erlang:display(ge_xi(3.5, [])),
    erlang:display(ge_ix(100, 0)),
    erlang:display(ge_ix(-5.5, 7)),
    erlang:display(ge_ix(2.5, 0)),
    erlang:display(count(1000, 0)),
    erlang:display([not_ok(V) || V <- [ok, nok, 1]]),
    erlang:display([is_ok(V) || V <- [ok, nok, 1.0]]),
    ok.
