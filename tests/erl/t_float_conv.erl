-module(t_float_conv).
-export([main/0]).
-include("test.hrl").

%% Float <-> text: float_to_list/1,2 and float_to_binary/1,2 with every
%% option (decimals, scientific, compact, short), list_to_float,
%% binary_to_float, and how erlang:display prints floats.
main() ->
    Fs = ?id([0.0, -0.0, 1.0, -1.5, 0.1, 1/3, 2/3, 100.0, 1.0e20, 1.0e-20, 123456789.125,
              3.141592653589793, 1.0e100, 5.0e-324, 1.7976931348623157e308, 0.30000000000000004]),
    [erlang:display(float_to_list(F)) || F <- Fs],
    [erlang:display(float_to_list(F, [short])) || F <- Fs],
    [erlang:display(float_to_binary(F, [short])) || F <- Fs],
    erlang:display([float_to_list(?id(3.14159), [{decimals, D}]) || D <- [0, 1, 2, 5, 10]]),
    erlang:display([float_to_list(?id(3.10), [{decimals, D}, compact]) || D <- [0, 1, 2, 5, 10]]),
    erlang:display([float_to_list(?id(1234.5), [{scientific, D}]) || D <- [0, 1, 3, 10]]),
    erlang:display(float_to_binary(?id(0.5), [{decimals, 3}])),
    erlang:display(float_to_binary(?id(2.5), [{decimals, 0}])),
    erlang:display(float_to_binary(?id(-1.0e-5), [{scientific, 2}])),
    erlang:display(float_to_binary(?id(7.0))),
    erlang:display([list_to_float(S) || S <- ?id(["1.0", "-0.5", "1.5e3", "2.0E-2", "0.1"])]),
    erlang:display([binary_to_float(S) || S <- ?id([<<"1.0">>, <<"3.25e10">>, <<"-7.0">>])]),
    erlang:display(Fs),
    ?p(list_to_float(?id("1"))),
    ?p(list_to_float(?id("1."))),
    ?p(list_to_float(?id(".5"))),
    ?p(binary_to_float(?id(<<"abc">>))),
    ?p(float_to_list(?id(1))),
    ?p(float_to_list(?id(1.0), [bad_option])),
    ?p(float_to_list(?id(1.0), [{decimals, 254}]) =/= x),
    ?p(float_to_list(?id(1.0), [{decimals, 300}])),
    erlang:display(float_to_list(?id(1.0e15), [{decimals, 2}])),
    erlang:display(float_to_list(?id(0.000123), [short])),
    ok.
