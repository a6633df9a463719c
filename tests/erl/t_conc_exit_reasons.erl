-module(t_conc_exit_reasons).
-export([main/0]).
-include("test.hrl").


%% The exit reason of a process that dies from an uncaught exception, as
%% seen in 'DOWN' and 'EXIT' messages: exit(R) gives R; error(R) gives
%% {R, Stack}; throw(V) gives {{nocatch, V}, Stack}; runtime errors give
%% {badarith | {badmatch, V} | function_clause | ..., Stack}. Only the
%% first element and the top frame's function are printed.
%% erl prints an "Error in process ..." report on stdout for error and
%% throw exits; the logger is silenced to keep the output stable.
main() ->
    %% (caught: a VM without a running logger prints no reports on stdout)
    _ = (catch logger:set_primary_config(level, none)),
    process_flag(trap_exit, true),
    Cases = [{exit, fun() -> exit(plain) end},
             {exit_tuple, fun() -> exit({a, [b]}) end},
             {error, fun() -> error(my_error) end},
             {error_args, fun() -> error(with_args, [1, 2]) end},
             {throw, fun() -> throw(thrown) end},
             {badarith, fun() -> 1 / ?id(0) end},
             {badmatch, fun() -> {ok, _} = ?id(nope) end},
             {function_clause, fun() -> clause(?id(3)) end},
             {undef, fun() -> ?MODULE:no_such_function() end},
             {badarg, fun() -> atom_to_list(?id(42)) end},
             {case_clause, fun() -> case ?id(x) of y -> ok end end},
             {normal_return, fun() -> returned end}],
    [begin
         {P, R} = spawn_monitor(F),
         erlang:display({Name, summary(receive {'DOWN', R, process, P, W} -> W after 5000 -> timeout end)})
     end || {Name, F} <- Cases],
    %% the same reasons arrive through links
    [begin
         P = spawn_link(F),
         erlang:display({link, Name, summary(receive {'EXIT', P, W} -> W after 5000 -> timeout end)})
     end || {Name, F} <- [lists:nth(I, Cases) || I <- [1, 3, 5, 6]]],
    ok.

clause(1) -> one.

summary({{nocatch, V}, [{M, F, _, _} | _]}) -> {nocatch, V, M, F};
summary({Reason, [{M, F, A, _} | _]}) when is_list(A); is_integer(A) -> {Reason, M, F};
summary(Other) -> Other.
