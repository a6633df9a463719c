-module(t_conc_register_badarg).
-export([main/0]).
-include("test.hrl").


%% The badarg cases of register/unregister and sending to names: a name
%% already taken, a process that already has a name, a dead pid, the atom
%% undefined, non-atoms, unregistering an unknown name, sending to an
%% unregistered name.
main() ->
    P = spawn(fun() -> receive stop -> ok end end),
    Q = spawn(fun() -> receive stop -> ok end end),
    erlang:display(register(t_conc_rb_x, P)),
    ?p(register(t_conc_rb_x, Q)),          % name taken
    ?p(register(t_conc_rb_y, P)),          % process already named
    ?p(register(undefined, Q)),            % reserved name
    ?p(register("string", Q)),
    ?p(register(t_conc_rb_z, not_a_pid)),
    ?p(register(t_conc_rb_z, [])),
    erlang:display(whereis(t_conc_rb_z)),
    %% a dead pid cannot be registered
    Dead = spawn(fun() -> ok end),
    Ref = monitor(process, Dead),
    receive {'DOWN', Ref, _, _, _} -> ok after 5000 -> exit(timeout) end,
    ?p(register(t_conc_rb_dead, Dead)),
    erlang:display(whereis(t_conc_rb_dead)),
    %% unregister
    ?p(unregister(t_conc_rb_never)),
    ?p(unregister("x")),
    erlang:display(unregister(t_conc_rb_x)),
    ?p(unregister(t_conc_rb_x)),
    %% whereis with a non-atom
    ?p(whereis("x")),
    ?p(whereis(undefined)),
    %% sending to an unregistered name raises badarg; the message is lost
    ?p(t_conc_rb_nobody ! hello),
    ?pe(t_conc_rb_nobody ! hello),
    ?p(erlang:send(t_conc_rb_nobody, hello)),
    %% {Name, node()} to an unregistered name on the local node: no error
    ?p({t_conc_rb_nobody, node()} ! hello),
    %% sending to a bad destination
    ?p(42 ! hello),
    ?p("p" ! hello),
    ?p({a, b, c} ! hello),
    %% sending to a dead pid is fine and silent
    ?p(Dead ! hello),
    [X ! stop || X <- [P, Q]],
    erlang:display(element(2, process_info(self(), message_queue_len))),
    ok.
