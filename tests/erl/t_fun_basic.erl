-module(t_fun_basic).
-export([main/0, ext/1, ext/2]).
-include("test.hrl").

%% Funs: local and external funs (make_fun), calls (call_fun), closures that
%% capture values, fun M:F/A with variable parts, fun_info, funs as data.
main() ->
    F0 = fun() -> zero end,
    F1 = fun(X) -> X + 1 end,
    erlang:display(F0()),
    erlang:display(F1(41)),
    N = ?id(10),
    T = ?id({t, 1}),
    Closure = fun(X) -> {X, N, T} end,
    erlang:display(Closure(a)),
    Adders = [fun(X) -> X + I end || I <- lists:seq(1, 5)],
    erlang:display([A(100) || A <- Adders]),
    Ext = fun ?MODULE:ext/1,
    erlang:display(Ext(1)),
    M = ?id(?MODULE), Fn = ?id(ext), Ar = ?id(2),
    Dyn = fun M:Fn/Ar,
    erlang:display(Dyn(a, b)),
    Loc = fun loc/2,
    erlang:display(Loc(3, 4)),
    erlang:display(lists:map(fun loc1/1, [1, 2, 3])),
    erlang:display((compose(fun(X) -> X * 2 end, fun(X) -> X + 3 end))(5)),
    C1 = curry(fun(A, B, C) -> A + B * C end),
    C2 = C1(1),
    C3 = C2(2),
    erlang:display(C3(3)),
    Counter = counter(0),
    erlang:display(Counter(inc)),
    erlang:display(erlang:fun_info(F1, arity)),
    erlang:display(erlang:fun_info(F0, type)),
    erlang:display(erlang:fun_info(Closure, module)),
    {env, Env} = erlang:fun_info(Closure, env),
    erlang:display(lists:sort(Env)),
    erlang:display(erlang:fun_info(Ext, name)),
    erlang:display(erlang:fun_info(Dyn, arity)),
    erlang:display(erlang:fun_info(Loc, arity)),
    erlang:display(is_function(Closure, 1)),
    erlang:display(F1 =:= F1),
    erlang:display(fun ?MODULE:ext/1 =:= Ext),
    erlang:display(fun ?MODULE:ext/1 =:= fun ?MODULE:ext/2),
    Rec = fun Fact(0) -> 1; Fact(K) -> K * Fact(K - 1) end,
    erlang:display(Rec(20)),
    erlang:display(fold_funs([fun(X) -> X + 1 end, fun(X) -> X * 10 end, fun(X) -> -X end], 1)),
    erlang:display(erlang:fun_to_list(fun lists:map/2)),
    erlang:display(many_captures(1, 2, 3, 4, 5, 6, 7, 8)),
    erlang:display(F0 == F0),
    ok.

ext(X) -> {ext, X}.
ext(X, Y) -> {ext2, X, Y}.
loc(A, B) -> A * B.
loc1(X) -> X * X.

compose(F, G) -> fun(X) -> F(G(X)) end.
curry(F) -> fun(A) -> fun(B) -> fun(C) -> F(A, B, C) end end end.
counter(N) -> fun(inc) -> N + 1; (get) -> N end.
fold_funs(Fs, X) -> lists:foldl(fun(F, Acc) -> F(Acc) end, X, Fs).

many_captures(A, B, C, D, E, F, G, H) ->
    Fun = fun(X) -> [X, A, B, C, D, E, F, G, H] end,
    Fun(0).
