-module(t_map_large).
-export([main/0]).
-include("test.hrl").

%% Maps above 32 keys (the hashed representation): building, lookups,
%% updates, removal back below 32 keys, iteration order, equality with maps
%% built in another order, mixed key types.
main() ->
    M33 = maps:from_list([{I, I * I} || I <- lists:seq(1, 33)]),
    erlang:display(maps:to_list(M33)),
    erlang:display(map_size(M33)),
    erlang:display(maps:get(33, M33)),
    erlang:display(maps:keys(M33)),
    M32 = maps:remove(33, M33),
    erlang:display(M32),
    Big = build(?id(1000), #{}),
    erlang:display(map_size(Big)),
    erlang:display(lists:sum(maps:values(Big))),
    erlang:display(maps:get(500, Big)),
    erlang:display(maps:is_key(1001, Big)),
    Rev = build_rev(?id(1000), #{}),
    erlang:display(Big =:= Rev),
    erlang:display(erlang:phash2(Big) =:= erlang:phash2(Rev)),
    Upd = Big#{500 := updated, 2000 => new},
    erlang:display({maps:get(500, Upd), maps:get(2000, Upd), map_size(Upd)}),
    #{1 := One, 999 := N999} = Big,
    erlang:display({One, N999}),
    Mixed = maps:from_list([{I, int} || I <- lists:seq(1, 10)] ++
                           [{float(I), float} || I <- lists:seq(1, 10)] ++
                           [{integer_to_binary(I), bin} || I <- lists:seq(1, 10)] ++
                           [{{I}, tuple} || I <- lists:seq(1, 10)]),
    erlang:display(maps:to_list(Mixed)),
    erlang:display(maps:keys(Mixed)),
    Small = maps:filter(fun(K, _) -> K < 5 end, Big),
    erlang:display(Small),
    Str = maps:from_list([{integer_to_list(I), I} || I <- lists:seq(1, 50)]),
    erlang:display(maps:values(Str)),
    Nested = #{big => M33, small => #{a => 1}},
    erlang:display(maps:to_list(maps:get(big, Nested)) =:= maps:to_list(M33)),
    erlang:display(maps:fold(fun(K, V, Acc) -> Acc + K + V end, 0, M33)),
    ok.

build(0, M) -> M;
build(N, M) -> build(N - 1, M#{N => N * 2}).

build_rev(N, M) -> build_rev(1, N, M).
build_rev(I, N, M) when I > N -> M;
build_rev(I, N, M) -> build_rev(I + 1, N, M#{I => I * 2}).
