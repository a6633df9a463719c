-module(t_conc_spawn).
-export([main/0, worker/2]).
-include("test.hrl").


%% spawn/1 and spawn/3, self(), pids as terms, is_process_alive/1 before
%% and after the process exits.
main() ->
    Self = self(),
    erlang:display(is_pid(Self)),
    erlang:display(Self =:= self()),
    erlang:display(is_process_alive(Self)),
    %% spawn/1 with a closure capturing variables
    K = ?id(7),
    P1 = spawn(fun() -> Self ! {p1, self(), K * 6} end),
    erlang:display(is_pid(P1)),
    erlang:display(P1 =/= Self),
    erlang:display(receive {p1, P1, V1} -> V1 after 2000 -> timeout end),
    %% spawn/3 with an exported function and arguments
    P3 = spawn(?MODULE, worker, [Self, [1, 2, 3]]),
    erlang:display(receive {worker, P3, Sum} -> Sum after 2000 -> timeout end),
    %% spawn/3 with a BIF-free stdlib function
    P4 = spawn(lists, foreach, [fun(X) -> Self ! {item, X} end, [a, b, c]]),
    erlang:display(is_pid(P4)),
    erlang:display([receive {item, I} -> I after 2000 -> timeout end || _ <- [1, 2, 3]]),
    %% alive while blocked in receive, dead after it returns
    W = spawn(fun() -> receive go -> ok end end),
    erlang:display(is_process_alive(W)),
    Ref = monitor(process, W),
    W ! go,
    erlang:display(receive {'DOWN', Ref, process, W, R} -> {down, R} after 2000 -> timeout end),
    erlang:display(is_process_alive(W)),
    %% a pid compares equal only to itself; pids are ordered after refs/ports
    erlang:display(is_reference(make_ref()) andalso make_ref() < W),
    erlang:display(lists:usort([W, W, Self, W]) =:= lists:usort([Self, W])),
    %% spawn with a bad argument
    ?p(spawn(not_a_fun)),
    ?p(spawn(?MODULE, worker, not_a_list)),
    ?p(spawn(?MODULE, "worker", [])),
    ?p(spawn(3, worker, [])),
    ok.

worker(Parent, L) ->
    Parent ! {worker, self(), lists:sum(L)}.
