-module(t_conc_cascade).
-export([main/0]).
-include("test.hrl").


%% Chains of linked processes dying in cascade: the abnormal exit of one end
%% propagates through every link with the same reason; kill becomes killed;
%% a trapping process in the middle stops the cascade; a normal exit does
%% not propagate.
main() ->
    %% 1. a chain of 20, the last one exits with {cascade, 7}
    {Pids1, Refs1} = chain(20, none),
    lists:last(Pids1) ! {exit, {cascade, 7}},
    erlang:display(lists:usort(downs(Refs1))),
    %% 2. the first one is killed: it dies with killed, the rest with killed
    {Pids2, Refs2} = chain(20, none),
    exit(hd(Pids2), kill),
    erlang:display(lists:usort(downs(Refs2))),
    %% 3. normal exit of the last: nobody else dies
    {Pids3, Refs3} = chain(10, none),
    lists:last(Pids3) ! {exit, normal},
    [LastRef3 | _] = lists:reverse(Refs3),
    erlang:display(downs([LastRef3])),
    erlang:display([is_process_alive(P) || P <- lists:droplast(Pids3)]),
    [P ! {exit, cleanup} || P <- lists:droplast(Pids3)],
    erlang:display(lists:usort(downs(lists:droplast(Refs3)))),
    %% 4. process 5 of 10 traps exits: 6..10 die, 5 gets an EXIT message and
    %% survives, so 1..4 survive too
    {Pids4, Refs4} = chain(10, 5),
    lists:last(Pids4) ! {exit, crash},
    {Front, Back} = lists:split(5, Refs4),
    erlang:display(downs(Back)),
    Trapper = lists:nth(5, Pids4),
    Trapper ! {report, self()},
    erlang:display(receive {trapped, R} -> R after 5000 -> timeout end),
    erlang:display([is_process_alive(P) || P <- lists:sublist(Pids4, 5)]),
    %% kill the trapper: 1..4 die with killed
    exit(Trapper, kill),
    erlang:display(downs(Front)),
    ok.

%% Builds a chain of N processes, each linked to the next; process number
%% TrapAt (or none) traps exits. Returns the pids and monitor refs in order.
chain(N, TrapAt) ->
    Self = self(),
    Pids = lists:foldl(fun(I, Acc) ->
                               Prev = case Acc of [] -> none; [P | _] -> P end,
                               P2 = spawn(fun() -> member(I =:= TrapAt, Prev, Self) end),
                               receive {up, P2} -> ok after 5000 -> exit(timeout) end,
                               [P2 | Acc]
                       end, [], lists:seq(1, N)),
    Ordered = lists:reverse(Pids),
    {Ordered, [monitor(process, P) || P <- Ordered]}.

member(Trap, Prev, Parent) ->
    Trap andalso process_flag(trap_exit, true),
    Prev =:= none orelse link(Prev),
    Parent ! {up, self()},
    member_loop().

member_loop() ->
    receive
        {exit, R} -> exit(R);
        {report, To} ->
            Msgs = receive {'EXIT', _, R} -> R after 5000 -> none end,
            To ! {trapped, Msgs},
            member_loop()
    end.

downs(Refs) ->
    [receive {'DOWN', R, process, _, Why} -> Why after 5000 -> timeout end || R <- Refs].
