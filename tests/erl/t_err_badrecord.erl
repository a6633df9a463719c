-module(t_err_badrecord).
-export([main/0]).
-include("test.hrl").
-record(point, {x = 0, y = 0}).
-record(other, {a}).

%% {badrecord,V}: record field access or update on a term that is not that
%% record.
main() ->
    P = ?id(#point{x = 1, y = 2}),
    ?pe((?id(not_a_record))#point.x),
    ?pe((?id(#other{a = 1}))#point.y),
    ?pe((?id({point, 1}))#point.x),
    ?pe((?id(#other{}))#point{x = 5}),
    ?pe((?id([]))#point{y = 1}),
    ?pe(getx(?id({point}))),
    erlang:display(P#point.x),
    erlang:display(P#point{y = 20}),
    ok.

getx(P) -> P#point.x.
