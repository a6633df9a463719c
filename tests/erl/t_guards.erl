-module(t_guards).
-export([main/0]).
-include("test.hrl").

%% Guards: andalso/orelse in guards and bodies, ; and , sequences, guard BIFs,
%% exceptions inside guards (they make the guard false), short-circuiting.
main() ->
    erlang:display([g1(X) || X <- [1, 5, 10, -1, a, 3.5]]),
    erlang:display([g2(X) || X <- [{a, 1}, {b, 2}, [1], [], 0]]),
    erlang:display([g3(X) || X <- [0, 1, a, {1, 2, 3}, "xyz"]]),
    erlang:display([g4(X, Y) || X <- [true, false], Y <- [true, false]]),
    erlang:display([g5(X) || X <- [1, 2, 3, 4, 5, 6]]),
    erlang:display([g6(X) || X <- [#{a => 1}, #{}, #{a => 2}, x]]),
    erlang:display([g7(X) || X <- [<<1, 2>>, <<1:1>>, <<>>, 3]]),
    erlang:display([g8(X) || X <- [1, 2.0, 10, 1 bsl 64]]),
    erlang:display([body_ao(X) || X <- [0, 1, 2, a]]),
    ?p(?id(1) andalso true),
    ?p(?id(true) andalso ?id(not_bool)),
    ?p(?id(false) orelse ?id(not_bool)),
    ?p(?id(false) andalso erlang:error(never)),
    ?p(?id(true) orelse erlang:error(never)),
    ?p(?id(1) orelse true),
    ?p(not ?id(true)),
    ?p(not ?id(1)),
    ?p(?id(true) and ?id(false)),
    ?p(?id(true) xor ?id(false)),
    ?p(?id(true) or ?id(1)),
    ok.

g1(X) when is_integer(X), X > 0, X < 10 -> small_pos;
g1(X) when is_integer(X) andalso X >= 10 -> big;
g1(X) when is_number(X) orelse is_atom(X) -> number_or_atom.

g2({K, V}) when K =:= a; V > 1 -> tuple_match;
g2(L) when is_list(L), length(L) > 0 -> nonempty;
g2(_) -> other.

%% element/2 on a non-tuple raises inside the guard: the clause just fails.
g3(X) when element(1, X) =:= 1 -> first_is_one;
g3(X) when length(X) =:= 3 -> len3;
g3(X) when X + 1 > 1 -> positive;
g3(_) -> fallback.

g4(A, B) when A andalso B -> both;
g4(A, B) when A orelse B -> one;
g4(_, _) -> none.

g5(X) when X rem 2 =:= 0, X rem 3 =:= 0 -> six;
g5(X) when X rem 2 =:= 0 -> two;
g5(X) when X rem 3 =:= 0; X =:= 5 -> three_or_five;
g5(_) -> other.

g6(M) when is_map(M), map_get(a, M) =:= 1 -> a_is_1;
g6(M) when is_map(M), map_size(M) =:= 0 -> empty;
g6(M) when is_map_key(a, M) -> has_a;
g6(_) -> not_map.

g7(B) when byte_size(B) =:= 2 -> two_bytes;
g7(B) when is_bitstring(B), bit_size(B) < 8, bit_size(B) > 0 -> bits;
g7(B) when is_binary(B) -> bin;
g7(_) -> no.

g8(X) when abs(X) > 5, float(X) > 5.0 -> big;
g8(X) when trunc(X) == 2; round(X) == 1 -> small;
g8(_) -> other.

body_ao(X) ->
    A = is_integer(X) andalso X > 0,
    B = (X =:= a) orelse (is_integer(X) andalso X > 1),
    {A, B}.
