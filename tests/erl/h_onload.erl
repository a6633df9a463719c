%% Helper with an on_load function: it runs once, when the module is loaded,
%% before any of its functions can be called.
-module(h_onload).
-on_load(init/0).
-export([value/0, loaded_flag/0]).

init() ->
    erlang:display({h_onload, on_load_running}),
    put(h_onload_ran, yes),
    ok.

value() -> 17.
loaded_flag() -> get(h_onload_ran).
