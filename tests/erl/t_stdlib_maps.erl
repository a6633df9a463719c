-module(t_stdlib_maps).
-export([main/0]).
-include("test.hrl").

%% The maps module on bigger maps and its less common functions. (Keys of
%% large maps never contain atoms inside tuples or lists: erl orders those
%% by atom-table index, which differs from run to run.)
main() ->
    M = maps:from_list([{I, I * 3} || I <- lists:seq(1, 100)]),
    erlang:display(maps:fold(fun(_, V, A) -> A + V end, 0, M)),
    erlang:display(lists:sort(maps:keys(maps:filter(fun(K, _) -> K rem 10 =:= 0 end, M)))),
    erlang:display(map_size(maps:map(fun(_, V) -> V + 1 end, M))),
    erlang:display(maps:get(50, maps:map(fun(_, V) -> V + 1 end, M))),
    erlang:display(lists:sort(maps:to_list(maps:with([1, 2, 3, 1000], M)))),
    erlang:display(map_size(maps:without(lists:seq(1, 50), M))),
    erlang:display(maps:size(maps:merge(M, maps:from_list([{I, x} || I <- lists:seq(90, 110)])))),
    I = maps:iterator(maps:with([1, 2, 3], M)),
    erlang:display(iter(maps:next(I))),
    erlang:display(length(iter(maps:next(maps:iterator(M))))),
    erlang:display(iter(maps:next(maps:iterator(maps:from_list([{{K, K * 2}, K} || K <- lists:seq(1, 40)]))))),
    erlang:display(maps:find(100, M)),
    erlang:display(maps:is_key(101, M)),
    erlang:display(maps:update_with(1, fun(V) -> V * 100 end, M) =:= M#{1 := 300}),
    erlang:display(maps:fold(fun(K, V, A) -> [{K, V} | A] end, [], #{x => 1, y => 2})),
    erlang:display(maps:intersect_with(fun(_, A, B) -> A + B end, #{a => 1, b => 2}, #{b => 10})),
    ok.

iter(none) -> [];
iter({K, V, It}) -> [{K, V} | iter(maps:next(It))].
