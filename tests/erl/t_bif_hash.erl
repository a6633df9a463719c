-module(t_bif_hash).
-export([main/0]).
-include("test.hrl").

%% Hashes with values fixed by the BEAM: erlang:phash2/1,2 of every kind of
%% term, erlang:phash/2, md5 (with md5_init/update/final), crc32, adler32.
main() ->
    Terms = ?id([0, 1, -1, 1 bsl 64, 1.5, -0.0, 0.0, atom, '', [], [1, 2], "abc", [a | b], {},
                 {a, b}, <<>>, <<"abc">>, <<1:3>>, #{}, #{a => 1}, #{1 => 2, b => c},
                 maps:from_list([{I, I} || I <- lists:seq(1, 40)]), lists:seq(1, 100),
                 {x, [y, <<"z">>], #{k => v}}, 1 bsl 200, -(1 bsl 100)]),
    erlang:display([erlang:phash2(T) || T <- Terms]),
    erlang:display([erlang:phash2(T, 1000) || T <- Terms]),
    erlang:display([erlang:phash2(T, 1 bsl 32) || T <- Terms]),
    erlang:display([erlang:phash(T, 1 bsl 32) || T <- Terms]),
    erlang:display(erlang:phash2(fun lists:map/2)),
    erlang:display(erlang:md5(?id(<<>>))),
    erlang:display(erlang:md5(?id("abc"))),
    erlang:display(erlang:md5(?id([<<"a">>, "b", [$c]]))),
    erlang:display(erlang:md5(binary:copy(?id(<<"0123456789">>), 1000))),
    Ctx0 = erlang:md5_init(),
    Ctx1 = erlang:md5_update(Ctx0, ?id(<<"ab">>)),
    Ctx2 = erlang:md5_update(Ctx1, ?id("c")),
    erlang:display(erlang:md5_final(Ctx2)),
    erlang:display(erlang:crc32(?id(<<"hello world">>))),
    erlang:display(erlang:crc32(erlang:crc32(?id(<<"hello ">>)), ?id(<<"world">>))),
    erlang:display(erlang:adler32(?id(<<"hello world">>))),
    erlang:display(erlang:phash2(?id(1)) =:= erlang:phash2(?id(1.0))),
    ?p(erlang:md5(?id(atom))),
    ?p(erlang:phash2(x, ?id(-1))),
    ok.
