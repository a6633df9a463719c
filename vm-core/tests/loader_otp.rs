//! Loads every `.beam` file of the installed OTP and Elixir: all must load.

use std::path::PathBuf;

use lantern_core::host::NullHost;
use lantern_core::vm::Vm;

fn beam_files() -> Vec<PathBuf> {
    let mut out = Vec::new();
    for root in ["/usr/lib/erlang/lib", "/usr/lib/elixir/lib"] {
        let Ok(apps) = std::fs::read_dir(root) else {
            continue;
        };
        for app in apps.flatten() {
            let Ok(files) = std::fs::read_dir(app.path().join("ebin")) else {
                continue;
            };
            for f in files.flatten() {
                if f.path().extension().is_some_and(|e| e == "beam") {
                    out.push(f.path());
                }
            }
        }
    }
    out.sort();
    out
}

#[test]
fn loads_every_installed_beam_file() {
    let files = beam_files();
    if files.is_empty() {
        eprintln!("no OTP installation found; skipping");
        return;
    }
    let mut failures = Vec::new();
    let mut vm = Vm::new(Box::new(NullHost::default()));
    for (i, path) in files.iter().enumerate() {
        if i % 300 == 299 {
            vm = Vm::new(Box::new(NullHost::default()));
        }
        let bytes = std::fs::read(path).expect("readable");
        if let Err(e) = vm.shared.load_module(&bytes) {
            failures.push(format!("{}: {e}", path.display()));
        }
    }
    for f in &failures {
        eprintln!("{f}");
    }
    assert!(
        failures.is_empty(),
        "{} of {} files failed",
        failures.len(),
        files.len()
    );
    eprintln!("loaded {} files", files.len());
}
