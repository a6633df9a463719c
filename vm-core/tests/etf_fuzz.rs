//! Mutated external terms must decode or be rejected, never panic.

use std::panic::{catch_unwind, AssertUnwindSafe};

use lantern_core::atom::AtomTable;
use lantern_core::code::CodeTable;
use lantern_core::etf::{decode, encode, EncodeOpts};
use lantern_core::heap::Arena;

/// Encodings from OTP 25 covering most tags.
const SEEDS: &[&[u8]] = &[
    &[
        131, 104, 5, 107, 0, 3, 97, 98, 99, 106, 108, 0, 0, 0, 1, 98, 0, 0, 1, 0, 106, 108, 0, 0,
        0, 2, 97, 1, 97, 2, 97, 3, 108, 0, 0, 0, 1, 100, 0, 1, 97, 100, 0, 1, 98,
    ],
    &[
        131, 104, 4, 109, 0, 0, 0, 0, 109, 0, 0, 0, 3, 1, 2, 3, 77, 0, 0, 0, 1, 3, 32, 77, 0, 0, 0,
        2, 4, 255, 112,
    ],
    &[
        131, 116, 0, 0, 0, 3, 97, 1, 97, 2, 100, 0, 1, 97, 97, 1, 100, 0, 1, 98, 106,
    ],
    &[
        131, 90, 0, 3, 100, 0, 13, 110, 111, 110, 111, 100, 101, 64, 110, 111, 104, 111, 115, 116,
        0, 0, 0, 0, 0, 1, 224, 240, 48, 184, 0, 1, 105, 97, 226, 203,
    ],
    &[
        131, 88, 100, 0, 13, 110, 111, 110, 111, 100, 101, 64, 110, 111, 104, 111, 115, 116, 0, 0,
        0, 77, 0, 0, 0, 0, 0, 0, 0, 0,
    ],
    &[
        131, 113, 100, 0, 5, 108, 105, 115, 116, 115, 100, 0, 3, 109, 97, 112, 97, 2,
    ],
    &[
        131, 80, 0, 0, 0, 33, 120, 156, 203, 102, 144, 75, 196, 11, 0, 193, 191, 11, 232,
    ],
    &[
        131, 104, 4, 70, 63, 248, 0, 0, 0, 0, 0, 0, 70, 128, 0, 0, 0, 0, 0, 0, 0, 110, 9, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 1, 119, 3, 208, 128, 97,
    ],
    &[
        131, 112, 0, 0, 0, 69, 0, 35, 135, 175, 224, 76, 191, 57, 154, 233, 108, 137, 25, 58, 174,
        185, 252, 0, 0, 0, 1, 0, 0, 0, 0, 100, 0, 1, 116, 97, 1, 98, 1, 28, 61, 127, 88, 100, 0,
        13, 110, 111, 110, 111, 100, 101, 64, 110, 111, 104, 111, 115, 116, 0, 0, 0, 9, 0, 0, 0, 0,
        0, 0, 0, 0,
    ],
];

#[test]
fn mutated_terms_never_panic() {
    let mut rng: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = move || {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        rng
    };
    let mut atoms = AtomTable::new();
    let code = CodeTable::default();
    for it in 0..50_000 {
        let seed = SEEDS[(next() % SEEDS.len() as u64) as usize];
        let mut b = seed.to_vec();
        for _ in 0..1 + next() % 3 {
            let i = 1 + (next() as usize) % (b.len() - 1);
            match next() % 3 {
                0 => b[i] ^= 1 << (next() % 8),
                1 => b[i] = next() as u8,
                _ => b.truncate(i),
            }
            if b.len() < 2 {
                break;
            }
        }
        let mut arena = Arena::new();
        let r = catch_unwind(AssertUnwindSafe(|| {
            if let Ok((t, _)) = decode(&b, &mut atoms, Some(&code), &mut arena, false) {
                encode(t, &atoms, &code, EncodeOpts::default());
            }
        }));
        assert!(r.is_ok(), "panic at iteration {it} on {b:?}");
    }
}
