-module(t_elixir_basics).
-export([main/0]).

%% Elixir side by side with Erlang: tests/ex/t_ex_basics.ex, compiled by the
%% real elixirc, running on the real Elixir standard library.
main() -> 'Elixir.TExBasics':main().
