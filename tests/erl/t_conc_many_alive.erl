-module(t_conc_many_alive).
-export([main/0]).
-include("test.hrl").


%% 10 000 processes alive at once, all waiting in receive; then each is
%% told to stop and reports back.
main() ->
    N = ?id(10000),
    Self = self(),
    Before = length(erlang:processes()),
    Pids = [spawn(fun() -> waiter(Self, I) end) || I <- lists:seq(1, N)],
    %% every one has started and is waiting
    erlang:display(lists:sum([receive {ready, I} -> I after 5000 -> 0 end || _ <- Pids])),
    erlang:display(length(erlang:processes()) - Before >= N),
    erlang:display(lists:all(fun erlang:is_process_alive/1, Pids)),
    %% message queues of the waiters are empty
    erlang:display(lists:usort([element(2, process_info(P, message_queue_len)) || P <- Pids])),
    %% ask each to double a number, in reverse order
    [P ! {double, self()} || P <- lists:reverse(Pids)],
    erlang:display(lists:sum([receive {doubled, D} -> D after 5000 -> 0 end || _ <- Pids])),
    %% still alive, now stop them all and wait for each one's DOWN
    Refs = [monitor(process, P) || P <- Pids],
    [P ! stop || P <- Pids],
    Reasons = [receive {'DOWN', R, process, _, Why} -> Why after 5000 -> timeout end || R <- Refs],
    erlang:display(lists:usort(Reasons)),
    erlang:display(lists:any(fun erlang:is_process_alive/1, Pids)),
    erlang:display(length(erlang:processes()) - Before =< 0),
    erlang:display(process_info(self(), message_queue_len)),
    ok.

waiter(Parent, I) ->
    Parent ! {ready, I},
    waiter_loop(I).

waiter_loop(I) ->
    receive
        {double, From} -> From ! {doubled, 2 * I}, waiter_loop(I);
        stop -> ok
    end.
