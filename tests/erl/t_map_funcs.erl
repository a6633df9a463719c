-module(t_map_funcs).
-export([main/0]).
-include("test.hrl").

%% The maps module (BIFs and Erlang code): iteration order of to_list/keys/
%% values/fold, merge, with/without, update_with, iterators, map/filter, errors.
main() ->
    M = ?id(#{c => 3, a => 1, b => 2}),
    erlang:display(maps:keys(M)),
    erlang:display(maps:values(M)),
    erlang:display(maps:to_list(M)),
    erlang:display(maps:from_list([{x, 1}, {y, 2}, {x, 3}])),
    erlang:display(maps:merge(M, #{a => 100, d => 4})),
    erlang:display(maps:merge_with(fun(_K, V1, V2) -> V1 + V2 end, M, #{a => 10, e => 5})),
    erlang:display(maps:with([a, c, zz], M)),
    erlang:display(maps:without([a, zz], M)),
    erlang:display(maps:update(a, new, M)),
    erlang:display(maps:update_with(a, fun(V) -> V * 100 end, M)),
    erlang:display(maps:update_with(q, fun(V) -> V end, init, M)),
    erlang:display(maps:map(fun(K, V) -> {K, V} end, M)),
    erlang:display(maps:filter(fun(_, V) -> V > 1 end, M)),
    erlang:display(maps:filtermap(fun(_, V) when V > 1 -> {true, V * 2}; (_, _) -> false end, M)),
    erlang:display(maps:fold(fun(K, V, Acc) -> [{K, V} | Acc] end, [], M)),
    erlang:display(maps:size(M)),
    erlang:display(maps:is_key(b, M)),
    erlang:display(maps:take(a, M)),
    erlang:display(maps:take(zz, M)),
    erlang:display(maps:new()),
    erlang:display(maps:from_keys([a, b], 0)),
    erlang:display(maps:groups_from_list(fun(X) -> X rem 2 end, [1, 2, 3, 4, 5])),
    erlang:display(iter(maps:next(maps:iterator(M)))),
    erlang:display(lists:sort(maps:to_list(maps:from_list([{I, I} || I <- lists:seq(1, 40)]))) =:=
                   [{I, I} || I <- lists:seq(1, 40)]),
    erlang:display(maps:intersect(#{a => 1, b => 2}, #{b => 3, c => 4})),
    erlang:display(maps:foreach(fun(_, _) -> ok end, M)),
    ?pe(maps:get(zz, M)),
    ?pe(maps:update(zz, 1, M)),
    ?pe(maps:get(a, ?id(not_map))),
    ?pe(maps:keys(?id(not_map))),
    ?pe(maps:from_list(?id([a]))),
    ?pe(maps:merge(?id(#{}), ?id(x))),
    ok.

iter(none) -> [];
iter({K, V, I}) -> [{K, V} | iter(maps:next(I))].
