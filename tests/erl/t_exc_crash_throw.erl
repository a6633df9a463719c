-module(t_exc_crash_throw).
-export([main/0]).
-include("test.hrl").
%% expect: crash

%% An uncaught throw (nocatch) ends the run with a non-zero status.
main() ->
    erlang:display(before_throw),
    thrower(?id(5)).

thrower(0) -> throw(up);
thrower(N) -> erlang:display(N), thrower(N - 1).
