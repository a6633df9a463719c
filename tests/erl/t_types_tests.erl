-module(t_types_tests).
-export([main/0]).
-include("test.hrl").
-record(rec, {f}).

%% Every type test, as a guard and as a BIF call, over values of every type.
main() ->
    Vals = values(),
    [erlang:display({I, bif_tests(V)}) || {I, V} <- lists:zip(lists:seq(1, length(Vals)), Vals)],
    [erlang:display({I, guard_class(V)}) || {I, V} <- lists:zip(lists:seq(1, length(Vals)), Vals)],
    erlang:display([is_function(F, A) || F <- [fun() -> ok end, fun(_, _) -> ok end, fun h_mod:add/2],
                                         A <- [0, 2]]),
    erlang:display([guard_fun(F) || F <- [fun() -> ok end, fun(_) -> ok end, x]]),
    erlang:display([is_record(R, rec) || R <- [{rec, 1}, {rec, 1, 2}, {other, 1}, rec, {}]]),
    erlang:display([is_record(R, rec, 2) || R <- [{rec, 1}, {rec, 1, 2}]]),
    erlang:display([rec_guard(R) || R <- [{rec, 1}, {rec, 1, 2}, {other, 1}]]),
    erlang:display([is_map_key(K, #{a => 1, 2 => b}) || K <- [a, 2, 2.0, b]]),
    erlang:display([map_key_guard(K) || K <- [a, b]]),
    ?p(is_function(?id(fun() -> ok end), ?id(-1))),
    ?p(is_function(?id(fun() -> ok end), ?id(x))),
    ok.

values() ->
    [0, -1, 1 bsl 64, -(1 bsl 64), 1.0, -0.0, atom, true, [], [1, 2], [a | b], "str",
     {}, {a, b}, #{}, #{k => v}, <<>>, <<1, 2>>, <<1:3>>, fun() -> ok end,
     fun h_mod:add/2, make_ref(), self()].

bif_tests(V) ->
    [B || {B, true} <- [{atom, is_atom(V)}, {binary, is_binary(V)}, {bitstring, is_bitstring(V)},
                        {boolean, is_boolean(V)}, {float, is_float(V)}, {function, is_function(V)},
                        {integer, is_integer(V)}, {list, is_list(V)}, {map, is_map(V)},
                        {number, is_number(V)}, {pid, is_pid(V)}, {port, is_port(V)},
                        {reference, is_reference(V)}, {tuple, is_tuple(V)}]].

guard_class(V) when is_integer(V), V < 0 -> neg_int;
guard_class(V) when is_integer(V) -> int;
guard_class(V) when is_float(V) -> float;
guard_class(V) when is_boolean(V) -> bool;
guard_class(V) when is_atom(V) -> atom;
guard_class([]) -> nil;
guard_class([_ | _]) -> cons;
guard_class(V) when is_tuple(V), tuple_size(V) =:= 0 -> empty_tuple;
guard_class(V) when is_tuple(V) -> tuple;
guard_class(V) when is_map(V), map_size(V) =:= 0 -> empty_map;
guard_class(V) when is_map(V) -> map;
guard_class(V) when is_binary(V) -> binary;
guard_class(V) when is_bitstring(V) -> bitstring;
guard_class(V) when is_function(V, 0) -> fun0;
guard_class(V) when is_function(V) -> function;
guard_class(V) when is_reference(V) -> reference;
guard_class(V) when is_pid(V) -> pid;
guard_class(_) -> other.

guard_fun(F) when is_function(F, 1) -> one;
guard_fun(F) when is_function(F) -> some;
guard_fun(_) -> none.

rec_guard(R) when is_record(R, rec) -> yes;
rec_guard(_) -> no.

map_key_guard(K) when is_map_key(K, #{a => 1}) -> has;
map_key_guard(_) -> hasnt.
