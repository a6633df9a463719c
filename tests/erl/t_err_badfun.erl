-module(t_err_badfun).
-export([main/0]).
-include("test.hrl").

%% {badfun,F}: calling something that is not a fun.
main() ->
    ?pe((?id(atom))()),
    ?pe((?id(1))(1)),
    ?pe((?id([a, b]))()),
    ?pe((?id(<<>>))(a, b)),
    ?pe((?id({h_mod, add}))(1, 2)),
    ?pe((?id(#{}))()),
    ?pe(apply(?id(3.5), [])),
    ?pe(lists:map(?id(not_fun), [1])),
    ok.
