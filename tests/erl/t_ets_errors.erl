-module(t_ets_errors).
-export([main/0]).
-include("test.hrl").

%% The cause ERTS puts in the error info of each badarg (erl_stdlib_errors
%% explains it from there).
main() ->
    T = ets:new(t, []),
    B = ets:new(b, [bag]),
    O = ets:new(o, [ordered_set]),
    ets:insert(T, {k, 1, a}),
    Self = self(),
    Other = fun(F) -> spawn(fun() -> Self ! {r, c(F)} end), receive {r, R} -> R end end,
    L = [
        {lookup_noid, c(fun() -> ets:lookup(nosuch, k) end)},
        {lookup_badtype, c(fun() -> ets:lookup(1, k) end)},
        {insert_obj, c(fun() -> ets:insert(T, foo) end)},
        {insert_access, Other(fun() -> ets:insert(T, {x}) end)},
        {insert_priv, c(fun() -> P = ets:new(p, [private]), Other(fun() -> ets:lookup(P, x) end) end)},
        {uc_bag, c(fun() -> ets:update_counter(B, k, 1) end)},
        {uc_badkey, c(fun() -> ets:update_counter(T, zz, 1) end)},
        {uc_keypos, c(fun() -> ets:update_counter(T, k, {1, 1}) end)},
        {uc_pos, c(fun() -> ets:update_counter(T, k, {9, 1}) end)},
        {uc_notint, c(fun() -> ets:update_counter(T, k, {3, 1}) end)},
        {uc_op, c(fun() -> ets:update_counter(T, k, foo) end)},
        {uc_default, c(fun() -> ets:update_counter(T, zz, 1, foo) end)},
        {ue_bag, c(fun() -> ets:update_element(B, k, {2, 1}) end)},
        {ue_keypos, c(fun() -> ets:update_element(T, k, {1, 1}) end)},
        {ue_pos, c(fun() -> ets:update_element(T, k, {9, 1}) end)},
        {ue_spec, c(fun() -> ets:update_element(T, k, foo) end)},
        {le_badkey, c(fun() -> ets:lookup_element(T, zz, 2) end)},
        {le_pos, c(fun() -> ets:lookup_element(T, k, 9) end)},
        {le_pos0, c(fun() -> ets:lookup_element(T, k, 0) end)},
        {new_name, c(fun() -> ets:new("x", []) end)},
        {new_opt, c(fun() -> ets:new(x, [foo]) end)},
        {new_exists, c(fun() -> ets:new(nn, [named_table]), ets:new(nn, [named_table]) end)},
        {new_optlist, c(fun() -> ets:new(x, foo) end)},
        {give_owner, Other(fun() -> ets:give_away(T, self(), x) end)},
        {give_self, c(fun() -> ets:give_away(T, self(), x) end)},
        {give_notpid, c(fun() -> ets:give_away(T, foo, x) end)},
        {give_dead, c(fun() -> P = spawn(fun() -> ok end), timer:sleep(10), ets:give_away(T, P, x) end)},
        {setopts_owner, Other(fun() -> ets:setopts(T, {heir, none}) end)},
        {setopts_bad, c(fun() -> ets:setopts(T, foo) end)},
        {rename_exists, c(fun() -> is_reference(ets:rename(T, nn)) end)},
        {rename_notatom, c(fun() -> ets:rename(T, "x") end)},
        {select_ms, c(fun() -> ets:select(T, foo) end)},
        {select_limit, c(fun() -> ets:select(T, [], 0) end)},
        {select_cont, c(fun() -> ets:select(foo) end)},
        {replace_bag, c(fun() -> ets:select_replace(B, []) end)},
        {replace_key, c(fun() -> ets:select_replace(T, [{{'$1','_','_'},[],[{{x,1,2}}]}]) end)},
        {info_item, c(fun() -> ets:info(T, foo) end)},
        {info_type, c(fun() -> ets:info(1) end)},
        {whereis_type, c(fun() -> ets:whereis(1) end)},
        {next_nokey, c(fun() -> ets:next(T, zz) end)},
        {slot_range, c(fun() -> ets:slot(O, 5) end)},
        {slot_neg, c(fun() -> ets:slot(O, -1) end)},
        {fix_bad, c(fun() -> ets:safe_fixtable(T, x) end)},
        {delobj, c(fun() -> ets:delete_object(T, x) end)},
        {insert_new_obj, c(fun() -> ets:insert_new(T, x) end)},
        {msc, c(fun() -> ets:match_spec_compile(x) end)},
        {msr, c(fun() -> ets:match_spec_run([], x) end)},
        {match3, c(fun() -> ets:match(T, '_', 0) end)},
        {lookup_ref, c(fun() -> ets:lookup(make_ref(), k) end)},
        {info_ref, c(fun() -> ets:info(make_ref(), size) end)},
        {uc_bag_keypos, c(fun() -> ets:update_counter(B, k, {1, 1}) end)},
        {lookup_float, c(fun() -> ets:lookup(1.0, k) end)},
        {delete_noname, c(fun() -> ets:delete(nosuch) end)},
        {give_noname, c(fun() -> ets:give_away(nosuch, self(), x) end)},
        {uc_list_pos, c(fun() -> S = ets:new(x, []), ets:insert(S, {k, 1}), ets:update_counter(S, k, [{2, 1}, {5, 1}]) end)},
        {deleted, c(fun() -> X = ets:new(x, []), ets:delete(X), ets:lookup(X, k) end)}
    ],
    [erlang:display(X) || X <- L],
    ok.

%% {Reason, Cause} of the exception F raises (Cause from the error info of the
%% top frame, none when there is none), or {ok, Value}.
c(F) ->
    try F() of
        V -> {ok, V}
    catch
        error:R:St ->
            {R, case hd(St) of
                    {_, _, _, [{error_info, M}]} -> maps:get(cause, M, none);
                    _ -> noinfo
                end}
    end.
