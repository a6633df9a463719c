-module(t_stdlib_queue).
-export([main/0]).
-include("test.hrl").

%% queue: the original, extended and Okasaki APIs.
main() ->
    Q0 = queue:new(),
    Q1 = lists:foldl(fun queue:in/2, Q0, ?id([1, 2, 3, 4])),
    erlang:display(queue:to_list(Q1)),
    erlang:display(queue:len(Q1)),
    {{value, H}, Q2} = queue:out(Q1),
    erlang:display({H, queue:to_list(Q2)}),
    {{value, T}, Q3} = queue:out_r(Q1),
    erlang:display({T, queue:to_list(Q3)}),
    erlang:display(queue:out(queue:new())),
    erlang:display(queue:to_list(queue:in_r(0, Q1))),
    erlang:display(queue:to_list(queue:reverse(Q1))),
    erlang:display(queue:to_list(queue:join(Q1, queue:from_list([a, b])))),
    erlang:display(queue:split(2, Q1)),
    erlang:display(queue:member(3, Q1)),
    erlang:display(queue:to_list(queue:filter(fun(X) -> X rem 2 =:= 0 end, Q1))),
    erlang:display({queue:get(Q1), queue:get_r(Q1), queue:peek(Q1), queue:peek_r(Q1)}),
    erlang:display(queue:to_list(queue:drop(Q1))),
    erlang:display(queue:to_list(queue:drop_r(Q1))),
    erlang:display({queue:head(Q1), queue:last(Q1), queue:to_list(queue:tail(Q1))}),
    erlang:display(queue:to_list(queue:cons(z, Q1))),
    erlang:display(queue:is_empty(Q0)),
    erlang:display(queue:is_queue(Q1)),
    erlang:display(Q1),
    Big = lists:foldl(fun queue:in/2, queue:new(), lists:seq(1, 10000)),
    erlang:display(drain(Big, 0)),
    ?p(queue:get(queue:new())),
    ok.

drain(Q, Acc) ->
    case queue:out(Q) of
        {{value, V}, Q2} -> drain(Q2, Acc + V);
        {empty, _} -> Acc
    end.
