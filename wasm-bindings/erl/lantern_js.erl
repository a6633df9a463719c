%% Erlang's side of the page: what Erlang code running in the browser (or in Node) calls to
%% reach JavaScript. Built into the wasm bindings, which provide it as module `lantern_js`.
%%
%% The page's end is the registered name `js`, which the embedder claims: a message sent to it
%% goes to the functions given to `vm.onMessage`. Calls to JS functions registered with
%% `vm.register(Name, Fun)` travel the same way, tagged, with an alias for the reply, so the
%% caller waits in an ordinary receive while the JS function (possibly async) runs; other
%% processes go on meanwhile.
-module(lantern_js).
-export([send/1, call/2, call/3]).

%% Sends Msg to the page (`vm.onMessage` callbacks get it with the sender's pid).
-spec send(term()) -> ok.
send(Msg) ->
    js ! Msg,
    ok.

%% Calls the JS function registered as Name with Args (a list of terms, converted by the
%% documented table) and returns its result as a term; a returned Promise is awaited. A JS
%% exception or rejection raises error({js_error, Message}); an unknown name raises
%% error({undef_js, Name}).
-spec call(atom() | binary(), list()) -> term().
call(Name, Args) ->
    call(Name, Args, infinity).

-spec call(atom() | binary(), list(), timeout()) -> term().
call(Name, Args, Timeout) when is_list(Args) ->
    Alias = erlang:alias([reply]),
    js ! {'$lantern_js_call', Alias, Name, Args},
    receive
        {Alias, ok, Value} ->
            Value;
        {Alias, error, Reason} ->
            erlang:error(Reason, [Name, Args, Timeout])
    after Timeout ->
        erlang:unalias(Alias),
        receive
            {Alias, _, _} -> ok
        after 0 -> ok
        end,
        erlang:error(timeout, [Name, Args, Timeout])
    end;
call(Name, Args, Timeout) ->
    erlang:error(badarg, [Name, Args, Timeout]).
