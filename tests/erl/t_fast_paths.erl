%% Code the emulator's fast tier runs (calls, returns, moves, list, tuple and small-integer
%% instructions, byte-aligned binary matching), with the cases that must fall back to the full
%% loop mixed in: non-small operands, a heap that needs collecting, returns into another
%% module, a slice running out in the middle of a recursion.
-module(t_fast_paths).
-export([main/0]).

nrev([]) -> [];
nrev([H | T]) -> nrev(T) ++ [H].

len([], N) -> N;
len([_ | T], N) -> len(T, N + 1).

sum_pairs([], Acc) -> Acc;
sum_pairs([{A, B} | T], Acc) -> sum_pairs(T, Acc + A * B).

swap_keep(A, B, N) when N > 0 ->
    {B2, A2} = {A, B},
    R = swap_keep(B2, A2, N - 1),
    {R, A2};
swap_keep(A, B, _) -> {A, B}.

kind(X) ->
    case X of
        1 -> one;
        two -> two;
        1.0 -> float_one;
        100000000000000000000 -> big;
        "str" -> string;
        {_, _} -> pair;
        {_, _, _} -> triple;
        _ -> other
    end.

bytes(<<A:8, B:16, Rest/binary>>, Acc) -> bytes(Rest, [A + B | Acc]);
bytes(<<_>>, Acc) -> {odd, Acc};
bytes(<<>>, Acc) -> Acc.

count_down(N) when N > 0 -> count_down(N - 1);
count_down(N) -> N.

deep(0) -> 0;
deep(N) -> 1 + deep(N - 1).

mandel(X, Y, I) when I < 50 ->
    case X * X + Y * Y > 4.0 of
        true -> I;
        false -> mandel(X * X - Y * Y + 0.3, 2.0 * X * Y + 0.5, I + 1)
    end;
mandel(_, _, I) -> I.

grow(F, N) when N > 0 -> grow(F * 1.0e10, N - 1);
grow(F, _) -> F.

fcmp(A, B) when A < B -> lt;
fcmp(A, B) when A >= B -> ge.

pick(Tag) ->
    receive
        {Tag, V} -> V
    after 0 -> none
    end.

app(Acc, 0) -> Acc;
app(Acc, N) -> app(<<Acc/binary, N:8, (N * 3):16>>, N - 1).

bad_app(Acc, V) ->
    try <<Acc/binary, 1:8, V:8>> of
        B -> {ok, B}
    catch
        error:R -> {error, R}
    end.

main() ->
    L = lists:seq(1, 300),
    erlang:display(len(nrev(L), 0)),
    erlang:display(lists:sum(nrev(L))),
    erlang:display(sum_pairs([{I, I + 1} || I <- L], 0)),
    erlang:display(sum_pairs([{1 bsl 59, 16}, {2, 3.5}], 0)),
    erlang:display(swap_keep(a, b, 5)),
    erlang:display([kind(X) || X <- [1, two, 1.0, 100000000000000000000, "str", {a, b}, {a, b, c}, 2, 1.5]]),
    erlang:display(bytes(<<1, 0, 2, 3, 0, 4, 5>>, [])),
    erlang:display(bytes(<<1, 0, 2, 3, 0, 4>>, [])),
    erlang:display(count_down(1 bsl 20)),
    erlang:display(count_down(1.5)),
    erlang:display(deep(100000)),
    %% Returns into lists (another module) and funs calling back.
    erlang:display(lists:map(fun(X) -> len(nrev([X, X]), 0) end, [1, 2, 3])),
    erlang:display(lists:foldl(fun(X, A) -> A + deep(X) end, 0, [10, 20, 30])),
    erlang:display([mandel(X / 10, Y / 10, 0) || X <- [-5, 0, 3], Y <- [-2, 4]]),
    erlang:display(try grow(1.5, 40) catch error:R -> {error, R} end),
    erlang:display(catch grow(1.5, 10)),
    erlang:display([fcmp(A, B) || {A, B} <- [{1.0, 2.0}, {2.0, 1.0}, {1, 1.0}, {1.0, 1}, {-0.0, 0.0}, {3, 2}, {a, 1.0}]]),
    [self() ! {T, I} || {T, I} <- [{a, 1}, {b, 2}, {c, 3}, {b, 4}]],
    erlang:display([pick(b), pick(c), pick(b), pick(a), pick(d)]),
    B = app(<<>>, 200),
    erlang:display({byte_size(B), binary:part(B, 0, 6), erlang:phash2(B)}),
    B1 = app(<<7>>, 3),
    erlang:display([bad_app(B1, 2), bad_app(B1, x), bad_app(B1, 3), B1]),
    erlang:display(catch <<(list_to_binary("ab"))/binary, "str", 3.5/float>>),
    ok.
