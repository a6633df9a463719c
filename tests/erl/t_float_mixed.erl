-module(t_float_mixed).
-export([main/0]).
-include("test.hrl").

%% +, - and * with a float operand (done inline by the emulator when the other operand is a float
%% or a small): mixed operands, signed zeros, smalls too wide for a double, bignum operands (the
%% native function's path), results that overflow, and float registers in a loop.
main() ->
    Ps = ?id([{1.5, 2}, {2, 1.5}, {0.1, 0.2}, {-0.0, 0}, {0, -0.0}, {-0.0, -0.0},
              {576460752303423487, 0.5}, {-576460752303423488, 1.0},
              {1.0, 1 bsl 70}, {-(1 bsl 70), 2.5}, {1.0e300, 1.0e-300}]),
    [erlang:display({X + Y, X - Y, X * Y, Y - X}) || {X, Y} <- Ps],
    erlang:display([X + 1 || X <- ?id([0.5, -1.0, 1.0e15])]),
    erlang:display([1 - X || X <- ?id([0.5, -1.0, 1.0e15])]),
    ?pe(?id(1.0e308) + ?id(1.0e308)),
    ?pe(?id(-1.0e308) - ?id(1.0e308)),
    ?pe(?id(1.0e200) * ?id(1 bsl 600)),
    ?pe(?id(1.5) + ?id(a)),
    ?pe(?id(b) * ?id(2.0)),
    erlang:display(mandel(?id(-0.5), ?id(0.5), 0.0, 0.0, 0)),
    erlang:display(mandel(?id(0.3), ?id(0.6), 0.0, 0.0, 0)),
    erlang:display(poly(?id(1.25), 10, 0.0)),
    ok.

mandel(_Cr, _Ci, _Zr, _Zi, 100) -> 100;
mandel(Cr, Ci, Zr, Zi, N) ->
    Zr2 = Zr * Zr,
    Zi2 = Zi * Zi,
    if
        Zr2 + Zi2 > 4.0 -> N;
        true -> mandel(Cr, Ci, Zr2 - Zi2 + Cr, 2.0 * Zr * Zi + Ci, N + 1)
    end.

poly(_X, 0, Acc) -> Acc;
poly(X, K, Acc) -> poly(X, K - 1, Acc * X + K).
