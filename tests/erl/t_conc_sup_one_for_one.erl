-module(t_conc_sup_one_for_one).
-behaviour(supervisor).
-export([main/0, init/1, start_worker/2]).
-include("test.hrl").


%% supervisor one_for_one: a crashing child is restarted alone, the others
%% keep their pids. The start function runs in the supervisor and reports
%% {started, Id} to the test process, so the start order is exact.
%% erl prints a =SUPERVISOR REPORT= (with timestamps and pids) on stdout
%% for every child crash; the logger is silenced to keep output stable.
main() ->
    %% (caught: a VM without a running logger prints no reports on stdout)
    _ = (catch logger:set_primary_config(level, none)),
    process_flag(trap_exit, true),
    Self = self(),
    {ok, Sup} = supervisor:start_link(?MODULE, Self),
    erlang:display(is_pid(Sup)),
    erlang:display(started([])),
    Pids0 = children(Sup),
    erlang:display([Id || {Id, _} <- Pids0]),
    %% crash w2 three times, waiting for each restart
    [begin
         exit(proplists:get_value(w2, children(Sup)), crash),
         erlang:display(receive {started, Id} -> {restarted, Id} after 5000 -> timeout end)
     end || _ <- [1, 2, 3]],
    Pids1 = children(Sup),
    erlang:display([{Id, P =:= proplists:get_value(Id, Pids0)} || {Id, P} <- Pids1]),
    %% a child that exits normally is restarted too (permanent)
    proplists:get_value(w1, Pids1) ! {exit, normal},
    erlang:display(receive {started, Id1} -> {restarted, Id1} after 5000 -> timeout end),
    %% killed
    exit(proplists:get_value(w3, children(Sup)), kill),
    erlang:display(receive {started, Id3} -> {restarted, Id3} after 5000 -> timeout end),
    erlang:display(supervisor:count_children(Sup)),
    %% no stray starts
    erlang:display(receive {started, X} -> {extra, X} after 50 -> none end),
    %% shut the supervisor down: all children stop
    Kids = [P || {_, P} <- children(Sup)],
    Ms = [monitor(process, P) || P <- [Sup | Kids]],
    unlink(Sup),
    exit(Sup, shutdown),
    erlang:display([receive {'DOWN', M, process, _, W} -> W after 5000 -> timeout end || M <- Ms]),
    ok.

init(Parent) ->
    Child = fun(Id) -> #{id => Id, start => {?MODULE, start_worker, [Parent, Id]}} end,
    {ok, {#{strategy => one_for_one, intensity => 10, period => 10},
          [Child(w1), Child(w2), Child(w3)]}}.

start_worker(Parent, Id) ->
    Pid = spawn_link(fun() -> receive {exit, R} -> exit(R) end end),
    Parent ! {started, Id},
    {ok, Pid}.

started(Acc) ->
    receive {started, Id} -> started([Id | Acc]) after 100 -> lists:reverse(Acc) end.

children(Sup) ->
    lists:sort([{Id, P} || {Id, P, worker, _} <- supervisor:which_children(Sup)]).
