-module(t_exc_raise).
-export([main/0]).
-include("test.hrl").

%% erlang:raise/3 (rethrowing with a given stack trace), error/1,2,3,
%% exit/1, throw/1, and raise/3 with bad arguments.
main() ->
    St0 = [{?MODULE, fake, 2, [{file, "fake.erl"}, {line, 7}]}],
    try erlang:raise(error, my_reason, St0)
    catch error:R1:S1 -> erlang:display({R1, S1})
    end,
    try erlang:raise(throw, thrown_value, St0)
    catch throw:R2:S2 -> erlang:display({R2, S2})
    end,
    try erlang:raise(exit, {exit_reason, 1}, [])
    catch exit:R3:S3 -> erlang:display({R3, S3})
    end,
    try erlang:error(with_args, [a, 1])
    catch error:R4:S4 -> erlang:display({R4, t_own(S4)})
    end,
    try erlang:error(with_opts, [x], [{error_info, #{cause => test}}])
    catch error:R5:S5 -> erlang:display({R5, t_top(S5)})
    end,
    ?pe(erlang:raise(?id(bad_class), r, [])),
    ?p(erlang:raise(error, r, ?id(not_a_list))),
    erlang:display(reraise_keeps_trace()),
    try exit(?id(normal)) catch exit:normal -> erlang:display(caught_normal_exit) end,
    try throw(?id([1, 2])) catch throw:[X | _] -> erlang:display({thrown_list_head, X}) end,
    try error(?id({tuple, reason})) catch error:{tuple, Rr} -> erlang:display(Rr) end,
    erlang:display(catch erlang:raise(throw, via_catch, [])),
    {'EXIT', {raised, St6}} = (catch erlang:raise(error, raised, St0)),
    erlang:display(St6),
    ok.

reraise_keeps_trace() ->
    try
        try inner() catch C:R:St -> erlang:raise(C, R, St) end
    catch
        error:Reason:St2 -> {Reason, t_own(St2)}
    end.

inner() -> error(from_inner).
