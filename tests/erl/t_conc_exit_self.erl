-module(t_conc_exit_self).
-export([main/0]).
-include("test.hrl").


%% exit(self(), normal) terminates a non-trapping process with reason
%% normal; a trapping one gets {'EXIT', self(), normal}. exit(Pid, normal)
%% from another process to a trapping process is delivered as a message and
%% ignored by a non-trapping one. exit(self(), kill) kills even a trapper.
main() ->
    Self = self(),
    {_, R1} = spawn_monitor(fun() -> exit(self(), normal), Self ! survived end),
    erlang:display(down(R1)),
    erlang:display(receive survived -> survived after 50 -> not_survived end),
    {_, R2} = spawn_monitor(fun() ->
                                    process_flag(trap_exit, true),
                                    exit(self(), normal),
                                    Me = self(),
                                    Got = receive {'EXIT', Me, Why} -> {exit_msg_from_self, Why}
                                          after 5000 -> none end,
                                    Self ! {trapper, Got}
                            end),
    erlang:display(receive {trapper, G2} -> G2 after 5000 -> timeout end),
    erlang:display(down(R2)),
    {_, R3} = spawn_monitor(fun() -> process_flag(trap_exit, true), exit(self(), kill), Self ! survived end),
    erlang:display(down(R3)),
    {_, R4} = spawn_monitor(fun() -> exit(self(), {my, reason}), Self ! survived end),
    erlang:display(down(R4)),
    erlang:display(receive survived -> survived after 50 -> not_survived end),
    %% exit(Pid, normal) to a trapping process: a message with our pid
    T = spawn(fun() ->
                      process_flag(trap_exit, true),
                      Self ! trapping,
                      receive {'EXIT', From, normal} -> Self ! {got_normal, From =:= Self} end
              end),
    receive trapping -> ok after 5000 -> exit(timeout) end,
    RT = monitor(process, T),
    exit(T, normal),
    erlang:display(receive {got_normal, B} -> B after 5000 -> timeout end),
    erlang:display(down(RT)),
    %% exit(Pid, normal) to a non-trapping process is ignored
    N = spawn(fun() -> receive ping -> Self ! pong end end),
    exit(N, normal),
    N ! ping,
    erlang:display(receive pong -> still_alive after 5000 -> timeout end),
    %% exit/1 inside catch is just an exception
    erlang:display(catch exit(normal)),
    erlang:display(try exit(self_caught) catch exit:E -> {caught, E} end),
    erlang:display(is_process_alive(self())),
    ok.

down(Ref) ->
    receive {'DOWN', Ref, process, _, Why} -> Why after 5000 -> timeout end.
