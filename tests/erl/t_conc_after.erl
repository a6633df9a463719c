-module(t_conc_after).
-export([main/0]).
-include("test.hrl").


%% receive ... after: after 0 polls, after N waits, after infinity blocks,
%% a plain `receive after N` sleeps; the timeout expression is evaluated.
main() ->
    Self = self(),
    erlang:display(receive x -> got after 0 -> empty end),
    Self ! x,
    erlang:display(receive x -> got after 0 -> empty end),
    %% after N with nothing arriving
    erlang:display(receive y -> got after 20 -> timed_out end),
    %% a message that arrives before the timeout wins
    spawn(fun() -> Self ! late_enough end),
    erlang:display(receive late_enough -> arrived after 5000 -> timed_out end),
    %% a non-matching message does not cancel the timeout and stays queued
    Self ! other,
    erlang:display(receive wanted -> got after 30 -> timed_out end),
    erlang:display(receive other -> still_there after 0 -> gone end),
    %% timeout computed at run time
    T = ?id(10),
    erlang:display(receive nothing -> got after T * 2 -> computed end),
    %% after infinity, woken by a message from a sleeper
    spawn(fun() -> receive after 30 -> Self ! wake end end),
    erlang:display(receive wake -> woken after infinity -> never end),
    %% a receive with only an after clause is a sleep
    erlang:display(receive after 15 -> slept end),
    %% the order in which sleeping processes wake follows their timeouts
    [spawn(fun() -> receive after D -> Self ! {woke, D} end end) || D <- [300, 10, 150]],
    erlang:display([receive {woke, D} -> D after 5000 -> timeout end || _ <- [1, 2, 3]]),
    %% a bad timeout value raises timeout_value
    ?p(receive after ?id(-1) -> ok end),
    ?p(receive after ?id(foo) -> ok end),
    ?p(receive after ?id(1.5) -> ok end),
    %% after 0 does not see a message sent later by another process
    Q = spawn(fun() -> receive go -> Self ! from_q end end),
    erlang:display(receive from_q -> early after 0 -> not_yet end),
    Q ! go,
    erlang:display(receive from_q -> now after 5000 -> timeout end),
    ok.
