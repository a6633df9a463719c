-module(t_bif_misc).
-export([main/0]).
-include("test.hrl").

%% Miscellaneous BIFs whose results can be printed on every VM: make_ref,
%% self, node, erlang:display's return value, is_process_alive,
%% system_info of fixed facts, atom and integer helpers.
main() ->
    R1 = make_ref(), R2 = make_ref(),
    erlang:display({is_reference(R1), R1 =:= R2, R1 =:= R1, is_reference(self())}),
    erlang:display(is_pid(self())),
    erlang:display(is_process_alive(self())),
    erlang:display(node()),
    erlang:display(node(self())),
    erlang:display(erlang:display(returns_true)),
    erlang:display(is_atom(erlang:system_info(otp_release)) orelse is_list(erlang:system_info(otp_release))),
    erlang:display(erlang:system_info(wordsize)),
    erlang:display(is_integer(erlang:monotonic_time())),
    erlang:display(is_integer(erlang:system_time(millisecond))),
    erlang:display(is_integer(erlang:unique_integer())),
    erlang:display(erlang:unique_integer([positive]) > 0),
    T0 = erlang:monotonic_time(), T1 = erlang:monotonic_time(),
    erlang:display(T1 >= T0),
    {Mega, Sec, Micro} = os:timestamp(),
    erlang:display(is_integer(Mega + Sec + Micro)),
    erlang:display(erlang:is_builtin(erlang, element, 2)),
    erlang:display(erlang:is_builtin(lists, reverse, 2)),
    erlang:display(is_integer(erlang:phash2(make_ref()))),
    erlang:display(tuple_size(erlang:timestamp())),
    erlang:display(erlang:bump_reductions(1)),
    erlang:display(erlang:garbage_collect()),
    erlang:display(erlang:yield()),
    erlang:display(is_list(erlang:process_info(self(), messages)) orelse
                   element(1, erlang:process_info(self(), messages)) =:= messages),
    erlang:display(lists:member(self(), processes())),
    ok.
