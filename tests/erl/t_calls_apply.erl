-module(t_calls_apply).
-export([main/0, pub/1, pub/0, pub3/3]).
-include("test.hrl").

%% apply/2,3, apply in tail position (apply_last), dynamic M:F(Args) calls.
main() ->
    M = ?id(h_mod),
    F = ?id(add),
    erlang:display(apply(M, F, [1, 2])),
    erlang:display(erlang:apply(M, twice, [21])),
    erlang:display(M:F(10, 20)),
    erlang:display(apply(?MODULE, pub, [x])),
    erlang:display(apply(?id(?MODULE), ?id(pub), [])),
    erlang:display(apply(fun(X, Y) -> X * Y end, [6, 7])),
    erlang:display(apply(fun h_mod:twice/1, [4])),
    erlang:display(tail_apply(M, twice, [8])),
    erlang:display(tail_apply2(fun lists:reverse/1, [[1, 2, 3]])),
    erlang:display(apply(lists, seq, [1, 5])),
    erlang:display(apply(erlang, '+', [1, 2])),
    erlang:display(apply(erlang, element, [2, {a, b, c}])),
    erlang:display(apply(M, many, lists:seq(1, 8))),
    erlang:display(dyn(?id(?MODULE), ?id(pub3))),
    erlang:display(lists:map(fun(Mod) -> Mod:hello() end, [h_mod])),
    erlang:display(apply_chain(5)),
    ?p(apply(?id(h_mod), ?id(nope), [])),
    ?p(apply(?id(no_such_module_xyz), ?id(f), [1])),
    ?p(apply(?id(h_mod), ?id(add), [1])),
    ?p(apply(?id("notatom"), ?id(f), [])),
    ?p(apply(?id(h_mod), ?id(add), ?id(not_a_list))),
    ok.

pub(X) -> {pub, X}.
pub() -> pub0.
pub3(A, B, C) -> A + B + C.

tail_apply(M, F, A) -> apply(M, F, A).
tail_apply2(Fun, A) -> apply(Fun, A).

dyn(M, F) -> M:F(1, 2, 3).

apply_chain(0) -> done;
apply_chain(N) -> apply(fun apply_chain/1, [N - 1]).

