-module(t_stdlib_dict).
-export([main/0]).
-include("test.hrl").

%% dict: store, fetch, find, update, append, fold, merge, erase.
main() ->
    D0 = dict:new(),
    D1 = dict:store(a, 1, dict:store(b, 2, dict:store(c, 3, D0))),
    erlang:display(lists:sort(dict:to_list(D1))),
    erlang:display(dict:to_list(D1)),
    erlang:display(dict:fetch(b, D1)),
    erlang:display(dict:find(z, D1)),
    erlang:display(dict:is_key(a, D1)),
    erlang:display(dict:size(D1)),
    D2 = dict:update(a, fun(V) -> V + 100 end, D1),
    erlang:display(dict:fetch(a, D2)),
    D3 = dict:update_counter(n, 5, D2),
    erlang:display(dict:fetch(n, dict:update_counter(n, 1, D3))),
    D4 = dict:append(l, x, dict:append(l, y, D3)),
    erlang:display(dict:fetch(l, D4)),
    erlang:display(lists:sort(dict:fetch_keys(D4))),
    erlang:display(dict:fold(fun(_, V, Acc) when is_integer(V) -> Acc + V; (_, _, Acc) -> Acc end, 0, D4)),
    M = dict:merge(fun(_, X, Y) -> X + Y end, D1, dict:from_list([{a, 10}, {q, 7}])),
    erlang:display(lists:sort(dict:to_list(M))),
    erlang:display(lists:sort(dict:to_list(dict:erase(a, D1)))),
    erlang:display(lists:sort(dict:to_list(dict:filter(fun(_, V) -> V > 1 end, D1)))),
    erlang:display(lists:sort(dict:to_list(dict:map(fun(_, V) -> V * 2 end, D1)))),
    Big = dict:from_list([{I, I} || I <- lists:seq(1, 2000)]),
    erlang:display({dict:size(Big), dict:fetch(1234, Big)}),
    erlang:display(D1),
    ?p(dict:fetch(missing, D1)),
    ok.
