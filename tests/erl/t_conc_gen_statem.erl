-module(t_conc_gen_statem).
-behaviour(gen_statem).
-export([main/0]).
-export([init/1, callback_mode/0, locked/3, open/3, terminate/3]).
-include("test.hrl").


%% gen_statem with callback_mode state_functions: a code lock. Calls with
%% replies, casts, state changes, postponed events, a state timeout,
%% sys:get_state, and stop running terminate/3.
main() ->
    Self = self(),
    {ok, P} = gen_statem:start(?MODULE, {Self, [1, 2, 3]}, []),
    erlang:display(gen_statem:call(P, state)),
    gen_statem:cast(P, {button, 1}),
    gen_statem:cast(P, {button, 2}),
    erlang:display(gen_statem:call(P, state)),
    gen_statem:cast(P, {button, 9}),
    erlang:display(gen_statem:call(P, entered)),
    %% correct code: open, then the state timeout (150 ms) locks it again
    [gen_statem:cast(P, {button, B}) || B <- [1, 2, 3]],
    erlang:display(gen_statem:call(P, state)),
    erlang:display(receive {lock_event, E1} -> E1 after 5000 -> timeout end),
    erlang:display(gen_statem:call(P, state)),
    %% a call made while open and postponed: 'code_length' is only answered
    %% in state locked, so it waits until the lock closes
    [gen_statem:cast(P, {button, B}) || B <- [1, 2, 3]],
    erlang:display(gen_statem:call(P, state)),
    erlang:display(gen_statem:call(P, code_length)),
    erlang:display(receive {lock_event, E2} -> E2 after 5000 -> timeout end),
    %% sys:get_state gives {StateName, Data}
    {StateName, Data} = sys:get_state(P),
    erlang:display({StateName, maps:get(buttons, Data)}),
    %% an unknown event in state locked: kept, state unchanged
    erlang:display(gen_statem:call(P, {unknown, 1})),
    %% stop runs terminate/3 with the current state
    M = monitor(process, P),
    erlang:display(gen_statem:stop(P)),
    erlang:display(receive {terminate, R, S} -> {R, S} after 5000 -> timeout end),
    erlang:display(receive {'DOWN', M, process, P, W} -> W after 5000 -> timeout end),
    ok.

callback_mode() -> state_functions.

init({Parent, Code}) ->
    {ok, locked, #{parent => Parent, code => Code, buttons => [], entered => 0}}.

locked(cast, {button, B}, #{code := Code, buttons := Bs} = D) ->
    case Bs ++ [B] of
        Code ->
            {next_state, open, D#{buttons := []}, [{state_timeout, 150, lock}]};
        New when length(New) < length(Code) ->
            {keep_state, D#{buttons := New}};
        _Wrong ->
            {keep_state, D#{buttons := [], entered := maps:get(entered, D) + 1}}
    end;
locked({call, From}, state, D) ->
    {keep_state_and_data, [{reply, From, {locked, maps:get(buttons, D)}}]};
locked({call, From}, entered, D) ->
    {keep_state_and_data, [{reply, From, {wrong_codes, maps:get(entered, D)}}]};
locked({call, From}, code_length, #{code := Code}) ->
    {keep_state_and_data, [{reply, From, {code_length, length(Code)}}]};
locked({call, From}, Other, _D) ->
    {keep_state_and_data, [{reply, From, {ignored, Other}}]}.

open(state_timeout, lock, #{parent := P} = D) ->
    P ! {lock_event, relocked_by_state_timeout},
    {next_state, locked, D};
open(cast, {button, _}, _D) ->
    keep_state_and_data;
open({call, From}, state, _D) ->
    {keep_state_and_data, [{reply, From, open}]};
open({call, _From}, _Other, _D) ->
    {keep_state_and_data, [postpone]}.

terminate(Reason, State, #{parent := P}) ->
    P ! {terminate, Reason, State}.
