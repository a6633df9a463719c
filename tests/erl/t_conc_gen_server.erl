-module(t_conc_gen_server).
-behaviour(gen_server).
-export([main/0]).
-export([init/1, handle_call/3, handle_cast/2, handle_info/2, terminate/2]).
-include("test.hrl").


%% A counter gen_server from the unmodified OTP stdlib: start_link with a
%% local name, call, cast, plain messages to handle_info, sys:get_state,
%% {error, {already_started, _}}, gen_server:stop running terminate/2.
main() ->
    Self = self(),
    {ok, Pid} = gen_server:start_link({local, t_conc_gs_counter}, ?MODULE, {Self, 10}, []),
    erlang:display(whereis(t_conc_gs_counter) =:= Pid),
    erlang:display(gen_server:call(t_conc_gs_counter, get)),
    erlang:display(gen_server:call(t_conc_gs_counter, {add, 5})),
    erlang:display(gen_server:cast(t_conc_gs_counter, {add, 100})),
    erlang:display(gen_server:call(Pid, get)),
    %% plain messages go to handle_info
    Pid ! {add, 1000},
    t_conc_gs_counter ! bump,
    erlang:display(gen_server:call(Pid, get)),
    %% sys:get_state and sys:replace_state
    erlang:display(sys:get_state(t_conc_gs_counter) =:= {Self, 1116}),
    erlang:display(sys:replace_state(Pid, fun({P, N}) -> {P, N * 2} end) =:= {Self, 2232}),
    erlang:display(gen_server:call(Pid, get)),
    %% many calls from many clients
    Clients = [spawn(fun() -> Self ! {client, gen_server:call(t_conc_gs_counter, {add, 1})} end)
               || _ <- lists:seq(1, 50)],
    Replies = [receive {client, R} -> R after 5000 -> timeout end || _ <- Clients],
    erlang:display({length(lists:usort(Replies)), lists:max(Replies)}),
    %% a second server with the same name
    erlang:display(case gen_server:start({local, t_conc_gs_counter}, ?MODULE, {Self, 0}, []) of
                       {error, {already_started, P2}} -> {already_started, P2 =:= Pid};
                       Other -> Other
                   end),
    %% unknown call: the server replies with an error term
    erlang:display(gen_server:call(Pid, unknown)),
    %% gen_server:reply from a helper process
    erlang:display(gen_server:call(Pid, {deferred, 7})),
    %% stop: terminate/2 runs with reason normal; the name goes away
    erlang:display(gen_server:stop(t_conc_gs_counter)),
    erlang:display(receive {terminated, Why, St} -> {Why, St} after 5000 -> timeout end),
    erlang:display(whereis(t_conc_gs_counter)),
    erlang:display(catch gen_server:call(t_conc_gs_counter, get)),
    ok.

init({Parent, N}) ->
    process_flag(trap_exit, true),
    {ok, {Parent, N}}.

handle_call(get, _From, {_, N} = S) -> {reply, N, S};
handle_call({add, K}, _From, {P, N}) -> {reply, N + K, {P, N + K}};
handle_call({deferred, X}, From, S) ->
    spawn(fun() -> gen_server:reply(From, {deferred_reply, X}) end),
    {noreply, S};
handle_call(_Other, _From, S) -> {reply, {error, unknown_call}, S}.

handle_cast({add, K}, {P, N}) -> {noreply, {P, N + K}}.

handle_info({add, K}, {P, N}) -> {noreply, {P, N + K}};
handle_info(bump, {P, N}) -> {noreply, {P, N + 1}};
handle_info(_, S) -> {noreply, S}.

terminate(Reason, {P, N}) ->
    P ! {terminated, Reason, N}.
