-module(t_stdlib_binary).
-export([main/0]).
-include("test.hrl").

%% The binary module used the way programs use it: tokenising, replacing
%% with a fun, hex encoding, big-number encoding, and base64 on top.
main() ->
    Csv = ?id(<<"name,age\nann,30\nbo,41\n">>),
    Lines = binary:split(Csv, <<"\n">>, [global, trim]),
    erlang:display([binary:split(L, <<",">>, [global]) || L <- Lines]),
    erlang:display(binary:replace(?id(<<"a-b-c">>), <<"-">>, <<"+">>, [global])),
    erlang:display(binary:replace(?id(<<"ab">>), [<<"a">>, <<"b">>], <<"[]">>, [global, {insert_replaced, [1, 1]}])),
    erlang:display(binary:match(?id(<<"needle in haystack">>), <<"hay">>)),
    erlang:display(binary:matches(?id(<<"abcabcabc">>), [<<"abc">>, <<"bc">>])),
    erlang:display(binary:copy(?id(<<"xy">>), 5)),
    erlang:display([binary:encode_unsigned(N, E) || N <- ?id([1, 65535, 1 bsl 40]), E <- [big, little]]),
    erlang:display(binary:decode_unsigned(binary:encode_unsigned(?id(1 bsl 100)))),
    erlang:display(binary:encode_hex(?id(<<1, 171, 255>>))),
    erlang:display(binary:decode_hex(?id(<<"01abFF">>))),
    erlang:display(base64:encode(?id(<<"hello world">>))),
    erlang:display(base64:decode(?id(<<"aGVsbG8gd29ybGQ=">>))),
    erlang:display(base64:encode_to_string(?id("ab"))),
    erlang:display(binary:part(?id(<<"0123456789">>), {8, -3})),
    erlang:display(binary:bin_to_list(?id(<<"abcdef">>), {1, 3})),
    erlang:display(binary:split(?id(<<"k1=v1&k2=v2">>), [<<"&">>, <<"=">>], [global])),
    ok.
