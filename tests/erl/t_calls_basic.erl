-module(t_calls_basic).
-export([main/0]).
-include("test.hrl").

%% Local and remote calls, tail calls, mutual recursion, frames that keep
%% values in Y registers across calls, many arguments.
main() ->
    erlang:display(add3(1, 2, 3)),
    erlang:display(h_mod:add(?id(40), 2)),
    erlang:display(h_mod:twice(h_mod:twice(?id(5)))),
    erlang:display(h_mod:many(1, 2, 3, 4, 5, 6, 7, 8)),
    erlang:display(local_many(a, b, c, d, e, f, g, h, i, j)),
    erlang:display(even(?id(1000))),
    erlang:display(odd(?id(777))),
    erlang:display(count_down(?id(100000), 0)),
    erlang:display(keep_across(?id(3))),
    erlang:display(frames(?id(10))),
    erlang:display(fib(?id(20))),
    erlang:display(ackermann(2, 3)),
    erlang:display(h_mod:tail_to(fun h_mod:twice/1, 21)),
    erlang:display(sum_args(1, 2.5, 3)),
    erlang:display(multi_return(?id(a))),
    erlang:display(multi_return(?id(b))),
    erlang:display(multi_return(?id(c))),
    erlang:display(nested(?id(1))),
    erlang:display(tail_remote(?id(9))),
    erlang:display(h_mod:fact(?id(15))),
    ok.

add3(A, B, C) -> A + B + C.

local_many(A, B, C, D, E, F, G, H, I, J) -> {J, I, H, G, F, E, D, C, B, A}.

even(0) -> true;
even(N) -> odd(N - 1).
odd(0) -> false;
odd(N) -> even(N - 1).

count_down(0, Acc) -> Acc;
count_down(N, Acc) -> count_down(N - 1, Acc + 1).

%% X, Y and Z stay live across two calls: they are kept in the stack frame.
keep_across(X) ->
    Y = X * 2,
    Z = h_mod:add(X, Y),
    W = h_mod:twice(Z),
    {X, Y, Z, W}.

frames(0) -> [];
frames(N) ->
    A = N * 10,
    Rest = frames(N - 1),
    [A | Rest].

fib(N) when N < 2 -> N;
fib(N) -> fib(N - 1) + fib(N - 2).

ackermann(0, N) -> N + 1;
ackermann(M, 0) -> ackermann(M - 1, 1);
ackermann(M, N) -> ackermann(M - 1, ackermann(M, N - 1)).

sum_args(A, B, C) -> A + B + C.

multi_return(a) -> {one, 1};
multi_return(b) -> [two, 2];
multi_return(_) -> three.

nested(X) -> h_mod:add(h_mod:add(X, h_mod:twice(X)), h_mod:add(1, 1)).

tail_remote(X) -> h_mod:twice(X).
