-module(t_bif_time).
-export([main/0]).
-include("test.hrl").

%% Calendar and clock natives with fixed inputs (the clock itself is only
%% checked for shape), and the calendar module running on them.
main() ->
    DT = {{2024, 2, 29}, {23, 59, 59}},
    ?p(erlang:universaltime_to_posixtime(?id(DT))),
    ?p(erlang:posixtime_to_universaltime(?id(1709251199))),
    ?p(erlang:posixtime_to_universaltime(?id(0))),
    ?p(erlang:posixtime_to_universaltime(?id(-86401))),
    ?p(erlang:universaltime_to_posixtime(?id({{1999, 12, 31}, {0, 0, 0}}))),
    ?p(erlang:universaltime_to_posixtime(?id({{2023, 2, 29}, {0, 0, 0}}))),
    ?p(erlang:universaltime_to_posixtime(?id({{2023, 1, 1}, {24, 0, 0}}))),
    ?p(erlang:universaltime_to_localtime(?id(DT))),
    ?p(calendar:day_of_the_week(2024, 2, 29)),
    ?p(calendar:datetime_to_gregorian_seconds(DT)),
    ?p(calendar:gregorian_seconds_to_datetime(63881020799)),
    ?p(calendar:is_leap_year(1900)),
    ?p(calendar:last_day_of_the_month(2000, 2)),
    ?p(calendar:iso_week_number({2021, 1, 3})),
    ?p(calendar:system_time_to_universal_time(1709251199, second)),
    {D, T} = erlang:universaltime(),
    ?p({tuple_size(D), tuple_size(T)}),
    ?p(tuple_size(date()) + tuple_size(time())),
    {A, B, C} = erlang:now(),
    ?p(is_integer(A + B + C)),
    ?p(erlang:now() < erlang:now()),
    ?p(erlang:module_loaded(?MODULE)),
    ?p(erlang:module_loaded(?id(no_such_module_here))),
    ?p(lists:member(?MODULE, erlang:loaded())),
    ?p(lists:member(erlang, erlang:pre_loaded())),
    {R1, _} = statistics(reductions),
    ?p(is_integer(R1)),
    {W, _} = statistics(wall_clock),
    ?p(is_integer(W)),
    ?pe(statistics(?id(no_such_item))),
    ok.
