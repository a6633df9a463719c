-module(t_err_try_clause).
-export([main/0]).
-include("test.hrl").

%% {try_clause,V}: the value of a try body matches no `of' clause. The
%% error is not caught by the same try's catch clauses.
main() ->
    ?pe(t1(?id(3))),
    ?pe(t1(?id({x}))),
    ?pe(t2(?id(b))),
    erlang:display(t1(?id(1))),
    erlang:display(t2(?id(a))),
    erlang:display(outer(?id(7))),
    ok.

t1(X) ->
    try X of
        1 -> one;
        2 -> two
    catch
        _:_ -> caught_in_same_try
    end.

t2(X) ->
    try ?id(X) of
        a -> got_a
    after
        ok
    end.

outer(X) ->
    try t1(X)
    catch error:{try_clause, V} -> {outer_caught, V}
    end.
