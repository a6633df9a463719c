-module(t_bin_append).
-export([main/0]).
-include("test.hrl").

%% Appending to a binary in a loop (<<Acc/binary, ...>>), bitstring appends,
%% appending to a binary that is also kept elsewhere (must not be clobbered),
%% and appends of growing sizes.
main() ->
    B1 = build(?id(1000), <<>>),
    erlang:display({byte_size(B1), binary:part(B1, 0, 8), erlang:md5(B1)}),
    Bits = bits(?id(100), <<>>),
    erlang:display({bit_size(Bits), Bits}),
    Base = ?id(<<"base">>),
    X = <<Base/binary, "-x">>,
    Y = <<Base/binary, "-y">>,
    erlang:display({Base, X, Y}),
    Acc0 = <<"start">>,
    Acc1 = <<Acc0/binary, 1>>,
    Acc2a = <<Acc1/binary, "a">>,
    Acc2b = <<Acc1/binary, "b">>,
    erlang:display({Acc1, Acc2a, Acc2b}),
    erlang:display(byte_size(grow(?id(20), <<1>>))),
    erlang:display(rev(?id(<<"hello world">>), <<>>)),
    erlang:display(join([<<"a">>, <<"bb">>, <<"ccc">>], <<", ">>)),
    erlang:display(numbers(?id(50), <<>>)),
    L = ?id([<<I:8>> || I <- lists:seq(1, 300)]),
    erlang:display(erlang:md5(lists:foldl(fun(E, A) -> <<A/binary, E/binary>> end, <<>>, L))),
    erlang:display(mixed(?id(10), <<>>)),
    ok.

build(0, Acc) -> Acc;
build(N, Acc) -> build(N - 1, <<Acc/binary, N:32, (N band 16#FF):8>>).

bits(0, Acc) -> Acc;
bits(N, Acc) -> bits(N - 1, <<Acc/bitstring, (N band 1):1>>).

grow(0, Acc) -> Acc;
grow(N, Acc) -> grow(N - 1, <<Acc/binary, Acc/binary>>).

rev(<<>>, Acc) -> Acc;
rev(<<C, Rest/binary>>, Acc) -> rev(Rest, <<C, Acc/binary>>).

join([], _) -> <<>>;
join([H | T], Sep) -> lists:foldl(fun(E, Acc) -> <<Acc/binary, Sep/binary, E/binary>> end, H, T).

numbers(0, Acc) -> Acc;
numbers(N, Acc) -> numbers(N - 1, <<Acc/binary, (integer_to_binary(N))/binary, ",">>).

mixed(0, Acc) -> Acc;
mixed(N, Acc) -> mixed(N - 1, <<Acc/bitstring, N:5, (N * 1.0):32/float>>).
