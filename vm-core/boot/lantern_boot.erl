%% The system processes Lantern starts before a program's main function: the parts of OTP's
%% boot that code in the standard library expects to find. The wiring is Lantern's; the
%% services are the unmodified OTP code wherever that can run:
%%
%%   init         (this module, first process: <0.0.0>) answers init's request protocol
%%                (get_arguments, get_status, stop, ...) and owns `ac_tab`, the table
%%                application:get_env/2 reads (application_controller's, left empty);
%%   logger       the real logger_server; its handler `default` is this module, which
%%                formats with the real logger_formatter as erl's default handler does and
%%                writes to stderr (erl writes to stdout through its io server);
%%   kernel_sup   a real supervisor with no children, where `timer` starts its server;
%%   code_server  (this module) answers code's requests that need no file system:
%%                ensure_loaded, is_loaded, get_mode, all_loaded.
%%
%% Compiled into vm-core/boot/lantern_boot.beam (scripts/build-boot.sh) and embedded in the VM.
-module(lantern_boot).
-export([start/1, await/0, init/1, code_server/0, log/2]).

%% The init process. Flags are init's `[{Flag, [Value]}]` (what init:get_arguments/0 gives).
start(Flags) ->
    register(init, self()),
    process_flag(trap_exit, true),
    ets:new(ac_tab, [set, public, named_table, {read_concurrency, true}]),
    Status =
        try
            {ok, _} = logger_server:start_link(),
            %% As kernel does at boot: a `default` handler (here this module) with the
            %% filters that let OTP and SASL reports (crash, supervisor reports) through.
            ok = logger:remove_handler(simple),
            ok = logger:add_handler(default, ?MODULE, handler_config()),
            {ok, _} = supervisor:start_link({local, kernel_sup}, ?MODULE, kernel_sup),
            register(code_server, spawn_link(?MODULE, code_server, [])),
            {started, started}
        catch
            C:R -> {failed, {C, R}}
        end,
    loop(Flags, Status).

%% Waits until init has started the rest (init handles requests only after that).
await() ->
    init ! {self(), get_status},
    receive
        {init, Status} -> Status
    end.

handler_config() ->
    #{filter_default => stop,
      filters =>
          [{remote_gl, {fun logger_filters:remote_gl/2, stop}},
           {domain, {fun logger_filters:domain/2, {log, super, [otp, sasl]}}},
           {no_domain, {fun logger_filters:domain/2, {log, undefined, []}}}],
      formatter => {logger_formatter, #{legacy_header => true, single_line => false}}}.

%% logger handler callback: runs in the process that logs.
log(Event, #{formatter := {Formatter, Config}}) ->
    erlang:display_string(unicode:characters_to_list(Formatter:format(Event, Config))).

loop(Flags, Status) ->
    receive
        {From, Request} when is_pid(From) ->
            From ! {init, request(Request, Flags, Status)},
            loop(Flags, Status);
        {stop, stop} ->
            erlang:halt(0);
        {stop, {stop, S}} ->
            erlang:halt(S);
        {stop, _} ->
            erlang:halt(0);
        _ ->
            loop(Flags, Status)
    end.

request(get_plain_arguments, _, _) -> [];
request(get_arguments, Flags, _) -> Flags;
request({get_argument, Flag}, Flags, _) ->
    case [V || {F, V} <- Flags, F =:= Flag] of
        [] -> error;
        Vs -> {ok, Vs}
    end;
request(get_status, _, Status) -> Status;
request(script_id, _, _) -> {"OTP  APN 181 01", "R25B"};
request(fetch_loaded, _, _) -> [];
request({ensure_loaded, _}, _, _) -> not_allowed;
request({notify_when_started, _}, _, _) -> started;
request({get_configfd, _}, _, _) -> none;
request(get_script_name, _, _) -> {[], []};
request(Other, _, _) -> {error, {not_supported, Other}}.

%% supervisor callback for kernel_sup.
init(kernel_sup) ->
    {ok, {#{strategy => one_for_one, intensity => 0, period => 1}, []}}.

%% code_server's protocol: {code_call, From, Request} answered with {code_server, Reply}.
code_server() ->
    receive
        {code_call, From, Request} ->
            From ! {code_server, code_request(Request)};
        _ ->
            ok
    end,
    code_server().

code_request({ensure_loaded, M}) when is_atom(M) ->
    %% Calling into a module loads it from the code path (the VM's autoload).
    _ = (catch M:module_info(module)),
    case erlang:module_loaded(M) of
        true -> {module, M};
        false -> {error, nofile}
    end;
code_request({is_loaded, M}) when is_atom(M) ->
    case erlang:module_loaded(M) of
        true -> {file, lantern:module_file(M)};
        false -> false
    end;
code_request(all_loaded) ->
    [{M, lantern:module_file(M)} || M <- erlang:loaded()];
code_request(get_mode) ->
    interactive;
code_request(Other) ->
    {error, {not_supported, Other}}.
