-module(t_calls_deep).
-export([main/0]).
-include("test.hrl").

%% 100k-deep non-tail recursion (the stack must grow), long tail loops,
%% deep recursion building and consuming big structures.
main() ->
    N = ?id(100000),
    erlang:display(sum_to(N)),
    erlang:display(len(lists:seq(1, N))),
    L = build(N),
    erlang:display(length(L)),
    erlang:display(lists:sum(L)),
    erlang:display(hd(L)),
    erlang:display(lists:last(L)),
    erlang:display(length(h_mod:deep(N))),
    erlang:display(loop(?id(1000000), 0)),
    erlang:display(depth_tuple(?id(50000))),
    erlang:display(map_rec(lists:seq(1, N), 0)),
    erlang:display(mutual_a(?id(100001))),
    erlang:display(sum_to(?id(200000))),
    ok.

sum_to(0) -> 0;
sum_to(N) -> N + sum_to(N - 1).

len([]) -> 0;
len([_ | T]) -> 1 + len(T).

build(0) -> [];
build(N) -> [N * 2 | build(N - 1)].

loop(0, Acc) -> Acc;
loop(N, Acc) -> loop(N - 1, (Acc + N) band 16#ffffff).

depth_tuple(0) -> 0;
depth_tuple(N) ->
    {D} = {depth_tuple(N - 1)},
    D + 1.

map_rec([], Acc) -> Acc;
map_rec([H | T], Acc) -> map_rec(T, Acc + H rem 7).

mutual_a(0) -> a;
mutual_a(N) -> {b, _} = mutual_b(N - 1), a.
mutual_b(0) -> {b, 0};
mutual_b(N) -> mutual_a(N - 1), {b, N}.
