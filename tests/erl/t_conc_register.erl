-module(t_conc_register).
-export([main/0]).
-include("test.hrl").


%% register/2, unregister/1, whereis/1, registered/0, sending to a name,
%% process_info(P, registered_name), and the name vanishing on exit.
main() ->
    Self = self(),
    erlang:display(whereis(t_conc_reg_a)),
    P = spawn(fun() -> loop() end),
    erlang:display(register(t_conc_reg_a, P)),
    erlang:display(whereis(t_conc_reg_a) =:= P),
    erlang:display(lists:member(t_conc_reg_a, registered())),
    erlang:display(process_info(P, registered_name)),
    %% sending to the name
    t_conc_reg_a ! {echo, Self, hello},
    erlang:display(receive {echoed, M} -> M after 5000 -> timeout end),
    %% erlang:send/2 with a name, and {Name, node()}
    erlang:send(t_conc_reg_a, {echo, Self, via_send}),
    erlang:display(receive {echoed, M2} -> M2 after 5000 -> timeout end),
    {t_conc_reg_a, node()} ! {echo, Self, via_tuple},
    erlang:display(receive {echoed, M3} -> M3 after 5000 -> timeout end),
    %% the process can look up its own name
    t_conc_reg_a ! {whoami, Self},
    erlang:display(receive {iam, N} -> N after 5000 -> timeout end),
    %% unregister
    erlang:display(unregister(t_conc_reg_a)),
    erlang:display(whereis(t_conc_reg_a)),
    erlang:display(lists:member(t_conc_reg_a, registered())),
    erlang:display(process_info(P, registered_name)),
    %% the same process under a new name, then the name goes with its exit
    erlang:display(register(t_conc_reg_b, P)),
    Ref = monitor(process, P),
    t_conc_reg_b ! stop,
    erlang:display(receive {'DOWN', Ref, process, P, W} -> W after 5000 -> timeout end),
    erlang:display(whereis(t_conc_reg_b)),
    erlang:display(lists:member(t_conc_reg_b, registered())),
    %% registering self; the main process's own name
    erlang:display(process_info(self(), registered_name)),
    erlang:display(register(t_conc_reg_main, self())),
    erlang:display(process_info(self(), registered_name)),
    t_conc_reg_main ! to_myself,
    erlang:display(receive to_myself -> received after 5000 -> timeout end),
    erlang:display(unregister(t_conc_reg_main)),
    %% a name can be reused after unregister
    Q = spawn(fun() -> loop() end),
    erlang:display(register(t_conc_reg_a, Q)),
    erlang:display(whereis(t_conc_reg_a) =:= Q),
    Q ! stop,
    %% well-known system names exist on both VMs? only check the type
    erlang:display(is_list(registered())),
    ok.

loop() ->
    receive
        {echo, From, X} -> From ! {echoed, X}, loop();
        {whoami, From} ->
            {registered_name, Name} = process_info(self(), registered_name),
            From ! {iam, Name},
            loop();
        stop -> ok
    end.
