%% Erlang side of the npm package's tests (tests/js/package.test.mjs).
-module(jstest).
-export([double_via_js/1, fail_via_js/0, spin/0, add/2, echo/0, after_ms/2, roundtrip/1,
         whoami/0, keeper/0, make_element/0, nest/1, call_js/2]).

%% Asks the JS function `double` (async on the JS side) and reports the answer.
double_via_js(X) ->
    {doubled, lantern_js:call(double, [X])}.

fail_via_js() ->
    lantern_js:call(fails, []).

spin() ->
    spin().

add(A, B) ->
    A + B.

%% Answers {echo, M} to every {From, M}.
echo() ->
    receive
        {From, M} ->
            From ! {echo, M},
            echo()
    end.

%% Sends Msg to the page after Ms milliseconds, from a timer.
after_ms(Ms, Msg) ->
    erlang:send_after(Ms, js, Msg),
    ok.

%% Returns its argument: the JS → term → JS round trip.
roundtrip(T) ->
    T.

whoami() ->
    self().

%% Holds the handles the page sends ({keep, A, B}) and reports on them; `drop` forgets them
%% and collects garbage, which releases them on the JS side.
keeper() ->
    keeper(none).
keeper(Held) ->
    receive
        {keep, A, B} ->
            js ! {kept, A, B, is_reference(A), A =:= A, A =:= B},
            keeper({A, B});
        drop ->
            erlang:garbage_collect(),
            js ! {dropped, lists:seq(1, 3)},
            keeper(none);
        {holding, From} ->
            From ! Held,
            keeper(Held)
    end.

%% Asks JS for an object with no term form (a handle) and hands it back.
make_element() ->
    lantern_js:call(make_element, []).

%% A term nested N tuples deep.
nest(0) -> leaf;
nest(N) -> {nest(N - 1)}.

%% lantern_js:call/2, returning {ok, Value} or the exception.
call_js(Name, Args) ->
    try {ok, lantern_js:call(Name, Args)}
    catch Class:Reason -> {Class, Reason}
    end.
