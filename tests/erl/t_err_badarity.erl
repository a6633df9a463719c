-module(t_err_badarity).
-export([main/0, two/2]).
-include("test.hrl").

%% {badarity,{F,Args}}: a fun called with the wrong number of arguments.
%% The fun itself is not printed (it is VM-specific); its arity and the
%% argument list are.
main() ->
    show(fun() -> (?id(fun() -> ok end))(1) end),
    show(fun() -> (?id(fun(_) -> ok end))() end),
    show(fun() -> (?id(fun(_, _) -> ok end))(a, b, c) end),
    show(fun() -> (?id(fun ?MODULE:two/2))(x) end),
    show(fun() -> (?id(fun lists:reverse/1))([1], [2]) end),
    N = ?id(5),
    show(fun() -> (?id(fun(X) -> X + N end))(1, 2) end),
    show(fun() -> apply(?id(fun(_) -> ok end), [1, 2, 3]) end),
    ok.

two(A, B) -> {A, B}.

show(F) ->
    try F() of
        V -> erlang:display({no_error, V})
    catch
        error:{badarity, {Fun, Args}}:St ->
            erlang:display({badarity, erlang:fun_info(Fun, arity), Args}),
            {M, Fn, A, _} = t_top(St),
            erlang:display({M, Fn, A})
    end.
