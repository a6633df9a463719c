-module(t_stdlib_sets).
-export([main/0]).
-include("test.hrl").

%% sets (version 1 hashed sets and version 2 map-based sets).
main() ->
    A = sets:from_list(?id([3, 1, 2, 3, 1])),
    B = sets:from_list(?id([2, 3, 4])),
    erlang:display(lists:sort(sets:to_list(A))),
    erlang:display(sets:size(A)),
    erlang:display(sets:is_element(2, A)),
    erlang:display(lists:sort(sets:to_list(sets:union(A, B)))),
    erlang:display(lists:sort(sets:to_list(sets:intersection(A, B)))),
    erlang:display(lists:sort(sets:to_list(sets:subtract(A, B)))),
    erlang:display(sets:is_subset(sets:from_list([1]), A)),
    erlang:display(sets:fold(fun(X, Acc) -> X + Acc end, 0, A)),
    erlang:display(sets:to_list(A)),
    erlang:display(A),
    V2 = sets:from_list(?id([c, a, b]), [{version, 2}]),
    erlang:display(V2),
    erlang:display(lists:sort(sets:to_list(sets:add_element(d, V2)))),
    erlang:display(sets:is_set(V2)),
    erlang:display(sets:size(sets:from_list(lists:seq(1, 1000)))),
    erlang:display(lists:sum(sets:to_list(sets:from_list(lists:seq(1, 1000))))),
    erlang:display(sets:to_list(sets:filter(fun(X) -> X > 1 end, A))),
    erlang:display(sets:is_disjoint(A, sets:from_list([7]))),
    erlang:display(lists:sort(sets:to_list(sets:del_element(1, A)))),
    ok.
