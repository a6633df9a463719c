-module(t_conc_ring).
-export([main/0]).
-include("test.hrl").


%% A ring of 1000 processes (999 spawned plus the main process) passes a
%% token around 10 laps; every hop increments the counter. Each node counts
%% the hops it saw and adds its count to a stop message that tears the
%% ring down.
main() ->
    N = ?id(1000),
    Laps = ?id(10),
    Self = self(),
    First = lists:foldl(fun(_, Next) -> spawn(fun() -> node(Next, 0) end) end,
                        Self, lists:seq(1, N - 1)),
    erlang:display(is_pid(First)),
    {Final, Seen} = laps(First, 0, 0, Laps),
    erlang:display(Final),
    erlang:display(Final =:= N * Laps),
    erlang:display(Seen),
    First ! {stop, Seen},
    erlang:display(receive {stop, Total} -> Total after 20000 -> timeout end),
    erlang:display(process_info(self(), message_queue_len)),
    ok.

laps(_First, Count, Seen, 0) ->
    {Count, Seen};
laps(First, Count, Seen, LapsLeft) ->
    First ! {token, Count + 1},
    receive
        {token, C} -> laps(First, C, Seen + 1, LapsLeft - 1)
    after 20000 -> {timeout, Seen}
    end.

node(Next, Seen) ->
    receive
        {token, C} ->
            Next ! {token, C + 1},
            node(Next, Seen + 1);
        {stop, Sum} ->
            Next ! {stop, Sum + Seen}
    end.
