-module(t_big_bits).
-export([main/0]).
-include("test.hrl").

%% Bit operations on bignums and negative numbers: bsl, bsr, band, bor,
%% bxor, bnot, with two's-complement semantics for negatives.
main() ->
    A = ?id(16#123456789ABCDEF0123456789ABCDEF),
    N = ?id(-16#FEDCBA9876543210FEDCBA98765),
    erlang:display([A bsl 1, A bsl 64, A bsr 4, A bsr 100, A bsr 200, A bsl -8]),
    erlang:display([N bsl 3, N bsr 3, N bsr 1000, N bsl -3]),
    erlang:display([A band N, A bor N, A bxor N, bnot A, bnot N]),
    erlang:display([A band 16#FFFF, A bor 1, A bxor A, N band -1, N bor 0]),
    erlang:display([?id(1) bsl 59, ?id(1) bsl 60, ?id(1) bsl 63, ?id(1) bsl 64, ?id(-1) bsl 64]),
    erlang:display([?id(-1) bsr 10, ?id(-8) bsr 1, ?id(-7) bsr 1, ?id(7) bsr 1]),
    erlang:display([?id(5) band ?id(-2), ?id(-5) bor ?id(2), ?id(-5) bxor ?id(-3), bnot ?id(0)]),
    erlang:display(popcount(A, 0)),
    erlang:display(bits_of(?id(1 bsl 100), 0)),
    erlang:display((1 bsl 128) - 1 band (bnot (1 bsl 64))),
    erlang:display(mask(?id(200))),
    erlang:display([X bsr 60 || X <- [1 bsl 60, (1 bsl 61) - 1, -(1 bsl 60)]]),
    ok.

popcount(0, C) -> C;
popcount(X, C) -> popcount(X bsr 1, C + (X band 1)).

bits_of(0, C) -> C;
bits_of(X, C) -> bits_of(X bsr 1, C + 1).

mask(N) -> (1 bsl N) - 1.
