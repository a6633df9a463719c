-module(t_conc_misc).
-export([main/0]).
-include("test.hrl").


%% Odds and ends of the process API: group_leader/0,2, erlang:processes/0,
%% process_info(self(), registered_name) when unregistered, system_info
%% process_count, statistics(run_queue | reductions).
main() ->
    Self = self(),
    GL = group_leader(),
    erlang:display(is_pid(GL)),
    %% a spawned process inherits the group leader
    spawn(fun() -> Self ! {gl, group_leader()} end),
    erlang:display(receive {gl, G} -> G =:= GL after 5000 -> timeout end),
    %% group_leader/2 changes it for another process
    P = spawn(fun() -> receive {check, From} -> From ! {gl2, group_leader()} end end),
    erlang:display(group_leader(Self, P)),
    P ! {check, Self},
    erlang:display(receive {gl2, G2} -> G2 =:= Self after 5000 -> timeout end),
    ?p(group_leader(not_a_pid, Self)),
    %% processes/0 is a list of pids that contains self() and live spawns
    Ps = erlang:processes(),
    erlang:display(is_list(Ps) andalso lists:all(fun erlang:is_pid/1, Ps)),
    erlang:display(lists:member(Self, Ps)),
    Q = spawn(fun() -> receive stop -> ok end end),
    erlang:display(lists:member(Q, erlang:processes())),
    erlang:display(erlang:system_info(process_count) >= 2),
    MQ = monitor(process, Q),
    Q ! stop,
    receive {'DOWN', MQ, _, _, _} -> ok after 5000 -> exit(timeout) end,
    erlang:display(lists:member(Q, erlang:processes())),
    %% processes/0 is sorted? no: only check that it has no duplicates
    Ps2 = erlang:processes(),
    erlang:display(length(Ps2) =:= length(lists:usort(Ps2))),
    %% registered_name of an unregistered process is []
    erlang:display(process_info(self(), registered_name)),
    %% statistics
    RQ = statistics(run_queue),
    erlang:display(is_integer(RQ) andalso RQ >= 0),
    {Total, SinceLast} = statistics(reductions),
    erlang:display({is_integer(Total), is_integer(SinceLast), Total >= SinceLast}),
    _ = lists:sum(lists:seq(1, 10000)),
    {Total2, _} = statistics(reductions),
    erlang:display(Total2 >= Total),
    {reductions, Red} = process_info(self(), reductions),
    erlang:display(is_integer(Red) andalso Red > 0),
    ?p(statistics(no_such_statistic)),
    %% is_process_alive on self and on a bad argument
    erlang:display(is_process_alive(self())),
    ?p(is_process_alive(not_a_pid)),
    %% pid_to_list / list_to_pid round trip
    erlang:display(list_to_pid(pid_to_list(Self)) =:= Self),
    erlang:display(hd(pid_to_list(Self))),
    ok.
