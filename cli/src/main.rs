//! `lantern`: run `.beam` files from the command line, the way `erl` would.

mod host;
mod pack;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use lantern_core::scheduler::RunResult;
use lantern_core::{Outcome, Vm};

use host::{CliHost, CodePath, PathEntry};

const HELP: &str = "\
lantern — the BEAM rebuilt in Rust

USAGE:
    lantern run [OPTIONS] MODULE [FUNCTION]
        Calls MODULE:FUNCTION() (default FUNCTION: main), like
        erl -noshell -pa DIR -eval 'MODULE:FUNCTION(), halt().'
    lantern pack -o OUT.lpk [PACK OPTIONS] INPUT...
        Writes a bundle: the INPUT modules and every module they call, transitively (the
        imports and `fun M:F/A` literals of each .beam; in the program's own modules also any
        atom naming one of its modules; all implementations of an Elixir protocol it uses),
        resolved on -pa, the INPUT directories, OTP, then Elixir. INPUT is a .beam file, a
        directory of them, or a module name. `erlang` is always in. Modules that cannot be
        found are reported as warnings. A browser page loads the bundle with one fetch;
        `lantern run --no-otp -pa OUT.lpk` runs from it alone.
    lantern bifs
        Lists the native functions (BIFs) this build implements, as M:F/A
    lantern --help | --version

RUN OPTIONS:
    -pa PATH         Add PATH to the front of the code path (repeatable); PATH is a directory
                     of .beam files or a bundle (.lpk, made by `lantern pack`)
    -pz PATH         Add PATH to the end of the code path (repeatable)
    --otp-root DIR   The OTP installation whose lib/*/ebin and erts-*/ebin hold the standard
                     library (default: /usr/lib/erlang, else asks `erl`)
    --no-otp         Leave the OTP installation off the code path: only -pa/-pz entries
                     (shows that a bundle holds everything a program needs)
    +hms WORDS       Default minimum heap size of processes, in words (as erl; default 233)
    --no-halt        Keep running after FUNCTION returns, until erlang:halt/0,1,2 is called or
                     no process can ever run again (like erl -s MODULE FUNCTION, which waits)
    --print-loaded   At the end, list the loaded modules on stderr (`loaded MODULE` lines)

PACK OPTIONS:
    -o FILE          The bundle to write
    -pa PATH         Search PATH (directory or bundle) first (repeatable)
    --otp-root DIR   As for run
    --elixir         Also search the Elixir installation's lib/*/ebin (/usr/lib/elixir/lib)
    --boot           Also take what a booting VM loads for its system processes (logger,
                     kernel_sup, ...: found by booting one), with their closure
    --include MOD    Also take MOD and its closure (repeatable), e.g. a module only ever
                     called through a variable
    --exclude MOD    Leave MOD out and do not follow its calls (repeatable)
    --no-strip       Keep every chunk; by default debug info, docs and other chunks no
                     running program reads are dropped (as beam_lib:strip/1)
    --no-compress    Store the modules uncompressed (default: one zlib stream)
    --no-deps        Take only the INPUTs, --include, --boot (what booting loads) and
                     erlang, not what they call: for a lean bundle of exactly the modules a run
                     loads, as `lantern run --print-loaded` lists them
    --list           Print each chosen module (size, name, first caller, file) and the total
    Every pack prints a summary on stderr: modules, bytes of .beam, bytes of the bundle.

EXIT STATUS:
    run: 0 when the function returns, 1 on an uncaught exception (reported on stderr) or when
    it can never return (every process waits for a message and no timer is pending),
    N after erlang:halt(N); 2 for bad arguments or a damaged bundle.
    pack: 0 when written, 2 on an error.

ENVIRONMENT:
    LANTERN_GC_STRESS is honoured by builds made with the `gc-stress` feature.
";

fn run(args: &[String]) -> Result<ExitCode, String> {
    let mut front: Vec<PathBuf> = Vec::new();
    let mut back: Vec<PathBuf> = Vec::new();
    let mut otp_root: Option<PathBuf> = None;
    let mut no_otp = false;
    let mut keep_running = false;
    let mut print_loaded = false;
    let mut min_heap: Option<usize> = None;
    let mut positional: Vec<String> = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        let mut value = |what: &str| -> Result<String, String> {
            i += 1;
            args.get(i)
                .cloned()
                .ok_or_else(|| format!("{what} needs a value"))
        };
        match a.as_str() {
            "-pa" => front.push(PathBuf::from(value("-pa")?)),
            "-pz" => back.push(PathBuf::from(value("-pz")?)),
            "--otp-root" => otp_root = Some(PathBuf::from(value("--otp-root")?)),
            "--no-otp" => no_otp = true,
            "--no-halt" => keep_running = true,
            "--print-loaded" => print_loaded = true,
            "+hms" => {
                let v = value("+hms")?;
                min_heap = Some(
                    v.parse::<usize>()
                        .map_err(|_| format!("+hms needs a size in words, not {v}"))?,
                );
            }
            s if s.starts_with('-') => {
                return Err(format!("unknown option {s} (see lantern --help)"))
            }
            _ => positional.push(a.clone()),
        }
        i += 1;
    }
    let module = positional
        .first()
        .ok_or("run needs a MODULE (see lantern --help)")?;
    let function = positional.get(1).map(String::as_str).unwrap_or("main");
    // With --no-otp the root is only what init:get_argument(root) answers.
    let root = match otp_root {
        Some(r) => r,
        None if no_otp => PathBuf::from("/"),
        None => {
            host::default_otp_root().ok_or("cannot find the OTP installation; pass --otp-root")?
        }
    };
    let mut dirs = front;
    if !no_otp {
        dirs.extend(host::otp_ebins(&root));
    }
    dirs.extend(back);
    let path = dirs
        .iter()
        .map(|d| PathEntry::open(d))
        .collect::<Result<Vec<_>, _>>()?;
    let mut vm = Vm::new(Box::new(CliHost::new(CodePath(path))));
    if let Some(words) = min_heap {
        vm.set_default_min_heap_size(words);
    }
    // A Rust panic inside the VM is a bug; report it as such instead of aborting mid-output.
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        if let Err(e) = boot(&mut vm, &root) {
            eprintln!("lantern: the system processes did not start: {e}");
        }
        let outcome = vm.call_main(module, function, &[]);
        match outcome {
            Outcome::Returned(_) if keep_running => keep_on(&mut vm),
            o => o,
        }
    }));
    if print_loaded {
        for m in loaded_modules(&vm) {
            eprintln!("loaded {m}");
        }
    }
    let Ok(outcome) = outcome else {
        eprintln!("lantern: internal error while running {module}:{function}() (a VM bug; please report it)");
        return Ok(ExitCode::from(70));
    };
    match outcome {
        Outcome::Returned(_) => Ok(ExitCode::SUCCESS),
        Outcome::Blocked => {
            eprintln!(
                "lantern: {module}:{function}() can never return: every process is waiting for \
                 a message and no timer is pending (erl would wait forever)"
            );
            Ok(ExitCode::from(1))
        }
        Outcome::Halted(n) => Ok(ExitCode::from(n.clamp(0, 255) as u8)),
        Outcome::Raised {
            class,
            reason,
            stacktrace,
        } => {
            let class = vm.display(class);
            let reason = vm.display(reason);
            let st = vm.display(stacktrace);
            eprintln!("lantern: {module}:{function}() terminated with an uncaught exception");
            eprintln!("  class:      {class}");
            eprintln!("  reason:     {reason}");
            eprintln!("  stacktrace: {st}");
            Ok(ExitCode::from(1))
        }
    }
}

/// Starts the system processes, with the flags `init:get_arguments/0` gives under `erl`.
pub fn boot(vm: &mut Vm, root: &Path) -> Result<(), String> {
    let root_s = root.display().to_string();
    let home = std::env::var("HOME").unwrap_or_default();
    let flags: [(&str, &[&str]); 3] = [
        ("root", &[root_s.as_str()]),
        ("progname", &["erl"]),
        ("home", &[home.as_str()]),
    ];
    vm.boot(&flags)
}

/// The modules loaded in `vm` (current code), sorted, without the embedded boot module.
pub fn loaded_modules(vm: &Vm) -> Vec<String> {
    let sh = &vm.shared;
    let mut v: Vec<String> = sh
        .code
        .modules
        .iter()
        .filter(|(_, versions)| versions.current.is_some())
        .map(|(&a, _)| sh.atoms.name_of(a).to_string())
        .filter(|m| m != "lantern_boot")
        .collect();
    v.sort();
    v
}

/// `--no-halt`: runs the remaining processes until `halt` or until nothing can happen.
fn keep_on(vm: &mut Vm) -> Outcome {
    loop {
        match vm.run(1 << 20) {
            RunResult::Halted(n) => return Outcome::Halted(n),
            RunResult::Idle { next_timer: None } => return Outcome::Halted(0),
            RunResult::Idle {
                next_timer: Some(ns),
            } => std::thread::sleep(std::time::Duration::from_nanos(ns)),
            RunResult::Yielded => {}
        }
    }
}

fn main() -> ExitCode {
    let status = dispatch_command();
    #[cfg(feature = "pairs")]
    lantern_core::emulator::paircount::dump();
    status
}

/// Runs the command the arguments name.
fn dispatch_command() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        None | Some("--help") | Some("-h") | Some("help") => {
            print!("{HELP}");
            ExitCode::SUCCESS
        }
        Some("bifs") => {
            // The native functions this build implements, one `M:F/A` per line.
            let vm = Vm::new(Box::new(CliHost::new(CodePath::default())));
            for b in &vm.shared.bifs {
                if !b.name.starts_with('$') {
                    println!("{}:{}/{}", b.module, b.name, b.arity);
                }
            }
            ExitCode::SUCCESS
        }
        Some("--version") => {
            println!("lantern {}", env!("CARGO_PKG_VERSION"));
            ExitCode::SUCCESS
        }
        Some("run") => match run(&args[1..]) {
            Ok(c) => c,
            Err(e) => {
                eprintln!("lantern: {e}");
                ExitCode::from(2)
            }
        },
        Some("pack") => match pack::pack(&args[1..]) {
            Ok(c) => c,
            Err(e) => {
                eprintln!("lantern pack: {e}");
                ExitCode::from(2)
            }
        },
        Some(other) => {
            eprintln!("lantern: unknown command {other} (see lantern --help)");
            ExitCode::from(2)
        }
    }
}
