-module(t_bif_conv_atom).
-export([main/0]).
-include("test.hrl").

%% Atoms <-> text: atom_to_list, list_to_atom, atom_to_binary/1,2,
%% binary_to_atom/1,2 (utf8 and latin1), the *_existing_* variants, quoted
%% atoms and their printing.
main() ->
    erlang:display(atom_to_list(?id(hello))),
    erlang:display(atom_to_list(?id('with space'))),
    erlang:display(list_to_atom(?id("made_at_runtime"))),
    erlang:display(list_to_atom(?id("Needs Quotes"))),
    erlang:display(list_to_atom(?id(""))),
    erlang:display(atom_to_binary(?id(abc))),
    erlang:display(atom_to_binary(?id(abc), utf8)),
    erlang:display(atom_to_binary(?id(abc), latin1)),
    erlang:display(binary_to_atom(?id(<<"xyz">>))),
    erlang:display(binary_to_atom(?id(<<"xyz">>), latin1)),
    Uni = binary_to_atom(?id(<<"caf", 16#C3, 16#A9>>), utf8),
    erlang:display(atom_to_list(Uni)),
    erlang:display(atom_to_binary(Uni, utf8)),
    erlang:display(atom_to_list(binary_to_atom(?id(<<"caf", 16#E9>>), latin1))),
    erlang:display(list_to_existing_atom(?id("hello"))),
    erlang:display(binary_to_existing_atom(?id(<<"hello">>), utf8)),
    erlang:display([true, false, 'true', 'Cap', 'a-b', '1a', a1, 'é', '[]', '{}', 'hello world', 'it\'s', '\n']),
    erlang:display(list_to_atom(?id([16#3B1, 16#3B2]))),
    erlang:display(atom_to_list(list_to_atom(?id([16#3B1, 16#3B2])))),
    erlang:display(is_atom(list_to_atom(?id("nil")))),
    ?p(binary_to_existing_atom(?id(<<"surely_not_an_atom_7319">>), utf8)),
    ?p(binary_to_atom(?id(<<255>>), utf8)),
    ?p(atom_to_binary(Uni, latin1)),
    ?p(list_to_atom(?id([a]))),
    ?p(list_to_atom(?id([-1]))),
    ok.
