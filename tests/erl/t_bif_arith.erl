-module(t_bif_arith).
-export([main/0]).
-include("test.hrl").

%% Arithmetic and bitwise operators on small integers: sign rules of div and
%% rem, overflow into bignums, abs/min/max, unary minus, operators as funs.
main() ->
    Ps = ?id([{7, 2}, {-7, 2}, {7, -2}, {-7, -2}, {0, 5}, {5, 7}]),
    erlang:display([{X div Y, X rem Y} || {X, Y} <- Ps]),
    erlang:display([X + Y || {X, Y} <- Ps]),
    erlang:display([X - Y || {X, Y} <- Ps]),
    erlang:display([X * Y || {X, Y} <- Ps]),
    erlang:display([X / Y || {X, Y} <- Ps]),
    erlang:display([X band Y || {X, Y} <- Ps]),
    erlang:display([X bor Y || {X, Y} <- Ps]),
    erlang:display([X bxor Y || {X, Y} <- Ps]),
    erlang:display([X bsl Y || {X, Y} <- Ps]),
    erlang:display([X bsr Y || {X, Y} <- Ps]),
    erlang:display([bnot X || {X, _} <- Ps]),
    erlang:display([-X || {X, _} <- Ps]),
    erlang:display([abs(X) || {X, _} <- Ps]),
    erlang:display([{min(X, Y), max(X, Y)} || {X, Y} <- Ps]),
    erlang:display(sum_sq(?id(1000), 0)),
    erlang:display(mul_loop(?id(25), 1)),
    erlang:display(lists:foldl(fun erlang:'+'/2, 0, lists:seq(1, 100))),
    erlang:display([erlang:'*'(3, 4), erlang:'-'(3), erlang:'div'(9, 2), erlang:'rem'(9, 2)]),
    erlang:display(?id(16#7FFFFFFF) + 1),
    erlang:display(?id(-16#80000000) - 1),
    erlang:display(?id(1) bsl 62),
    erlang:display(?id(3) * 1152921504606846975),
    erlang:display(?id(255) bsr 70),
    erlang:display(?id(-255) bsr 70),
    erlang:display(+(?id(5))),
    ok.

sum_sq(0, Acc) -> Acc;
sum_sq(N, Acc) -> sum_sq(N - 1, Acc + N * N).

mul_loop(0, Acc) -> Acc;
mul_loop(N, Acc) -> mul_loop(N - 1, Acc * 7).
