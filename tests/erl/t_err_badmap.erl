-module(t_err_badmap).
-export([main/0]).
-include("test.hrl").

%% {badmap,V}: map operations on something that is not a map.
main() ->
    ?pe((?id(not_map))#{a => 1}),
    ?pe((?id([a]))#{a := 1}),
    ?pe(map_get(a, ?id({a, 1}))),
    ?pe(map_size(?id(<<>>))),
    ?pe(maps:get(a, ?id(1))),
    ?pe(maps:put(a, 1, ?id(x))),
    ?pe(maps:to_list(?id(x))),
    ?p(maps:fold(fun(_, _, A) -> A end, 0, ?id(y))),
    ?pe(is_map_key(a, ?id(3))),
    ok.
