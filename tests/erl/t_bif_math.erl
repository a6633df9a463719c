-module(t_bif_math).
-export([main/0]).
-include("test.hrl").

%% The math module: trigonometry, exponentials, logarithms, powers, pi,
%% floor/ceil/fmod, and the domain errors (badarith).
main() ->
    X = ?id(0.5),
    erlang:display([math:sin(X), math:cos(X), math:tan(X), math:asin(X), math:acos(X), math:atan(X)]),
    erlang:display([math:sinh(X), math:cosh(X), math:tanh(X), math:asinh(X), math:acosh(1 + X), math:atanh(X)]),
    erlang:display([math:exp(X), math:log(X), math:log2(?id(1024)), math:log10(?id(1000)), math:sqrt(?id(2))]),
    erlang:display([math:pow(?id(2), 10), math:pow(?id(2.0), 0.5), math:pow(?id(-8), 3)]),
    erlang:display(math:atan2(?id(1), ?id(-1))),
    erlang:display(math:pi()),
    erlang:display([math:floor(?id(-1.5)), math:ceil(?id(-1.5)), math:fmod(?id(10), ?id(3)),
                    math:fmod(?id(-10.5), ?id(3))]),
    erlang:display(math:erf(?id(0.5))),
    erlang:display(math:erfc(?id(0.5))),
    erlang:display(math:sqrt(?id(1 bsl 100))),
    ?p(math:sqrt(?id(-1))),
    ?p(math:log(?id(0))),
    ?p(math:log(?id(-1.0))),
    ?p(math:acos(?id(2))),
    ?p(math:pow(?id(10.0), ?id(400))),
    ?p(math:sin(?id(a))),
    ok.
