-module(t_conc_hibernate).
-export([main/0, wake/2]).
-include("test.hrl").


%% erlang:yield/0 returns true and lets others run; erlang:hibernate/3
%% discards the stack, waits for a message and continues in M:F(A) with
%% the message still in the queue; the process dictionary survives.
main() ->
    Self = self(),
    erlang:display(erlang:yield()),
    %% yielding in a loop while a peer does its work
    Peer = spawn(fun() -> Self ! {peer, lists:sum(lists:seq(1, 100))} end),
    erlang:display(is_pid(Peer)),
    erlang:display(yield_until_msg(0)),
    %% hibernate: the process wakes up in wake/2 and replies
    H = spawn(fun() ->
                      put(kept, dictionary_survives),
                      Self ! hibernating,
                      erlang:hibernate(?MODULE, wake, [Self, 1])
              end),
    erlang:display(receive hibernating -> hibernating after 5000 -> timeout end),
    wait_until_hibernated(H),
    erlang:display(process_info(H, current_function)),
    H ! {double, 21},
    erlang:display(receive {woke, N, R, D} -> {N, R, D} after 5000 -> timeout end),
    %% it hibernated again (wake/2 calls hibernate with N+1)
    wait_until_hibernated(H),
    H ! {double, 50},
    erlang:display(receive {woke, N2, R2, _} -> {N2, R2} after 5000 -> timeout end),
    %% a message already queued wakes it at once
    H2 = spawn(fun() ->
                       receive go -> ok end,
                       erlang:hibernate(?MODULE, wake, [Self, 10])
               end),
    H2 ! go,
    H2 ! {double, 4},
    erlang:display(receive {woke, N3, R3, D3} -> {N3, R3, D3} after 5000 -> timeout end),
    Ms = [monitor(process, X) || X <- [H, H2]],
    [exit(X, kill) || X <- [H, H2]],
    erlang:display([receive {'DOWN', M, _, _, W} -> W after 5000 -> timeout end || M <- Ms]),
    %% both were killed while hibernating
    erlang:display([is_process_alive(X) || X <- [H, H2]]),
    ok.

wake(Parent, N) ->
    receive
        {double, X} ->
            Parent ! {woke, N, 2 * X, get(kept)},
            erlang:hibernate(?MODULE, wake, [Parent, N + 1])
    end.

yield_until_msg(N) ->
    receive {peer, S} -> {got_after_yields, S, N >= 0}
    after 0 -> erlang:yield(), yield_until_msg(N + 1)
    end.

wait_until_hibernated(P) ->
    case process_info(P, current_function) of
        {current_function, {erlang, hibernate, 3}} -> ok;
        _ -> receive after 1 -> wait_until_hibernated(P) end
    end.
