-module(t_conc_sup_one_for_all).
-behaviour(supervisor).
-export([main/0, init/1, start_worker/2]).
-include("test.hrl").


%% supervisor one_for_all: when one child crashes, the others are
%% terminated (in reverse start order) and all are restarted in start
%% order. Starts are reported from the supervisor process (exact order);
%% stops are reported by the children themselves (printed sorted).
%% The logger is silenced: erl prints supervisor reports on stdout.
main() ->
    %% (caught: a VM without a running logger prints no reports on stdout)
    _ = (catch logger:set_primary_config(level, none)),
    process_flag(trap_exit, true),
    Self = self(),
    {ok, Sup} = supervisor:start_link(?MODULE, Self),
    erlang:display(events(4, [])),
    Before = children(Sup),
    proplists:get_value(b, Before) ! {crash, b_crashed},
    %% b died; a, c, d get shutdown; then a, b, c, d start again
    erlang:display(events(7, [])),
    After = children(Sup),
    erlang:display([{Id, P =:= proplists:get_value(Id, Before)} || {Id, P} <- After]),
    %% again with the last child
    proplists:get_value(d, After) ! {crash, d_crashed},
    erlang:display(events(7, [])),
    erlang:display(supervisor:count_children(Sup)),
    erlang:display(receive E -> {extra, E} after 50 -> none end),
    ok.

init(Parent) ->
    Child = fun(Id) -> #{id => Id, start => {?MODULE, start_worker, [Parent, Id]},
                         shutdown => 1000} end,
    {ok, {#{strategy => one_for_all, intensity => 10, period => 10},
          [Child(a), Child(b), Child(c), Child(d)]}}.

start_worker(Parent, Id) ->
    Pid = spawn_link(fun() ->
                             process_flag(trap_exit, true),
                             receive
                                 {'EXIT', _, shutdown} -> Parent ! {stopped, Id}, exit(shutdown);
                                 {crash, R} -> exit(R)
                             end
                     end),
    Parent ! {started, Id},
    {ok, Pid}.

%% N events; starts keep their order, stops are sorted
events(0, Acc) ->
    Evs = lists:reverse(Acc),
    {lists:sort([Id || {stopped, Id} <- Evs]), [Id || {started, Id} <- Evs]};
events(N, Acc) ->
    receive
        {started, _} = E -> events(N - 1, [E | Acc]);
        {stopped, _} = E -> events(N - 1, [E | Acc])
    after 5000 -> events(0, [timeout | Acc])
    end.

children(Sup) ->
    lists:sort([{Id, P} || {Id, P, worker, _} <- supervisor:which_children(Sup)]).
