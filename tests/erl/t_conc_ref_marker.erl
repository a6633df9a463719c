-module(t_conc_ref_marker).
-export([main/0]).
-include("test.hrl").


%% The receive-marker pattern: Ref = make_ref(), send a request carrying
%% Ref, then `receive {Ref, R} -> R end` while the mailbox already holds many
%% other messages. The reply must be found, and the other messages must
%% stay queued in order (the VM may skip them via the marker optimisation).
main() ->
    Self = self(),
    Server = spawn(fun() -> server() end),
    %% a large backlog of unrelated messages
    [Self ! {noise, I} || I <- lists:seq(1, 20000)],
    erlang:display(qlen()),
    Results = [call(Server, {square, I}) || I <- lists:seq(1, 200)],
    erlang:display(lists:sum(Results)),
    erlang:display(qlen()),
    %% the backlog is intact and in order
    {messages, Ms} = process_info(self(), messages),
    erlang:display(Ms =:= [{noise, I} || I <- lists:seq(1, 20000)]),
    %% replies carrying an old ref are not matched by a new call
    Old = make_ref(),
    Self ! {Old, stale},
    erlang:display(call(Server, {square, 12})),
    erlang:display(receive {Old, What} -> What after 0 -> none end),
    %% a monitor ref used as the marker: reply or DOWN, whichever comes
    Mref = monitor(process, Server),
    Server ! {Mref, self(), {square, 5}},
    erlang:display(receive {Mref, R} -> R; {'DOWN', Mref, _, _, Why} -> {down, Why} after 5000 -> timeout end),
    demonitor(Mref, [flush]),
    %% the server stops; a call with a monitor sees DOWN instead of a reply
    Mref2 = monitor(process, Server),
    Server ! stop,
    Server ! {Mref2, self(), {square, 6}},
    erlang:display(receive {Mref2, R2} -> R2; {'DOWN', Mref2, _, _, Why2} -> {down, Why2} after 5000 -> timeout end),
    %% refs are unique
    Refs = [make_ref() || _ <- lists:seq(1, 1000)],
    erlang:display(length(lists:usort(Refs))),
    erlang:display(qlen()),
    ok.

call(Server, Req) ->
    Ref = make_ref(),
    Server ! {Ref, self(), Req},
    receive {Ref, Reply} -> Reply after 5000 -> timeout end.

server() ->
    receive
        {Ref, From, {square, X}} -> From ! {Ref, X * X}, server();
        stop -> ok
    end.

qlen() -> element(2, process_info(self(), message_queue_len)).
