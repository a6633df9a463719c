-module(t_conc_cancel_timer).
-export([main/0]).
-include("test.hrl").


%% erlang:cancel_timer/1,2 and read_timer/1,2: the remaining time is an
%% integer while the timer is active (printed only as is_integer / bounds),
%% false once it fired or was cancelled; the async/info options.
main() ->
    Self = self(),
    T1 = erlang:send_after(10000, Self, never),
    R1 = erlang:read_timer(T1),
    erlang:display({is_integer(R1), R1 > 0, R1 =< 10000}),
    C1 = erlang:cancel_timer(T1),
    erlang:display({is_integer(C1), C1 =< 10000}),
    erlang:display(erlang:cancel_timer(T1)),
    erlang:display(erlang:read_timer(T1)),
    %% a fired timer: false
    T2 = erlang:send_after(1, Self, fired),
    receive fired -> ok after 5000 -> exit(timeout) end,
    erlang:display(erlang:cancel_timer(T2)),
    erlang:display(erlang:read_timer(T2)),
    %% cancelled timers never deliver
    T3 = erlang:start_timer(20, Self, cancelled),
    erlang:cancel_timer(T3),
    erlang:display(receive {timeout, T3, _} -> delivered after 60 -> not_delivered end),
    %% cancel_timer/2 with [{async, false}, {info, true}] is like /1
    T4 = erlang:send_after(10000, Self, never),
    C4 = erlang:cancel_timer(T4, [{async, false}, {info, true}]),
    erlang:display(is_integer(C4)),
    erlang:display(erlang:cancel_timer(T4, [{async, false}, {info, true}])),
    %% {info, false}: always ok, no answer
    T5 = erlang:send_after(10000, Self, never),
    erlang:display(erlang:cancel_timer(T5, [{info, false}])),
    erlang:display(erlang:read_timer(T5)),
    %% {async, true}: ok now, the answer comes as a message
    T6 = erlang:send_after(10000, Self, never),
    erlang:display(erlang:cancel_timer(T6, [{async, true}, {info, true}])),
    erlang:display(receive {cancel_timer, T6, V6} -> is_integer(V6) after 5000 -> timeout end),
    erlang:display(erlang:cancel_timer(T6, [{async, true}])),
    erlang:display(receive {cancel_timer, T6, V6b} -> V6b after 5000 -> timeout end),
    %% read_timer/2 async
    T7 = erlang:start_timer(10000, Self, never),
    erlang:display(erlang:read_timer(T7, [{async, true}])),
    erlang:display(receive {read_timer, T7, V7} -> is_integer(V7) after 5000 -> timeout end),
    erlang:cancel_timer(T7),
    erlang:display(erlang:read_timer(T7, [{async, false}])),
    %% unknown refs
    erlang:display(erlang:cancel_timer(make_ref())),
    erlang:display(erlang:read_timer(make_ref())),
    ?p(erlang:cancel_timer(not_a_ref)),
    ?p(erlang:read_timer(42)),
    ?p(erlang:cancel_timer(make_ref(), [bogus])),
    %% remaining time decreases
    T8 = erlang:send_after(5000, Self, never),
    A = erlang:read_timer(T8),
    receive after 30 -> ok end,
    B = erlang:read_timer(T8),
    erlang:display(B < A),
    erlang:cancel_timer(T8),
    erlang:display(element(2, process_info(self(), message_queue_len))),
    ok.
