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
        // Parse and translate only: `-on_load` functions (NIF loading) are a run-time matter.
        let id = vm.shared.code.next_id().max(1);
        if let Err(e) = lantern_core::loader::load(&bytes, id, &mut vm.shared) {
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

#[test]
fn md5_attributes_and_lines_match_erl() {
    use lantern_core::etf::{encode, EncodeOpts};
    let Ok(lists) = std::fs::read("/usr/lib/erlang/lib/stdlib-4.2/ebin/lists.beam") else {
        eprintln!("no OTP installation found; skipping");
        return;
    };
    let mut vm = Vm::new(Box::new(NullHost::default()));
    let code = lantern_core::loader::load(&lists, 1, &mut vm.shared).expect("loads");
    // lists:module_info(md5) on OTP 25.2.
    assert_eq!(
        code.md5,
        [38, 179, 129, 225, 89, 164, 33, 183, 189, 149, 158, 178, 245, 69, 52, 33]
    );
    // erlang:md5(term_to_binary(lists:module_info(attributes))).
    let attrs = encode(
        code.attributes,
        &vm.shared.atoms,
        &vm.shared.code,
        EncodeOpts::default(),
    );
    let digest = {
        use md5::{Digest, Md5};
        let mut h = Md5::new();
        h.update(&attrs);
        <[u8; 16]>::from(h.finalize())
    };
    assert_eq!(
        digest,
        [167, 161, 42, 124, 154, 202, 87, 202, 223, 109, 11, 6, 18, 126, 92, 113]
    );
    assert_eq!(code.lines.files[0], "lists.erl");
    assert!(code.lines.entries.len() > 100);
    assert!(code.exports.len() > 50 && code.functions.len() >= code.exports.len());
    if let Ok(eu) = std::fs::read("/usr/lib/elixir/lib/elixir/ebin/elixir_utils.beam") {
        let code = lantern_core::loader::load(&eu, 2, &mut vm.shared).expect("loads");
        assert_eq!(
            code.md5,
            [244, 31, 75, 55, 238, 222, 123, 46, 125, 253, 20, 95, 96, 172, 219, 148]
        );
        assert!(code
            .lines
            .files
            .iter()
            .any(|f| f.ends_with("elixir_utils.erl")));
    }
}
