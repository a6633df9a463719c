//! Expected bytes below were produced by OTP 25's `term_to_binary/1,2` (`erl`).

use alloc::vec;
use alloc::vec::Vec;
use core::cmp::Ordering;

use super::*;
use crate::atom::AtomTable;
use crate::code::CodeTable;
use crate::heap::{build, Arena};
use crate::term::Term;

struct T {
    atoms: AtomTable,
    code: CodeTable,
    a: Arena,
}

impl T {
    fn new() -> T {
        T {
            atoms: AtomTable::new(),
            code: CodeTable::default(),
            a: Arena::new(),
        }
    }
    fn atom(&mut self, s: &str) -> Term {
        self.atoms.intern(s)
    }
    fn enc(&self, t: Term, o: EncodeOpts) -> Vec<u8> {
        encode(t, &self.atoms, &self.code, o)
    }
    fn dec(&mut self, b: &[u8]) -> Result<(Term, usize), EtfError> {
        decode(b, &mut self.atoms, Some(&self.code), &mut self.a, false)
    }
    /// encode(t) == expected, decode(expected) == t, and re-encoding the decoded term agrees.
    fn check(&mut self, t: Term, o: EncodeOpts, expected: &[u8]) {
        assert_eq!(self.enc(t, o), expected, "encoding of {t:?}");
        let (d, used) = self.dec(expected).expect("decodes");
        assert_eq!(used, expected.len());
        assert_eq!(compare(d, t, &self.atoms), Ordering::Equal);
        assert_eq!(self.enc(d, o), expected);
    }
}

fn d() -> EncodeOpts {
    EncodeOpts::default()
}

fn minor(v: u8) -> EncodeOpts {
    EncodeOpts {
        minor_version: v,
        ..EncodeOpts::default()
    }
}

#[test]
fn atoms() {
    let mut t = T::new();
    let a = t.atom("a");
    t.check(a, d(), &[131, 100, 0, 1, 97]);
    let u = t.atom("\u{400}a");
    t.check(u, d(), &[131, 119, 3, 208, 128, 97]);
    t.check(u, minor(2), &[131, 119, 3, 208, 128, 97]);
    let l = t.atom("\u{e4}");
    t.check(l, d(), &[131, 100, 0, 1, 228]);
    t.check(l, minor(2), &[131, 119, 2, 195, 164]);
}

#[test]
fn integers() {
    let mut t = T::new();
    let vals = [
        0i64,
        255,
        256,
        -1,
        -2147483648,
        2147483647,
        2147483648,
        -2147483649,
        1 << 59,
        -(1 << 59),
    ];
    let es: Vec<Term> = vals.iter().map(|&v| build::int(&mut t.a, v)).collect();
    let tup = build::tuple(&mut t.a, &es);
    t.check(
        tup,
        d(),
        &[
            131, 104, 10, 97, 0, 97, 255, 98, 0, 0, 1, 0, 98, 255, 255, 255, 255, 98, 128, 0, 0, 0,
            98, 127, 255, 255, 255, 110, 4, 0, 0, 0, 0, 128, 110, 4, 1, 1, 0, 0, 128, 110, 8, 0, 0,
            0, 0, 0, 0, 0, 0, 8, 110, 8, 1, 0, 0, 0, 0, 0, 0, 0, 8,
        ],
    );
    // [1 bsl 64, -(1 bsl 100), 1 bsl 2100]
    let b64 = build::int128(&mut t.a, 1 << 64);
    let b100 = build::int128(&mut t.a, -(1 << 100));
    let mut limbs = vec![0u64; 33];
    limbs[32] = 1 << 52;
    let b2100 = build::bignum_from_limbs(&mut t.a, false, &limbs);
    let l = build::list(&mut t.a, &[b64, b100, b2100]);
    let mut exp = vec![131u8, 108, 0, 0, 0, 3, 110, 9, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1];
    exp.extend_from_slice(&[110, 13, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 16]);
    exp.extend_from_slice(&[111, 0, 0, 1, 7, 0]);
    exp.extend_from_slice(&[0; 262]);
    exp.extend_from_slice(&[16, 106]);
    t.check(l, d(), &exp);
}

#[test]
fn floats() {
    let mut t = T::new();
    let fs: Vec<Term> = [1.5, -0.0, 0.1, 1.0e300]
        .iter()
        .map(|&f| build::float(&mut t.a, f))
        .collect();
    let tup = build::tuple(&mut t.a, &fs);
    t.check(
        tup,
        d(),
        &[
            131, 104, 4, 70, 63, 248, 0, 0, 0, 0, 0, 0, 70, 128, 0, 0, 0, 0, 0, 0, 0, 70, 63, 185,
            153, 153, 153, 153, 153, 154, 70, 126, 55, 228, 60, 136, 0, 117, 156,
        ],
    );
    let tup = build::tuple(&mut t.a, &fs[..1]);
    let tup2 = build::tuple(&mut t.a, &[fs[0], fs[2]]);
    let _ = tup;
    let mut exp = vec![131u8, 104, 2, 99];
    exp.extend_from_slice(b"1.50000000000000000000e+00\0\0\0\0\0");
    exp.push(99);
    exp.extend_from_slice(b"1.00000000000000005551e-01\0\0\0\0\0");
    t.check(tup2, minor(0), &exp);
}

#[test]
fn lists_and_strings() {
    let mut t = T::new();
    let abc = build::charlist(&mut t.a, "abc");
    let l256 = build::list(&mut t.a, &[Term::small(256)]);
    let imp = build::list_with_tail(&mut t.a, &[Term::small(1), Term::small(2)], Term::small(3));
    let (a, b) = (t.atom("a"), t.atom("b"));
    let ab = build::cons(&mut t.a, a, b);
    let tup = build::tuple(&mut t.a, &[abc, Term::NIL, l256, imp, ab]);
    t.check(
        tup,
        d(),
        &[
            131, 104, 5, 107, 0, 3, 97, 98, 99, 106, 108, 0, 0, 0, 1, 98, 0, 0, 1, 0, 106, 108, 0,
            0, 0, 2, 97, 1, 97, 2, 97, 3, 108, 0, 0, 0, 1, 100, 0, 1, 97, 100, 0, 1, 98,
        ],
    );
    // A string longer than 65535 bytes is a LIST_EXT.
    let long: Vec<Term> = (0..70000).map(|i| Term::small(i % 100)).collect();
    let l = build::list(&mut t.a, &long);
    let e = t.enc(l, d());
    assert_eq!(&e[..6], &[131, 108, 0, 1, 17, 112]);
    let (back, _) = t.dec(&e).unwrap();
    assert_eq!(compare(back, l, &t.atoms), Ordering::Equal);
}

#[test]
fn binaries() {
    let mut t = T::new();
    let e = build::binary(&mut t.a, &[]);
    let b = build::binary(&mut t.a, &[1, 2, 3]);
    let b3 = build::bitstring(&mut t.a, &[0x20], 3);
    let b12 = build::bitstring(&mut t.a, &[255, 0x70], 12);
    let tup = build::tuple(&mut t.a, &[e, b, b3, b12]);
    t.check(
        tup,
        d(),
        &[
            131, 104, 4, 109, 0, 0, 0, 0, 109, 0, 0, 0, 3, 1, 2, 3, 77, 0, 0, 0, 1, 3, 32, 77, 0,
            0, 0, 2, 4, 255, 112,
        ],
    );
    let big: Vec<u8> = (0..200u32).map(|i| i as u8).collect();
    let bb = build::binary(&mut t.a, &big);
    let enc = t.enc(bb, d());
    assert_eq!(&enc[..6], &[131, 109, 0, 0, 0, 200]);
    let (back, _) = t.dec(&enc).unwrap();
    assert_eq!(compare(back, bb, &t.atoms), Ordering::Equal);
}

#[test]
fn maps_pids_refs_exports() {
    let mut t = T::new();
    let (a, b) = (t.atom("a"), t.atom("b"));
    let m = build::flatmap(
        &mut t.a,
        &[Term::small(1), a, b],
        &[Term::small(2), Term::small(1), Term::NIL],
    );
    let exp = [
        131, 116, 0, 0, 0, 3, 97, 1, 97, 2, 100, 0, 1, 97, 97, 1, 100, 0, 1, 98, 106,
    ];
    t.check(m, d(), &exp);
    let det = EncodeOpts {
        deterministic: true,
        ..d()
    };
    t.check(m, det, &exp);
    t.check(
        Term::pid(77),
        d(),
        &[
            131, 88, 100, 0, 13, 110, 111, 110, 111, 100, 101, 64, 110, 111, 104, 111, 115, 116, 0,
            0, 0, 77, 0, 0, 0, 0, 0, 0, 0, 0,
        ],
    );
    let r = build::local_ref(&mut t.a, [0x0001_e0f0, 0x30b8_0001, 0x6961_e2cb]);
    t.check(
        r,
        d(),
        &[
            131, 90, 0, 3, 100, 0, 13, 110, 111, 110, 111, 100, 101, 64, 110, 111, 104, 111, 115,
            116, 0, 0, 0, 0, 0, 1, 224, 240, 48, 184, 0, 1, 105, 97, 226, 203,
        ],
    );
    let (lists, map) = (t.atom("lists"), t.atom("map"));
    let f = build::export_fun(&mut t.a, lists, map, 2);
    t.check(
        f,
        d(),
        &[
            131, 113, 100, 0, 5, 108, 105, 115, 116, 115, 100, 0, 3, 109, 97, 112, 97, 2,
        ],
    );
}

#[test]
fn compression() {
    let mut t = T::new();
    let s = build::charlist(&mut t.a, &"a".repeat(30));
    let o = EncodeOpts {
        compressed: Some(6),
        ..d()
    };
    let exp = [
        131, 80, 0, 0, 0, 33, 120, 156, 203, 102, 144, 75, 196, 11, 0, 193, 191, 11, 232,
    ];
    assert_eq!(t.enc(s, o), exp);
    let (back, used) = t.dec(&exp).unwrap();
    assert_eq!(used, exp.len());
    assert_eq!(compare(back, s, &t.atoms), Ordering::Equal);
    // Incompressible data stays plain.
    let seq: Vec<Term> = (1..=100).map(Term::small).collect();
    let l = build::list(&mut t.a, &seq);
    assert_eq!(t.enc(l, o), t.enc(l, d()));
}

#[test]
fn decoding_edge_cases() {
    let mut t = T::new();
    // Trailing bytes are ignored; `used` reports what was consumed.
    assert_eq!(t.dec(&[131, 97, 1, 0]).unwrap(), (Term::small(1), 3));
    // An empty LIST_EXT is just its tail.
    assert_eq!(
        t.dec(&[131, 108, 0, 0, 0, 0, 97, 1]).unwrap().0,
        Term::small(1)
    );
    let (e, _) = t.dec(&[131, 77, 0, 0, 0, 0, 0]).unwrap();
    assert_eq!(crate::term::bits::BitSlice::of(e).unwrap().bit_len, 0);
    for bad in [
        &[131, 70, 127, 240, 0, 0, 0, 0, 0, 0][..],
        &[131, 116, 0, 0, 0, 2, 97, 1, 97, 2, 97, 1, 97, 3],
        &[131, 104, 3, 97, 1],
        &[131, 105, 255, 255, 255, 255],
        &[131, 108, 255, 255, 255, 255, 106],
        &[130, 106],
        &[131, 117],
        &[131, 80, 255, 255, 255, 255, 120, 156],
        &[131, 112, 0, 0, 0, 0],
    ] {
        assert!(t.dec(bad).is_err(), "{bad:?}");
    }
    // Safe: unknown atoms are refused, known ones accepted.
    assert!(decode(
        &[131, 100, 0, 3, 120, 121, 122],
        &mut t.atoms,
        None,
        &mut t.a,
        true
    )
    .is_err());
    assert!(decode(
        &[131, 100, 0, 2, 111, 107],
        &mut t.atoms,
        None,
        &mut t.a,
        true
    )
    .is_ok());
    // Old FLOAT_EXT text decodes.
    let mut f = vec![131u8, 99];
    f.extend_from_slice(b"1.50000000000000000000e+00\0\0\0\0\0");
    assert_eq!(t.dec(&f).unwrap().0.as_float(), Some(1.5));
}

#[test]
fn deep_nesting_does_not_overflow() {
    let mut t = T::new();
    let mut b = vec![131u8];
    for _ in 0..200_000 {
        b.extend_from_slice(&[104, 1]);
    }
    b.push(106);
    let (v, _) = t.dec(&b).unwrap();
    let e = t.enc(v, d());
    assert_eq!(e, b);
}
