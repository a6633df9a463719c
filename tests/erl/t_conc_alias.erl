-module(t_conc_alias).
-export([main/0]).
-include("test.hrl").


%% Process aliases: alias/0,1, unalias/1, sending to an alias (a reference)
%% delivers to the creator until deactivated; monitor/3 with {alias, ...}.
%% Messages sent to an inactive alias are silently dropped.
main() ->
    A = alias(),
    erlang:display(is_reference(A)),
    %% another process replies through the alias
    spawn(fun() -> A ! {via_alias, 1} end),
    erlang:display(receive {via_alias, X} -> X after 5000 -> timeout end),
    A ! {to_self, 2},
    erlang:display(receive {to_self, Y} -> Y after 5000 -> timeout end),
    erlang:display(unalias(A)),
    erlang:display(unalias(A)),
    %% after unalias the reply is dropped
    done = helper_send(A, dropped),
    erlang:display(receive dropped -> got_it after 50 -> nothing end),
    %% a plain ref that never was an alias: send is silent, unalias false
    R = make_ref(),
    R ! lost,
    erlang:display(receive lost -> got_it after 20 -> nothing end),
    erlang:display(unalias(R)),
    %% alias([reply]): deactivated by the first message received through it
    B = alias([reply]),
    done = helper_send(B, first),
    done = helper_send(B, second),
    erlang:display(flush([])),
    erlang:display(unalias(B)),
    %% alias([explicit_unalias]) stays active for many messages
    C = alias([explicit_unalias]),
    [done = helper_send(C, {n, I}) || I <- [1, 2, 3]],
    erlang:display(flush([])),
    erlang:display(unalias(C)),
    %% monitor/3 with {alias, demonitor}: the monitor ref is the alias;
    %% demonitor deactivates it
    S = spawn(fun() -> server() end),
    M = monitor(process, S, [{alias, demonitor}]),
    S ! {request, M, 10},
    erlang:display(receive {M, Reply} -> Reply after 5000 -> timeout end),
    demonitor(M, [flush]),
    S ! {request, M, 20},
    sync(S),
    erlang:display(receive {M, Late} -> {late, Late} after 50 -> no_late_reply end),
    %% {alias, reply_demonitor}: one reply deactivates alias and monitor
    M2 = monitor(process, S, [{alias, reply_demonitor}]),
    S ! {request, M2, 1}, S ! {request, M2, 2},
    erlang:display(receive {M2, R1} -> R1 after 5000 -> timeout end),
    sync(S),
    erlang:display(receive {M2, R2} -> {second, R2} after 50 -> no_second end),
    erlang:display(demonitor(M2, [info])),
    %% with {alias, demonitor} a DOWN also deactivates the alias
    M3 = monitor(process, S, [{alias, demonitor}]),
    S ! stop,
    erlang:display(receive {'DOWN', M3, process, S, W} -> W after 5000 -> timeout end),
    done = helper_send(M3, after_down),
    erlang:display(receive after_down -> got_it after 50 -> nothing end),
    ?p(alias([bogus])), ?p(unalias(not_a_ref)),
    ok.

%% Sends Msg to Dest from another process and waits until it is done.
helper_send(Dest, Msg) ->
    Self = self(),
    spawn(fun() -> Dest ! Msg, Self ! {sent, self()} end),
    receive {sent, _} -> done after 5000 -> timeout end.

flush(Acc) -> receive M -> flush([M | Acc]) after 0 -> lists:reverse(Acc) end.

server() ->
    receive
        {request, Ref, X} -> Ref ! {Ref, X * 2}, server();
        {sync, From} -> From ! synced, server();
        stop -> ok
    end.

sync(S) -> S ! {sync, self()}, receive synced -> ok after 5000 -> timeout end.
