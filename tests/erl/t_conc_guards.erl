-module(t_conc_guards).
-export([main/0]).
-include("test.hrl").


%% receive clauses with guards: a message whose guard fails is skipped and
%% stays in the queue; guards that raise simply fail.
main() ->
    Self = self(),
    [Self ! M || M <- [{n, 1}, {n, 20}, {n, 5}, {n, a}, {n, 300}]],
    erlang:display(receive {n, X1} when is_integer(X1), X1 > 10 -> X1 end),
    erlang:display(receive {n, X2} when is_atom(X2) -> X2 end),
    erlang:display(receive {n, X3} when X3 > 100 -> big; {n, X3} when X3 < 3 -> small end),
    erlang:display(receive {n, X4} when X4 > 100 -> big; {n, X4} when X4 < 3 -> small end),
    erlang:display(msgs()),
    %% a guard that would raise (element/2 out of range) just fails
    Self ! {t, {1}},
    Self ! {t, {1, 2, 3}},
    erlang:display(receive {t, T1} when element(3, T1) =:= 3 -> tuple_size(T1) end),
    erlang:display(receive {t, T2} -> T2 end),
    %% guards mixing bound variables and BIFs
    Lim = ?id(4),
    [Self ! {w, W} || W <- ["ab", "abcdef", "abcd", "a"]],
    erlang:display(receive {w, W1} when length(W1) >= Lim -> W1 end),
    erlang:display(receive {w, W2} when length(W2) >= Lim -> W2 end),
    erlang:display(receive {w, W3} when length(W3) >= Lim -> W3 after 0 -> none end),
    %% orelse/andalso, map guards, binaries
    [Self ! M || M <- [#{k => 1}, #{k => 2, j => 3}, <<1, 2, 3>>, <<7>>]],
    erlang:display(receive M1 when is_map(M1), map_size(M1) > 1 -> M1 end),
    erlang:display(receive M2 when is_binary(M2) andalso byte_size(M2) =:= 1 -> M2 end),
    erlang:display(receive M3 when is_binary(M3) orelse is_map(M3) -> M3 end),
    erlang:display(receive M4 when is_binary(M4) orelse is_map(M4) -> M4 end),
    %% guard on a value from another process
    P = spawn(fun() -> [Self ! {from, self(), I} || I <- lists:seq(1, 10)] end),
    erlang:display([receive {from, P, I} when I rem 5 =:= 0 -> I after 5000 -> timeout end || _ <- [1, 2]]),
    erlang:display(length(msgs())),
    erlang:display([I || {w, I} <- msgs()]),
    ok.

msgs() ->
    {messages, Ms} = process_info(self(), messages),
    Ms.
