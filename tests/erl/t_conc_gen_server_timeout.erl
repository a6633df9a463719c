-module(t_conc_gen_server_timeout).
-behaviour(gen_server).
-export([main/0]).
-export([init/1, handle_call/3, handle_cast/2, handle_info/2, terminate/2]).
-include("test.hrl").


%% gen_server timeouts and termination: a call that times out exits with
%% {timeout, {gen_server, call, ...}} (caught with catch) and its late reply
%% is dropped; init/handle_call returning a timeout lead to
%% handle_info(timeout, ...); terminate/2 runs when the parent exits with
%% shutdown only if the server traps exits; {stop, ...} from handle_cast.
main() ->
    Self = self(),
    {ok, P} = gen_server:start(?MODULE, {Self, 50, true}, []),
    %% no message for 50 ms after init: handle_info(timeout, _)
    erlang:display(receive {info_timeout, N0} -> {info_timeout, N0} after 5000 -> none end),
    %% a reply with a timeout
    erlang:display(gen_server:call(P, {reply_with_timeout, 20})),
    erlang:display(receive {info_timeout, N1} -> {info_timeout, N1} after 5000 -> none end),
    %% a call that takes too long
    case catch gen_server:call(P, {sleep, 300}, 30) of
        {'EXIT', {timeout, {gen_server, call, [P, Req, T]}}} -> erlang:display({call_timeout, Req, T});
        Other -> erlang:display({unexpected, Other})
    end,
    %% the server is still alive, finishes the slow request; its late
    %% reply is not delivered (the call used an alias, now inactive)
    erlang:display(gen_server:call(P, ping, 5000)),
    erlang:display(process_info(self(), message_queue_len)),
    %% {stop, normal, S} from handle_cast: terminate/2 with normal
    MP = monitor(process, P),
    gen_server:cast(P, {stop_with, normal}),
    erlang:display(receive {terminated, R1} -> R1 after 5000 -> timeout end),
    erlang:display(receive {'DOWN', MP, process, P, W1} -> W1 after 5000 -> timeout end),
    %% parent dies with shutdown: terminate runs only when trapping
    erlang:display(parent_shutdown(Self, true)),
    erlang:display(parent_shutdown(Self, false)),
    %% call to a server that stops while handling it
    {ok, Q} = gen_server:start(?MODULE, {Self, infinity, false}, []),
    erlang:display(catch gen_server:call(Q, stop_now)),
    erlang:display(receive {terminated, R2} -> R2 after 5000 -> timeout end),
    ok.

%% A middle process starts a linked server, then is shut down.
parent_shutdown(Self, Trap) ->
    Mid = spawn(fun() ->
                        {ok, S} = gen_server:start_link(?MODULE, {Self, infinity, Trap}, []),
                        Self ! {server, S},
                        receive after infinity -> ok end
                end),
    S = receive {server, S0} -> S0 after 5000 -> exit(timeout) end,
    M = monitor(process, S),
    exit(Mid, shutdown),
    Down = receive {'DOWN', M, process, S, W} -> W after 5000 -> timeout end,
    Term = receive {terminated, R} -> {terminate_called, R} after 100 -> no_terminate end,
    {Trap, Down, Term}.

init({Parent, Timeout, Trap}) ->
    process_flag(trap_exit, Trap),
    {ok, {Parent, 0}, Timeout}.

handle_call({reply_with_timeout, T}, _From, S) -> {reply, will_time_out, S, T};
handle_call({sleep, T}, _From, S) -> receive after T -> ok end, {reply, slept, S};
handle_call(ping, _From, S) -> {reply, pong, S};
handle_call(stop_now, _From, S) -> {stop, normal, stopping, S}.

handle_cast({stop_with, R}, S) -> {stop, R, S}.

handle_info(timeout, {P, N}) -> P ! {info_timeout, N}, {noreply, {P, N + 1}};
handle_info(_, S) -> {noreply, S}.

terminate(Reason, {P, _}) -> P ! {terminated, Reason}.
