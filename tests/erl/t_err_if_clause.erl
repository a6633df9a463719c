-module(t_err_if_clause).
-export([main/0]).
-include("test.hrl").

%% if_clause: no if branch is true (also when a guard raises).
main() ->
    ?pe(i1(?id(0))),
    ?pe(i1(?id(a))),
    ?pe(i2(?id({}))),
    ?pe(i3(?id(5), ?id(5))),
    erlang:display(i1(?id(5))),
    erlang:display(i1(?id(-5))),
    erlang:display(i3(?id(1), ?id(2))),
    ok.

i1(X) ->
    if
        is_integer(X), X > 0 -> pos;
        is_integer(X), X < 0 -> neg
    end.

i2(X) ->
    if
        element(1, X) =:= a -> a_first
    end.

i3(A, B) ->
    if
        A < B -> less;
        A > B -> greater
    end.
