-module(t_conc_spawn_opt).
-export([main/0, opt_worker/1]).
-include("test.hrl").


%% spawn_opt/2,4 with link, monitor, min_heap_size and priority.
main() ->
    Self = self(),
    process_flag(trap_exit, true),
    P1 = spawn_opt(fun() -> exit(linked_exit) end, [link]),
    erlang:display(is_pid(P1)),
    erlang:display(receive {'EXIT', P1, R1} -> R1 after 2000 -> timeout end),
    {P2, Ref2} = spawn_opt(fun() -> exit(monitored_exit) end, [monitor]),
    erlang:display(receive {'DOWN', Ref2, process, P2, R2} -> R2 after 2000 -> timeout end),
    %% link and monitor together: both the EXIT message and the DOWN message
    {P3, Ref3} = spawn_opt(fun() -> exit(both) end, [link, monitor]),
    erlang:display(receive {'DOWN', Ref3, process, P3, R3} -> {down, R3} after 2000 -> timeout end),
    erlang:display(receive {'EXIT', P3, R3b} -> {exit, R3b} after 2000 -> timeout end),
    %% min_heap_size: the process sees at least the requested size
    P4 = spawn_opt(fun() ->
                           {min_heap_size, H} = process_info(self(), min_heap_size),
                           Self ! {heap, H >= 1000}
                   end, [{min_heap_size, 1000}]),
    erlang:display(is_pid(P4)),
    erlang:display(receive {heap, B4} -> B4 after 2000 -> timeout end),
    %% priority
    spawn_opt(?MODULE, opt_worker, [Self], [{priority, high}]),
    erlang:display(receive {prio, Pr} -> Pr after 2000 -> timeout end),
    spawn_opt(?MODULE, opt_worker, [Self], [{priority, low}, link]),
    erlang:display(receive {prio, Pr2} -> Pr2 after 2000 -> timeout end),
    erlang:display(receive {'EXIT', _, R5} -> R5 after 2000 -> timeout end),
    spawn_opt(?MODULE, opt_worker, [Self], []),
    erlang:display(receive {prio, Pr3} -> Pr3 after 2000 -> timeout end),
    %% bad options
    ?p(spawn_opt(fun() -> ok end, [bogus_option])),
    ?p(spawn_opt(fun() -> ok end, [{priority, urgent}])),
    ?p(spawn_opt(fun() -> ok end, not_a_list)),
    erlang:display(process_info(self(), message_queue_len)),
    ok.

opt_worker(Parent) ->
    {priority, P} = process_info(self(), priority),
    Parent ! {prio, P}.
