-module(t_conc_order).
-export([main/0]).
-include("test.hrl").


%% Signal ordering between one pair of processes is guaranteed: 1000
%% messages from one sender arrive in the order sent. Between different
%% senders only the per-sender order is guaranteed (checked per sender).
main() ->
    Self = self(),
    N = ?id(1000),
    spawn(fun() -> [Self ! {seq, I} || I <- lists:seq(1, N)] end),
    Got = [receive {seq, X} -> X after 5000 -> timeout end || _ <- lists:seq(1, N)],
    erlang:display(Got =:= lists:seq(1, N)),
    erlang:display({hd(Got), lists:last(Got), length(Got)}),
    %% three senders interleave; each sender's messages stay in order
    Senders = [spawn(fun() -> [Self ! {s, K, I} || I <- lists:seq(1, 300)] end) || K <- [a, b, c]],
    erlang:display(length(Senders)),
    All = [receive {s, K, I} -> {K, I} after 5000 -> timeout end || _ <- lists:seq(1, 900)],
    PerSender = [[I || {K2, I} <- All, K2 =:= K] || K <- [a, b, c]],
    erlang:display([L =:= lists:seq(1, 300) || L <- PerSender]),
    %% messages to self are queued in order, also with mixed types
    Items = [1, atom, "str", <<"bin">>, {t}, [l], 2.5, #{k => v}],
    [Self ! M || M <- Items],
    erlang:display([receive M -> M after 0 -> none end || _ <- Items] =:= Items),
    %% a message sent before a link-triggered exit signal arrives before it
    process_flag(trap_exit, true),
    P = spawn_link(fun() -> Self ! last_words, exit(bye) end),
    erlang:display(receive First -> First after 5000 -> timeout end),
    erlang:display(receive {'EXIT', P, Why} -> Why after 5000 -> timeout end),
    %% and a message sent before exiting arrives before the DOWN message
    {Q, Ref} = spawn_monitor(fun() -> Self ! {msg, 1}, Self ! {msg, 2} end),
    erlang:display([receive Any -> element(1, Any) after 5000 -> timeout end || _ <- [1, 2, 3]]),
    erlang:display(is_pid(Q) andalso is_reference(Ref)),
    ok.
