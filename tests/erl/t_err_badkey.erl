-module(t_err_badkey).
-export([main/0]).
-include("test.hrl").

%% {badkey,K}: := update of a missing key, map_get/maps:get of a missing key.
main() ->
    M = ?id(#{a => 1}),
    ?pe(M#{b := 2}),
    ?pe(M#{a := 1, c := 3}),
    ?pe(map_get(zz, M)),
    ?pe(maps:get({k, 1}, M)),
    ?pe(maps:update(1.0, x, ?id(#{1 => x}))),
    ?pe(get_in(M, [a, b])),
    ?pe(upd(M)),
    Big = maps:from_list([{I, I} || I <- lists:seq(1, 50)]),
    ?pe(Big#{51 := x}),
    ?p(map_get(0, Big)),
    erlang:display(map_get(a, M)),
    ok.

get_in(M, [K]) -> map_get(K, M);
get_in(M, [K | Ks]) -> get_in(map_get(K, M), Ks).

upd(M) -> M#{missing := ?id(1)}.
