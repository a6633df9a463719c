-module(t_bif_compare).
-export([main/0]).
-include("test.hrl").

%% Comparison operators over pairs of every type: == vs =:=, /= vs =/=,
%% <, =<, >, >=, and comparisons inside guards.
main() ->
    Vals = ?id([0, 1, 1.0, -1, 1 bsl 70, a, b, {}, {a}, {a, b}, [], [a], "a", <<"a">>, <<"b">>,
                #{}, #{a => 1}, 2.5, 'A']),
    Rows = [[cmp(X, Y) || Y <- Vals] || X <- Vals],
    [erlang:display(R) || R <- Rows],
    erlang:display([{X, Y, X == Y, X =:= Y, X /= Y, X =/= Y} ||
                       {X, Y} <- ?id([{1, 1.0}, {1.0, 1}, {0, 0.0}, {[1], [1.0]}, {{1}, {1.0}},
                                      {#{a => 1}, #{a => 1.0}}, {<<1>>, <<1>>}, {"ab", [$a, $b]}])]),
    erlang:display([g(X) || X <- ?id([1, 1.0, 2, a])]),
    ok.

cmp(X, Y) when X < Y -> $<;
cmp(X, Y) when X == Y, X =:= Y -> $=;
cmp(X, Y) when X == Y -> $~;
cmp(_, _) -> $>.

g(X) when X =:= 1 -> exact_one;
g(X) when X == 1 -> equal_one;
g(X) when X >= 2, X =< 2 -> two;
g(_) -> other.
