-module(t_err_function_clause).
-export([main/0, ext/2]).
-include("test.hrl").

%% function_clause: no clause matches; the stack top carries the arguments.
main() ->
    ?pe(f(?id(c))),
    ?pe(f(?id(1))),
    ?pe(?MODULE:ext(?id(1), ?id(2))),
    ?pe(g(?id(-5))),
    ?pe(h_mod:fact(?id(-1))),
    ?pe((fun(a) -> ok end)(?id(b))),
    ?pe(lists:seq(?id(a), 3)),
    ?pe(many(?id(1), 2, 3, 4)),
    ?pe(bin(?id(<<1, 2>>))),
    ?pe(lists:foldl(?id(x), 0, [1])),
    ?pe(rec(?id(3))),
    ok.

f(a) -> a;
f(b) -> b.

ext(X, X) -> same.

g(X) when X > 0 -> pos.

many(A, B, C, D) when A > B, C > D -> ok.

bin(<<X:8>>) -> X.

rec(0) -> done;
rec(N) when N > 1 -> rec(N - 1).
