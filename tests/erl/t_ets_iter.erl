-module(t_ets_iter).
-export([main/0]).
-include("test.hrl").

%% first/next/last/prev, slot, foldl/foldr, tab2list order, ordered_set term
%% order across types, and traversal of a large table.
main() ->
    O = ets:new(o, [ordered_set]),
    Keys = [b, 3, "abc", {1, 2}, 2.5, <<"bin">>, [], a, 1, {0}, -7],
    [ets:insert(O, {K, v}) || K <- Keys],
    ?p(walk(O, ets:first(O))),
    ?p(back(O, ets:last(O))),
    ?p(ets:next(O, 2)),
    ?p(ets:prev(O, 2)),
    ?p(ets:next(O, zzz)),
    ?p(ets:prev(O, -100)),
    ?p(ets:next(O, <<"bin">>)),
    ?p([ets:slot(O, I) || I <- [0, 5, 10, 11]]),
    ?p(ets:slot(O, 12)),
    ?p(ets:slot(O, -1)),
    ?p(ets:foldl(fun({K, _}, A) -> [K | A] end, [], O)),
    ?p(ets:foldr(fun({K, _}, A) -> [K | A] end, [], O)),
    E = ets:new(e, [ordered_set]),
    ?p({ets:first(E), ets:last(E), ets:next(E, x), ets:prev(E, x)}),
    %% set: order is the hash order, so only facts that do not depend on it
    S = ets:new(s, [set]),
    ?p({ets:first(S), ets:last(S)}),
    ?p(ets:next(S, missing)),
    [ets:insert(S, {K, v}) || K <- Keys],
    Walked = walk(S, ets:first(S)),
    ?p(lists:sort(Walked) =:= lists:sort(Keys)),
    ?p(length(Walked)),
    ?p(ets:next(S, missing)),
    ?p(ets:next(S, lists:last(Walked))),
    ?p(lists:sort(ets:tab2list(S)) =:= lists:sort([{K, v} || K <- Keys])),
    ?p(lists:sort(ets:foldl(fun({K, _}, A) -> [K | A] end, [], S))),
    %% bag: every object of a key comes with it
    B = ets:new(b, [bag]),
    ets:insert(B, [{x, 1}, {y, 1}, {x, 2}]),
    ?p(lists:sort(walk(B, ets:first(B)))),
    ?p(lists:sort(ets:tab2list(B))),
    %% a large ordered_set stays ordered through inserts and deletes
    L = ets:new(l, [ordered_set]),
    N = 5000,
    [ets:insert(L, {(I * 7919) rem N, I}) || I <- lists:seq(1, N)],
    ?p(ets:info(L, size)),
    ?p(ets:first(L)),
    ?p(ets:last(L)),
    [ets:delete(L, I) || I <- lists:seq(0, N - 1), I rem 3 =/= 0],
    ?p(ets:info(L, size)),
    Ks = [K || {K, _} <- ets:tab2list(L)],
    ?p(Ks =:= lists:seq(0, N - 1, 3)),
    ?p(ets:next(L, 3001)),
    ?p(ets:prev(L, 3001)),
    ?p(ets:slot(L, 100)),
    %% a large set
    H = ets:new(h, []),
    [ets:insert(H, {I, I * I}) || I <- lists:seq(1, N)],
    ?p(ets:info(H, size)),
    ?p(lists:sum([V || {_, V} <- ets:tab2list(H)])),
    ?p(length(walk(H, ets:first(H)))),
    ?p(ets:lookup(H, 4321)),
    ok.

walk(_T, '$end_of_table') -> [];
walk(T, K) -> [K | walk(T, ets:next(T, K))].

back(_T, '$end_of_table') -> [];
back(T, K) -> [K | back(T, ets:prev(T, K))].
