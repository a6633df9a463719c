-module(t_conc_sup_rest_for_one).
-behaviour(supervisor).
-export([main/0, init/1, start_worker/2]).
-include("test.hrl").


%% supervisor rest_for_one: when a child crashes, the children started
%% after it are terminated and restarted with it; the ones before keep
%% running. Starts are reported from the supervisor process (exact order).
%% The logger is silenced: erl prints supervisor reports on stdout.
main() ->
    %% (caught: a VM without a running logger prints no reports on stdout)
    _ = (catch logger:set_primary_config(level, none)),
    process_flag(trap_exit, true),
    Self = self(),
    {ok, Sup} = supervisor:start_link(?MODULE, Self),
    erlang:display(starts(4, [])),
    P0 = children(Sup),
    exit(proplists:get_value(r2, P0), crash),
    erlang:display(starts(3, [])),
    P1 = children(Sup),
    erlang:display([{Id, P =:= proplists:get_value(Id, P0)} || {Id, P} <- P1]),
    %% the last child crashing restarts only itself
    exit(proplists:get_value(r4, P1), crash),
    erlang:display(starts(1, [])),
    P2 = children(Sup),
    erlang:display([{Id, P =:= proplists:get_value(Id, P1)} || {Id, P} <- P2]),
    %% the first child crashing restarts everything
    exit(proplists:get_value(r1, P2), crash),
    erlang:display(starts(4, [])),
    P3 = children(Sup),
    erlang:display([P =:= proplists:get_value(Id, P2) || {Id, P} <- P3]),
    erlang:display(receive E -> {extra, E} after 50 -> none end),
    %% the children are all alive
    erlang:display([is_process_alive(P) || {_, P} <- P3]),
    ok.

init(Parent) ->
    Child = fun(Id) -> #{id => Id, start => {?MODULE, start_worker, [Parent, Id]}} end,
    {ok, {#{strategy => rest_for_one, intensity => 10, period => 10},
          [Child(r1), Child(r2), Child(r3), Child(r4)]}}.

start_worker(Parent, Id) ->
    Pid = spawn_link(fun() -> receive after infinity -> ok end end),
    Parent ! {started, Id},
    {ok, Pid}.

starts(0, Acc) -> lists:reverse(Acc);
starts(N, Acc) ->
    receive {started, Id} -> starts(N - 1, [Id | Acc]) after 5000 -> lists:reverse([timeout | Acc]) end.

children(Sup) ->
    lists:sort([{Id, P} || {Id, P, worker, _} <- supervisor:which_children(Sup)]).
