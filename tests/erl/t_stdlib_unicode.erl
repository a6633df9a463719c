-module(t_stdlib_unicode).
-export([main/0]).
-include("test.hrl").

%% unicode:characters_to_list/binary between encodings, invalid and
%% incomplete input, and unicode_util (grapheme clusters, case, normalisation).
main() ->
    erlang:display(unicode:characters_to_list(?id(<<"héllo €"/utf8>>))),
    erlang:display(unicode:characters_to_binary(?id([104, 233, 8364]))),
    erlang:display(unicode:characters_to_binary(?id(["ab", <<"cd">>, [$e | <<"f">>]]))),
    erlang:display(unicode:characters_to_binary(?id([233]), unicode, latin1)),
    erlang:display(unicode:characters_to_binary(?id(<<233>>), latin1, utf8)),
    erlang:display(unicode:characters_to_binary(?id("a€"), unicode, utf16)),
    erlang:display(unicode:characters_to_binary(?id("a€"), unicode, {utf32, little})),
    erlang:display(unicode:characters_to_list(?id(<<0, 97, 32, 172>>), utf16)),
    erlang:display(unicode:characters_to_list(?id(<<"ok", 255, "x">>))),
    erlang:display(unicode:characters_to_list(?id(<<"ok", 226, 130>>))),
    erlang:display(unicode:characters_to_binary(?id([97, 16#110000]))),
    erlang:display(unicode:characters_to_binary(?id([8364]), unicode, latin1)),
    erlang:display(unicode:characters_to_nfd_list(?id("é"))),
    erlang:display(unicode:characters_to_nfc_list(?id([$e, 16#301]))),
    erlang:display(unicode:characters_to_nfkc_binary(?id(<<"ﬁ"/utf8>>))),
    erlang:display(unicode:bom_to_encoding(?id(<<16#EF, 16#BB, 16#BF, $a>>))),
    erlang:display(unicode:encoding_to_bom(utf16)),
    erlang:display(unicode_util:gc(?id([$e, 16#301, $x]))),
    erlang:display(unicode_util:cp(?id(<<"€x"/utf8>>))),
    erlang:display(unicode_util:uppercase(?id([$a]))),
    erlang:display(unicode_util:lowercase(?id([$Q]))),
    erlang:display(unicode_util:is_whitespace(?id($\s))),
    erlang:display(unicode_util:nfd(?id([16#E9]))),
    ok.
