-module(t_conc_gen_server_crash).
-behaviour(gen_server).
-export([main/0]).
-export([init/1, handle_call/3, handle_cast/2, terminate/2]).
-include("test.hrl").


%% gen_server failure paths: call to a dead or unregistered server (noproc),
%% a server crashing inside handle_call (the caller exits with the server's
%% reason), init returning {stop, R} or ignore, {stop, R, Reply, S}.
%% erl prints "** Generic server ... terminating" reports on stdout for
%% abnormal server exits; the logger is silenced to keep output stable.
main() ->
    %% (caught: a VM without a running logger prints no reports on stdout)
    _ = (catch logger:set_primary_config(level, none)),
    process_flag(trap_exit, true),
    Self = self(),
    %% init results
    erlang:display(gen_server:start(?MODULE, {Self, {stop, init_refused}}, [])),
    erlang:display(gen_server:start(?MODULE, {Self, ignore}, [])),
    erlang:display(gen_server:start_link(?MODULE, {Self, {stop, linked_refused}}, [])),
    erlang:display(receive {'EXIT', _, R0} -> R0 after 5000 -> timeout end),
    %% calls to nobody
    erlang:display(catch gen_server:call(t_conc_gsc_nobody, hi)),
    {ok, Dead} = gen_server:start(?MODULE, {Self, ok}, []),
    erlang:display(gen_server:stop(Dead)),
    erlang:display(receive {terminate, TR0} -> TR0 after 5000 -> timeout end),
    case catch gen_server:call(Dead, hi) of
        {'EXIT', {noproc, {gen_server, call, [Dead, hi]}}} -> erlang:display(noproc_for_dead_pid);
        Other -> erlang:display({unexpected, Other})
    end,
    %% the server crashes while handling a call
    {ok, S} = gen_server:start(?MODULE, {Self, ok}, []),
    M = monitor(process, S),
    case catch gen_server:call(S, crash) of
        {'EXIT', {{crashed_in_call, 1}, {gen_server, call, [S, crash]}}} -> erlang:display(caller_got_reason);
        Other2 -> erlang:display({unexpected, Other2})
    end,
    erlang:display(receive {terminate, TR} -> TR after 5000 -> timeout end),
    erlang:display(receive {'DOWN', M, process, S, W} -> W after 5000 -> timeout end),
    %% {stop, Reason, Reply, State}: the reply arrives, then the server stops
    {ok, S2} = gen_server:start(?MODULE, {Self, ok}, []),
    M2 = monitor(process, S2),
    erlang:display(gen_server:call(S2, stop_with_reply)),
    erlang:display(receive {terminate, TR2} -> TR2 after 5000 -> timeout end),
    erlang:display(receive {'DOWN', M2, process, S2, W2} -> W2 after 5000 -> timeout end),
    %% a bad return from handle_cast
    {ok, S3} = gen_server:start(?MODULE, {Self, ok}, []),
    M3 = monitor(process, S3),
    gen_server:cast(S3, bad_return),
    erlang:display(receive {terminate, TR3} -> TR3 after 5000 -> timeout end),
    erlang:display(receive {'DOWN', M3, process, S3, W3} -> W3 after 5000 -> timeout end),
    ok.

init({Parent, {stop, R}}) -> _ = Parent, {stop, R};
init({_Parent, ignore}) -> ignore;
init({Parent, ok}) -> {ok, Parent}.

handle_call(crash, _From, _P) -> exit({crashed_in_call, 1});
handle_call(stop_with_reply, _From, P) -> {stop, {shutdown, done}, bye, P};
handle_call(_, _From, P) -> {reply, ok, P}.

handle_cast(bad_return, _P) -> what_is_this.

terminate(Reason, P) when is_pid(P) -> P ! {terminate, Reason};
terminate(_, _) -> ok.
