-module(t_conc_timer_mod).
-export([main/0, notify/2]).
-include("test.hrl").


%% The timer module (stdlib; send_after/apply_after go through the
%% timer server): sleep/1, send_after/2,3, apply_after/4, send_interval,
%% cancel/1, tc/1 (only its result), and the unit helpers.
main() ->
    Self = self(),
    erlang:display(timer:sleep(10)),
    erlang:display(timer:sleep(0)),
    {ok, _T1} = timer:send_after(20, Self, via_timer),
    erlang:display(receive via_timer -> via_timer after 5000 -> timeout end),
    {ok, _} = timer:send_after(10, from_send_after_2),
    erlang:display(receive from_send_after_2 -> got after 5000 -> timeout end),
    %% apply_after runs the MFA in a new process
    {ok, _} = timer:apply_after(10, ?MODULE, notify, [Self, applied]),
    erlang:display(receive {notified, applied} -> applied after 5000 -> timeout end),
    %% ordering of timer-module timers
    [timer:send_after(D, Self, {tm, D}) || D <- [90, 20, 55]],
    erlang:display([receive {tm, D} -> D after 5000 -> timeout end || _ <- [1, 2, 3]]),
    %% cancel before it fires
    {ok, T2} = timer:send_after(50, Self, cancelled),
    erlang:display(timer:cancel(T2)),
    erlang:display(receive cancelled -> delivered after 100 -> not_delivered end),
    %% send_interval: three ticks, then cancel
    {ok, T3} = timer:send_interval(10, Self, tick),
    erlang:display([receive tick -> tick after 5000 -> timeout end || _ <- [1, 2, 3]]),
    erlang:display(timer:cancel(T3)),
    receive after 30 -> ok end,
    Ticks = flush_ticks(0),
    erlang:display(Ticks =< 1),
    %% tc returns {Microseconds, Value}
    {Us, V} = timer:tc(fun() -> lists:sum(lists:seq(1, 100)) end),
    erlang:display({is_integer(Us), V}),
    {_, V2} = timer:tc(lists, reverse, [[1, 2, 3]]),
    erlang:display(V2),
    %% pure helpers
    erlang:display({timer:seconds(2), timer:minutes(1), timer:hours(1), timer:hms(1, 2, 3)}),
    %% bad arguments
    erlang:display(timer:send_after(-5, Self, x)),
    ?p(timer:sleep(-1)),
    ?p(timer:sleep(infinity_is_not_an_atom_here)),
    ok.

notify(Pid, What) -> Pid ! {notified, What}.

flush_ticks(N) -> receive tick -> flush_ticks(N + 1) after 0 -> N end.
