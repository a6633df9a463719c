-module(t_conc_monitor_name).
-export([main/0]).
-include("test.hrl").


%% Monitoring by registered name: the 'DOWN' message carries {Name, Node}
%% instead of a pid; an unregistered name gives noproc at once; the monitor
%% follows the process, not the name.
main() ->
    Node = node(),
    erlang:display(is_atom(Node)),
    P = spawn(fun() -> receive stop -> exit(named_bye) end end),
    true = register(t_conc_mon_named, P),
    M1 = monitor(process, t_conc_mon_named),
    t_conc_mon_named ! stop,
    erlang:display(receive {'DOWN', M1, process, Obj, W1} -> {Obj =:= {t_conc_mon_named, Node}, W1}
                   after 5000 -> timeout end),
    %% the name is gone with the process
    erlang:display(whereis(t_conc_mon_named)),
    M2 = monitor(process, t_conc_mon_named),
    erlang:display(receive {'DOWN', M2, process, {Name2, N2}, W2} -> {Name2, N2 =:= Node, W2}
                   after 5000 -> timeout end),
    %% {Name, node()} form works the same
    Q = spawn(fun() -> receive stop -> exit(tuple_form) end end),
    register(t_conc_mon_named2, Q),
    M3 = monitor(process, {t_conc_mon_named2, node()}),
    Q ! stop,
    erlang:display(receive {'DOWN', M3, process, {Name3, _}, W3} -> {Name3, W3} after 5000 -> timeout end),
    %% the monitor stays with the process even after it unregisters itself
    R = spawn(fun() -> receive unreg -> unregister(t_conc_mon_named3), receive stop -> exit(unnamed_now) end end end),
    register(t_conc_mon_named3, R),
    M4 = monitor(process, t_conc_mon_named3),
    R ! unreg,
    R ! stop,
    erlang:display(receive {'DOWN', M4, process, {Name4, _}, W4} -> {Name4, W4} after 5000 -> timeout end),
    %% a name re-registered to another process is a different target
    S1 = spawn(fun() -> receive stop -> exit(first_owner) end end),
    register(t_conc_mon_named4, S1),
    M5 = monitor(process, t_conc_mon_named4),
    MS1 = monitor(process, S1),
    S1 ! stop,
    erlang:display(receive {'DOWN', MS1, process, S1, _} -> first_down after 5000 -> timeout end),
    erlang:display(receive {'DOWN', M5, process, _, W5} -> W5 after 5000 -> timeout end),
    S2 = spawn(fun() -> receive stop -> exit(second_owner) end end),
    register(t_conc_mon_named4, S2),
    M6 = monitor(process, t_conc_mon_named4),
    S2 ! stop,
    erlang:display(receive {'DOWN', M6, process, {Name6, _}, W6} -> {Name6, W6} after 5000 -> timeout end),
    ok.
