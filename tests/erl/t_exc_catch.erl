-module(t_exc_catch).
-export([main/0]).
-include("test.hrl").

%% Old-style catch expressions: the value for throw, {'EXIT',...} for error
%% (with a stack trace) and exit; nested catches; catch of a value.
main() ->
    erlang:display(catch 42),
    erlang:display(catch throw(ball)),
    erlang:display(catch exit(reason)),
    {'EXIT', {Reason, Stack}} = catch error(my_error),
    erlang:display(Reason),
    erlang:display(is_list(Stack)),
    erlang:display(t_own(Stack)),
    {'EXIT', {badarith, St2}} = catch arith(?id(a)),
    erlang:display(t_own(St2)),
    {'EXIT', {{badmatch, 2}, St3}} = catch bad(?id(2)),
    erlang:display(t_own(St3)),
    erlang:display(catch catch throw(double)),
    erlang:display([catch thrower(X) || X <- [1, 2, 3]]),
    X = (catch throw(val)),
    erlang:display(X),
    erlang:display(catch exit({shutdown, 1})),
    erlang:display(catch erlang:throw({a, [b]})),
    {'EXIT', {function_clause, St4}} = catch fc(?id(no)),
    erlang:display(t_own(St4)),
    erlang:display(in_loop(5, [])),
    ok.

arith(X) -> X + 1.

bad(X) -> {ok, Y} = ?id(X), Y.

thrower(1) -> throw(one);
thrower(2) -> two;
thrower(3) -> exit(three).

fc(yes) -> ok.

in_loop(0, Acc) -> lists:reverse(Acc);
in_loop(N, Acc) ->
    R = case catch maybe_throw(N) of
            {'EXIT', _} -> exited;
            V -> V
        end,
    in_loop(N - 1, [R | Acc]).

maybe_throw(N) when N rem 2 =:= 0 -> throw({even, N});
maybe_throw(N) when N =:= 3 -> exit(three);
maybe_throw(N) -> {odd, N}.
