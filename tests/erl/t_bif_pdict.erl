-module(t_bif_pdict).
-export([main/0]).
-include("test.hrl").

%% The process dictionary: put/get/erase/get_keys. Only keys of the form
%% {t, _} are looked at; the launcher may keep its own entries.
main() ->
    erlang:display(put({t, a}, 1)),
    erlang:display(put({t, a}, 2)),
    erlang:display(get({t, a})),
    erlang:display(get({t, missing})),
    put({t, b}, [list]),
    put({t, c}, #{m => 1}),
    erlang:display(mine(get())),
    erlang:display(lists:sort([K || {t, _} = K <- get_keys()])),
    erlang:display(lists:sort([K || {t, _} = K <- get_keys([list])])),
    erlang:display(erase({t, b})),
    erlang:display(erase({t, b})),
    erlang:display(mine(get())),
    [put({t, I}, I * I) || I <- lists:seq(1, 100)],
    erlang:display(lists:sum([V || {{t, I}, V} <- get(), is_integer(I)])),
    erlang:display(get({t, 50})),
    [erase({t, I}) || I <- lists:seq(1, 100)],
    erlang:display(mine(get())),
    put({t, big}, lists:seq(1, 1000)),
    erlang:display(length(get({t, big}))),
    put({t, 1.0}, float_key),
    put({t, 1}, int_key),
    erlang:display({get({t, 1.0}), get({t, 1})}),
    erlang:display(counter(10)),
    ok.

mine(All) -> lists:sort([E || {{t, _}, _} = E <- All]).

counter(0) -> get({t, count});
counter(N) ->
    case get({t, count}) of
        undefined -> put({t, count}, 1);
        C -> put({t, count}, C + 1)
    end,
    counter(N - 1).
