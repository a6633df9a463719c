%% Calls into functions that start with a compare whose one outcome returns at once (the fast
%% tier decides it at the call): both outcomes, each compare form (<, >=, against a register or
%% a literal, returning an argument or the compared value), operands that are not smalls
%% (bignums, floats, atoms: the callee's own compare decides), and a call whose base case
%% raises further down.
-module(t_calls_guard).
-export([main/0]).

main() ->
    erlang:display([tak(X, Y, Z) || X <- [0, 3, 9], Y <- [1, 2, 6], Z <- [-1, 4]]),
    erlang:display(tak(18, 12, 6)),
    erlang:display([fib(N) || N <- [0, 1, 2, 10, 20]]),
    erlang:display(fib(2.0)),
    erlang:display(fib(30 - 28)),
    erlang:display(top(catch fib(a))),
    erlang:display([down(N, acc) || N <- [0, 5, -3]]),
    erlang:display([up(N, 10) || N <- [0, 9, 10, 11]]),
    B = 1 bsl 60,
    erlang:display(tak(B + 2, B + 1, B)),
    erlang:display(tak(B, B + 1, 7)),
    erlang:display(tak(2.5, 1.5, 0.5)),
    erlang:display(top(catch tak(b, a, z))),
    erlang:display(pick(3, 5)),
    erlang:display(pick(1 bsl 64, 0)),
    erlang:display(top(catch crash(4))),
    ok.

tak(X, Y, Z) when Y < X ->
    tak(tak(X - 1, Y, Z), tak(Y - 1, Z, X), tak(Z - 1, X, Y));
tak(_X, _Y, Z) -> Z.

fib(N) when N < 2 -> N;
fib(N) -> fib(N - 1) + fib(N - 2).

%% >= against a literal, base case returning the other argument.
down(N, Acc) when N >= 1 -> [N | down(N - 1, Acc)];
down(_, Acc) -> Acc.

%% >= between registers, called with a move into the argument.
up(N, Max) when N >= Max -> {done, N};
up(N, Max) -> [N | up(N + 1, Max)].

pick(A, B) -> {first(A, B), first(B, A)}.

first(A, B) when A < B -> A;
first(_, B) -> B.

crash(N) when N < 1 -> erlang:error({bottom, N});
crash(N) -> [N | crash(N - 1)].

%% The reason and the frame that raised (the frames below it differ between harnesses).
top({'EXIT', {Reason, [Frame | _]}}) -> {Reason, Frame}.
