-module(t_conc_flush).
-export([main/0]).
-include("test.hrl").


%% Flushing the mailbox: draining all messages with `receive _ -> ... after 0`,
%% draining only some, and message_queue_len before and after.
main() ->
    Self = self(),
    erlang:display(qlen()),
    [Self ! I || I <- lists:seq(1, 50)],
    erlang:display(qlen()),
    erlang:display(flush_count(0)),
    erlang:display(qlen()),
    %% flushing only the messages matching a pattern
    [Self ! {I rem 3, I} || I <- lists:seq(1, 12)],
    erlang:display(flush_tag(0, [])),
    erlang:display(qlen()),
    {messages, Rest} = process_info(self(), messages),
    erlang:display(Rest),
    erlang:display(length(flush_all([]))),
    %% flush messages sent by a finished process (monitor guarantees all
    %% its messages are already queued when DOWN arrives)
    {P, Ref} = spawn_monitor(fun() -> [Self ! {junk, I} || I <- lists:seq(1, 200)] end),
    receive {'DOWN', Ref, process, P, normal} -> ok after 5000 -> exit(timeout) end,
    erlang:display(qlen()),
    Junk = flush_all([]),
    erlang:display({length(Junk), hd(Junk), lists:last(Junk)}),
    erlang:display(qlen()),
    %% an empty flush
    erlang:display(flush_all([])),
    ok.

qlen() -> element(2, process_info(self(), message_queue_len)).

flush_count(N) -> receive _ -> flush_count(N + 1) after 0 -> N end.

flush_tag(N, Acc) ->
    receive {0, X} -> flush_tag(N + 1, [X | Acc]) after 0 -> {N, lists:reverse(Acc)} end.

flush_all(Acc) -> receive M -> flush_all([M | Acc]) after 0 -> lists:reverse(Acc) end.
