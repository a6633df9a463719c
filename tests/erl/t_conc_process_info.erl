-module(t_conc_process_info).
-export([main/0]).
-include("test.hrl").


%% process_info/2 with a single item and with a list: message_queue_len,
%% messages, links (as a length), dictionary, registered_name, trap_exit,
%% priority, monitors; undefined for a dead process; badarg for bad items.
main() ->
    Self = self(),
    P = spawn(fun() -> subject(Self) end),
    receive {subject_ready, P} -> ok after 5000 -> exit(timeout) end,
    %% three messages the subject will not read yet
    [P ! {queued, I} || I <- [1, 2, 3]],
    sync(P),
    erlang:display(process_info(P, message_queue_len)),
    erlang:display(process_info(P, messages)),
    {links, Links} = process_info(P, links),
    erlang:display(length(Links)),
    erlang:display(lists:sort(element(2, process_info(P, dictionary)))),
    erlang:display(process_info(P, registered_name)),
    erlang:display(process_info(P, trap_exit)),
    erlang:display(process_info(P, priority)),
    %% a list of items gives a list of tuples in the same order
    erlang:display(process_info(P, [registered_name, trap_exit, message_queue_len, priority])),
    erlang:display(process_info(P, [])),
    %% items repeated
    erlang:display(process_info(P, [trap_exit, trap_exit])),
    %% the monitors list as seen by both sides
    M = monitor(process, P),
    {monitors, Ms} = process_info(self(), monitors),
    erlang:display(lists:member({process, P}, Ms)),
    {monitored_by, By} = process_info(P, monitored_by),
    erlang:display(lists:member(Self, By)),
    %% a few more facts that are deterministic
    {group_leader, GL} = process_info(P, group_leader),
    erlang:display(GL =:= group_leader()),
    {current_function, CF} = process_info(P, current_function),
    erlang:display(element(1, CF) =:= ?MODULE),
    erlang:display(process_info(self(), messages)),
    erlang:display(process_info(self(), message_queue_len)),
    %% stop it and check that process_info of a dead process is undefined
    P ! stop,
    erlang:display(receive {'DOWN', M, process, P, W} -> W after 5000 -> timeout end),
    erlang:display(process_info(P, message_queue_len)),
    erlang:display(process_info(P, [messages, links])),
    erlang:display(process_info(P)),
    %% bad items, bad pids
    ?p(process_info(self(), no_such_item)),
    ?p(process_info(self(), [trap_exit, no_such_item])),
    ?p(process_info(not_a_pid, trap_exit)),
    ?p(process_info(self(), "messages")),
    ok.

subject(Parent) ->
    process_flag(trap_exit, true),
    process_flag(priority, low),
    put(color, blue),
    put({k, 1}, [1, 2]),
    link(Parent),
    register(t_conc_pi_subject, self()),
    Parent ! {subject_ready, self()},
    wait().

wait() ->
    receive
        {sync, From} -> From ! synced, wait();
        stop -> ok
    end.

%% A round trip to P guarantees that messages sent earlier have arrived.
sync(P) ->
    P ! {sync, self()},
    receive synced -> ok after 5000 -> exit(timeout) end.
