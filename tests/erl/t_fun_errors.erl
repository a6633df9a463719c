-module(t_fun_errors).
-export([main/0, one/1]).
-include("test.hrl").

%% Calling non-funs ({badfun,F}), calling with the wrong number of arguments
%% ({badarity,{F,Args}} — F printed only through fun_info), external funs to
%% missing functions (undef), and their stack trace tops.
main() ->
    ?pe((?id(not_a_fun))()),
    ?pe((?id(42))(1, 2)),
    ?pe((?id({a, b}))(x)),
    Show = fun(X) -> X end,
    try (?id(Show))(1, 2) of
        _ -> erlang:display(no_error)
    catch
        error:{badarity, {F, Args}} ->
            erlang:display({badarity, is_function(F), erlang:fun_info(F, arity), Args})
    end,
    try (?id(fun ?MODULE:one/1))() of
        _ -> erlang:display(no_error)
    catch
        error:{badarity, {F2, Args2}} ->
            erlang:display({badarity, erlang:fun_info(F2, name), Args2})
    end,
    Missing = fun ?MODULE:missing/3,
    ?pe(Missing(1, 2, 3)),
    MissMod = fun no_such_module_q:f/0,
    ?pe(MissMod()),
    ?pe(apply(?id(not_fun), [])),
    try apply(?id(Show), [1, 2, 3]) of
        _ -> erlang:display(no_error)
    catch
        error:{badarity, {F3, Args3}}:St3 ->
            erlang:display({badarity, F3 =:= Show, Args3}),
            erlang:display(t_top(St3))
    end,
    ?p(erlang:fun_info(?id(not_fun), arity)),
    ?p(erlang:fun_info(Show, no_such_item)),
    erlang:display(catch_arity(fun() -> ok end)),
    erlang:display(catch_arity(fun(_, _, _) -> ok end)),
    ok.

one(X) -> X.

catch_arity(F) ->
    try F(only_one) catch error:{badarity, {_, A}} -> {wrong_arity, A} end.
