%% The system processes Lantern starts before a program's main function, standing in for the
%% part of OTP's boot (`init`, `application_controller`, `kernel_sup`, `logger`) that code in
%% the standard library expects to find. Everything here is the unmodified OTP code; only the
%% wiring is Lantern's:
%%
%%   lantern_kernel  holds `ac_tab` (application_controller's table: application:get_env/2
%%                   reads it), and is the parent of
%%   logger          the real logger_server with its `simple` handler (reports on stderr),
%%   kernel_sup      a real supervisor with no children, where `timer` starts its server.
%%
%% Compiled into vm-core/boot/lantern_boot.beam (scripts/build-boot.sh) and embedded in the VM.
-module(lantern_boot).
-export([start/0, init/1]).

%% Starts the system processes and returns once they are up.
start() ->
    Caller = self(),
    Pid = spawn(fun() -> kernel(Caller) end),
    receive
        {Pid, up} -> ok;
        {Pid, {failed, Why}} -> {error, Why}
    end.

kernel(Caller) ->
    process_flag(trap_exit, true),
    register(lantern_kernel, self()),
    ets:new(ac_tab, [set, public, named_table, {read_concurrency, true}]),
    Result =
        try
            {ok, _} = logger_server:start_link(),
            %% As kernel's logger:internal_init_logger/0 does: let the simple handler print the
            %% OTP and SASL reports (crash, supervisor and progress reports are sasl domain).
            ok = logger:set_handler_config(simple, filters, handler_filters()),
            {ok, _} = supervisor:start_link({local, kernel_sup}, ?MODULE, kernel_sup),
            up
        catch
            C:R -> {failed, {C, R}}
        end,
    Caller ! {self(), Result},
    loop().

handler_filters() ->
    [{remote_gl, {fun logger_filters:remote_gl/2, stop}},
     {domain, {fun logger_filters:domain/2, {log, super, [otp, sasl]}}},
     {no_domain, {fun logger_filters:domain/2, {log, undefined, []}}}].

loop() ->
    receive
        _ -> loop()
    end.

%% supervisor callback for kernel_sup.
init(kernel_sup) ->
    {ok, {#{strategy => one_for_one, intensity => 0, period => 1}, []}}.
