-module(t_conc_exit2).
-export([main/0]).
-include("test.hrl").


%% exit/2 to linked and unlinked processes, with normal, kill and other
%% reasons, to trapping and non-trapping targets. The result of each case
%% is {how the target ended, message it got}, observed by a monitor.
main() ->
    Cases = [{Link, Trap, Reason} || Link <- [unlinked, linked],
                                     Trap <- [no_trap, trap],
                                     Reason <- [normal, kill, other]],
    [erlang:display({C, run(C)}) || C <- Cases],
    %% exit/2 returns true, also for a dead pid
    Dead = spawn(fun() -> ok end),
    R = monitor(process, Dead),
    receive {'DOWN', R, _, _, _} -> ok after 5000 -> exit(timeout) end,
    erlang:display(exit(Dead, whatever)),
    erlang:display(exit(Dead, kill)),
    ?p(exit(not_a_pid, kill)),
    ?p(exit({own, reason})),
    erlang:display(catch exit(caught)),
    ok.

%% A tester process sends the exit signal (so the main process is never
%% linked to the target); the target reports what it received.
run({Link, Trap, Reason}) ->
    Self = self(),
    {Tester, TRef} =
        spawn_monitor(fun() ->
                              process_flag(trap_exit, true),
                              Me = self(),
                              Target = spawn(fun() -> target(Me, Trap) end),
                              Link =:= linked andalso link(Target),
                              receive {ready, Target} -> ok after 5000 -> exit(timeout) end,
                              M = monitor(process, Target),
                              exit(Target, Reason),
                              %% ask the target to report; if it died, the
                              %% DOWN reason is the answer
                              Target ! report,
                              Result = receive
                                           {'DOWN', M, process, Target, Why} -> {died, Why};
                                           {report, Target, Got} ->
                                               demonitor(M, [flush]),
                                               Target ! stop,
                                               {alive, Got}
                                       after 5000 -> timeout
                                       end,
                              Self ! {result, self(), Result},
                              %% consume our own EXIT message from a linked target
                              receive {'EXIT', Target, _} -> ok after 100 -> ok end
                      end),
    Res = receive {result, Tester, Res0} -> Res0 after 5000 -> timeout end,
    receive {'DOWN', TRef, process, Tester, _} -> ok after 5000 -> ok end,
    Res.

target(Parent, Trap) ->
    Trap =:= trap andalso process_flag(trap_exit, true),
    Parent ! {ready, self()},
    receive report -> ok end,
    Got = receive {'EXIT', Parent, R} -> {exit_msg, R} after 0 -> no_msg end,
    Parent ! {report, self(), Got},
    receive stop -> ok end.
