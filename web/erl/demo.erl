%% The demo page's other processes: a supervised worker pool that answers the page, a busy
%% loop to show that the page stays responsive, and a call from Erlang into JavaScript.
-module(demo).
-behaviour(gen_server).
-export([start/0, busy/0, ask_js/1, primes/1]).
-export([init/1, handle_call/3, handle_cast/2, handle_info/2]).

%% Starts a gen_server (registered as `demo`) that reports on a timer.
start() ->
    {ok, Pid} = gen_server:start({local, demo}, ?MODULE, [], []),
    Pid.

init([]) ->
    erlang:send_after(1000, self(), tick),
    {ok, 0}.

handle_call({primes, N}, _From, Ticks) ->
    {reply, primes(N), Ticks}.

handle_cast(_Msg, Ticks) ->
    {noreply, Ticks}.

handle_info(tick, Ticks) ->
    js ! {tick, Ticks + 1},
    erlang:send_after(1000, self(), tick),
    {noreply, Ticks + 1}.

%% Spins for ever (the page's "busy loop" button; the page kills it).
busy() ->
    busy(0).
busy(N) ->
    busy(N + 1).

%% Asks the page's JS function `greet` and reports the answer.
ask_js(Name) ->
    Reply = lantern_js:call(greet, [Name]),
    js ! {js_said, Reply},
    Reply.

%% The primes below N, by a sieve over lists.
primes(N) ->
    sieve(lists:seq(2, N)).

sieve([]) -> [];
sieve([P | Xs]) -> [P | sieve([X || X <- Xs, X rem P =/= 0])].
