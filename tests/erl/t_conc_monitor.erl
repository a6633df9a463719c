-module(t_conc_monitor).
-export([main/0]).
-include("test.hrl").


%% monitor(process, Pid): one 'DOWN' message with the exit reason; noproc
%% for a pid that is already dead; several monitors on one process each
%% fire; monitors are one-way and do not affect the monitored process.
main() ->
    Self = self(),
    P1 = spawn(fun() -> receive R -> exit(R) end end),
    M1 = monitor(process, P1),
    erlang:display(is_reference(M1)),
    P1 ! {custom, reason},
    erlang:display(receive {'DOWN', M1, process, P1, W1} -> W1 after 5000 -> timeout end),
    %% the dead pid: noproc, immediately
    M2 = monitor(process, P1),
    erlang:display(receive {'DOWN', M2, process, P1, W2} -> W2 after 5000 -> timeout end),
    %% DOWN message shape: 5-tuple with the pid as 4th element
    P3 = spawn(fun() -> ok end),
    M3 = monitor(process, P3),
    Down = receive {'DOWN', M3, _, _, _} = D -> D after 5000 -> timeout end,
    erlang:display({tuple_size(Down), element(3, Down), element(4, Down) =:= P3, element(5, Down)}),
    %% three monitors on one process: three DOWNs, each with its own ref
    P4 = spawn(fun() -> receive stop -> exit(three) end end),
    Ms = [monitor(process, P4) || _ <- [1, 2, 3]],
    erlang:display(length(lists:usort(Ms))),
    {monitors, Mons} = process_info(self(), monitors),
    erlang:display(length([x || {process, P} <- Mons, P =:= P4])),
    {monitored_by, By} = process_info(P4, monitored_by),
    erlang:display(length([x || B <- By, B =:= Self])),
    P4 ! stop,
    erlang:display([receive {'DOWN', M, process, P4, W} -> W after 5000 -> timeout end || M <- Ms]),
    {monitors, Mons2} = process_info(self(), monitors),
    erlang:display(Mons2),
    %% monitored processes are not affected by the monitor's death
    Watched = spawn(fun() -> receive {ping, F} -> F ! pong end end),
    {Watcher, WR} = spawn_monitor(fun() -> monitor(process, Watched), exit(watcher_gone) end),
    erlang:display(receive {'DOWN', WR, process, Watcher, WW} -> WW after 5000 -> timeout end),
    Watched ! {ping, Self},
    erlang:display(receive pong -> watched_alive after 5000 -> timeout end),
    %% killed, and a monitor on self does nothing while alive
    P5 = spawn(fun() -> receive after infinity -> ok end end),
    M5 = monitor(process, P5),
    exit(P5, kill),
    erlang:display(receive {'DOWN', M5, process, P5, W5} -> W5 after 5000 -> timeout end),
    MSelf = monitor(process, self()),
    erlang:display(receive {'DOWN', MSelf, _, _, _} -> got_down after 50 -> no_down end),
    erlang:display(demonitor(MSelf)),
    %% bad arguments
    ?p(monitor(process, 42)),
    ?p(monitor(no_such_type, self())),
    erlang:display(element(2, process_info(self(), message_queue_len))),
    ok.
