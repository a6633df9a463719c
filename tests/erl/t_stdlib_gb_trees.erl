-module(t_stdlib_gb_trees).
-export([main/0]).
-include("test.hrl").

%% gb_trees: insert, lookup, update, delete, iteration, balancing.
main() ->
    T0 = gb_trees:empty(),
    T1 = lists:foldl(fun(K, T) -> gb_trees:insert(K, K * K, T) end, T0, ?id([5, 2, 8, 1, 9, 3])),
    erlang:display(gb_trees:to_list(T1)),
    erlang:display(gb_trees:size(T1)),
    erlang:display(gb_trees:lookup(8, T1)),
    erlang:display(gb_trees:lookup(7, T1)),
    erlang:display(gb_trees:get(3, T1)),
    erlang:display(gb_trees:is_defined(9, T1)),
    T2 = gb_trees:update(2, updated, T1),
    erlang:display(gb_trees:get(2, T2)),
    T3 = gb_trees:delete(5, T2),
    erlang:display(gb_trees:keys(T3)),
    erlang:display(gb_trees:values(T3)),
    erlang:display(gb_trees:smallest(T3)),
    erlang:display(gb_trees:largest(T3)),
    erlang:display(gb_trees:enter(100, new, T3) =/= T3),
    erlang:display(gb_trees:take_smallest(T3)),
    Big = lists:foldl(fun(K, T) -> gb_trees:enter(K, K, T) end, gb_trees:empty(), lists:seq(1, 5000)),
    erlang:display(gb_trees:size(Big)),
    erlang:display(gb_trees:get(4321, Big)),
    erlang:display(gb_trees:size(gb_trees:balance(Big))),
    erlang:display(iter(gb_trees:next(gb_trees:iterator_from(4997, Big)))),
    erlang:display(gb_trees:to_list(gb_trees:map(fun(_, V) -> V * 2 end, T1))),
    erlang:display(gb_trees:from_orddict([{a, 1}, {b, 2}])),
    erlang:display(T1),
    ?p(gb_trees:insert(5, dup, T1)),
    ?p(gb_trees:get(77, T1)),
    ok.

iter(none) -> [];
iter({K, V, I}) -> [{K, V} | iter(gb_trees:next(I))].
