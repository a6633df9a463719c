-module(t_string_chars).
-export([main/0]).
-include("test.hrl").


%% Charlists: literals, escapes, concatenation, printing of lists that look
%% like strings (and of ones that do not), character arithmetic.
main() ->
    S = ?id("hello"),
    erlang:display(S),
    erlang:display(S ++ " " ++ "world"),
    erlang:display([$a, $b, $c]),
    erlang:display("tab\tnewline\nquote\"backslash\\"),
    erlang:display([0, 1, 2]),
    erlang:display([$a, 256, $b]),
    erlang:display([]),
    erlang:display(""),
    erlang:display("\x{41}\101\e\d"),
    erlang:display([X - 32 || X <- S]),
    erlang:display(lists:reverse(S)),
    erlang:display(length("αβγ")),
    erlang:display("αβγ"),
    erlang:display(lists:flatten(["ab", [$c, ["de"]], "f"])),
    erlang:display(string:to_upper(S)),
    erlang:display(string:to_lower(?id("MiXeD"))),
    erlang:display(lists:concat([a, "b", 1, 2.5])),
    erlang:display(string:join(["a", "b", "c"], ", ")),
    erlang:display(string:tokens(?id("a,b;;c"), ",;")),
    erlang:display(string:str(?id("hello"), "ll")),
    erlang:display(string:substr(?id("hello"), 2, 3)),
    erlang:display(string:chr(?id("hello"), $l)),
    erlang:display(lists:sublist(S, 2)),
    erlang:display(io_lib:write(?id({a, "s", 1}))),
    erlang:display(lists:flatten(io_lib:format("~p ~w ~s ~b", [?id({x, [1]}), ?id(a), ?id("str"), ?id(42)]))),
    erlang:display(lists:flatten(io_lib:format("~5.2f|~-6s|~6s|~.16B", [?id(3.14159), ?id("ab"), ?id("cd"), ?id(255)]))),
    erlang:display([C || C <- S, C > $h]),
    erlang:display(lists:member($e, S)),
    ok.
