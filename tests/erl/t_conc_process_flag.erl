-module(t_conc_process_flag).
-export([main/0]).
-include("test.hrl").


%% process_flag/2 returns the previous value: trap_exit and priority, in
%% the main process and in fresh processes (whose defaults are false and
%% normal); bad flags and values raise badarg.
main() ->
    Self = self(),
    %% erl's main process already traps exits: set before printing
    process_flag(trap_exit, false),
    erlang:display(process_flag(trap_exit, true)),
    erlang:display(process_flag(trap_exit, true)),
    erlang:display(process_flag(trap_exit, false)),
    erlang:display(process_info(self(), trap_exit)),
    erlang:display(process_flag(priority, high)),
    erlang:display(process_info(self(), priority)),
    erlang:display(process_flag(priority, low)),
    erlang:display(process_flag(priority, normal)),
    erlang:display(process_flag(priority, normal)),
    %% defaults of a new process, and flags are per process
    process_flag(trap_exit, true),
    process_flag(priority, high),
    spawn(fun() ->
                  A = process_flag(trap_exit, true),
                  B = process_flag(priority, low),
                  C = process_flag(trap_exit, false),
                  D = process_flag(priority, high),
                  Self ! {child_flags, [A, B, C, D]}
          end),
    erlang:display(receive {child_flags, F} -> F after 5000 -> timeout end),
    erlang:display(process_info(self(), [trap_exit, priority])),
    process_flag(priority, normal),
    %% a child inherits neither flag
    spawn(fun() -> Self ! {inherited, process_info(self(), [trap_exit, priority])} end),
    erlang:display(receive {inherited, I} -> I after 5000 -> timeout end),
    %% trap_exit set in a child changes how it reacts to an exit signal
    C1 = spawn(fun() -> process_flag(trap_exit, true), Self ! ready,
                        receive {'EXIT', _, R} -> Self ! {trapped, R} end end),
    receive ready -> ok after 5000 -> exit(timeout) end,
    exit(C1, flagged),
    erlang:display(receive {trapped, R} -> R after 5000 -> timeout end),
    %% bad flags and values
    ?p(process_flag(trap_exit, maybe)),
    ?p(process_flag(priority, urgent)),
    ?p(process_flag(no_such_flag, true)),
    ?p(process_flag("trap_exit", true)),
    %% process_flag/3 only allows save_calls; trap_exit is badarg
    ?p(process_flag(C1, trap_exit, true)),
    erlang:display(process_flag(trap_exit, false)),
    ok.
