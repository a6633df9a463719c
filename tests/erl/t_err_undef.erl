-module(t_err_undef).
-export([main/0]).
-include("test.hrl").

%% undef: calling a function that is not exported, or a module that does not
%% exist; the stack top is {M,F,Args,[]}.
main() ->
    ?pe(h_mod:no_such_fun()),
    ?pe(h_mod:add(1, 2, 3)),
    ?pe(no_such_module_zz:f(?id(1))),
    ?pe((?id(h_mod)):(?id(local_only))()),
    ?pe(apply(?id(h_mod), ?id(zz), [a, b])),
    ?pe(erlang:no_such_bif(?id(1))),
    ?pe(lists:no_such_function()),
    ?pe((fun no_module_yy:g/2)(1, 2)),
    erlang:display(erlang:function_exported(h_mod, no_such_fun, 0)),
    ok.
