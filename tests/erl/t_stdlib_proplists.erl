-module(t_stdlib_proplists).
-export([main/0]).
-include("test.hrl").

%% The proplists module.
main() ->
    P = ?id([{a, 1}, b, {c, 3}, {a, 2}, {d, true}, e]),
    erlang:display(proplists:get_value(a, P)),
    erlang:display(proplists:get_value(b, P)),
    erlang:display(proplists:get_value(zz, P)),
    erlang:display(proplists:get_value(zz, P, default)),
    erlang:display(proplists:get_all_values(a, P)),
    erlang:display(proplists:get_bool(d, P)),
    erlang:display(proplists:get_bool(e, P)),
    erlang:display(proplists:get_bool(c, P)),
    erlang:display(proplists:lookup(c, P)),
    erlang:display(proplists:lookup(b, P)),
    erlang:display(proplists:lookup_all(a, P)),
    erlang:display(proplists:is_defined(e, P)),
    erlang:display(proplists:delete(a, P)),
    erlang:display(proplists:get_keys(P)),
    erlang:display(proplists:compact(P)),
    erlang:display(proplists:unfold(P)),
    erlang:display(proplists:expand([{foo, [bar, baz]}], [fie, foo, fum])),
    erlang:display(proplists:substitute_aliases([{color, colour}], [{color, red}, x])),
    erlang:display(proplists:normalize([a, {b, 1}], [{aliases, [{b, c}]}])),
    erlang:display(proplists:split([{a, 1}, {b, 2}, c, {a, 3}], [a, c])),
    erlang:display(proplists:to_map([{a, 1}, b, {a, 2}])),
    erlang:display(proplists:from_map(#{k => v})),
    erlang:display(proplists:property(x, true)),
    ok.
