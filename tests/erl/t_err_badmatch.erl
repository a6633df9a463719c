-module(t_err_badmatch).
-export([main/0]).
-include("test.hrl").

%% {badmatch,V} for failing = matches of every kind of term.
main() ->
    ?pe(begin {ok, X} = ?id({error, 1}), X end),
    ?pe(begin [_, _] = ?id([1, 2, 3]), ok end),
    ?pe(begin 1 = ?id(2), ok end),
    ?pe(begin <<A:8>> = ?id(<<1, 2>>), A end),
    ?pe(begin #{k := V} = ?id(#{j => 1}), V end),
    ?pe(begin {A1, A1} = ?id({1, 2}), A1 end),
    ?pe(begin "abc" = ?id("abd"), ok end),
    ?pe(begin 1.0 = ?id(1), ok end),
    ?pe(begin [] = ?id([x]), ok end),
    ?pe(begin {_, _} = ?id(1 bsl 70), ok end),
    ?pe(m(?id(3))),
    ?pe(begin <<"pre", _/binary>> = ?id(<<"pro">>), ok end),
    ok.

m(X) ->
    Y = X + 1,
    5 = Y,
    Y.
