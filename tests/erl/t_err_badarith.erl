-module(t_err_badarith).
-export([main/0]).
-include("test.hrl").

%% badarith: arithmetic on non-numbers, division by zero (integer and
%% float), bit operations on floats; in function bodies and in guards.
main() ->
    ?pe(?id(1) + ?id(a)),
    ?pe(?id(a) - ?id(1)),
    ?pe(?id(2) * ?id("3")),
    ?pe(?id(1) / ?id(0)),
    ?pe(?id(1.0) / ?id(0.0)),
    ?pe(?id(7) div ?id(0)),
    ?pe(?id(7) rem ?id(0)),
    ?pe(?id(1 bsl 80) div ?id(0)),
    ?pe(?id(1.5) div ?id(1)),
    ?pe(?id(3) band ?id(1.0)),
    ?pe(?id(1) bsl ?id(a)),
    ?pe(bnot ?id(1.0)),
    ?pe(-?id(x)),
    ?pe(+?id({})),
    ?pe(?id(1.0e308) * ?id(10.0)),
    ?pe(in_body(?id(foo))),
    erlang:display(in_guard(?id(foo))),
    erlang:display(in_guard(?id(1))),
    ok.

in_body(X) -> X * 2.

in_guard(X) when X * 2 > 1 -> big;
in_guard(_) -> guard_failed.
