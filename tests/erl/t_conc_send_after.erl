-module(t_conc_send_after).
-export([main/0]).
-include("test.hrl").


%% erlang:send_after/3 delivers Msg itself; erlang:start_timer/3 delivers
%% {timeout, TRef, Msg}; both return a reference; the destination may be a
%% pid or a registered name (resolved when the timer fires).
main() ->
    Self = self(),
    T1 = erlang:send_after(10, Self, plain),
    erlang:display(is_reference(T1)),
    erlang:display(receive plain -> plain after 5000 -> timeout end),
    T2 = erlang:start_timer(10, Self, wrapped),
    erlang:display(receive {timeout, T2, Msg} -> {timeout_msg, Msg} after 5000 -> timeout end),
    %% time 0: fires at once (still as a message)
    erlang:send_after(0, Self, zero),
    erlang:display(receive zero -> zero after 5000 -> timeout end),
    %% to another process
    P = spawn(fun() -> receive {timeout, _, M} -> Self ! {relayed, M} end end),
    erlang:start_timer(5, P, for_p),
    erlang:display(receive {relayed, M2} -> M2 after 5000 -> timeout end),
    %% to a registered name, registered after the timer was started
    erlang:send_after(100, t_conc_sa_name, by_name),
    register(t_conc_sa_name, spawn(fun() -> receive X -> Self ! {named_got, X} end end)),
    erlang:display(receive {named_got, X} -> X after 5000 -> timeout end),
    %% to a name nobody has: no error, the message just vanishes
    erlang:display(is_reference(erlang:send_after(5, t_conc_sa_nobody, lost))),
    %% any term as message; timer refs are unique
    Refs = [erlang:send_after(1, Self, {n, I}) || I <- lists:seq(1, 50)],
    erlang:display(length(lists:usort(Refs))),
    erlang:display(lists:sort([receive {n, I} -> I after 5000 -> timeout end || _ <- Refs]) =:= lists:seq(1, 50)),
    %% start_timer ref in the message is the returned ref
    T3 = erlang:start_timer(1, Self, {complex, [1, 2], <<"b">>}),
    erlang:display(receive {timeout, R3, M3} -> {R3 =:= T3, M3} after 5000 -> timeout end),
    %% bad arguments
    ?p(erlang:send_after(-1, Self, x)),
    ?p(erlang:send_after(a, Self, x)),
    ?p(erlang:send_after(10, 42, x)),
    ?p(erlang:start_timer(-5, Self, x)),
    ?p(erlang:start_timer(10, "pid", x)),
    receive after 20 -> ok end,
    erlang:display(element(2, process_info(self(), message_queue_len))),
    ok.
