-module(t_bin_utf).
-export([main/0]).
-include("test.hrl").

%% utf8/utf16/utf32 segments: construction and matching of every encoding
%% length, both byte orders, and invalid input.
main() ->
    Cps = ?id([$a, 16#7F, 16#80, 16#7FF, 16#800, 16#FFFF, 16#10000, 16#10FFFF, 16#E9]),
    [erlang:display({C, <<C/utf8>>, <<C/utf16>>, <<C/utf16-little>>, <<C/utf32>>}) || C <- Cps],
    Utf8 = << <<C/utf8>> || C <- Cps >>,
    erlang:display(Utf8),
    erlang:display(decode8(Utf8)),
    Utf16 = << <<C/utf16>> || C <- Cps >>,
    erlang:display(decode16(Utf16)),
    Utf32 = << <<C/utf32-little>> || C <- Cps >>,
    erlang:display([C || <<C/utf32-little>> <= Utf32]),
    erlang:display(decode8(?id(<<"héllo wörld"/utf8>>))),
    ?p(decode8(?id(<<16#C0, 16#80>>))),
    erlang:display(first(?id(<<16#ED, 16#A0, 16#80>>))),
    erlang:display(first(?id(<<16#F4, 16#90, 16#80, 16#80>>))),
    erlang:display(first(?id(<<16#E2, 16#82>>))),
    erlang:display(first(?id(<<16#E2, 16#82, 16#AC, $x>>))),
    erlang:display(first16(?id(<<16#D8, 16#00>>))),
    erlang:display(first16(?id(<<16#D8, 16#3D, 16#DE, 16#00>>))),
    erlang:display(first32(?id(<<0, 16#11, 0, 0>>))),
    erlang:display(first32(?id(<<0, 0, 16#D8, 0>>))),
    erlang:display(<<"ÿ">>),
    erlang:display(<<"ÿ"/utf8>>),
    ok.

decode8(<<C/utf8, Rest/binary>>) -> [C | decode8(Rest)];
decode8(<<>>) -> [].

decode16(<<C/utf16, Rest/binary>>) -> [C | decode16(Rest)];
decode16(<<>>) -> [].

first(<<C/utf8, Rest/binary>>) -> {C, Rest};
first(Other) -> {invalid, Other}.

first16(<<C/utf16, _/binary>>) -> C;
first16(_) -> invalid.

first32(<<C/utf32>>) -> C;
first32(_) -> invalid.
