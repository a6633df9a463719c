-module(t_err_badarg).
-export([main/0]).
-include("test.hrl").

%% badarg from BIFs with wrong argument types or values; stack top shows
%% the BIF and its arguments.
main() ->
    ?pe(atom_to_list(?id("x"))),
    ?pe(list_to_atom(?id(x))),
    ?pe(integer_to_list(?id(1.0))),
    ?pe(list_to_integer(?id("12x"))),
    ?pe(binary_to_list(?id(<<1:3>>))),
    ?pe(tuple_to_list(?id([]))),
    ?pe(abs(?id(a))),
    ?pe(float(?id("1"))),
    ?pe(erlang:binary_to_integer(?id(<<"z">>))),
    ?pe(list_to_binary(?id([256]))),
    ?pe(iolist_size(?id([a]))),
    ?pe(erlang:bit_size(?id(a))),
    ?pe(byte_size(?id("ab"))),
    ?pe(binary_part(?id(<<1, 2, 3>>), 2, 5)),
    ?pe(list_to_existing_atom(?id("surely_no_such_atom_qzx"))),
    ?pe(atom_to_binary(?id(1), utf8)),
    ?pe(erlang:phash2(x, ?id(0))),
    ?pe(round(?id(b))),
    ?pe(trunc(?id([]))),
    ok.
