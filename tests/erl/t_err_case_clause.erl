-module(t_err_case_clause).
-export([main/0]).
-include("test.hrl").

%% {case_clause,V}: no case branch matches.
main() ->
    ?pe(c1(?id(z))),
    ?pe(c1(?id({a, b}))),
    ?pe(c2(?id(5))),
    ?pe(c2(?id([1, 2]))),
    ?pe(c3(?id(#{x => 1}))),
    ?pe(c3(?id(<<"bin">>))),
    ?pe(c4(?id(1.5))),
    erlang:display(c1(?id(a))),
    erlang:display(c2(?id(-1))),
    ok.

c1(X) ->
    case X of
        a -> is_a;
        b -> is_b
    end.

c2(X) ->
    case X of
        N when is_integer(N), N < 0 -> neg
    end.

c3(X) ->
    case X of
        #{y := Y} -> Y
    end.

c4(X) ->
    case X * 2 of
        2 -> two
    end.
