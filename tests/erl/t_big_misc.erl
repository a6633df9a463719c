-module(t_big_misc).
-export([main/0]).
-include("test.hrl").

%% Bignums: comparisons with smalls, floats and each other, text conversion
%% in every base, binary/ETF round trips, hashing, sorting.
main() ->
    Bigs = ?id([1 bsl 100, -(1 bsl 100), (1 bsl 64) + 7, -(1 bsl 64), 1 bsl 59, 99999999999999999999]),
    erlang:display(lists:sort(Bigs ++ [0, 1.0e30, -1.0e30, 1.0e20])),
    erlang:display([integer_to_list(X, 16) || X <- Bigs]),
    erlang:display([integer_to_list(X, 36) || X <- Bigs]),
    erlang:display([integer_to_binary(X, 2) || X <- [1 bsl 70, -(1 bsl 65)]]),
    erlang:display(list_to_integer(?id("-123456789012345678901234567890"))),
    erlang:display(list_to_integer(?id("ffffffffffffffffffffffff"), 16)),
    erlang:display(binary_to_integer(?id(<<"zzzzzzzzzzzzzzz">>), 36)),
    erlang:display([X == float(X) || X <- [1 bsl 60, (1 bsl 60) + 1, 1 bsl 100]]),
    erlang:display([X < 1.0e30 || X <- Bigs]),
    erlang:display((1 bsl 100) =:= (1 bsl 100)),
    erlang:display((1 bsl 100) > (1 bsl 99)),
    erlang:display(-(1 bsl 100) < -(1 bsl 99)),
    erlang:display(max(1 bsl 100, 1.0e31)),
    erlang:display([binary_to_term(term_to_binary(X)) =:= X || X <- Bigs]),
    erlang:display([term_to_binary(X) || X <- [1 bsl 64, -(1 bsl 64), 1 bsl 31, -(1 bsl 31), 1 bsl 27]]),
    erlang:display([erlang:phash2(X) || X <- Bigs]),
    erlang:display([is_integer(X) || X <- Bigs]),
    erlang:display(<<(1 bsl 100):104>>),
    erlang:display(abs(-(1 bsl 200)) =:= 1 bsl 200),
    ok.
