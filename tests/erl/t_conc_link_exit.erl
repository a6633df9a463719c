-module(t_conc_link_exit).
-export([main/0]).
-include("test.hrl").


%% Exit signals through links for processes that do not trap exits: a
%% normal exit is ignored, an abnormal one kills the linked process with
%% the same reason, and `kill` turns into `killed` for the linked ones.
%% Every outcome is observed by the main process through monitors.
main() ->
    Self = self(),
    %% partner exits normally: the linked process survives
    {A, RA} = spawn_monitor(fun() ->
                                    spawn_link(fun() -> ok end),
                                    receive after 50 -> ok end,
                                    Self ! {a_alive, self()},
                                    exit(a_done)
                            end),
    erlang:display(receive {a_alive, A} -> survived after 5000 -> timeout end),
    erlang:display(down(RA)),
    %% partner exits abnormally: the linked process dies with that reason
    {B, RB} = spawn_monitor(fun() ->
                                    spawn_link(fun() -> exit({boom, 42}) end),
                                    receive after infinity -> ok end
                            end),
    erlang:display(down(RB)),
    erlang:display(is_process_alive(B)),
    %% partner is killed: the linked process dies with killed (not kill)
    {C, RC} = spawn_monitor(fun() ->
                                    V = spawn_link(fun() -> receive after infinity -> ok end end),
                                    Self ! {victim, V},
                                    receive after infinity -> ok end
                            end),
    V = receive {victim, V0} -> V0 after 5000 -> exit(timeout) end,
    RV = monitor(process, V),
    exit(V, kill),
    erlang:display(down(RV)),
    erlang:display(down(RC)),
    erlang:display(is_process_alive(C)),
    %% a process exiting with reason kill by itself (exit(kill)) sends kill
    %% as an ordinary reason: the linked process dies with kill
    {D, RD} = spawn_monitor(fun() ->
                                    spawn_link(fun() -> exit(kill) end),
                                    receive after infinity -> ok end
                            end),
    erlang:display(down(RD)),
    erlang:display(is_pid(D)),
    %% a process that returns normally from its function exits with normal
    {_, RE} = spawn_monitor(fun() -> done end),
    erlang:display(down(RE)),
    %% throw outside any catch becomes {nocatch, Value}... but that also logs
    %% an error report on erl, so only exit/1 reasons are used here
    {_, RF} = spawn_monitor(fun() -> exit(shutdown) end),
    erlang:display(down(RF)),
    {_, RG} = spawn_monitor(fun() -> exit({shutdown, why}) end),
    erlang:display(down(RG)),
    ok.

down(Ref) ->
    receive {'DOWN', Ref, process, _, Why} -> Why after 5000 -> timeout end.
