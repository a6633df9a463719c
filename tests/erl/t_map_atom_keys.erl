-module(t_map_atom_keys).
-export([main/0]).
-include("test.hrl").

%% pending: ERTS hashes an atom in a large (HAMT) map by its index in ERTS's own atom table, so the order of maps:to_list/1 and the trie erlang:display/1 prints for atom-keyed maps above 32 keys depend on that VM's atom numbering (see README, compatibility)
%% Lookups, sizes and sorted views of such maps are exact (checked here too).
main() ->
    Atoms = maps:from_list([{list_to_atom("k" ++ integer_to_list(I)), I} || I <- lists:seq(1, 40)]),
    erlang:display(maps:size(Atoms)),
    erlang:display(maps:get(k17, Atoms)),
    erlang:display(lists:sort(maps:to_list(Atoms))),
    erlang:display(maps:to_list(Atoms)),
    erlang:display(Atoms),
    ok.
