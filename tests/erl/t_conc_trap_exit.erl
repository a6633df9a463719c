-module(t_conc_trap_exit).
-export([main/0]).
-include("test.hrl").


%% A process trapping exits receives {'EXIT', Pid, Reason} messages instead
%% of dying; kill cannot be trapped, but the `killed` it causes in linked
%% processes can.
main() ->
    %% (erl's main process already traps exits; never print its initial flag)
    process_flag(trap_exit, true),
    erlang:display(process_flag(trap_exit, true)),
    P1 = spawn_link(fun() -> exit(abnormal) end),
    erlang:display(receive {'EXIT', P1, R1} -> R1 after 5000 -> timeout end),
    P2 = spawn_link(fun() -> ok end),
    erlang:display(receive {'EXIT', P2, R2} -> R2 after 5000 -> timeout end),
    P3 = spawn_link(fun() -> receive after infinity -> ok end end),
    exit(P3, kill),
    erlang:display(receive {'EXIT', P3, R3} -> R3 after 5000 -> timeout end),
    %% exit/2 with another reason to a linked process that does not trap
    P4 = spawn_link(fun() -> receive after infinity -> ok end end),
    exit(P4, custom),
    erlang:display(receive {'EXIT', P4, R4} -> R4 after 5000 -> timeout end),
    %% a trapping child receives exit/2 signals as messages with the sender
    Self = self(),
    P5 = spawn_link(fun() ->
                            process_flag(trap_exit, true),
                            Self ! ready,
                            collect(Self, 3)
                    end),
    receive ready -> ok after 5000 -> exit(timeout) end,
    exit(P5, normal),
    exit(P5, please_stop),
    exit(P5, {any, term}),
    erlang:display(receive {collected, L} -> L after 5000 -> timeout end),
    %% but kill still kills it
    exit(P5, kill),
    erlang:display(receive {'EXIT', P5, R5} -> R5 after 5000 -> timeout end),
    %% a trapping process is told about a linked process's death
    %% even when it was linked later with link/1
    P6 = spawn(fun() -> receive go -> exit(later) end end),
    link(P6),
    P6 ! go,
    erlang:display(receive {'EXIT', P6, R6} -> R6 after 5000 -> timeout end),
    %% turning trapping off again: the flag returns the old value
    erlang:display(process_flag(trap_exit, false)),
    erlang:display(process_flag(trap_exit, false)),
    erlang:display(element(2, process_info(self(), message_queue_len))),
    ok.

collect(Parent, N) -> collect(Parent, N, []).

collect(Parent, 0, Acc) ->
    Parent ! {collected, lists:reverse(Acc)},
    receive after infinity -> ok end;
collect(Parent, N, Acc) ->
    receive
        {'EXIT', Parent, R} -> collect(Parent, N - 1, [{from_parent, R} | Acc])
    after 5000 -> collect(Parent, 0, [timeout | Acc])
    end.
