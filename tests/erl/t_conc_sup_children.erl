-module(t_conc_sup_children).
-behaviour(supervisor).
-export([main/0, init/1, start_worker/2]).
-include("test.hrl").


%% Child restart types and the child management API: a temporary child is
%% never restarted (and is removed), a transient one only after an abnormal
%% exit; start_child, terminate_child, restart_child, delete_child,
%% which_children and count_children, with their error returns.
%% The logger is silenced: erl prints supervisor reports on stdout.
main() ->
    %% (caught: a VM without a running logger prints no reports on stdout)
    _ = (catch logger:set_primary_config(level, none)),
    process_flag(trap_exit, true),
    Self = self(),
    {ok, Sup} = supervisor:start_link(?MODULE, Self),
    erlang:display(starts(3)),
    erlang:display(ids(Sup)),
    %% temporary: gone after any exit
    pid(Sup, temp) ! {exit, crash},
    wait_pid(Sup, temp, not_found),
    erlang:display(ids(Sup)),
    %% transient: normal exit -> not restarted but kept (undefined pid)
    pid(Sup, trans) ! {exit, normal},
    wait_pid(Sup, trans, undefined),
    erlang:display(pid(Sup, trans)),
    {ok, TransPid} = supervisor:restart_child(Sup, trans),
    erlang:display(TransPid =:= pid(Sup, trans)),
    erlang:display(starts(1)),
    %% transient: abnormal exit -> restarted
    pid(Sup, trans) ! {exit, abnormal},
    erlang:display(starts(1)),
    %% dynamic start_child with a map spec, duplicates
    Spec = #{id => dyn, start => {?MODULE, start_worker, [Self, dyn]}, restart => permanent},
    {ok, DynPid} = supervisor:start_child(Sup, Spec),
    erlang:display({is_pid(DynPid), starts(1)}),
    erlang:display(element(1, element(2, supervisor:start_child(Sup, Spec)))),
    erlang:display(ids(Sup)),
    erlang:display(supervisor:count_children(Sup)),
    %% terminate_child keeps the spec; restart_child starts it again
    erlang:display(supervisor:terminate_child(Sup, dyn)),
    erlang:display({is_process_alive(DynPid), pid(Sup, dyn)}),
    erlang:display({element(1, supervisor:restart_child(Sup, dyn)), starts(1)}),
    erlang:display(supervisor:restart_child(Sup, dyn)),
    %% delete_child only after terminate_child
    erlang:display(supervisor:terminate_child(Sup, dyn)),
    erlang:display({supervisor:delete_child(Sup, dyn), supervisor:delete_child(Sup, dyn)}),
    erlang:display({supervisor:terminate_child(Sup, no_such), supervisor:restart_child(Sup, no_such),
                    supervisor:delete_child(Sup, perm)}),
    erlang:display({ids(Sup), supervisor:count_children(Sup)}),
    erlang:display(receive {started, X} -> {extra, X} after 50 -> none end),
    ok.

init(Parent) ->
    Child = fun(Id, R) -> #{id => Id, start => {?MODULE, start_worker, [Parent, Id]}, restart => R} end,
    {ok, {#{strategy => one_for_one, intensity => 10, period => 10},
          [Child(perm, permanent), Child(trans, transient), Child(temp, temporary)]}}.

start_worker(Parent, Id) ->
    Pid = spawn_link(fun() -> receive {exit, R} -> exit(R) end end),
    Parent ! {started, Id},
    {ok, Pid}.

starts(N) -> [receive {started, Id} -> Id after 5000 -> timeout end || _ <- lists:seq(1, N)].

ids(Sup) -> lists:sort([Id || {Id, _, _, _} <- supervisor:which_children(Sup)]).

pid(Sup, Id) ->
    case lists:keyfind(Id, 1, supervisor:which_children(Sup)) of
        {Id, P, _, _} -> P;
        false -> not_found
    end.

wait_pid(Sup, Id, Want) ->
    case pid(Sup, Id) of
        Want -> ok;
        _ -> receive after 1 -> wait_pid(Sup, Id, Want) end
    end.
