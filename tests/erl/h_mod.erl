%% Helper module for the tests: remote calls, apply, function_exported,
%% module_info, on_load. Never run on its own.
-module(h_mod).
-export([add/2, twice/1, many/8, tail_to/2, crash/1, deep/1, fact/1,
         exported_fun/1, make_adder/1, hello/0]).
-vsn([lantern, 42]).
-author("lantern tests").
-my_attr([alpha, {beta, 2}]).

add(A, B) -> A + B.
twice(X) -> 2 * X.
many(A, B, C, D, E, F, G, H) -> [H, G, F, E, D, C, B, A].
tail_to(F, X) -> F(X).
crash(X) -> {ok, Y} = X, Y.
deep(0) -> [];
deep(N) -> [N | deep(N - 1)].
fact(0) -> 1;
fact(N) when N > 0 -> N * fact(N - 1).
exported_fun(X) -> {exported, X}.
make_adder(N) -> fun(X) -> X + N end.
hello() -> hello.
