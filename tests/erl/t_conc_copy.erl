-module(t_conc_copy).
-export([main/0]).
-include("test.hrl").


%% Messages are copied between processes: big nested terms, refc binaries
%% (> 64 bytes), sub-binaries, shared subterms, maps, and funs with
%% closures that the receiver calls. The receiver sees equal values and
%% changes on one side are impossible to observe on the other.
main() ->
    Self = self(),
    Echo = spawn(fun() -> echo() end),
    Big = {lists:seq(1, 5000), [{I, integer_to_list(I)} || I <- lists:seq(1, 500)],
           #{a => 1, b => [x, y], c => #{nested => <<"deep">>}}, 1 bsl 200, -3.5},
    erlang:display(roundtrip(Echo, Big) =:= Big),
    %% a large binary (refc) and a small heap binary
    Bin = list_to_binary([I rem 256 || I <- lists:seq(1, 10000)]),
    Small = <<"small">>,
    {B2, S2} = roundtrip(Echo, {Bin, Small}),
    erlang:display({B2 =:= Bin, byte_size(B2), S2}),
    %% sub-binaries: the receiver gets exactly the slice
    <<_:100/binary, Sub:200/binary, _/binary>> = Bin,
    Sub2 = roundtrip(Echo, Sub),
    erlang:display({byte_size(Sub2), Sub2 =:= Sub, binary:first(Sub2), binary:last(Sub2)}),
    %% an unaligned bitstring
    <<_:3, Bits:61/bitstring, _/bitstring>> = Bin,
    Bits2 = roundtrip(Echo, Bits),
    erlang:display({bit_size(Bits2), Bits2 =:= Bits}),
    %% shared subterms stay equal (sharing itself is not observable)
    Shared = lists:seq(1, 100),
    Pair = roundtrip(Echo, {Shared, Shared, [Shared]}),
    erlang:display(element(1, Pair) =:= element(2, Pair)),
    %% a fun with a closure, called by the receiver
    K = ?id(10),
    Add = fun(X) -> X + K end,
    Caller = spawn(fun() -> receive {call, F, Arg, From} -> From ! {called, F(Arg)} end end),
    Caller ! {call, Add, 32, Self},
    erlang:display(receive {called, V} -> V after 5000 -> timeout end),
    %% a fun capturing a binary and a list; the receiver returns it and
    %% the original caller can still call it
    Cap = fun(N) -> {binary:part(Bin, 0, N), lists:sublist(Shared, N)} end,
    Cap2 = roundtrip(Echo, Cap),
    erlang:display(Cap2(3)),
    erlang:display(Cap2 =:= Cap),
    %% an external fun
    Ext = roundtrip(Echo, fun lists:reverse/1),
    erlang:display(Ext([1, 2, 3])),
    %% the receiver modifying its copy (by building a new term) does not
    %% affect the sender's term
    Mod = spawn(fun() -> receive {M, From} -> From ! {modified, setelement(1, M, changed)} end end),
    Orig = {original, Bin},
    Mod ! {Orig, Self},
    erlang:display(receive {modified, Mo} -> element(1, Mo) after 5000 -> timeout end),
    erlang:display(element(1, Orig)),
    %% many large messages queued at once
    [Echo ! {echo, Self, {I, Bin}} || I <- lists:seq(1, 100)],
    Got = [receive {echoed, {I, B}} -> {I, byte_size(B)} after 5000 -> timeout end || _ <- lists:seq(1, 100)],
    erlang:display({length(Got), lists:usort([S || {_, S} <- Got]), element(1, lists:last(Got))}),
    Echo ! stop,
    ok.

roundtrip(Echo, T) ->
    Echo ! {echo, self(), T},
    receive {echoed, T2} -> T2 after 5000 -> timeout end.

echo() ->
    receive
        {echo, From, T} -> From ! {echoed, T}, echo();
        stop -> ok
    end.
