%% The first program to run on Lantern: compile with the real erlc, run the
%% .beam on Lantern (scripts/example.sh does both).
-module(hello).
-export([main/0]).

main() ->
    erlang:display(<<"Hello from Lantern!">>),
    erlang:display({sum, lists:sum(lists:seq(1, 100))}),
    erlang:display({fact, 30, fact(30)}),
    erlang:display(lists:sort([banana, apple, cherry])).

fact(0) -> 1;
fact(N) -> N * fact(N - 1).
