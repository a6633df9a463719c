-module(t_float_arith).
-export([main/0]).
-include("test.hrl").

%% Float arithmetic (float registers: fadd/fsub/fmul/fdiv/fnegate in loops),
%% mixed int/float arithmetic, comparisons, rounding BIFs, -0.0, overflow.
main() ->
    A = ?id(1.5), B = ?id(2.25),
    erlang:display([A + B, A - B, A * B, A / B, -A]),
    erlang:display([A + 1, 1 - A, 2 * A, 3 / 2, 4 / 2, 1 / 3]),
    erlang:display(poly(?id(0.5))),
    erlang:display(integrate(0, 1000, 0.0)),
    erlang:display(mandel_point(?id(-0.5), ?id(0.5), 0.0, 0.0, 0)),
    erlang:display([trunc(X) || X <- [2.7, -2.7, 0.5, -0.5, 1.0e15]]),
    erlang:display([round(X) || X <- [2.5, -2.5, 2.4999, 0.5, -0.5, 1.5]]),
    erlang:display([ceil(X) || X <- [2.1, -2.1, 3.0]]),
    erlang:display([floor(X) || X <- [2.9, -2.1, 3.0]]),
    erlang:display([abs(X) || X <- [-1.5, 1.5, -0.0]]),
    erlang:display([float(X) || X <- [1, -7, 1 bsl 60, 1 bsl 100]]),
    erlang:display({0.1 + 0.2, 0.1 + 0.2 =:= 0.3, 1.0e-300 * 1.0e-300}),
    erlang:display({?id(0.0) =:= ?id(-0.0), ?id(0.0) == ?id(-0.0), -0.0, 0.0 * -1}),
    erlang:display([X < Y || {X, Y} <- [{1.0, 2}, {2, 1.5}, {1.0e300, 1 bsl 1000}, {-1.0e300, -(1 bsl 1000)}]]),
    ?p(?id(1.0e308) + ?id(1.0e308)),
    ?p(?id(1.0e308) * ?id(-1.0e308)),
    erlang:display(sum_floats(lists:seq(1, 1000), 0.0)),
    erlang:display(math:sqrt(2.0) * math:sqrt(2.0)),
    erlang:display([1.0e10, 1.0e-10, 123.456, 5.0e-324, 1.7976931348623157e308, 2.0e-308]),
    erlang:display(f_ops(?id(10.0), ?id(4.0))),
    erlang:display(is_float(?id(3) / 1)),
    erlang:display(?id(7) / ?id(7)),
    erlang:display(1.0 * (1 bsl 53) + 1.0),
    ok.

poly(X) -> 3.0 * X * X * X - 2.0 * X * X + X - 1.0.

integrate(N, N, Acc) -> Acc / N;
integrate(I, N, Acc) ->
    X = (I + 0.5) / N,
    integrate(I + 1, N, Acc + 4.0 / (1.0 + X * X)).

mandel_point(_, _, _, _, 100) -> 100;
mandel_point(Cr, Ci, Zr, Zi, I) ->
    Zr2 = Zr * Zr, Zi2 = Zi * Zi,
    if
        Zr2 + Zi2 > 4.0 -> I;
        true -> mandel_point(Cr, Ci, Zr2 - Zi2 + Cr, 2.0 * Zr * Zi + Ci, I + 1)
    end.

sum_floats([], Acc) -> Acc;
sum_floats([H | T], Acc) -> sum_floats(T, Acc + H / 3).

f_ops(X, Y) ->
    S = X + Y, D = X - Y, P = X * Y, Q = X / Y, N = -X,
    {S, D, P, Q, N, S * D / (P + Q)}.
