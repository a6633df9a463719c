-module(t_conc_proc_lib).
-export([main/0, init_ok/2, init_fail/1, loop/1]).
-export([system_continue/3, system_terminate/4, system_code_change/4]).
-include("test.hrl").


%% proc_lib: spawn_link and start_link with init_ack (synchronous start),
%% a failing start returning its error, the proc_lib dictionary entries
%% ('$ancestors', '$initial_call'), and proc_lib:stop (which needs the sys
%% callbacks). Exits use normal/shutdown reasons: any other reason makes
%% proc_lib print a =CRASH REPORT= on erl's stdout.
main() ->
    Self = self(),
    process_flag(trap_exit, true),
    %% spawn_link: an ordinary linked process with proc_lib bookkeeping
    P = proc_lib:spawn_link(fun() ->
                                    Self ! {anc, get('$ancestors'), element(1, get('$initial_call'))},
                                    receive stop -> exit({shutdown, stopped}) end
                            end),
    erlang:display(receive {anc, Anc, Mod} -> {hd(Anc) =:= Self, Mod} after 5000 -> timeout end),
    {links, Ls} = process_info(P, links),
    erlang:display(lists:member(Self, Ls)),
    P ! stop,
    erlang:display(receive {'EXIT', P, R1} -> R1 after 5000 -> timeout end),
    %% start_link: returns what init_ack sent, after the child acked
    {ok, Q} = proc_lib:start_link(?MODULE, init_ok, [Self, 41]),
    erlang:display(is_pid(Q)),
    %% the child's initialisation is complete once start_link returned
    erlang:display(receive {init_done, V} -> V after 0 -> not_yet end),
    Q ! {ask, Self},
    erlang:display(receive {answer, A} -> A after 5000 -> timeout end),
    erlang:display(proc_lib:initial_call(Q)),
    erlang:display(proc_lib:translate_initial_call(Q)),
    %% proc_lib:stop waits for the process to terminate
    erlang:display(proc_lib:stop(Q)),
    erlang:display(is_process_alive(Q)),
    erlang:display(receive {'EXIT', Q, R2} -> R2 after 5000 -> timeout end),
    %% start (not linked) with an init that reports an error and exits
    erlang:display(proc_lib:start(?MODULE, init_fail, [Self])),
    %% start with a timeout that is too short: the child is killed
    erlang:display(catch proc_lib:start(timer, sleep, [1000], 50)),
    ok.

init_ok(Parent, N) ->
    put(state, N + 1),
    Parent ! {init_done, N},
    proc_lib:init_ack({ok, self()}),
    loop(N + 1).

init_fail(_Parent) ->
    proc_lib:init_ack({error, not_today}),
    exit(normal).

loop(N) ->
    receive
        {ask, From} -> From ! {answer, N}, loop(N);
        {system, From, Req} -> sys:handle_system_msg(Req, From, self(), ?MODULE, [], N)
    end.

system_continue(_Parent, _Debug, N) -> loop(N).

system_terminate(Reason, _Parent, _Debug, _N) -> exit(Reason).

system_code_change(N, _Module, _OldVsn, _Extra) -> {ok, N}.
