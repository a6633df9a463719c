-module(t_arith_increment).
-export([main/0]).
-include("test.hrl").

%% `X + Literal` and `X - Literal` from X and Y registers, and as a base case
%% that returns at once: values across the edge of the small integers (2^59
%% on a 64-bit BEAM), floats, bignums back into smalls, and the errors with
%% the operands they carry.
main() ->
    Edge = ?id(1 bsl 59),
    Vals = [0, -1, Edge - 2, Edge - 1, Edge, -Edge, -Edge + 1, -Edge - 1,
            Edge * 4, 2.5, -0.5],
    erlang:display([{inc(V), dec(V), dec_many(V)} || V <- Vals]),
    erlang:display([keep_y(V) || V <- Vals]),
    erlang:display([base(0, V) || V <- Vals]),
    erlang:display(count_down(?id(100000), 0)),
    erlang:display(?id(-1152921504606846976) - 1),
    erlang:display(?id(1152921504606846975) + 1),
    erlang:display(?id(-576460752303423488) - 576460752303423488),
    %% Minus the smallest small adds 2^59, which is not a small.
    erlang:display([X - (-576460752303423488) || X <- [?id(0), ?id(-1), ?id(-576460752303423488)]]),
    ?pe(inc(?id(a))),
    ?pe(dec(?id([]))),
    ?pe(keep_y(?id({x}))),
    ?pe(base(0, ?id(<<>>))),
    ok.

inc(X) -> X + 1.
dec(X) -> X - 1.
dec_many(X) -> X - 576460752303423487.

%% The operand lives in a Y register across a call.
keep_y(X) ->
    _ = ?id(X),
    {X - 7, X + 576460752303423487}.

base(0, N) -> N + 1;
base(M, N) -> base(M - 1, N).

count_down(0, Acc) -> Acc;
count_down(N, Acc) -> count_down(N - 1, Acc + 3).
