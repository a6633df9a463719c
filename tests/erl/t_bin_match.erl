-module(t_bin_match).
-export([main/0]).
-include("test.hrl").

%% Binary matching: fixed-size segments, odd sizes, signed/little, floats,
%% binary/bitstring tails, sizes from earlier segments, string prefixes,
%% skipping, and the match-context loop (bs_start_match/bs_get_tail).
main() ->
    <<A:8, B:16/little, C:4, D:4, Rest/binary>> = ?id(<<1, 2, 3, 16#AB, 9, 9>>),
    erlang:display({A, B, C, D, Rest}),
    <<S1:8/signed, S2:12/signed-big, S3:4/signed>> = ?id(<<255, 16#80, 16#0F>>),
    erlang:display({S1, S2, S3}),
    <<U:3, V:5, W:7, X:1>> = ?id(<<16#A5, 16#C3>>),
    erlang:display({U, V, W, X}),
    <<F64:64/float, F32:32/float, F16:16/float>> = ?id(<<1.5:64/float, 2.5:32/float, 0.5:16/float>>),
    erlang:display({F64, F32, F16}),
    <<Len:8, Payload:Len/binary, Tail/binary>> = ?id(<<3, "abcdef">>),
    erlang:display({Len, Payload, Tail}),
    <<"GET ", Path/binary>> = ?id(<<"GET /index.html">>),
    erlang:display(Path),
    <<_:4, Bits/bitstring>> = ?id(<<16#FF, 16#0F>>),
    erlang:display(Bits),
    <<Big:72>> = ?id(<<1, 0, 0, 0, 0, 0, 0, 0, 0>>),
    erlang:display(Big),
    <<NegBig:72/signed-little>> = ?id(<<0, 0, 0, 0, 0, 0, 0, 0, 128>>),
    erlang:display(NegBig),
    erlang:display(parse_tlv(?id(<<1, 2, "hi", 2, 3, "abc", 9, 0>>))),
    erlang:display(count_bits(?id(<<16#F0F0:16, 5:3>>), 0)),
    erlang:display(split_words(?id(<<"the quick  brown fox">>), <<>>, [])),
    erlang:display([classify(Bin) || Bin <- ?id([<<1>>, <<1, 2>>, <<1, 2, 3, 4>>, <<>>, <<7:3>>, <<"xyz">>])]),
    erlang:display(nan_or_not(?id(<<16#7FF8:16, 0:48>>))),
    erlang:display(nan_or_not(?id(<<1.0:64/float>>))),
    <<Sz:4, Val:Sz, _/bitstring>> = ?id(<<3:4, 5:3, 0:1>>),
    erlang:display({Sz, Val}),
    erlang:display(match_case(?id(<<16#FFFF:16>>))),
    erlang:display(match_case(?id(<<16#0102:16>>))),
    erlang:display(match_case(?id(<<"abc">>))),
    erlang:display(sum_u16(?id(<<1:16, 2:16, 3:16, 4:16>>), 0)),
    erlang:display(skip(?id(<<0:100, 42:8>>))),
    ?p(begin <<Q:8>> = ?id(<<>>), Q end),
    ok.

parse_tlv(<<T, L, V:L/binary, Rest/binary>>) -> [{T, V} | parse_tlv(Rest)];
parse_tlv(<<9, _/binary>>) -> [end_marker];
parse_tlv(<<>>) -> [].

count_bits(<<>>, N) -> N;
count_bits(<<B:1, Rest/bitstring>>, N) -> count_bits(Rest, N + B).

split_words(<<>>, Cur, Acc) -> lists:reverse(add(Cur, Acc));
split_words(<<" ", Rest/binary>>, Cur, Acc) -> split_words(Rest, <<>>, add(Cur, Acc));
split_words(<<C, Rest/binary>>, Cur, Acc) -> split_words(Rest, <<Cur/binary, C>>, Acc).

add(<<>>, Acc) -> Acc;
add(W, Acc) -> [W | Acc].

classify(<<X:8>>) -> {one, X};
classify(<<X:16>>) -> {two, X};
classify(<<X:32/little>>) -> {four, X};
classify(<<>>) -> empty;
classify(<<_:3>>) -> three_bits;
classify(<<H, _/binary>>) -> {head, H}.

nan_or_not(<<F:64/float>>) -> {float, F};
nan_or_not(<<_:64>>) -> not_a_float.

match_case(Bin) ->
    case Bin of
        <<16#FFFF:16>> -> all_ones;
        <<Hi:8, Lo:8>> -> {Hi, Lo};
        <<"a", _/binary>> -> starts_with_a
    end.

sum_u16(<<X:16, Rest/binary>>, Acc) -> sum_u16(Rest, Acc + X);
sum_u16(<<>>, Acc) -> Acc.

skip(<<_:100, X:8>>) -> X.
