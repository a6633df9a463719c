-module(t_tuple_ops).
-export([main/0]).
-include("test.hrl").

%% Tuple construction, element/setelement/make_tuple/append_element,
%% insert_element/delete_element, tuple_to_list/list_to_tuple, and their errors.
main() ->
    T = ?id({a, b, c}),
    erlang:display(element(1, T)),
    erlang:display(element(3, T)),
    erlang:display(setelement(2, T, x)),
    erlang:display(T),
    erlang:display(tuple_size(T)),
    erlang:display(size(T)),
    erlang:display(erlang:make_tuple(?id(4), z)),
    erlang:display(erlang:make_tuple(?id(5), 0, [{2, a}, {4, b}, {2, c}])),
    erlang:display(erlang:make_tuple(?id(0), z)),
    erlang:display(erlang:append_element(T, d)),
    erlang:display(erlang:append_element({}, d)),
    erlang:display(erlang:insert_element(2, T, new)),
    erlang:display(erlang:insert_element(4, T, last)),
    erlang:display(erlang:delete_element(1, T)),
    erlang:display(tuple_to_list(T)),
    erlang:display(list_to_tuple(?id([1, [2], {3}]))),
    erlang:display(list_to_tuple(?id([]))),
    Big = list_to_tuple(lists:seq(1, 1000)),
    erlang:display(element(1000, Big)),
    erlang:display(tuple_size(setelement(500, Big, x))),
    erlang:display(element(500, setelement(500, Big, x))),
    erlang:display(set_many(?id({0, 0, 0, 0}))),
    {A, B, {C, D}} = ?id({1, 2, {3, 4}}),
    erlang:display(A + B + C + D),
    ?pe(element(?id(0), T)),
    ?pe(element(?id(4), T)),
    ?pe(element(?id(a), T)),
    ?pe(element(1, ?id([a]))),
    ?pe(setelement(?id(4), T, x)),
    ?pe(erlang:make_tuple(?id(-1), a)),
    ?pe(list_to_tuple(?id([a | b]))),
    ?pe(tuple_size(?id([]))),
    ?pe(erlang:delete_element(?id(4), T)),
    ok.

%% Successive setelement on a fresh tuple (the compiler may use set_tuple_element).
set_many(T0) ->
    T1 = setelement(1, T0, a),
    T2 = setelement(2, T1, b),
    T3 = setelement(4, T2, d),
    T3.
