//! Mutated `.beam` files must load or be rejected, never panic.

use std::panic::{catch_unwind, AssertUnwindSafe};

use lantern_core::host::NullHost;
use lantern_core::loader;
use lantern_core::vm::Vm;

mod common;
use common::XorShift;

fn samples(limit: usize) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    for dir in [
        "/usr/lib/erlang/lib/stdlib-4.2/ebin",
        "/usr/lib/erlang/lib/kernel-8.5.3/ebin",
        "/usr/lib/elixir/lib/elixir/ebin",
        "/usr/lib/erlang/lib/erts-13.1.5/ebin",
    ] {
        let Ok(rd) = std::fs::read_dir(dir) else {
            continue;
        };
        let mut files: Vec<_> = rd.flatten().map(|e| e.path()).collect();
        files.sort();
        // Small files keep the run fast; take a spread of them.
        let mut small: Vec<_> = files
            .into_iter()
            .filter_map(|p| std::fs::read(&p).ok())
            .filter(|b| b.len() < 12_000)
            .collect();
        small.truncate(limit / 4 + 1);
        out.extend(small);
    }
    out.truncate(limit);
    out
}

/// Overwrites a big-endian u32 at `at` when it fits.
fn put_u32(b: &mut [u8], at: usize, v: u32) {
    if at + 4 <= b.len() {
        b[at..at + 4].copy_from_slice(&v.to_be_bytes());
    }
}

fn mutate(rng: &mut XorShift, orig: &[u8]) -> Vec<u8> {
    let mut b = orig.to_vec();
    for _ in 0..1 + rng.below(4) {
        match rng.below(6) {
            0 => {
                let i = rng.below(b.len());
                b[i] ^= 1 << rng.below(8);
            }
            1 => {
                let i = rng.below(b.len());
                b[i] = rng.next() as u8;
            }
            2 => {
                let n = rng.below(b.len());
                b.truncate(n);
            }
            3 => {
                // Rewrite a chunk size word.
                let mut at = 12;
                let mut sizes = Vec::new();
                while at + 8 <= b.len() {
                    sizes.push(at + 4);
                    let sz = u32::from_be_bytes([b[at + 4], b[at + 5], b[at + 6], b[at + 7]]);
                    at = at + 8 + ((sz as usize + 3) & !3);
                }
                if !sizes.is_empty() {
                    let pos = sizes[rng.below(sizes.len())];
                    let v = match rng.below(3) {
                        0 => rng.next() as u32,
                        1 => rng.below(64) as u32,
                        _ => u32::MAX,
                    };
                    put_u32(&mut b, pos, v);
                }
            }
            4 => {
                // Interesting values in a random word.
                let i = rng.below(b.len());
                let v = [0u32, 1, 0x7F, 0xFF, 0xFFFF, 0x7FFF_FFFF, u32::MAX][rng.below(7)];
                put_u32(&mut b, i, v);
            }
            _ => {
                let i = rng.below(b.len());
                let n = rng.below(16).min(b.len() - i);
                b.drain(i..i + n);
            }
        }
        if b.is_empty() {
            break;
        }
    }
    b
}

fn run(files: usize, iterations: usize, seed: u64) {
    let samples = samples(files);
    if samples.is_empty() {
        eprintln!("no OTP installation found; skipping");
        return;
    }
    let mut rng = XorShift(seed);
    let mut vm = Vm::new(Box::new(NullHost::default()));
    let (mut ok, mut err) = (0, 0);
    for it in 0..iterations {
        if it % 500 == 499 {
            vm = Vm::new(Box::new(NullHost::default()));
        }
        let state = rng.0;
        let orig = &samples[rng.below(samples.len())];
        let m = mutate(&mut rng, orig);
        let r = catch_unwind(AssertUnwindSafe(|| loader::load(&m, 1, &mut vm.shared)));
        match r {
            Ok(Ok(_)) => ok += 1,
            Ok(Err(_)) => err += 1,
            Err(_) => panic!("loader panicked at iteration {it} (rng state {state:#x})"),
        }
    }
    eprintln!("{ok} loaded, {err} rejected");
    assert!(err > 0);
}

#[test]
fn mutated_files_never_panic() {
    run(20, 20_000, 0x9E37_79B9_7F4A_7C15);
}

#[test]
#[ignore]
fn mutated_files_never_panic_heavy() {
    run(80, 200_000, 0xDEAD_BEEF_1234_5678);
}
