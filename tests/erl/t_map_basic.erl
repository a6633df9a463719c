-module(t_map_basic).
-export([main/0]).
-include("test.hrl").

%% Map construction, matching (get_map_elements, has_map_fields), update with
%% => (put_map_assoc) and := (put_map_exact), map_get, is_map_key, map_size.
main() ->
    M = ?id(#{a => 1, b => 2}),
    erlang:display(M),
    erlang:display(M#{c => 3}),
    erlang:display(M#{a := 10}),
    erlang:display(M#{a => 10, z => 26}),
    #{a := A} = M,
    erlang:display(A),
    erlang:display(match(M)),
    erlang:display(match(#{b => 5})),
    erlang:display(match(#{})),
    erlang:display(match(not_a_map)),
    erlang:display(has_fields(M)),
    erlang:display(has_fields(#{a => x})),
    erlang:display(map_get(b, M)),
    erlang:display(is_map_key(a, M)),
    erlang:display(is_map_key(q, M)),
    erlang:display(map_size(M)),
    erlang:display(map_size(#{})),
    K = ?id(key),
    erlang:display(#{K => value, {K} => tuple_key, [K] => list_key}),
    erlang:display(var_key(K, #{key => found})),
    erlang:display(var_key(K, #{other => x})),
    erlang:display(#{1 => int, 1.0 => float}),
    erlang:display(maps:get(1.0, #{1 => int, 1.0 => float})),
    erlang:display(#{a => 1, a => 2}),
    erlang:display(nested(#{inner => #{value => 42}})),
    erlang:display((?id(#{}))#{x => 1}),
    erlang:display(M =:= #{b => 2, a => 1}),
    erlang:display(M == #{a => 1.0, b => 2}),
    erlang:display(M =:= #{a => 1.0, b => 2}),
    erlang:display(update_both(M)),
    erlang:display(maps:put(c, 3, M)),
    erlang:display(maps:remove(a, M)),
    erlang:display(maps:find(a, M)),
    erlang:display(maps:find(zz, M)),
    erlang:display(maps:get(zz, M, default)),
    erlang:display(#{<<"bin">> => 1, "str" => 2, 3 => 3, {t} => 4, [l] => 5, x => 6}),
    ok.

match(#{a := A, b := B}) -> {both, A, B};
match(#{b := B}) -> {only_b, B};
match(#{}) -> empty_or_other;
match(_) -> not_map.

has_fields(#{a := _, b := _}) -> yes;
has_fields(_) -> no.

var_key(K, Map) ->
    case Map of
        #{K := V} -> {found, V};
        _ -> missing
    end.

nested(#{inner := #{value := V}}) -> V.

update_both(M) -> M#{a := 100, b := 200}.
