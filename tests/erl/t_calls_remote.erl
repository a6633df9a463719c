-module(t_calls_remote).
-export([main/0, here/0, here/2]).
-my_attr(hello).
-other_attr({1, 2}).
-include("test.hrl").

%% function_exported, module_info/0,1, calls across modules, fun M:F/A.
main() ->
    %% function_exported/3 is false for a module not loaded yet: load it first.
    erlang:display(h_mod:hello()),
    erlang:display(erlang:function_exported(h_mod, add, 2)),
    erlang:display(erlang:function_exported(h_mod, add, 3)),
    erlang:display(erlang:function_exported(h_mod, local_only, 0)),
    erlang:display(erlang:function_exported(?MODULE, here, 2)),
    erlang:display(erlang:function_exported(no_such_mod_abc, f, 0)),
    erlang:display(lists:sort(h_mod:module_info(exports))),
    erlang:display(lists:sort(?MODULE:module_info(exports))),
    erlang:display(h_mod:module_info(module)),
    Attrs = h_mod:module_info(attributes),
    erlang:display(proplists:get_value(vsn, Attrs)),
    erlang:display(proplists:get_value(my_attr, Attrs)),
    erlang:display(proplists:get_value(author, Attrs)),
    MyAttrs = module_info(attributes),
    erlang:display(proplists:get_value(my_attr, MyAttrs)),
    erlang:display(proplists:get_value(other_attr, MyAttrs)),
    erlang:display(is_list(module_info())),
    erlang:display(lists:sort(proplists:get_keys(module_info()))),
    erlang:display(is_binary(h_mod:module_info(md5))),
    F = fun h_mod:exported_fun/1,
    erlang:display(F(1)),
    erlang:display(erlang:fun_info(F, type)),
    erlang:display(erlang:fun_info(F, module)),
    erlang:display(erlang:fun_info(F, name)),
    erlang:display(erlang:fun_info(F, arity)),
    G = fun ?MODULE:here/0,
    erlang:display(G()),
    Adder = h_mod:make_adder(10),
    erlang:display(Adder(5)),
    erlang:display(erlang:fun_info(Adder, module)),
    erlang:display(erlang:fun_info(Adder, arity)),
    erlang:display(erlang:fun_info(Adder, type)),
    ok.

here() -> here.
here(A, B) -> {A, B}.
