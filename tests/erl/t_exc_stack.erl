-module(t_exc_stack).
-export([main/0, ext_fc/1]).
-include("test.hrl").

%% Stack traces: frames with file and line, argument lists for
%% function_clause and BIF errors, frames of non-tail callers only,
%% errors inside funs and list comprehensions, deep traces (depth 8).
main() ->
    show(fun() -> a(1) end),
    show(fun() -> fc_local(?id(3)) end),
    show(fun() -> ?MODULE:ext_fc(?id(bad)) end),
    show(fun() -> nontail(?id(0)) end),
    show(fun() -> [1 / X || X <- ?id([1, 0])] end),
    show(fun() -> lists:map(fun(X) -> X + 1 end, ?id([1, a])) end),
    show(fun() -> deep(?id(20)) end),
    show(fun() -> atom_to_list(?id(123)) end),
    show(fun() -> h_mod:crash(?id(x)) end),
    show(fun() -> h_mod:fact(?id(-1)) end),
    show(fun() -> throw(?id(t)) end),
    show(fun() -> lists:nth(?id(5), [a]) end),
    erlang:display(t_own(st_of(fun() -> caller_line() end))),
    ok.

show(F) ->
    try F() of
        V -> erlang:display({no_exception, V})
    catch
        C:R:St -> erlang:display({C, R}), erlang:display(t_own_or_top(St))
    end.

%% Our own frames plus the first frame whatever its module.
t_own_or_top([Top | _] = St) -> [Top | tl_own(t_own(St), Top)].
tl_own([Top | Rest], Top) -> Rest;
tl_own(L, _) -> L.

st_of(F) -> try F() catch _:_:St -> St end.

a(X) -> Y = b(X), Y + 1.
b(X) -> Y = c(X), Y + 1.
c(X) -> X + ?id(nope).

fc_local(1) -> one;
fc_local(2) -> two.

ext_fc(good) -> ok.

nontail(X) ->
    R = 10 div X,
    R + 1.

deep(0) -> error(bottom);
deep(N) -> 1 + deep(N - 1).

caller_line() ->
    _ = ?id(1),
    erlang:error(here).
