//! `lantern`: run `.beam` files from the command line, the way `erl` would.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use lantern_core::host::Host;
use lantern_core::scheduler::RunResult;
use lantern_core::{Outcome, Vm};

const HELP: &str = "\
lantern — the BEAM rebuilt in Rust

USAGE:
    lantern run [OPTIONS] MODULE [FUNCTION]
        Calls MODULE:FUNCTION() (default FUNCTION: main), like
        erl -noshell -pa DIR -eval 'MODULE:FUNCTION(), halt().'
    lantern bifs
        Lists the native functions (BIFs) this build implements, as M:F/A
    lantern --help | --version

OPTIONS:
    -pa DIR          Add DIR to the front of the code path (repeatable)
    -pz DIR          Add DIR to the end of the code path (repeatable)
    --otp-root DIR   The OTP installation whose lib/*/ebin and erts-*/ebin hold the standard
                     library (default: /usr/lib/erlang, else asks `erl`)
    +hms WORDS       Default minimum heap size of processes, in words (as erl; default 233)
    --no-halt        Keep running after FUNCTION returns, until erlang:halt/0,1,2 is called or
                     no process can ever run again (like erl -s MODULE FUNCTION, which waits)

EXIT STATUS:
    0 when the function returns, 1 on an uncaught exception (reported on stderr) or when it
    can never return (every process waits for a message and no timer is pending),
    N after erlang:halt(N).

ENVIRONMENT:
    LANTERN_GC_STRESS is honoured by builds made with the `gc-stress` feature.
";

/// The native host: std clock and stdio, modules from the code path.
struct CliHost {
    start: Instant,
    path: Vec<PathBuf>,
    stdout: std::io::Stdout,
    seed: u64,
}

impl Host for CliHost {
    fn monotonic_nanos(&self) -> u64 {
        self.start.elapsed().as_nanos() as u64
    }
    fn system_time_nanos(&self) -> i64 {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos() as i64)
            .unwrap_or(0)
    }
    fn write_stdout(&mut self, bytes: &[u8]) {
        let mut out = self.stdout.lock();
        let _ = out.write_all(bytes);
        let _ = out.flush();
    }
    fn write_stderr(&mut self, bytes: &[u8]) {
        let _ = std::io::stderr().write_all(bytes);
    }
    fn find_module(&mut self, module: &str) -> Option<Vec<u8>> {
        let file = format!("{module}.beam");
        self.path
            .iter()
            .find_map(|d| std::fs::read(d.join(&file)).ok())
    }
    fn module_file(&self, module: &str) -> Option<String> {
        let file = format!("{module}.beam");
        self.path
            .iter()
            .map(|d| d.join(&file))
            .find(|p| p.is_file())
            .map(|p| std::fs::canonicalize(&p).unwrap_or(p).display().to_string())
    }
    fn getenv(&self, name: &str) -> Option<String> {
        std::env::var(name).ok()
    }
    fn environment(&self) -> Vec<(String, String)> {
        std::env::vars().collect()
    }
    fn os_pid(&self) -> u32 {
        std::process::id()
    }
    fn sleep(&mut self, nanos: u64) -> bool {
        std::thread::sleep(std::time::Duration::from_nanos(nanos));
        true
    }
    fn random_u64(&mut self) -> u64 {
        self.seed ^= self.seed << 13;
        self.seed ^= self.seed >> 7;
        self.seed ^= self.seed << 17;
        self.seed
    }
}

/// `lib/*/ebin` and `erts-*/ebin` of an OTP installation, erts first (preloaded modules).
fn otp_ebins(root: &Path) -> Vec<PathBuf> {
    let mut dirs = Vec::new();
    if let Ok(rd) = std::fs::read_dir(root.join("lib")) {
        let mut libs: Vec<PathBuf> = rd
            .filter_map(|e| e.ok())
            .map(|e| e.path().join("ebin"))
            .filter(|p| p.is_dir())
            .collect();
        libs.sort();
        dirs.extend(libs);
    }
    if let Ok(rd) = std::fs::read_dir(root) {
        let mut erts: Vec<PathBuf> = rd
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().starts_with("erts-"))
            .map(|e| e.path().join("ebin"))
            .filter(|p| p.is_dir())
            .collect();
        erts.sort();
        for (i, d) in erts.into_iter().enumerate() {
            dirs.insert(i, d);
        }
    }
    dirs
}

fn default_otp_root() -> Option<PathBuf> {
    let p = PathBuf::from("/usr/lib/erlang");
    if p.join("lib").is_dir() {
        return Some(p);
    }
    let out = std::process::Command::new("erl")
        .args([
            "-noshell",
            "-eval",
            "io:format(\"~s\", [code:root_dir()]), halt().",
        ])
        .output()
        .ok()?;
    let s = String::from_utf8(out.stdout).ok()?;
    (!s.is_empty()).then(|| PathBuf::from(s))
}

fn run(args: &[String]) -> Result<ExitCode, String> {
    let mut front: Vec<PathBuf> = Vec::new();
    let mut back: Vec<PathBuf> = Vec::new();
    let mut otp_root: Option<PathBuf> = None;
    let mut keep_running = false;
    let mut min_heap: Option<usize> = None;
    let mut positional: Vec<String> = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        let mut value = |what: &str| -> Result<String, String> {
            i += 1;
            args.get(i)
                .cloned()
                .ok_or_else(|| format!("{what} needs a directory"))
        };
        match a.as_str() {
            "-pa" => front.push(PathBuf::from(value("-pa")?)),
            "-pz" => back.push(PathBuf::from(value("-pz")?)),
            "--otp-root" => otp_root = Some(PathBuf::from(value("--otp-root")?)),
            "--no-halt" => keep_running = true,
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
    let root = otp_root
        .or_else(default_otp_root)
        .ok_or("cannot find the OTP installation; pass --otp-root")?;
    let mut path = front;
    path.extend(otp_ebins(&root));
    path.extend(back);
    let host = CliHost {
        start: Instant::now(),
        path,
        stdout: std::io::stdout(),
        seed: 0x9E37_79B9_7F4A_7C15,
    };
    let mut vm = Vm::new(Box::new(host));
    if let Some(words) = min_heap {
        vm.set_default_min_heap_size(words);
    }
    // A Rust panic inside the VM is a bug; report it as such instead of aborting mid-output.
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let root_s = root.display().to_string();
        let home = std::env::var("HOME").unwrap_or_default();
        let flags: [(&str, &[&str]); 3] = [
            ("root", &[root_s.as_str()]),
            ("progname", &["erl"]),
            ("home", &[home.as_str()]),
        ];
        if let Err(e) = vm.boot(&flags) {
            eprintln!("lantern: the system processes did not start: {e}");
        }
        let outcome = vm.call_main(module, function, &[]);
        match outcome {
            Outcome::Returned(_) if keep_running => keep_on(&mut vm),
            o => o,
        }
    }));
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
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        None | Some("--help") | Some("-h") | Some("help") => {
            print!("{HELP}");
            ExitCode::SUCCESS
        }
        Some("bifs") => {
            // The native functions this build implements, one `M:F/A` per line.
            let vm = Vm::new(Box::new(CliHost {
                start: Instant::now(),
                path: Vec::new(),
                stdout: std::io::stdout(),
                seed: 1,
            }));
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
        Some(other) => {
            eprintln!("lantern: unknown command {other} (see lantern --help)");
            ExitCode::from(2)
        }
    }
}
