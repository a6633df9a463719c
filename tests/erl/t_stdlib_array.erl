-module(t_stdlib_array).
-export([main/0]).
-include("test.hrl").

%% array: fixed and growable arrays, defaults, sparse operations, folds.
main() ->
    A0 = array:new(10),
    A1 = array:set(3, three, A0),
    erlang:display(array:get(3, A1)),
    erlang:display(array:get(4, A1)),
    erlang:display(array:size(A1)),
    erlang:display(array:to_list(A1)),
    erlang:display(array:sparse_to_orddict(A1)),
    A2 = array:from_list(?id([a, b, c, d])),
    erlang:display(array:to_list(array:set(1, x, A2))),
    erlang:display(array:foldl(fun(I, V, Acc) -> [{I, V} | Acc] end, [], A2)),
    erlang:display(array:foldr(fun(_, V, Acc) -> [V | Acc] end, [], A2)),
    erlang:display(array:to_list(array:map(fun(I, V) -> {I, V} end, A2))),
    G = array:new([{default, 0}]),
    G2 = array:set(100, 1, G),
    erlang:display({array:size(G2), array:get(50, G2), array:get(100, G2)}),
    erlang:display(array:is_fix(A0)),
    erlang:display(array:is_fix(array:relax(A0))),
    erlang:display(array:default(G)),
    erlang:display(array:sparse_size(A1)),
    erlang:display(array:to_orddict(array:resize(2, A2))),
    Big = array:from_list(lists:seq(1, 5000)),
    erlang:display(array:get(4999, Big)),
    erlang:display(array:foldl(fun(_, V, S) -> V + S end, 0, Big)),
    erlang:display(A2),
    ?p(array:get(10, A0)),
    ?p(array:set(-1, x, A0)),
    ok.
