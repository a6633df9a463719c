-module(t_ets_owner).
-export([main/0]).
-include("test.hrl").

%% Access rights from other processes, owner death, give_away, heirs and
%% 'ETS-TRANSFER' messages, setopts.
main() ->
    Prot = ets:new(prot, []),
    Priv = ets:new(priv, [private]),
    Pub = ets:new(pub, [public]),
    [ets:insert(T, {k, v}) || T <- [Prot, Priv, Pub]],
    ?p(other(fun() -> ets:lookup(Prot, k) end)),
    ?p(other(fun() -> ets:insert(Prot, {x}) end)),
    ?p(other(fun() -> ets:delete(Prot, k) end)),
    ?p(other(fun() -> ets:delete(Prot) end)),
    ?p(other(fun() -> ets:lookup(Priv, k) end)),
    ?p(other(fun() -> ets:member(Priv, k) end)),
    ?p(other(fun() -> ets:tab2list(Priv) end)),
    ?p(other(fun() -> ets:select(Priv, [{'_', [], [true]}]) end)),
    ?p(other(fun() -> ets:first(Priv) end)),
    ?p(other(fun() -> ets:info(Priv, size) end)),
    ?p(other(fun() -> ets:insert(Pub, {x}) end)),
    ?p(other(fun() -> ets:update_counter(Pub, n, 1, {n, 0}) end)),
    ?p(lists:sort(ets:tab2list(Pub))),
    ?p(other(fun() -> ets:setopts(Pub, {protection, private}) end)),
    ?p(other(fun() -> ets:give_away(Pub, self(), x) end)),
    ?p(other(fun() -> ets:rename(Prot, renamed) end)),
    ?p(other(fun() -> ets:delete_all_objects(Prot) end)),
    ?p(ets:lookup(Priv, k)),
    %% a public table can be deleted by anyone
    ?p(other(fun() -> ets:delete(Pub) end)),
    ?p(ets:info(Pub)),
    %% setopts
    ?p(ets:setopts(Prot, {protection, public})),
    ?p(ets:info(Prot, protection)),
    ?p(other(fun() -> ets:insert(Prot, {from_other}) end)),
    ?p(ets:setopts(Prot, [{protection, private}, {heir, self(), data}])),
    ?p(ets:info(Prot, protection)),
    ?p(ets:info(Prot, heir) =:= self()),
    ?p(ets:setopts(Prot, {heir, none})),
    ?p(ets:info(Prot, heir)),
    ?p(ets:setopts(Prot, {protection, secret})),
    ?p(ets:setopts(Prot, {keypos, 2})),
    ?p(ets:setopts(Prot, [{heir, none} | x])),
    %% the owner's death deletes its tables
    Self = self(),
    Maker = spawn(fun() ->
                          T = ets:new(owned, [public]),
                          ets:insert(T, {a, 1}),
                          N = ets:new(owned_named, [named_table, public]),
                          Self ! {made, T, N},
                          receive die -> ok end
                  end),
    {T1, N1} = receive {made, A, B} -> {A, B} end,
    ?p(ets:lookup(T1, a)),
    ?p(ets:info(N1, size)),
    Ref = monitor(process, Maker),
    Maker ! die,
    receive {'DOWN', Ref, _, _, _} -> ok end,
    ?p(ets:info(T1)),
    ?p(ets:info(owned_named)),
    ?p(ets:lookup(T1, a)),
    %% give_away
    G = ets:new(gift, [named_table]),
    ets:insert(G, {g, 1}),
    Taker = spawn(fun() ->
                          receive {'ETS-TRANSFER', Tab, From, Data} ->
                                  Self ! {got, Tab, From =:= Self, Data, ets:lookup(Tab, g)}
                          end,
                          receive die -> ok end
                  end),
    ?p(ets:give_away(G, Taker, hello)),
    ?p(receive {got, Tb, FromOk, D, L} -> {Tb, FromOk, D, L} after 2000 -> timeout end),
    ?p(ets:info(G, owner) =:= Taker),
    ?p(ets:give_away(G, self(), back)),
    ?p(ets:insert(G, {mine})),
    H0 = ets:new(h0, []),
    ?p(ets:give_away(H0, self(), x)),
    ?p(ets:give_away(H0, not_a_pid, x)),
    Dead = spawn(fun() -> ok end),
    Mon = monitor(process, Dead),
    receive {'DOWN', Mon, _, _, _} -> ok end,
    ?p(ets:give_away(H0, Dead, x)),
    Taker ! die,
    timer:sleep(50),
    ?p(ets:info(gift)),
    %% heir: the table goes to the heir when the owner dies
    Heir = ets:new(inherit, [{heir, self(), my_heir_data}]),
    ets:insert(Heir, {h, 1}),
    Owner2 = spawn(fun() -> receive {'ETS-TRANSFER', _, _, _} -> ok end, receive die -> ok end end),
    ?p(ets:give_away(Heir, Owner2, passing)),
    M2 = monitor(process, Owner2),
    Owner2 ! die,
    receive {'DOWN', M2, _, _, _} -> ok end,
    ?p(receive {'ETS-TRANSFER', HT, HFrom, HD} -> {HT =:= Heir, HFrom =:= Owner2, HD}
       after 2000 -> timeout end),
    ?p(ets:info(Heir, owner) =:= self()),
    ?p(ets:info(Heir, heir) =:= self()),
    ?p(ets:lookup(Heir, h)),
    %% an heir that is dead: the table is deleted
    DeadHeir = spawn(fun() -> ok end),
    M3 = monitor(process, DeadHeir),
    receive {'DOWN', M3, _, _, _} -> ok end,
    Owner3 = spawn(fun() ->
                           T = ets:new(orphan, [named_table, {heir, DeadHeir, x}]),
                           Self ! {made, T},
                           receive die -> ok end
                   end),
    receive {made, _} -> ok end,
    ?p(ets:info(orphan, size)),
    M4 = monitor(process, Owner3),
    Owner3 ! die,
    receive {'DOWN', M4, _, _, _} -> ok end,
    ?p(ets:info(orphan)),
    %% an heir that is alive gets a named table, by name
    Owner4 = spawn(fun() ->
                           ets:new(named_heir, [named_table, {heir, Self, {some, data}}]),
                           Self ! made,
                           receive die -> ok end
                   end),
    receive made -> ok end,
    M5 = monitor(process, Owner4),
    Owner4 ! die,
    receive {'DOWN', M5, _, _, _} -> ok end,
    ?p(receive {'ETS-TRANSFER', NT, _, ND} -> {NT, ND} after 2000 -> timeout end),
    ?p(ets:info(named_heir, size)),
    ok.

other(F) ->
    Self = self(),
    spawn(fun() -> Self ! {res, try F() catch C:R -> {C, R} end} end),
    receive {res, R} -> R after 5000 -> timeout end.
