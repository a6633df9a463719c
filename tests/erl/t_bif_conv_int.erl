-module(t_bif_conv_int).
-export([main/0]).
-include("test.hrl").

%% Integer <-> text: integer_to_list/binary with bases 2..36,
%% list_to_integer/binary_to_integer with bases, signs, and errors.
main() ->
    N = ?id(255),
    erlang:display([integer_to_list(N, B) || B <- [2, 8, 10, 16, 36]]),
    erlang:display([integer_to_list(-N, B) || B <- [2, 16, 36]]),
    erlang:display([integer_to_binary(N, B) || B <- [2, 3, 7, 16]]),
    erlang:display(integer_to_list(?id(0))),
    erlang:display(integer_to_binary(?id(-42))),
    erlang:display([list_to_integer(S) || S <- ?id(["0", "-0", "+5", "007", "-123"])]),
    erlang:display([list_to_integer(S, B) || {S, B} <- ?id([{"ff", 16}, {"FF", 16}, {"-101", 2},
                                                               {"z", 36}, {"Zz", 36}, {"777", 8}])]),
    erlang:display([binary_to_integer(S) || S <- ?id([<<"42">>, <<"-7">>, <<"+0">>])]),
    erlang:display(binary_to_integer(?id(<<"7fffffffffffffff">>), 16)),
    erlang:display(erlang:list_to_integer(?id("123456789012345678901234567890"))),
    ?p(list_to_integer(?id(""))),
    ?p(list_to_integer(?id("-"))),
    ?p(list_to_integer(?id("1 "))),
    ?p(list_to_integer(?id("12"), 1)),
    ?p(list_to_integer(?id("12"), 37)),
    ?p(list_to_integer(?id("g"), 16)),
    ?p(binary_to_integer(?id(<<"1.0">>))),
    ?p(integer_to_list(?id(10), ?id(0))),
    ?p(integer_to_binary(?id(a))),
    ok.
