-module(t_stdlib_gb_sets).
-export([main/0]).
-include("test.hrl").

%% gb_sets: construction, membership, set algebra, folding, filtering.
main() ->
    A = gb_sets:from_list(?id([5, 1, 4, 1, 3])),
    B = gb_sets:from_list(?id([4, 5, 6, 7])),
    erlang:display(gb_sets:to_list(A)),
    erlang:display(gb_sets:size(A)),
    erlang:display(gb_sets:is_member(3, A)),
    erlang:display(gb_sets:is_element(6, A)),
    erlang:display(gb_sets:to_list(gb_sets:union(A, B))),
    erlang:display(gb_sets:to_list(gb_sets:intersection(A, B))),
    erlang:display(gb_sets:to_list(gb_sets:subtract(A, B))),
    erlang:display(gb_sets:is_subset(gb_sets:from_list([4, 5]), B)),
    erlang:display(gb_sets:is_disjoint(A, gb_sets:from_list([100]))),
    erlang:display(gb_sets:fold(fun(X, Acc) -> X + Acc end, 0, B)),
    erlang:display(gb_sets:to_list(gb_sets:filter(fun(X) -> X rem 2 =:= 1 end, A))),
    erlang:display({gb_sets:smallest(B), gb_sets:largest(B)}),
    erlang:display(gb_sets:to_list(gb_sets:add(0, A))),
    erlang:display(gb_sets:to_list(gb_sets:delete_any(5, A))),
    erlang:display(gb_sets:to_list(gb_sets:union([A, B, gb_sets:singleton(99)]))),
    erlang:display(gb_sets:size(gb_sets:from_list(lists:seq(1, 3000)))),
    erlang:display(gb_sets:is_empty(gb_sets:new())),
    erlang:display(A),
    ok.
