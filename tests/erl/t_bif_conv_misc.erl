-module(t_bif_conv_misc).
-export([main/0]).
-include("test.hrl").

%% Other conversions: tuple_to_list/list_to_tuple, list_to_binary of
%% charlists, term_to_binary sizes, float/1, integer parsing via
%% string:to_integer, number_to_list helpers, erlang:list_to_pid round trips
%% are not printed (pids differ).
main() ->
    erlang:display(tuple_to_list(?id({a, {b}, [c]}))),
    erlang:display(list_to_tuple(tuple_to_list(?id({1, 2, 3})))),
    erlang:display(binary_to_list(list_to_binary(?id("round trip")))),
    erlang:display(float(?id(3))),
    erlang:display(string:to_integer(?id("123abc"))),
    erlang:display(string:to_integer(?id("abc"))),
    erlang:display(string:to_float(?id("1.5e2rest"))),
    erlang:display(string:to_float(?id("1rest"))),
    erlang:display(erlang:integer_to_list(?id(1 bsl 40))),
    erlang:display(is_pid(list_to_pid(pid_to_list(self())))),
    erlang:display(list_to_pid(pid_to_list(self())) =:= self()),
    erlang:display(is_list(pid_to_list(self()))),
    erlang:display(is_list(ref_to_list(make_ref()))),
    erlang:display(is_list(erlang:fun_to_list(fun() -> ok end))),
    erlang:display(erlang:fun_to_list(fun lists:sum/1)),
    erlang:display(list_to_binary(io_lib:format("~w", [?id({1, [2], <<3>>})]))),
    erlang:display(binary_to_list(term_to_binary(?id(x)))),
    erlang:display(erlang:size(?id(<<1, 2, 3>>))),
    erlang:display(erlang:size(?id({1, 2}))),
    erlang:display(erlang:list_to_tuple(?id("abc"))),
    erlang:display(erlang:tuple_to_list(erlang:make_tuple(3, [x]))),
    ok.
