-module(t_big_arith).
-export([main/0]).
-include("test.hrl").

%% Bignum arithmetic: +, -, *, div, rem across the small/big boundary, signs,
%% factorials, powers, gcd, and printing of huge numbers.
main() ->
    Max = ?id(576460752303423487),   % largest 60-bit small on a 64-bit BEAM
    erlang:display([Max + 1, Max * 2, -Max - 2, Max + 1 - 1, (Max + 1) - Max]),
    erlang:display([(1 bsl 64) + 1, (1 bsl 64) - (1 bsl 64), (1 bsl 64) * (1 bsl 64)]),
    A = ?id(123456789012345678901234567890),
    B = ?id(987654321098765432109876543210),
    erlang:display([A + B, A - B, B - A, A * B, B div A, B rem A, -B div A, -B rem A,
                    B div -A, B rem -A]),
    erlang:display(fact(?id(50))),
    erlang:display(fact(?id(100))),
    erlang:display(length(integer_to_list(fact(?id(1000))))),
    erlang:display(pow(?id(2), 200)),
    erlang:display(pow(?id(-3), 101)),
    erlang:display(gcd(fact(?id(30)), pow(?id(6), 20))),
    erlang:display(fib(?id(300))),
    erlang:display([abs(-A), -A, abs(A)]),
    erlang:display(A * 0),
    erlang:display(A * -1 + A),
    erlang:display((A * B) div B =:= A),
    erlang:display(A div 7),
    erlang:display(A rem 7),
    erlang:display(sum([pow(10, I) || I <- lists:seq(1, 40)])),
    erlang:display(isqrt(?id(pow(10, 60) + 12345))),
    erlang:display(float(A)),
    erlang:display(A / B),
    erlang:display(A + 0.5),
    erlang:display(trunc(1.0e30)),
    erlang:display(round(-1.5e25)),
    erlang:display(Max + 1 == float(Max + 1)),
    ok.

fact(0) -> 1;
fact(N) -> N * fact(N - 1).

pow(_, 0) -> 1;
pow(X, N) -> X * pow(X, N - 1).

gcd(A, 0) -> A;
gcd(A, B) -> gcd(B, A rem B).

fib(N) -> fib(N, 0, 1).
fib(0, A, _) -> A;
fib(N, A, B) -> fib(N - 1, B, A + B).

sum(L) -> lists:foldl(fun(X, S) -> X + S end, 0, L).

isqrt(N) -> isqrt(N, N, (N + 1) div 2).
isqrt(_, X, Y) when Y >= X -> X;
isqrt(N, _, Y) -> isqrt(N, Y, (Y + N div Y) div 2).
