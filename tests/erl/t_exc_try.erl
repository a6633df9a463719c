-module(t_exc_try).
-export([main/0]).
-include("test.hrl").

%% try ... of ... catch ... after: ordering of side effects, nesting,
%% rethrowing, after on success and on exception, classes, the stack trace
%% variable, and try inside loops.
main() ->
    erlang:display(t1(ok)),
    erlang:display(t1(throw)),
    erlang:display(t1(error)),
    erlang:display(t1(exit)),
    erlang:display(t_after(ok)),
    erlang:display(t_after(boom)),
    erlang:display(nested(?id(inner))),
    erlang:display(nested(?id(outer))),
    erlang:display(rethrow()),
    erlang:display(of_clause(?id(1))),
    erlang:display(of_clause(?id(2))),
    erlang:display(classes()),
    erlang:display(loop(10, 0)),
    erlang:display(after_order()),
    erlang:display(catch_in_catch()),
    erlang:display(try_value(?id(5))),
    erlang:display(throw_deep(?id(100))),
    erlang:display(guard_in_catch(?id({my, 1}))),
    erlang:display(guard_in_catch(?id(other))),
    ok.

t1(What) ->
    try do(What) of
        V -> {value, V}
    catch
        throw:T -> {thrown, T};
        error:E -> {error, E};
        exit:X -> {exit, X}
    end.

do(ok) -> fine;
do(throw) -> throw(ball);
do(error) -> error(oops);
do(exit) -> exit(bye).

t_after(X) ->
    put(t_after_log, []),
    R = (catch try
                   log(body),
                   case X of ok -> done; _ -> error(X) end
               after
                   log(after_ran)
               end),
    {strip(R), lists:reverse(get(t_after_log))}.

strip({'EXIT', {Reason, _Stack}}) -> {'EXIT', Reason};
strip(Other) -> Other.

log(E) -> put(t_after_log, [E | get(t_after_log)]).

nested(Where) ->
    try
        try
            case Where of inner -> throw(inner_ball); outer -> error(outer_err) end
        catch
            throw:B -> {caught_inner, B}
        end
    catch
        error:E -> {caught_outer, E}
    end.

rethrow() ->
    try
        try error(first) catch error:E:St -> erlang:raise(error, {wrapped, E}, St) end
    catch
        error:W -> W
    end.

of_clause(X) ->
    try X of
        1 -> one;
        N when N > 1 -> many
    catch
        _:_ -> caught
    end.

classes() ->
    [try F() catch Class:Reason -> {Class, Reason} end ||
        F <- [fun() -> throw(t) end, fun() -> error(e) end, fun() -> exit(x) end,
              fun() -> erlang:error(e2, [arg]) end, fun() -> 1 / ?id(0) end]].

loop(0, Acc) -> Acc;
loop(N, Acc) ->
    Acc1 = try
               case N rem 3 of 0 -> throw(skip); _ -> Acc + N end
           catch
               throw:skip -> Acc
           end,
    loop(N - 1, Acc1).

after_order() ->
    put(order, []),
    try
        try
            add(1), throw(x)
        after
            add(2)
        end
    catch
        throw:x -> add(3)
    after
        add(4)
    end,
    lists:reverse(get(order)).

add(X) -> put(order, [X | get(order)]).

catch_in_catch() ->
    try
        error(a)
    catch
        error:a ->
            try error(b) catch error:b -> both_caught end
    end.

try_value(X) ->
    Y = try X * 2 catch _:_ -> err end,
    Y + 1.

throw_deep(0) -> throw(bottom);
throw_deep(N) ->
    try throw_deep(N - 1) of
        V -> V
    catch
        throw:bottom when N =:= 50 -> {caught_at, N}
    end.

guard_in_catch(T) ->
    try throw(T)
    catch
        throw:{my, N} when is_integer(N) -> {mine, N};
        throw:Other -> {other, Other}
    end.
