-module(t_conc_many_short).
-export([main/0]).
-include("test.hrl").


%% 100 000 short-lived processes, each replying once and exiting. Spawned
%% in batches of 1000 so that at most one batch is alive at a time; the
%% replies are summed (order-independent).
main() ->
    Total = ?id(100000),
    Batch = ?id(1000),
    Before = length(erlang:processes()),
    {Count, Sum} = batches(Total div Batch, Batch, 0, 0, 0),
    erlang:display(Count),
    erlang:display(Sum),
    erlang:display(Sum =:= Total * (Total + 1) div 2),
    %% all of them are gone again (each exited after replying; wait for the
    %% last batch with monitors)
    erlang:display(length(erlang:processes()) - Before =< 0),
    %% spawning with a closure over a large term: each child gets a copy
    Big = lists:seq(1, 100),
    Self = self(),
    [spawn(fun() -> Self ! {len, length(Big) + I} end) || I <- lists:seq(1, 1000)],
    erlang:display(lists:sum([receive {len, L} -> L after 5000 -> 0 end || _ <- lists:seq(1, 1000)])),
    erlang:display(process_info(self(), message_queue_len)),
    ok.

batches(0, _Batch, _Base, Count, Sum) ->
    {Count, Sum};
batches(K, Batch, Base, Count, Sum) ->
    Self = self(),
    Ms = [spawn_monitor(fun() -> Self ! {r, Base + I} end) || I <- lists:seq(1, Batch)],
    S = collect(Batch, 0),
    [receive {'DOWN', R, process, P, normal} -> ok after 5000 -> exit(timeout) end || {P, R} <- Ms],
    batches(K - 1, Batch, Base + Batch, Count + Batch, Sum + S).

collect(0, Acc) -> Acc;
collect(N, Acc) ->
    receive {r, V} -> collect(N - 1, Acc + V) after 5000 -> exit(timeout) end.
