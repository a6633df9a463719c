-module(t_conc_fairness).
-export([main/0]).
-include("test.hrl").


%% Preemptive scheduling: processes in endless busy loops (no receive) must
%% not starve others. Timers still fire, sleepers wake, and message
%% round trips complete while spinners run (on erl also with +S 1). Nothing
%% printed depends on how far the spinners got.
main() ->
    Self = self(),
    %% 1. three pure spinners that never receive
    Spinners = [spawn(fun() -> spin(I) end) || I <- lists:seq(1, 3)],
    Refs = [monitor(process, S) || S <- Spinners],
    spawn(fun() -> receive after 50 -> Self ! woke end end),
    erlang:display(receive woke -> sleeper_woke after 10000 -> starved end),
    %% 2. a spinner that polls its mailbox between chunks of work is stopped
    %%    by a process that woke from a timer
    Poller = spawn(fun() -> poll_spin(Self, 0) end),
    spawn(fun() -> receive after 30 -> Poller ! stop end end),
    erlang:display(receive {poller_stopped, N} -> {stopped, N > 0} after 10000 -> starved end),
    %% 3. ping-pong round trips complete while the spinners still run
    Echo = spawn(fun() -> echo() end),
    erlang:display(pingpong(Echo, 200, 0)),
    %% 4. a timer message to the main process arrives while spinners run
    erlang:send_after(20, Self, tick),
    erlang:display(receive tick -> tick after 10000 -> starved end),
    %% 5. the spinners are still alive (they never stop by themselves)
    erlang:display([is_process_alive(S) || S <- Spinners]),
    [exit(S, kill) || S <- Spinners],
    erlang:display([receive {'DOWN', R, process, _, W} -> W after 10000 -> timeout end || R <- Refs]),
    Echo ! stop,
    ok.

spin(I) -> spin((I * 7 + 1) rem 1000003).

poll_spin(Parent, N) ->
    _ = work(1000, 0),
    receive stop -> Parent ! {poller_stopped, N + 1}
    after 0 -> poll_spin(Parent, N + 1)
    end.

work(0, Acc) -> Acc;
work(K, Acc) -> work(K - 1, (Acc * 31 + K) rem 65521).

echo() ->
    receive
        {ping, From, I} -> From ! {pong, I}, echo();
        stop -> ok
    end.

pingpong(_Echo, 0, Acc) -> Acc;
pingpong(Echo, K, Acc) ->
    Echo ! {ping, self(), K},
    receive {pong, K} -> pingpong(Echo, K - 1, Acc + 1) after 10000 -> {starved, Acc} end.
