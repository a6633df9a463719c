-module(t_conc_selective).
-export([main/0]).
-include("test.hrl").


%% Selective receive: a receive takes the first message that matches any
%% clause (scanning the queue in order), leaving the others in place.
main() ->
    Self = self(),
    [Self ! M || M <- [{a, 1}, {b, 2}, {c, 3}, {a, 4}, {b, 5}, {c, 6}]],
    erlang:display(receive {b, X} -> X end),
    erlang:display(receive {c, X2} -> X2 end),
    erlang:display(msgs()),
    %% the first matching message wins, not the first clause
    erlang:display(receive {a, A} -> {first_clause, A}; {b, B} -> {second_clause, B} end),
    erlang:display(receive {c, C} -> {c, C}; {a, A2} -> {a, A2} end),
    erlang:display(msgs()),
    %% messages that match nothing stay queued across receives
    erlang:display(receive {z, _} -> z after 0 -> no_z end),
    erlang:display(element(2, process_info(self(), message_queue_len))),
    %% drain in priority order: all 'urgent' first, then the rest in order
    [Self ! M || M <- [{normal, 1}, {urgent, 2}, {normal, 3}, {urgent, 4}]],
    erlang:display(drain_urgent([])),
    erlang:display(drain_all([])),
    %% messages from another process, matched out of order
    P = spawn(fun() -> Self ! {one, self()}, Self ! {two, self()}, Self ! {three, self()} end),
    R3 = receive {three, P} -> 3 after 5000 -> timeout end,
    R1 = receive {one, P} -> 1 after 5000 -> timeout end,
    R2 = receive {two, P} -> 2 after 5000 -> timeout end,
    erlang:display([R3, R1, R2]),
    %% a receive with a bound variable in the pattern
    [Self ! {key, K, K * 10} || K <- [1, 2, 3]],
    Want = ?id(2),
    erlang:display(receive {key, Want, V} -> V end),
    erlang:display(drain_all([])),
    ok.

msgs() ->
    {messages, Ms} = process_info(self(), messages),
    Ms.

drain_urgent(Acc) ->
    receive {urgent, X} -> drain_urgent([X | Acc]) after 0 -> lists:reverse(Acc) end.

drain_all(Acc) ->
    receive M -> drain_all([M | Acc]) after 0 -> lists:reverse(Acc) end.
