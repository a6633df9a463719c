-module(t_list_comp).
-export([main/0]).
-include("test.hrl").

%% List comprehensions: filters, several generators, patterns in generators,
%% binary generators, nesting.
main() ->
    L = ?id(lists:seq(1, 10)),
    erlang:display([X * X || X <- L]),
    erlang:display([X || X <- L, X rem 2 =:= 0]),
    erlang:display([{X, Y} || X <- [1, 2, 3], Y <- [a, b]]),
    erlang:display([{X, Y} || X <- L, Y <- L, X + Y =:= 10, X < Y]),
    erlang:display([V || {ok, V} <- [{ok, 1}, error, {ok, 2}, {error, 3}, {ok, 3}]]),
    erlang:display([X || X <- [1, a, 2.0, "s", 3], is_integer(X)]),
    erlang:display([[Y || Y <- lists:seq(1, X)] || X <- [1, 2, 3]]),
    erlang:display([B || <<B>> <= <<1, 2, 3>>]),
    erlang:display([{A, B} || <<A:4, B:4>> <= <<16#12, 16#34>>]),
    erlang:display([X || X <- [], X > 0]),
    erlang:display(pythag(20)),
    erlang:display(qsort([3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5])),
    erlang:display(perms([a, b, c])),
    erlang:display(length([X || X <- lists:seq(1, 100000), X rem 3 =:= 0])),
    erlang:display([X || X <- L, X > 3, X < 7]),
    erlang:display([X + 1 || X <- L, begin Y = X * 2, Y > 10 end]),
    erlang:display([{K, V} || {K, V} <- lists:sort(maps:to_list(#{a => 1, b => 2}))]),
    ?p([X || X <- ?id(not_a_list)]),
    ok.

pythag(N) ->
    [{A, B, C} || A <- lists:seq(1, N), B <- lists:seq(A, N), C <- lists:seq(B, N),
                  A * A + B * B =:= C * C].

qsort([]) -> [];
qsort([P | T]) -> qsort([X || X <- T, X < P]) ++ [P] ++ qsort([X || X <- T, X >= P]).

perms([]) -> [[]];
perms(L) -> [[H | T] || H <- L, T <- perms(L -- [H])].
