-module(t_conc_sup_simple).
-behaviour(supervisor).
-export([main/0, init/1, start_worker/2]).
-include("test.hrl").


%% simple_one_for_one: children started on demand with start_child/2
%% (extra arguments appended), restarted with the same arguments,
%% terminate_child by pid, count_children, which_children ids (undefined).
%% The logger is silenced: erl prints supervisor reports on stdout.
main() ->
    %% (caught: a VM without a running logger prints no reports on stdout)
    _ = (catch logger:set_primary_config(level, none)),
    process_flag(trap_exit, true),
    Self = self(),
    {ok, Sup} = supervisor:start_link({local, t_conc_sup_simple_sup}, ?MODULE, Self),
    erlang:display(supervisor:which_children(Sup)),
    Kids = [begin {ok, P} = supervisor:start_child(t_conc_sup_simple_sup, [N]), P end
            || N <- [10, 20, 30]],
    erlang:display([receive {started, N} -> N after 5000 -> timeout end || _ <- Kids]),
    erlang:display(supervisor:count_children(Sup)),
    erlang:display(lists:usort([Id || {Id, _, _, _} <- supervisor:which_children(Sup)])),
    %% ask each child for its argument
    erlang:display([ask(P) || P <- Kids]),
    %% crash the second: restarted with the same argument
    lists:nth(2, Kids) ! crash,
    erlang:display(receive {started, N2} -> {restarted, N2} after 5000 -> timeout end),
    %% terminate_child by pid
    erlang:display(supervisor:terminate_child(Sup, hd(Kids))),
    erlang:display(is_process_alive(hd(Kids))),
    erlang:display(supervisor:terminate_child(Sup, hd(Kids))),
    erlang:display(supervisor:count_children(Sup)),
    Now = [P || {_, P, _, _} <- supervisor:which_children(Sup)],
    erlang:display(lists:sort([ask(P) || P <- Now])),
    %% restart_child/delete_child are not supported for simple_one_for_one
    erlang:display(supervisor:delete_child(Sup, x)),
    %% a child whose start function returns ignore
    erlang:display(supervisor:start_child(Sup, [ignore])),
    erlang:display(supervisor:count_children(Sup)),
    ok.

init(Parent) ->
    {ok, {#{strategy => simple_one_for_one, intensity => 10, period => 10},
          [#{id => worker, start => {?MODULE, start_worker, [Parent]}, restart => permanent}]}}.

start_worker(_Parent, ignore) ->
    ignore;
start_worker(Parent, N) ->
    Pid = spawn_link(fun() -> loop(N) end),
    Parent ! {started, N},
    {ok, Pid}.

loop(N) ->
    receive
        {ask, From} -> From ! {arg, self(), N}, loop(N);
        crash -> exit(crashed)
    end.

ask(P) ->
    P ! {ask, self()},
    receive {arg, P, N} -> N after 5000 -> timeout end.
