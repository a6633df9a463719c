-module(t_calls_onload).
-export([main/0]).
-on_load(setup/0).
-include("test.hrl").


%% A module with -on_load: setup/0 runs before main/0 can run. A helper
%% module with its own on_load is loaded on first call.
setup() ->
    erlang:display({t_calls_onload, setup}),
    ok.

main() ->
    erlang:display(main_running),
    erlang:display(h_onload:value()),
    erlang:display(h_onload:value() + 1),
    erlang:display(erlang:function_exported(h_onload, value, 0)),
    erlang:display(code:is_loaded(h_onload) =/= false),
    ok.
