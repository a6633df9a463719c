-module(t_conc_spawn_link).
-export([main/0, linked/1]).
-include("test.hrl").


%% spawn_link/1,3 and spawn_monitor/1,3: the link/monitor exists as soon as
%% the call returns, so even a process that dies at once is observed.
main() ->
    Self = self(),
    process_flag(trap_exit, true),
    L1 = spawn_link(fun() -> exit(quick) end),
    erlang:display(receive {'EXIT', L1, R1} -> R1 after 2000 -> timeout end),
    L2 = spawn_link(?MODULE, linked, [Self]),
    erlang:display(receive {linked, L2, Links} -> Links after 2000 -> timeout end),
    L2 ! stop,
    erlang:display(receive {'EXIT', L2, R2} -> R2 after 2000 -> timeout end),
    %% a normal exit is delivered as a message too when trapping
    L3 = spawn_link(fun() -> ok end),
    erlang:display(receive {'EXIT', L3, R3} -> R3 after 2000 -> timeout end),
    erlang:display(process_flag(trap_exit, false)),
    %% spawn_monitor/1 returns {Pid, Ref}
    {M1, Ref1} = spawn_monitor(fun() -> exit({custom, [1, 2]}) end),
    erlang:display({is_pid(M1), is_reference(Ref1)}),
    erlang:display(receive {'DOWN', Ref1, process, M1, D1} -> D1 after 2000 -> timeout end),
    %% spawn_monitor/3
    {M2, Ref2} = spawn_monitor(erlang, exit, [by_mfa]),
    erlang:display(receive {'DOWN', Ref2, process, M2, D2} -> D2 after 2000 -> timeout end),
    {M3, Ref3} = spawn_monitor(fun() -> receive after infinity -> ok end end),
    erlang:display(is_process_alive(M3)),
    exit(M3, kill),
    erlang:display(receive {'DOWN', Ref3, process, M3, D3} -> D3 after 2000 -> timeout end),
    %% a monitor does not link; dead linked processes leave the link set
    {links, Ls} = process_info(self(), links),
    erlang:display([lists:member(P, Ls) || P <- [L1, L2, L3, M1, M2, M3]]),
    %% no stray messages are left over
    erlang:display(process_info(self(), message_queue_len)),
    ok.

linked(Parent) ->
    {links, Ls} = process_info(self(), links),
    Parent ! {linked, self(), Ls =:= [Parent]},
    receive stop -> exit(stopped) end.
