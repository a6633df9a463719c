-module(t_ets_chunks).
-export([main/0]).
-include("test.hrl").

%% select/3, select/1, select_reverse/3, match/3, match_object/3 continuations.
main() ->
    O = ets:new(o, [ordered_set]),
    ets:insert(O, [{I, I * I} || I <- lists:seq(1, 7)]),
    MS = [{{'$1', '$2'}, [{'>', '$1', 2}], ['$2']}],
    ?p(chunks(ets:select(O, MS, 2))),
    ?p(chunks(ets:select(O, MS, 5))),
    ?p(chunks(ets:select(O, MS, 6))),
    ?p(chunks(ets:select(O, MS, 100))),
    ?p(chunks(ets:select_reverse(O, MS, 2))),
    ?p(chunks(ets:match(O, {'$1', '_'}, 3))),
    ?p(chunks(ets:match_object(O, {'$1', '_'}, 3))),
    ?p(ets:select(O, [{{'$1', '_'}, [{'>', '$1', 100}], ['$1']}], 3)),
    ?p(shape(ets:select(O, MS, 4))),
    ?p(shape(ets:select(O, MS, 6))),
    ?p(ets:select('$end_of_table')),
    ?p(ets:match('$end_of_table')),
    ?p(ets:select(foo)),
    ?p(ets:select({a, b, c})),
    ?p(ets:select(O, MS, 0)),
    ?p(ets:select(O, MS, -1)),
    ?p(ets:select(O, MS, a)),
    ?p(ets:select(O, bad_ms, 2)),
    %% a chunk's continuation sees later changes
    {[9, 16], C1} = ets:select(O, MS, 2),
    ets:insert(O, {5, 0}),
    ets:delete(O, 6),
    ?p(chunks(ets:select(C1))),
    %% set: chunks cover everything exactly once
    S = ets:new(s, []),
    ets:insert(S, [{I, I} || I <- lists:seq(1, 50)]),
    All = chunks(ets:select(S, [{{'$1', '_'}, [], ['$1']}], 7)),
    ?p(length(All)),
    ?p(lists:sort(lists:append([L || L <- All, is_list(L)]))),
    ?p(lists:sort(lists:append(chunks(ets:match(S, {'$1', '_'}, 10)) -- ['$end_of_table']))),
    %% a deleted table
    {_, C2} = ets:select(S, [{'_', [], [true]}], 5),
    ets:delete(S),
    ?p(ets:select(C2)),
    ok.

chunks('$end_of_table') -> ['$end_of_table'];
chunks({L, C}) -> [L | chunks(ets:select(C))].

shape({L, '$end_of_table'}) -> {L, eot};
shape({L, C}) -> {L, is_tuple(C)};
shape(X) -> X.
