-module(t_conc_monitor_opts).
-export([main/0, g/1]).
-include("test.hrl").

%% Monitor options and other corners: {tag, T} in monitor/3 and in spawn_opt's
%% {monitor, Opts}, monitoring oneself (no monitor, no alias), monitor(time_offset, ...),
%% garbage_collect/1,2 of another process, absolute timers, pids never reused while a
%% spawn/exit loop runs, current_function seen through apply and a fun.
main() ->
    P = spawn(fun() -> receive _ -> ok end end),
    R = erlang:monitor(process, P, [{tag, mytag}]),
    exit(P, kill),
    erlang:display(receive {T, R, process, _, Why} -> {T, Why} after 2000 -> none end),
    {_, R2} = spawn_opt(fun() -> ok end, [{monitor, [{tag, {my, tag}}]}]),
    erlang:display(receive {Tag2, R2, process, _, normal} -> Tag2 after 2000 -> none end),
    ?p(erlang:monitor(process, self(), [{tag}])),
    %% monitoring oneself
    RS = monitor(process, self()),
    erlang:display(process_info(self(), [monitors, monitored_by])),
    erlang:display(demonitor(RS, [info])),
    RA = monitor(process, self(), [{alias, reply_demonitor}]),
    RA ! hi,
    erlang:display(receive hi -> got after 10 -> none end),
    erlang:display(is_reference(erlang:monitor(time_offset, clock_service))),
    %% garbage collection of another process
    Q = spawn(fun() -> receive stop -> ok end end),
    erlang:display(erlang:garbage_collect(Q)),
    erlang:display(erlang:garbage_collect(self(), [])),
    Q ! stop,
    %% an absolute timer fires at its time, not at once
    T0 = erlang:monotonic_time(millisecond),
    erlang:send_after(T0 + 100, self(), abs_fired, [{abs, true}]),
    erlang:display(receive abs_fired -> erlang:monotonic_time(millisecond) - T0 >= 100
                   after 2000 -> not_fired end),
    %% a spawn/exit loop never hands out the same pid twice
    L = [begin
             {Pid, Ref} = spawn_monitor(fun() -> ok end),
             receive {'DOWN', Ref, _, _, _} -> ok end,
             Pid
         end || _ <- lists:seq(1, 2100)],
    erlang:display(length(lists:usort(L))),
    %% current_function through apply/3 and through a fun
    erlang:display(apply(erlang, process_info, [self(), current_function])),
    g(fun erlang:process_info/2),
    ok.

g(F) -> erlang:display(F(self(), current_function)), ok.
