-module(t_bif_etf).
-export([main/0]).
-include("test.hrl").

%% External term format: term_to_binary bytes for every kind of term
%% (printed), options (compressed, minor_version), binary_to_term round
%% trips, the used/safe options and malformed input.
main() ->
    Terms = ?id([0, 255, 256, -1, 1 bsl 40, -(1 bsl 70), 1.5, -0.0, atom, 'Quoted atom', '',
                 [], [1, 2, 3], "string", [a | b], {}, {a, 1}, list_to_tuple(lists:seq(1, 300)),
                 <<>>, <<1, 2, 3>>, <<1:3>>, <<7:12>>, #{}, #{a => 1, b => [2]},
                 maps:from_list([{I, I} || I <- lists:seq(1, 40)]), [<<"x">>, {y}],
                 lists:seq(1, 300), "αβ", [256, 1000]]),
    [erlang:display(term_to_binary(T)) || T <- lists:sublist(Terms, 17)],
    erlang:display(term_to_binary(lists:nth(19, Terms))),
    erlang:display(term_to_binary(lists:nth(20, Terms))),
    erlang:display(term_to_binary(lists:nth(21, Terms))),
    erlang:display(term_to_binary(lists:nth(22, Terms))),
    erlang:display(term_to_binary(lists:nth(23, Terms))),
    erlang:display(term_to_binary(lists:nth(24, Terms))),
    erlang:display(term_to_binary(lists:nth(26, Terms))),
    erlang:display(term_to_binary(lists:nth(28, Terms))),
    erlang:display(term_to_binary(lists:nth(29, Terms))),
    erlang:display([binary_to_term(term_to_binary(T)) =:= T || T <- Terms]),
    erlang:display([byte_size(term_to_binary(T)) || T <- Terms]),
    erlang:display(term_to_binary(?id(1.5), [{minor_version, 0}])),
    erlang:display(term_to_binary(?id(1.5), [{minor_version, 1}])),
    erlang:display(term_to_binary(?id(abc), [{minor_version, 2}])),
    erlang:display(term_to_binary(?id(abc), [{minor_version, 1}])),
    Big = ?id(lists:duplicate(200, <<"compress me">>)),
    C = term_to_binary(Big, [compressed]),
    erlang:display(binary:part(C, 0, 6)),
    erlang:display(byte_size(C) < byte_size(term_to_binary(Big))),
    erlang:display(binary_to_term(C) =:= Big),
    erlang:display(term_to_binary(?id(small), [compressed])),
    erlang:display(term_to_binary(?id(lists:duplicate(30, 0)), [{compressed, 9}])),
    erlang:display(binary_to_term(?id(<<131, 100, 0, 3, $a, $b, $c>>))),
    erlang:display(binary_to_term(?id(<<131, 107, 0, 2, 1, 2>>))),
    erlang:display(binary_to_term(?id(<<131, 97, 7, 1, 2, 3>>), [used])),
    erlang:display(binary_to_term(?id(<<131, 70, 63, 248, 0, 0, 0, 0, 0, 0>>))),
    erlang:display(binary_to_term(?id(<<131, 119, 2, 206, 177>>))),
    ?p(binary_to_term(?id(<<131, 200>>))),
    ?p(binary_to_term(?id(<<1, 2, 3>>))),
    ?p(binary_to_term(?id(<<131, 107, 0, 5, 1>>))),
    ?p(binary_to_term(?id(<<131, 100, 0, 3, $z, $q, $x>>), [safe]) =/= x),
    ?p(term_to_binary(?id(x), [bad_opt])),
    ok.
