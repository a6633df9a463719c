-module(t_bin_comp).
-export([main/0]).
-include("test.hrl").

%% Binary comprehensions: binary and bitstring generators, filters, list
%% generators producing binaries, nested, odd-sized elements.
main() ->
    B = ?id(<<1, 2, 3, 4, 5, 6>>),
    erlang:display(<< <<(X * 2)>> || <<X>> <= B >>),
    erlang:display(<< <<X>> || <<X>> <= B, X rem 2 =:= 0 >>),
    erlang:display(<< <<X:4>> || X <- lists:seq(1, 6) >>),
    erlang:display(<< <<X:3>> || <<X:3>> <= <<16#FFFF:16>> >>),
    erlang:display([{H, L} || <<H:4, L:4>> <= ?id(<<16#AB, 16#CD>>)]),
    erlang:display(<< <<(C - 32)>> || <<C>> <= ?id(<<"hello">>), C >= $a, C =< $z >>),
    erlang:display(<< <<Y:16>> || <<X:8>> <= B, Y <- [X, X * 100] >>),
    erlang:display(<< <<1:1>> || _ <- lists:seq(1, 10) >>),
    erlang:display(<< <<S/binary>> || S <- ?id([<<"ab">>, <<>>, <<"cd">>]) >>),
    erlang:display(<< <<X/utf8>> || X <- ?id([$a, 16#E9, 16#20AC]) >>),
    erlang:display([X || <<X/utf8>> <= ?id(<<"aé€"/utf8>>)]),
    erlang:display(byte_size(<< <<X:32>> || X <- lists:seq(1, 10000) >>)),
    erlang:display(hex(?id(<<222, 173, 190, 239>>))),
    erlang:display(<< <<X>> || <<X>> <= <<>> >>),
    erlang:display([X || <<X:16/little>> <= ?id(<<1, 0, 2, 0, 3>>)]),
    ok.

hex(Bin) -> << <<(d(H)), (d(L))>> || <<H:4, L:4>> <= Bin >>.
d(X) when X < 10 -> $0 + X;
d(X) -> $a + X - 10.
