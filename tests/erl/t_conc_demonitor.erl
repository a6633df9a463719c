-module(t_conc_demonitor).
-export([main/0]).
-include("test.hrl").


%% demonitor/1 and demonitor/2 with [flush] and [info]: after demonitor no
%% 'DOWN' arrives for the ref; [flush] also removes one already queued;
%% [info] tells whether the monitor was still active.
main() ->
    %% demonitor before the process dies: no DOWN
    P1 = spawn(fun() -> receive stop -> exit(x) end end),
    M1 = monitor(process, P1),
    erlang:display(demonitor(M1)),
    P1 ! stop,
    Sentinel = monitor(process, P1),
    erlang:display(receive {'DOWN', Sentinel, _, _, W} -> {sentinel, W} after 5000 -> timeout end),
    erlang:display(receive {'DOWN', M1, _, _, _} -> got_down after 50 -> no_down end),
    %% DOWN already queued: demonitor/1 leaves it, demonitor/2 [flush] drops it
    P2 = spawn(fun() -> ok end),
    M2a = monitor(process, P2),
    M2b = monitor(process, P2),
    wait_down_queued(2),
    erlang:display(demonitor(M2a)),
    erlang:display(demonitor(M2b, [flush])),
    erlang:display(receive {'DOWN', M2a, _, _, W2} -> {still_queued, W2} after 0 -> none end),
    erlang:display(receive {'DOWN', M2b, _, _, _} -> still_queued after 0 -> flushed end),
    %% [info]: true while active, false once it has fired or was removed
    P3 = spawn(fun() -> receive stop -> ok end end),
    M3 = monitor(process, P3),
    erlang:display(demonitor(M3, [info])),
    erlang:display(demonitor(M3, [info])),
    M3b = monitor(process, P3),
    P3 ! stop,
    wait_down_queued(1),
    erlang:display(demonitor(M3b, [info])),
    erlang:display(element(2, process_info(self(), message_queue_len))),
    erlang:display(demonitor(M3b, [info, flush])),
    erlang:display(element(2, process_info(self(), message_queue_len))),
    %% demonitor of an unknown ref or of an already removed one
    erlang:display(demonitor(make_ref())),
    erlang:display(demonitor(make_ref(), [info])),
    erlang:display(demonitor(M1, [flush, info])),
    erlang:display(demonitor(M1, [])),
    %% only the given monitor goes away; others on the same process remain
    P4 = spawn(fun() -> receive stop -> exit(four) end end),
    [Ma, Mb, Mc] = [monitor(process, P4) || _ <- [1, 2, 3]],
    demonitor(Mb),
    {monitors, Mons} = process_info(self(), monitors),
    erlang:display(length(Mons)),
    P4 ! stop,
    erlang:display([receive {'DOWN', M, _, _, W4} -> W4 after 5000 -> timeout end || M <- [Ma, Mc]]),
    erlang:display(receive {'DOWN', Mb, _, _, _} -> got_down after 50 -> no_down end),
    ?p(demonitor(not_a_ref)),
    ?p(demonitor(make_ref(), [bogus])),
    ok.

%% Wait until N messages are in the queue (without consuming them).
wait_down_queued(N) ->
    case process_info(self(), message_queue_len) of
        {message_queue_len, L} when L >= N -> ok;
        _ -> receive after 1 -> wait_down_queued(N) end
    end.
