-module(t_conc_sup_intensity).
-behaviour(supervisor).
-export([main/0, init/1, start_worker/2]).
-include("test.hrl").


%% Restart intensity: with intensity 2 the supervisor restarts a child
%% twice; the third crash within the period makes the supervisor terminate
%% its other children and exit with reason shutdown (observed by a
%% monitor; the supervisor is not linked to the test process).
%% The logger is silenced: erl prints supervisor reports on stdout.
main() ->
    %% (caught: a VM without a running logger prints no reports on stdout)
    _ = (catch logger:set_primary_config(level, none)),
    process_flag(trap_exit, true),
    Self = self(),
    {ok, Sup} = supervisor:start_link(?MODULE, {Self, 2}),
    unlink(Sup),
    SupRef = monitor(process, Sup),
    erlang:display(starts(2, [])),
    Other = proplists:get_value(steady, children(Sup)),
    OtherRef = monitor(process, Other),
    %% two crashes are tolerated
    [begin
         proplists:get_value(flaky, children(Sup)) ! {crash, I},
         erlang:display(starts(1, []))
     end || I <- [1, 2]],
    erlang:display(is_process_alive(Sup)),
    %% the third one is too many
    proplists:get_value(flaky, children(Sup)) ! {crash, 3},
    erlang:display(receive {'DOWN', OtherRef, process, Other, W1} -> {steady, W1} after 5000 -> timeout end),
    erlang:display(receive {'DOWN', SupRef, process, Sup, W2} -> {supervisor, W2} after 5000 -> timeout end),
    erlang:display(receive {started, _} = E -> {extra, E} after 50 -> no_more_starts end),
    %% intensity 0: the first crash already ends the supervisor
    {ok, Sup0} = supervisor:start_link(?MODULE, {Self, 0}),
    unlink(Sup0),
    Ref0 = monitor(process, Sup0),
    erlang:display(starts(2, [])),
    proplists:get_value(flaky, children(Sup0)) ! {crash, 0},
    erlang:display(receive {'DOWN', Ref0, process, Sup0, W3} -> W3 after 5000 -> timeout end),
    %% a child that never starts: start_link fails with shutdown details
    erlang:display(case supervisor:start_link(?MODULE, {Self, bad_child}) of
                       {error, {shutdown, {failed_to_start_child, Id, Why}}} -> {failed, Id, Why};
                       Other2 -> {unexpected, Other2}
                   end),
    ok.

init({Parent, bad_child}) ->
    {ok, {#{strategy => one_for_one},
          [#{id => broken, start => {?MODULE, start_worker, [Parent, broken]}}]}};
init({Parent, Intensity}) ->
    Child = fun(Id) -> #{id => Id, start => {?MODULE, start_worker, [Parent, Id]}} end,
    {ok, {#{strategy => one_for_one, intensity => Intensity, period => 3600},
          [Child(steady), Child(flaky)]}}.

start_worker(_Parent, broken) ->
    {error, cannot_start};
start_worker(Parent, Id) ->
    Pid = spawn_link(fun() -> receive {crash, R} -> exit({crashed, R}) end end),
    Parent ! {started, Id},
    {ok, Pid}.

starts(0, Acc) -> lists:reverse(Acc);
starts(N, Acc) ->
    receive {started, Id} -> starts(N - 1, [Id | Acc]) after 5000 -> lists:reverse([timeout | Acc]) end.

children(Sup) ->
    lists:sort([{Id, P} || {Id, P, worker, _} <- supervisor:which_children(Sup)]).
