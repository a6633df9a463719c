%% Shared helpers for the differential tests (included by every t_*.erl).
%% Output goes only through erlang:display/1, the one printer both erl and
%% Lantern have; nothing printed may depend on the VM (pids, refs, funs).

-export([id/1]).
-compile([nowarn_unused_function, nowarn_shadow_vars]).

%% The identity through an external call: hides a value from the compiler so
%% that it cannot fold the expression at compile time (the VM must do the work).
id(X) -> X.
-define(id(X), ?MODULE:id(X)).

%% Print the value of Expr, or {Class,Reason} when it raises.
-define(p(Expr), t_p(fun() -> Expr end)).
%% Like ?p, and for an exception also the first frame of its stack trace.
-define(pe(Expr), t_pe(fun() -> Expr end)).

t_p(F) ->
    try F() of
        V -> erlang:display(V)
    catch
        C:R -> erlang:display({C, R})
    end.

t_pe(F) ->
    try F() of
        V -> erlang:display(V)
    catch
        C:R:St -> erlang:display({C, R}), erlang:display(t_top(St))
    end.

t_top([Frame | _]) -> Frame;
t_top([]) -> [].

%% The frames of a stack trace that belong to this test's own modules; the
%% frames below main/0 belong to the launcher (erl_eval on erl) and differ.
t_own(St) -> [Fr || {M, _, _, _} = Fr <- St, t_ours(M)].

t_ours(M) ->
    case atom_to_list(M) of
        "t_" ++ _ -> true;
        "h_" ++ _ -> true;
        _ -> false
    end.
