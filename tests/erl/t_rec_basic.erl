-module(t_rec_basic).
-export([main/0]).
-include("test.hrl").
-record(person, {name, age = 0, tags = [] :: list()}).
-record(empty, {}).
-record(nested, {inner = #person{} :: #person{}, n = 1}).

%% Records: creation with defaults, field access, update (update_record),
%% matching, is_record, record_info, nested records, records in guards.
main() ->
    P = ?id(#person{name = "Ann", age = 30}),
    erlang:display(P),
    erlang:display(#person{}),
    erlang:display(#empty{}),
    erlang:display(P#person.name),
    erlang:display(P#person.age),
    P2 = P#person{age = 31, tags = [x]},
    erlang:display(P2),
    erlang:display(P),
    P3 = P2#person{name = "Bo"},
    erlang:display(P3),
    erlang:display(older(P, P2)),
    erlang:display(is_record(P, person)),
    erlang:display(is_record(?id({person, 1}), person)),
    erlang:display(record_info(fields, person)),
    erlang:display(record_info(size, person)),
    erlang:display(#person.age),
    #person{name = Name, age = Age} = P,
    erlang:display({Name, Age}),
    N = ?id(#nested{}),
    erlang:display(N),
    erlang:display(N#nested.inner#person.age),
    N2 = N#nested{inner = (N#nested.inner)#person{age = 99}},
    erlang:display(N2),
    erlang:display([name_of(X) || X <- ?id([P, P3, not_person, #empty{}])]),
    erlang:display(bump(?id(P), 5)),
    erlang:display(element(1, P)),
    erlang:display(setelement(#person.age, P, 1)),
    erlang:display(lists:keyfind("Bo", #person.name, [P, P3])),
    erlang:display(multi_update(?id(#person{}))),
    ok.

older(#person{age = A1}, #person{age = A2}) when A1 < A2 -> second;
older(_, _) -> first.

name_of(#person{name = N}) -> N;
name_of(#empty{}) -> empty;
name_of(_) -> unknown.

bump(P = #person{age = A}, N) when is_record(P, person) -> P#person{age = A + N}.

multi_update(P) ->
    P1 = P#person{name = a},
    P2 = P1#person{age = 2},
    P3 = P2#person{tags = [t]},
    P3.
