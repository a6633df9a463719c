%% bs_create_bin of integer segments only (the construction of records and headers): sizes
%% from variables and units, zero-width fields, 64-bit and wider fields, negative values,
%% little-endian whole and partial bytes, totals of exactly 64 bytes and just over, results
%% that end inside a byte, and the errors a bad size or value raises.
-module(t_bits_pack).
-export([main/0]).

main() ->
    [erlang:display(pack(W, U, V)) || W <- [0, 1, 3, 7, 8, 9, 15, 16, 31, 33, 63, 64, 65],
                                      U <- [1, 8],
                                      V <- [0, 1, -1, 16#5A5A5A5A5A5A5A5A, -(1 bsl 59)]],
    erlang:display(wide(8)),
    erlang:display(wide(9)),
    erlang:display(byte_size(wide(8))),
    erlang:display(byte_size(wide(9))),
    erlang:display(record(1, 2, 3)),
    erlang:display(record(16#FFFFFFFF, 16#12345, -1)),
    [erlang:display(top(catch bad(S, V))) || {S, V} <- [{-1, 1}, {a, 1}, {8, 1.5}, {8, a},
                                                   {8, 1 bsl 70}, {1 bsl 70, 1}]],
    ok.

%% A field of W units of U bits between two fixed fields, both endians.
pack(W, U, V) ->
    S = W * U,
    if S =< 64 ->
            {<<5:3, V:W/unit:1, 1:1>>, <<V:W/little-unit:1, 7:4>>,
             <<1:1, V:W/unit:8>>, <<V:W/little-unit:8, 0:2>>, U};
       true ->
            {<<5:3, V:W/unit:1, 1:1>>, <<V:W/little-unit:1, 7:4>>, U}
    end.

%% N fields of 64 bits: 64 bytes fit the small buffer, 72 do not.
wide(8) -> V = 16#0102030405060708, <<V:64, V:64, V:64, V:64, V:64, V:64, V:64, V:64>>;
wide(9) -> V = -2, <<V:64, V:64, V:64, V:64, V:64, V:64, V:64, V:64, V:64>>.

record(A, B, C) -> <<A:32, B:16/little, C:1, C:3, C:4, (A band 7):3>>.

bad(S, V) -> <<1:8, V:S, 2:8>>.

%% The reason and the frame that raised (the frames below it differ between harnesses).
top({'EXIT', {Reason, [Frame | _]}}) -> {Reason, Frame};
top(Built) -> Built.
