-module(t_types_order).
-export([main/0]).
-include("test.hrl").

%% Term order across all types (number < atom < reference < fun < port < pid
%% < tuple < map < nil < list < bitstring), == versus =:=, sorting mixed lists.
main() ->
    Mixed = [<<"b">>, [1], [], #{a => 1}, {1, 2}, {1}, atom, 1.5, 1, -3,
             <<1:4>>, "abc", z, 1 bsl 80, -(1 bsl 80), {0, 0, 0}, #{}, 2.0, 2,
             [a | b], <<>>, aa, {a}, #{b => 1, a => 2}, 0.0, -0.0],
    erlang:display(lists:sort(Mixed)),
    erlang:display(lists:reverse(lists:sort(Mixed))),
    erlang:display(lists:usort([1, 1.0, 2, 2.0, a, a])),
    erlang:display([{A, B, A < B, A == B, A =:= B, A /= B, A =/= B} ||
                       {A, B} <- [{1, 1.0}, {1, 2}, {0, -0.0}, {0.0, -0.0}, {a, b},
                                  {1 bsl 70, 1.0e21}, {1 bsl 70, 1 bsl 70}, {[], {}},
                                  {"abc", "abd"}, {{1, 2}, {1, 3}}, {{2}, {1, 1}},
                                  {#{a => 1}, #{a => 2}}, {#{b => 1}, #{a => 1, c => 1}},
                                  {#{1 => a}, #{1.0 => a}}, {<<1>>, <<1, 0>>}, {<<1:1>>, <<1>>}]]),
    erlang:display(max(?id(1), ?id(1.0))),
    erlang:display(min(?id(1), ?id(1.0))),
    erlang:display(max(?id(a), ?id(1000))),
    erlang:display(min(?id([]), ?id({}))),
    erlang:display(lists:max(Mixed)),
    erlang:display(lists:min(Mixed)),
    R1 = make_ref(),
    erlang:display({is_atom(x) andalso x < R1, R1 < fun() -> ok end, fun() -> ok end < self(),
                    self() < {}, R1 == R1}),
    erlang:display(lists:sort(fun(A, B) -> A >= B end, [3, 1.0, 2, 1, 3.0])),
    erlang:display(lists:keysort(1, [{2.0, a}, {1, b}, {2, c}, {1.0, d}])),
    erlang:display([X || X <- Mixed, X > 1]),
    erlang:display(1 == 1.0 andalso 1 =/= 1.0),
    erlang:display({1, 2} < {1, 2, 0}),
    erlang:display([1, 2] < [1, 2, 0]),
    erlang:display(#{a => 1, b => 2} < #{a => 1, b => 3}),
    erlang:display(#{a => 2} > #{b => 1}),
    ok.
