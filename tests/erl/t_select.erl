-module(t_select).
-export([main/0]).
-include("test.hrl").

%% select_val on atoms, small and big integers, floats; select_tuple_arity;
%% is_tagged_tuple; jump tables (dense integer cases).
main() ->
    erlang:display([atom_case(X) || X <- [a, b, c, d, e, f, g, h, zz, 1]]),
    erlang:display([int_case(X) || X <- lists:seq(-2, 12) ++ [100, 1 bsl 65, 1.0]]),
    erlang:display([sparse(X) || X <- [1, 10, 100, 1000, 10000, 100000, 5]]),
    erlang:display([arity(X) || X <- [{}, {a}, {a, b}, {a, b, c}, {a, b, c, d},
                                     {a, b, c, d, e}, [x], #{}]]),
    erlang:display([tagged(X) || X <- [{ok, 1}, {error, e}, {ok, 1, 2}, {other, 1}, ok, {}]]),
    erlang:display([float_case(X) || X <- [1.0, 2.5, 1, -0.0, 0.0]]),
    erlang:display([mixed(X) || X <- [1, a, "s", <<"b">>, {t}, [], 3.0]]),
    erlang:display([dense(X) || X <- lists:seq(0, 20)]),
    erlang:display([bool_case(X) || X <- [true, false, maybe]]),
    erlang:display([nested_case(X, Y) || X <- [a, b], Y <- [1, 2, 3]]),
    ok.

atom_case(a) -> 1;
atom_case(b) -> 2;
atom_case(c) -> 3;
atom_case(d) -> 4;
atom_case(e) -> 5;
atom_case(f) -> 6;
atom_case(g) -> 7;
atom_case(h) -> 8;
atom_case(_) -> other.

int_case(0) -> zero;
int_case(1) -> one;
int_case(2) -> two;
int_case(3) -> three;
int_case(5) -> five;
int_case(8) -> eight;
int_case(-1) -> minus_one;
int_case(100) -> hundred;
int_case(36893488147419103232) -> big;
int_case(_) -> other.

sparse(1) -> a;
sparse(10) -> b;
sparse(100) -> c;
sparse(1000) -> d;
sparse(10000) -> e;
sparse(100000) -> f;
sparse(_) -> g.

arity({}) -> 0;
arity({_}) -> 1;
arity({_, _}) -> 2;
arity({_, _, _}) -> 3;
arity({_, _, _, _}) -> 4;
arity(T) when is_tuple(T) -> many;
arity(_) -> not_tuple.

tagged({ok, V}) -> {value, V};
tagged({error, E}) -> {failed, E};
tagged({ok, _, _}) -> ok3;
tagged(_) -> unknown.

float_case(1.0) -> one_f;
float_case(2.5) -> two_half;
float_case(0.0) -> zero_f;
float_case(_) -> other.

mixed(X) ->
    case X of
        1 -> int;
        a -> atom;
        [] -> nil;
        [_ | _] -> list;
        <<_/binary>> -> bin;
        {_} -> tuple1;
        _ -> other
    end.

dense(X) ->
    case X of
        0 -> a; 1 -> b; 2 -> c; 3 -> d; 4 -> e; 5 -> f; 6 -> g; 7 -> h;
        8 -> i; 9 -> j; 10 -> k; 11 -> l; 12 -> m; 13 -> n; 14 -> o; 15 -> p;
        _ -> z
    end.

bool_case(true) -> t;
bool_case(false) -> f;
bool_case(_) -> neither.

nested_case(X, Y) ->
    case X of
        a -> case Y of 1 -> a1; 2 -> a2; _ -> a_ end;
        b -> case Y of 1 -> b1; _ -> b_ end
    end.
