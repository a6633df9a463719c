-module(t_stdlib_orddict).
-export([main/0]).
-include("test.hrl").

%% orddict and ordsets: sorted-list dictionaries and sets.
main() ->
    D = orddict:from_list(?id([{c, 3}, {a, 1}, {b, 2}])),
    erlang:display(D),
    erlang:display(orddict:store(aa, 0, D)),
    erlang:display(orddict:fetch(b, D)),
    erlang:display(orddict:find(x, D)),
    erlang:display(orddict:erase(a, D)),
    erlang:display(orddict:update_counter(c, 10, D)),
    erlang:display(orddict:append(l, 1, orddict:append(l, 0, D))),
    erlang:display(orddict:merge(fun(_, A, B) -> A * B end, D, [{b, 10}, {d, 4}])),
    erlang:display(orddict:fold(fun(K, V, Acc) -> [{V, K} | Acc] end, [], D)),
    erlang:display(orddict:filter(fun(_, V) -> V =/= 2 end, D)),
    erlang:display(orddict:map(fun(K, V) -> {K, V} end, D)),
    erlang:display(orddict:fetch_keys(D)),
    S1 = ordsets:from_list(?id([3, 1, 2, 1])),
    S2 = ordsets:from_list(?id([2, 5])),
    erlang:display({S1, ordsets:union(S1, S2), ordsets:intersection(S1, S2), ordsets:subtract(S1, S2)}),
    erlang:display({ordsets:is_element(2, S1), ordsets:add_element(0, S1), ordsets:del_element(3, S1)}),
    erlang:display(ordsets:is_subset([1, 2], S1)),
    erlang:display(ordsets:union([[1], [3, 4], [2]])),
    ok.
