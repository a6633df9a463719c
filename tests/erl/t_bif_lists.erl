-module(t_bif_lists).
-export([main/0]).
-include("test.hrl").

%% The list functions implemented natively in the BEAM (lists:reverse/2,
%% keyfind/keymember/keysearch, member) and erlang's list BIFs (length,
%% ++ and -- with long lists), checked on long and odd inputs.
main() ->
    Long = ?id(lists:seq(1, 10000)),
    erlang:display(lists:sum(lists:reverse(Long))),
    erlang:display(lists:sublist(lists:reverse(Long, [x, y]), 9998, 5)),
    KL = [{I, I * I, integer_to_list(I)} || I <- lists:seq(1, 1000)],
    erlang:display(lists:keyfind(500, 1, KL)),
    erlang:display(lists:keyfind(250000, 2, KL)),
    erlang:display(lists:keyfind("77", 3, KL)),
    erlang:display(lists:keyfind(5.0, 1, KL)),
    erlang:display(lists:keymember(1000, 1, KL)),
    erlang:display(lists:keysearch(nope, 1, KL)),
    erlang:display(lists:member(10000, Long)),
    erlang:display(lists:member(10000.0, Long)),
    erlang:display(lists:keyfind(a, 1, ?id([x, {a}, {a, 1}]))),
    erlang:display(lists:keyfind(a, 2, ?id([{a}, {b, a}]))),
    erlang:display(length(Long -- lists:seq(2, 10000, 2))),
    erlang:display(length(Long ++ Long)),
    erlang:display(lists:reverse(?id([]), ?id(tail))),
    ?p(lists:keyfind(a, 0, [{a}])),
    ?p(lists:keyfind(a, 1, ?id(notlist))),
    ?p(lists:reverse(?id([1 | 2]), [])),
    ok.
