-module(t_proc_basic).
-export([main/0]).
-include("test.hrl").



%% Processes (printed only through deterministic facts): spawn, send,
%% receive with patterns and after, selective receive, links and exit
%% signals, monitors, registered names.
main() ->
    Self = self(),
    P = spawn(fun() -> receive {ping, From} -> From ! pong end end),
    erlang:display(is_pid(P)),
    P ! {ping, Self},
    erlang:display(receive pong -> got_pong after 1000 -> timeout end),
    erlang:display(receive nothing -> yes after 0 -> no_message end),
    Self ! {b, 2}, Self ! {a, 1}, Self ! {c, 3},
    A = receive {a, X} -> X end,
    C = receive {c, Y} -> Y end,
    B = receive {b, Z} -> Z end,
    erlang:display({A, B, C}),
    Workers = [spawn(fun() -> Self ! {done, I, I * I} end) || I <- lists:seq(1, 5)],
    erlang:display(length(Workers)),
    erlang:display(lists:sort([receive {done, I, Sq} -> {I, Sq} end || I <- lists:seq(1, 5)])),
    process_flag(trap_exit, true),
    L = spawn_link(fun() -> exit(crashed) end),
    erlang:display(receive {'EXIT', L, Why} -> {exit_signal, Why} after 2000 -> timeout end),
    {Pm, Ref} = spawn_monitor(fun() -> exit({oops, no_report}) end),
    erlang:display(receive {'DOWN', Ref, process, Pm, {Reason, _}} -> {down, Reason} after 2000 -> timeout end),
    register(t_proc_basic_named, spawn(fun() -> receive {q, F} -> F ! named_reply end end)),
    t_proc_basic_named ! {q, Self},
    erlang:display(receive named_reply -> named_ok after 1000 -> timeout end),
    erlang:display(ring(?id(100))),
    ok.

ring(N) ->
    Self = self(),
    First = lists:foldl(fun(_, Next) -> spawn(fun() -> receive T -> Next ! T + 1 end end) end,
                        Self, lists:seq(1, N)),
    First ! 0,
    receive R -> R after 5000 -> timeout end.
