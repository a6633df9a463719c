-module(t_conc_pdict).
-export([main/0]).
-include("test.hrl").


%% The process dictionary is per process: a spawned process starts with an
%% empty one (nothing inherited), changes in one process are invisible to
%% others, and process_info(P, dictionary) reads another process's.
main() ->
    Self = self(),
    put(parent_key, parent_value),
    spawn(fun() -> Self ! {child_sees, get(parent_key), get()} end),
    erlang:display(receive {child_sees, V, All} -> {V, All} after 5000 -> timeout end),
    %% many processes each writing the same key
    Ps = [spawn(fun() -> put(k, I), receive {get, From} -> From ! {v, I, get(k)} end end)
          || I <- lists:seq(1, 50)],
    [P ! {get, Self} || P <- Ps],
    Vals = [receive {v, I, X} -> {I, X} after 5000 -> timeout end || _ <- Ps],
    erlang:display(lists:all(fun({I, X}) -> I =:= X end, Vals)),
    erlang:display(length(Vals)),
    erlang:display(get(k)),
    erlang:display(get(parent_key)),
    %% reading another process's dictionary
    Q = spawn(fun() ->
                      put(a, 1), put(b, [2]), put({c}, "three"),
                      Self ! filled,
                      receive stop -> ok end
              end),
    receive filled -> ok after 5000 -> exit(timeout) end,
    {dictionary, D} = process_info(Q, dictionary),
    erlang:display(lists:sort(D)),
    %% erase in the child does not affect the parent
    put(shared_name, mine),
    R = spawn(fun() -> Self ! {erased, erase(shared_name), erase()} end),
    erlang:display(receive {erased, E1, E2} -> {E1, E2} after 5000 -> timeout end),
    erlang:display(get(shared_name)),
    erlang:display(is_pid(R)),
    %% get_keys in a child after some puts
    spawn(fun() -> put(x, 1), put(y, 1), put(z, 2), Self ! {keys, lists:sort(get_keys(1)), lists:sort(get_keys())} end),
    erlang:display(receive {keys, K1, K2} -> {K1, K2} after 5000 -> timeout end),
    Q ! stop,
    erlang:display(lists:sort(erase())),
    ok.
