-module(t_conc_unlink).
-export([main/0]).
-include("test.hrl").


%% link/1 and unlink/1: unlink removes the link in both directions, link to
%% a dead pid gives noproc (an error when not trapping, an EXIT message when
%% trapping), link to self and repeated links are no-ops.
main() ->
    Self = self(),
    process_flag(trap_exit, true),
    P = spawn(fun() -> receive {die, R} -> exit(R) end end),
    erlang:display(link(P)),
    erlang:display(link(P)),
    erlang:display(has_link(Self, P)),
    erlang:display(has_link(P, Self)),
    erlang:display(unlink(P)),
    erlang:display(has_link(Self, P)),
    erlang:display(has_link(P, Self)),
    %% unlinked: its abnormal death sends no EXIT message
    M = monitor(process, P),
    P ! {die, unlinked_death},
    erlang:display(receive {'DOWN', M, process, P, R1} -> R1 after 5000 -> timeout end),
    erlang:display(receive {'EXIT', P, _} -> got_exit after 50 -> no_exit end),
    %% unlink of a pid that is not linked, or dead, is fine
    erlang:display(unlink(P)),
    erlang:display(unlink(Self)),
    %% link to a dead pid while trapping: true and an EXIT with noproc
    erlang:display(link(P)),
    erlang:display(receive {'EXIT', P, R2} -> R2 after 5000 -> timeout end),
    %% link to a dead pid while not trapping: error noproc (inside a helper)
    {H, HR} = spawn_monitor(fun() ->
                                    Res = try link(P) catch C:E -> {C, E} end,
                                    Self ! {helper, Res}
                            end),
    erlang:display(receive {helper, Res} -> Res after 5000 -> timeout end),
    erlang:display(receive {'DOWN', HR, process, H, R3} -> R3 after 5000 -> timeout end),
    %% link to self is a no-op
    erlang:display(link(Self)),
    erlang:display(has_link(Self, Self)),
    %% bad arguments
    ?p(link(not_a_pid)),
    ?p(unlink(not_a_pid)),
    %% unlink while the partner may be dying: an EXIT message may already be
    %% queued (OTP docs), so flush it; after that no further one arrives
    Q = spawn_link(fun() -> receive go -> exit(racing) end end),
    MQ = monitor(process, Q),
    Q ! go,
    unlink(Q),
    erlang:display(receive {'DOWN', MQ, process, Q, RQ} -> RQ after 5000 -> timeout end),
    receive {'EXIT', Q, _} -> ok after 0 -> ok end,
    erlang:display(receive {'EXIT', Q, _} -> got_exit after 50 -> no_exit end),
    ok.

has_link(A, B) ->
    {links, L} = process_info(A, links),
    lists:member(B, L).
