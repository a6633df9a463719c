-module(t_map_hamt_display).
-export([main/0]).
-include("test.hrl").

%% erlang:display/1 of maps above 32 keys prints the BEAM's internal hash
%% trie (bitmaps and all, e.g. #<fffb>{...}); matching it needs the same
%% internal hash and node layout. Kept apart from t_map_large so that a gap
%% here does not hide the iteration-order checks there.
main() ->
    M33 = maps:from_list([{I, I * I} || I <- lists:seq(1, 33)]),
    erlang:display(M33),
    erlang:display(maps:remove(33, M33)),
    erlang:display(#{nested => M33}),
    Mixed = maps:from_list([{float(I), f} || I <- lists:seq(1, 20)] ++
                           [{<<I>>, b} || I <- lists:seq(1, 20)]),
    erlang:display(Mixed),
    ok.
