%% Integer fields read and written at every bit offset and width the bit-syntax engine's
%% 8-byte window covers and around its edges: widths 1..64 (and 65, 72 past it), offsets
%% 0..15, big and little endian, signed and unsigned, fields ending exactly at, or a few
%% bytes before, the end of their binary (where the window does not fit), 59/60-bit values
%% at the edge of a small, sizes from a variable, and binaries built longer than 64 bytes.
-module(t_bits_window).
-export([main/0]).

pattern(N) -> list_to_binary([(I * 37 + 11) band 255 || I <- lists:seq(1, N)]).

%% Every (offset, width) read from a binary of Len bytes, as one checksum per flag set.
reads(Len) ->
    B = pattern(Len),
    Bits = Len * 8,
    [{Flags, lists:foldl(
               fun({Off, W}, Acc) -> (Acc * 1000003 + read(B, Off, W, Flags)) rem (1 bsl 61) end,
               0,
               [{Off, W} || Off <- lists:seq(0, 15), W <- lists:seq(1, 72), Off + W =< Bits])}
     || Flags <- [big_u, big_s, little_u, little_s]].

read(B, Off, W, big_u) -> <<_:Off, V:W, _/bits>> = B, V;
read(B, Off, W, big_s) -> <<_:Off, V:W/signed, _/bits>> = B, V;
read(B, Off, W, little_u) -> <<_:Off, V:W/little, _/bits>> = B, V;
read(B, Off, W, little_s) -> <<_:Off, V:W/little-signed, _/bits>> = B, V.

%% Writes V in W bits at offset Off after a prefix, reads it back; the binary's bytes.
writes() ->
    lists:foldl(
      fun({Off, W, V}, Acc) ->
              B1 = <<0:Off, V:W, 16#5A:8>>,
              B2 = <<1:Off, V:W/little, 16#A5:8>>,
              B3 = <<(-1):Off, (-V):W/signed, 3:2>>,
              <<_:Off, R1:W, _/bits>> = B1,
              <<_:Off, R2:W/little, _/bits>> = B2,
              <<_:Off, R3:W/signed, _/bits>> = B3,
              erlang:phash2({B1, B2, B3, R1, R2, R3}, 1 bsl 27) bxor (Acc * 31 band 16#7FFFFFF)
      end,
      0,
      [{Off, W, (I * 7919 + W) band ((1 bsl W) - 1)}
       || Off <- lists:seq(0, 11), W <- lists:seq(1, 66), I <- [1, 3]]).

%% A tail-recursive byte loop and a record loop, the shape binary parsers have.
bytes(<<X, Rest/binary>>, S) -> bytes(Rest, (S * 31 + X) band 16#FFFFFF);
bytes(<<>>, S) -> S.

records(<<A:32, B:16/little, C:1, D:3, E:4, Rest/binary>>, S) ->
    records(Rest, (S + A + B + C + D + E) band 16#FFFFFFF);
records(<<Tail/binary>>, S) -> {S, byte_size(Tail)}.

build(0, Acc) -> Acc;
build(I, Acc) -> build(I - 1, <<Acc/binary, I:32, (I band 16#FFFF):16/little, (I band 1):1, (I band 7):3, (I band 15):4>>).

edges() ->
    Max59 = (1 bsl 59) - 1,
    Min60 = -(1 bsl 59),
    B = <<Max59:59, Min60:60/signed, Max59:59/little, Min60:60/little-signed, 5:6>>,
    <<A:59, C:60/signed, D:59/little, E:60/little-signed, F:6>> = B,
    <<G:60, H:61/signed, _/bits>> = B,
    Size = byte_size(B) div 2,
    <<I:Size/unit:8, J/bits>> = B,
    [A, C, D, E, F, G, H, I, J, is_integer(G), (1 bsl 59) =:= A + 1].

main() ->
    erlang:display([{Len, reads(Len)} || Len <- [1, 2, 7, 8, 9, 12, 16]]),
    erlang:display(writes()),
    Big = build(300, <<>>),
    erlang:display({byte_size(Big), records(Big, 0), bytes(Big, 0)}),
    erlang:display(records(<<Big/binary, 1, 2, 3>>, 7)),
    erlang:display(edges()),
    Long = <<(pattern(70))/binary, 123456789:40/little, 1:1>>,
    erlang:display({bit_size(Long), bytes(pattern(70), 1), erlang:phash2(Long)}).
