-module(t_conc_timer_order).
-export([main/0]).
-include("test.hrl").


%% Timers fire in deadline order, whatever order they were started in;
%% equal-deadline timers from one process keep their start order; a timer
%% to a dead process is harmless; receive-after timeouts of sleeping
%% processes expire in order.
main() ->
    Self = self(),
    [erlang:send_after(D, Self, {t, D}) || D <- [120, 20, 70]],
    erlang:display([receive {t, D} -> D after 5000 -> timeout end || _ <- [1, 2, 3]]),
    [erlang:start_timer(D, Self, D) || D <- [90, 10, 50, 30]],
    erlang:display([receive {timeout, _, D} -> D after 5000 -> timeout end || _ <- [1, 2, 3, 4]]),
    %% the same delay started in sequence: the later deadline is never earlier
    [erlang:send_after(40, Self, {same, I}) || I <- lists:seq(1, 5)],
    erlang:display([receive {same, I} -> I after 5000 -> timeout end || _ <- [1, 2, 3, 4, 5]]),
    %% a timer whose target has died: nothing happens
    Dead = spawn(fun() -> ok end),
    MR = monitor(process, Dead),
    receive {'DOWN', MR, _, _, _} -> ok after 5000 -> exit(timeout) end,
    TD = erlang:send_after(10, Dead, ghost),
    erlang:display(is_reference(TD)),
    receive after 30 -> ok end,
    erlang:display(erlang:read_timer(TD)),
    %% a timer whose target dies before it fires is cancelled with it
    Victim = spawn(fun() -> receive after infinity -> ok end end),
    TV = erlang:send_after(5000, Victim, too_late),
    erlang:display(is_integer(erlang:read_timer(TV))),
    VR = monitor(process, Victim),
    exit(Victim, kill),
    receive {'DOWN', VR, _, _, _} -> ok after 5000 -> exit(timeout) end,
    erlang:display(erlang:read_timer(TV)),
    %% sleepers with different timeouts report in timeout order
    [spawn(fun() -> receive after D -> Self ! {slept, D} end end) || D <- [100, 5, 55]],
    erlang:display([receive {slept, D} -> D after 5000 -> timeout end || _ <- [1, 2, 3]]),
    %% a timer message and an after clause: the shorter one wins
    erlang:send_after(10, Self, timer_first),
    erlang:display(receive timer_first -> timer_first after 500 -> after_first end),
    erlang:send_after(500, Self, late),
    erlang:display(receive late -> timer_first after 10 -> after_first end),
    erlang:display(receive late -> late_arrived after 5000 -> timeout end),
    ok.
