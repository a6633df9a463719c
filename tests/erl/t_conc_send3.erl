-module(t_conc_send3).
-export([main/0]).
-include("test.hrl").


%% erlang:send/2,3 and send_nosuspend/2,3: return values with the
%% noconnect and nosuspend options for local destinations (pid, name,
%% {Name, node()}), and for a remote node while not distributed.
main() ->
    Self = self(),
    erlang:display(erlang:send(Self, m1)),
    erlang:display(erlang:send(Self, m2, [])),
    erlang:display(erlang:send(Self, m3, [noconnect])),
    erlang:display(erlang:send(Self, m4, [nosuspend])),
    erlang:display(erlang:send(Self, m5, [noconnect, nosuspend])),
    erlang:display(flush([])),
    %% to another process and to a registered name
    P = spawn(fun() -> echo() end),
    register(t_conc_send3_echo, P),
    erlang:display(erlang:send(P, {echo, Self, a}, [noconnect])),
    erlang:display(erlang:send(t_conc_send3_echo, {echo, Self, b}, [nosuspend])),
    erlang:display(erlang:send({t_conc_send3_echo, node()}, {echo, Self, c}, [noconnect])),
    erlang:display([receive {echoed, X} -> X after 5000 -> timeout end || _ <- [1, 2, 3]]),
    %% send_nosuspend returns true for local destinations
    erlang:display(erlang:send_nosuspend(P, {echo, Self, d})),
    erlang:display(erlang:send_nosuspend(P, {echo, Self, e}, [noconnect])),
    erlang:display([receive {echoed, X} -> X after 5000 -> timeout end || _ <- [1, 2]]),
    %% unregistered names: badarg, also with options
    ?p(erlang:send(t_conc_send3_nobody, x, [noconnect])),
    ?p(erlang:send(t_conc_send3_nobody, x, [nosuspend])),
    %% {Name, node()} for an unregistered local name: silently dropped
    ?p(erlang:send({t_conc_send3_nobody, node()}, x, [noconnect])),
    %% a remote node when this node is not distributed: noconnect is
    %% reported only with the noconnect option, otherwise the message is
    %% dropped and ok returned
    erlang:display(node()),
    ?p(erlang:send({someone, 'other@nohost'}, x, [noconnect])),
    ?p(erlang:send({someone, 'other@nohost'}, x, [])),
    %% bad options
    ?p(erlang:send(Self, x, [bogus])),
    ?p(erlang:send(Self, x, not_a_list)),
    ?p(erlang:send(42, x, [])),
    erlang:display(flush([])),
    %% the message value is the result of `!`
    erlang:display(element(3, P ! {echo, Self, f})),
    erlang:display(receive {echoed, F} -> F after 5000 -> timeout end),
    P ! stop,
    ok.

flush(Acc) -> receive M -> flush([M | Acc]) after 0 -> lists:reverse(Acc) end.

echo() ->
    receive
        {echo, From, X} -> From ! {echoed, X}, echo();
        stop -> ok
    end.
