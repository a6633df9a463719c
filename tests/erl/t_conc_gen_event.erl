-module(t_conc_gen_event).
-behaviour(gen_event).
-export([main/0]).
-export([init/1, handle_event/2, handle_call/2, handle_info/2, terminate/2]).
-include("test.hrl").


%% gen_event: a manager with two instances of one handler (distinguished
%% by {Module, Id}), add_handler, notify, sync_notify, call, which_handlers,
%% delete_handler (running terminate/2), and stop.
main() ->
    Self = self(),
    {ok, M} = gen_event:start(),
    erlang:display(gen_event:which_handlers(M)),
    erlang:display(gen_event:add_handler(M, {?MODULE, a}, {Self, a})),
    erlang:display(gen_event:add_handler(M, {?MODULE, b}, {Self, b})),
    erlang:display(lists:sort(gen_event:which_handlers(M))),
    erlang:display(gen_event:notify(M, {add, 5})),
    erlang:display(gen_event:sync_notify(M, {add, 10})),
    %% each handler saw both events; reports come from the manager process,
    %% in handler order per event, so sort within each event
    erlang:display(lists:sort([receive {seen, Id, E} -> {Id, E} after 5000 -> timeout end
                               || _ <- [1, 2, 3, 4]])),
    erlang:display(gen_event:call(M, {?MODULE, a}, total)),
    erlang:display(gen_event:call(M, {?MODULE, b}, total)),
    erlang:display(gen_event:call(M, {?MODULE, zzz}, total)),
    %% a handler can remove itself from handle_event
    gen_event:sync_notify(M, {remove_if, b}),
    _ = flush_seen(),
    erlang:display(lists:sort(gen_event:which_handlers(M))),
    erlang:display(receive {terminated, b, R1} -> R1 after 5000 -> timeout end),
    %% plain messages go to handle_info of every handler
    M ! {info, hello},
    erlang:display(gen_event:call(M, {?MODULE, a}, last_info)),
    %% delete_handler returns terminate/2's result
    erlang:display(gen_event:delete_handler(M, {?MODULE, a}, bye)),
    erlang:display(receive {terminated, a, R2} -> R2 after 5000 -> timeout end),
    erlang:display(gen_event:delete_handler(M, {?MODULE, a}, bye)),
    erlang:display(gen_event:which_handlers(M)),
    erlang:display(gen_event:stop(M)),
    erlang:display(is_process_alive(M)),
    ok.

flush_seen() -> receive {seen, _, _} -> flush_seen() after 0 -> ok end.

init({Parent, Id}) -> {ok, #{parent => Parent, id => Id, total => 0, info => none}}.

handle_event({remove_if, Id}, #{id := Id}) -> remove_handler;
handle_event({add, N} = E, #{parent := P, id := Id, total := T} = S) ->
    P ! {seen, Id, E},
    {ok, S#{total := T + N}};
handle_event(_, S) -> {ok, S}.

handle_call(total, #{total := T} = S) -> {ok, {total, T}, S};
handle_call(last_info, #{info := I} = S) -> {ok, I, S}.

handle_info(Msg, S) -> {ok, S#{info := Msg}}.

terminate(Arg, #{parent := P, id := Id}) ->
    P ! {terminated, Id, Arg},
    {terminated_with, Arg}.
