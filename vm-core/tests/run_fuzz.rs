//! Mutated code that still loads must run without taking the VM down: each mutant of the real
//! `lists.beam` whose `Code` chunk was altered is loaded and, when the loader accepts it, some of
//! its functions are run for a bounded number of slices. Any outcome (a value, an exception, a
//! runaway loop cut off) is fine; a Rust panic is a bug.

use std::panic::{catch_unwind, AssertUnwindSafe};

use lantern_core::heap::build;
use lantern_core::host::NullHost;
use lantern_core::vm::Vm;
use lantern_core::Term;

mod common;
use common::XorShift;

/// Byte range of the `Code` chunk's instructions (after its header).
fn code_body(beam: &[u8]) -> Option<(usize, usize)> {
    let mut at = 12;
    while at + 8 <= beam.len() {
        let id = &beam[at..at + 4];
        let size = u32::from_be_bytes(beam[at + 4..at + 8].try_into().ok()?) as usize;
        let data = at + 8;
        if id == b"Code" {
            let header = u32::from_be_bytes(beam[data..data + 4].try_into().ok()?) as usize;
            return Some((data + 4 + header, data + size));
        }
        at = data + ((size + 3) & !3);
    }
    None
}

fn run_mutant(bytes: &[u8]) -> usize {
    let mut vm = Vm::new(Box::new(NullHost::default()));
    if vm.load_module(bytes).is_err() {
        return 0;
    }
    let r = vm.results();
    let nums: Vec<Term> = (1..=6).rev().map(Term::small).collect();
    let list = build::list(r, &nums);
    let nested = build::list(r, &[list, Term::small(7), list]);
    let calls: [(&str, Vec<Term>); 8] = [
        ("reverse", vec![list]),
        ("seq", vec![Term::small(1), Term::small(20)]),
        ("sort", vec![list]),
        ("last", vec![list]),
        ("flatten", vec![nested]),
        ("sum", vec![list]),
        ("nth", vec![Term::small(3), list]),
        ("append", vec![list, list]),
    ];
    for (f, args) in calls.iter() {
        let _ = vm.call_bounded("lists", f, args, 20);
    }
    1
}

#[test]
fn mutated_code_never_panics_when_run() {
    let Ok(orig) = std::fs::read("/usr/lib/erlang/lib/stdlib-4.2/ebin/lists.beam") else {
        eprintln!("no OTP installation; skipping");
        return;
    };
    let (start, end) = code_body(&orig).expect("a Code chunk");
    let iterations: usize = std::env::var("LANTERN_RUN_FUZZ")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(600);
    let mut rng = XorShift(0x5EED_1A57_E2A0_0001);
    let mut ran = 0;
    let mut panics = Vec::new();
    for i in 0..iterations {
        let mut b = orig.clone();
        for _ in 0..1 + rng.below(3) {
            let at = start + rng.below(end - start);
            b[at] = match rng.below(3) {
                0 => b[at] ^ (1 << rng.below(8)),
                1 => rng.next() as u8,
                _ => b[at].wrapping_add(16),
            };
        }
        let seed_state = rng.0;
        match catch_unwind(AssertUnwindSafe(|| run_mutant(&b))) {
            Ok(n) => ran += n,
            Err(_) => panics.push((i, seed_state)),
        }
    }
    eprintln!("{ran} of {iterations} mutants loaded and ran");
    assert!(
        panics.is_empty(),
        "panics at (iteration, rng state): {panics:?}"
    );
    assert!(ran > 0, "no mutant loaded: the test exercised nothing");
}
