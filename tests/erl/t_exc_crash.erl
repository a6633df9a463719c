-module(t_exc_crash).
-export([main/0]).
-include("test.hrl").
%% expect: crash

%% An uncaught error ends the run with a non-zero status, after what was
%% printed before it.
main() ->
    erlang:display(before_crash),
    erlang:display(work(?id(3))),
    {ok, _} = ?id({error, gone}),
    erlang:display(never_printed).

work(N) -> lists:seq(1, N).
