%% The demo page's counter: a registered process that keeps a number and tells the page
%% (the registered name `js`) each time it changes.
-module(counter).
-export([start/1]).

start(N) ->
    register(counter, self()),
    js ! {count, N},
    loop(N).

loop(N) ->
    receive
        {add, K} when is_integer(K) ->
            js ! {count, N + K},
            loop(N + K);
        {get, From} ->
            From ! {count, N},
            loop(N);
        stop ->
            js ! {count, stopped}
    end.
