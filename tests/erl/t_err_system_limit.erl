-module(t_err_system_limit).
-export([main/0]).
-include("test.hrl").

%% system_limit: atoms too long, tuples too big, shifts too large, and so on.
main() ->
    ?pe(list_to_atom(lists:duplicate(?id(256), $a))),
    ?pe(binary_to_atom(binary:copy(<<"b">>, ?id(300)), utf8)),
    ?pe(erlang:make_tuple(?id(1 bsl 27), a)),
    ?pe(?id(1) bsl ?id(1 bsl 40)),
    ?p(?id(1) bsl ?id(16#4000000)),
    ?p(list_to_atom([16#10000 || _ <- lists:seq(1, ?id(256))])),
    ?p(length(atom_to_list(list_to_atom([16#10000 || _ <- lists:seq(1, ?id(255))])))),
    ?p(<<0:(?id(1 bsl 62))>>),
    erlang:display(length(atom_to_list(list_to_atom(lists:duplicate(?id(255), $c))))),
    ok.
