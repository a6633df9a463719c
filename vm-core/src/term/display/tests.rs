//! Expected strings were printed by OTP 25's `erlang:display/1`.

use alloc::boxed::Box;
use alloc::rc::Rc;
use alloc::vec::Vec;

use super::*;
use crate::code::{Code, FunEntry};
use crate::heap::{build, Arena};
use crate::host::NullHost;
use crate::vm::Vm;

fn vm() -> Vm {
    Vm::new(Box::new(NullHost::default()))
}

fn chars(a: &mut Arena, s: &[u32]) -> Term {
    let v: Vec<Term> = s.iter().map(|&c| Term::small(c as i64)).collect();
    build::list(a, &v)
}

#[test]
fn immediates_and_atoms() {
    let mut vm = vm();
    let cases: &[(&str, &str)] = &[
        ("a", "a"),
        ("[]", "'[]'"),
        ("true", "true"),
        ("\u{3b1}", "'\u{3b1}'"),
        ("", "''"),
        ("B c", "'B c'"),
        ("hello world", "'hello world'"),
        ("Abc", "'Abc'"),
        ("aBc", "aBc"),
        ("a@b", "'a@b'"),
        ("'", "'\\''"),
        ("a\nb", "'a\\nb'"),
        ("a\\b", "'a\\\\b'"),
        ("a\"b", "'a\"b'"),
        ("_a", "'_a'"),
        ("a_B9", "a_B9"),
        ("é", "é"),
        ("éa", "éa"),
        ("aé", "aé"),
        ("a.b", "'a.b'"),
        ("after", "after"),
        ("Ā", "'Ā'"),
        ("\u{c8}a", "'\u{c8}a'"),
        ("\u{1}a\u{7f}\u{80}\u{b}", "'\\001a\u{7f}\\200\\v'"),
        ("a\u{1F600}", "'a\u{1F600}'"),
        ("$a", "'$a'"),
    ];
    for &(name, want) in cases {
        let a = vm.atom(name);
        assert_eq!(vm.display(a), want, "atom {name:?}");
    }
    assert_eq!(vm.display(Term::NIL), "[]");
    assert_eq!(vm.display(Term::small(-5)), "-5");
    assert_eq!(
        vm.display(Term::small(576460752303423487)),
        "576460752303423487"
    );
    assert_eq!(vm.display(Term::pid(9)), "<0.9.0>");
    assert_eq!(vm.display(Term::port(0)), "#Port<0.0>");
}

#[test]
fn lists_and_strings() {
    let vm = vm();
    let mut a = Arena::new();
    let s = |a: &mut Arena, s: &str| build::charlist(a, s);
    let cases: Vec<(Term, &[u8])> = alloc::vec![
        (s(&mut a, "abc"), b"\"abc\""),
        (s(&mut a, "a\nb\"c\\"), b"\"a\\nb\\\"c\\\""),
        (
            chars(&mut a, &[9, 13, 27, 127, 160, 255]),
            b"[9,13,27,127,160,255]"
        ),
        (chars(&mut a, &[256]), b"[256]"),
        (chars(&mut a, &[97, 0, 98]), b"[97,0,98]"),
        (chars(&mut a, &[31]), b"[31]"),
        (s(&mut a, " ~"), b"\" ~\""),
        (chars(&mut a, &[128]), b"[128]"),
        (chars(&mut a, &[233, 9, 120]), b"\"\xe9\tx\""),
        (chars(&mut a, &[97, 98, 1000]), b"[97,98,1000]"),
        (chars(&mut a, &[8, 127]), b"[8,127]"),
    ];
    for (t, want) in cases {
        assert_eq!(display_bytes(t, &vm.shared), want);
    }
    let b_atom = vm.shared.atoms.lookup("badarg").unwrap();
    let b = build::list_with_tail(&mut a, &[Term::small(97)], b_atom);
    assert_eq!(vm.display(b), "[97|badarg]");
    let one = build::list_with_tail(&mut a, &[Term::small(1), Term::small(2)], Term::small(3));
    assert_eq!(vm.display(one), "[1,2|3]");
    let nested = build::list(&mut a, &[Term::NIL]);
    assert_eq!(vm.display(nested), "[[]]");
    let long: Vec<Term> = (0..200_000).map(|_| Term::small(1000)).collect();
    let long = build::list(&mut a, &long);
    assert_eq!(vm.display(long).len(), 200_000 * 5 + 1);
}

#[test]
#[allow(clippy::approx_constant)] // 3.14 is the literal erl printed
fn tuples_maps_numbers() {
    let mut vm = vm();
    let mut a = Arena::new();
    let x = vm.atom("x");
    let ka = vm.atom("a");
    let kb = vm.atom("b");
    let e = build::tuple(&mut a, &[]);
    assert_eq!(vm.display(e), "{}");
    let t = build::tuple(&mut a, &[ka, kb]);
    assert_eq!(vm.display(t), "{a,b}");
    let lx = build::list(&mut a, &[x]);
    let m = build::flatmap(&mut a, &[ka, kb], &[Term::small(1), lx]);
    assert_eq!(vm.display(m), "#{a=>1,b=>[x]}");
    let m0 = build::flatmap(&mut a, &[], &[]);
    assert_eq!(vm.display(m0), "#{}");
    let floats: &[(f64, &str)] = &[
        (3.14, "3.140000e+00"),
        (1.0e100, "1.000000e+100"),
        (-0.0, "-0.000000e+00"),
        (0.0, "0.000000e+00"),
        (1.0e-5, "1.000000e-05"),
        (123456789.0, "1.234568e+08"),
        (1.5, "1.500000e+00"),
        (1.0e-10, "1.000000e-10"),
        (2.5e15, "2.500000e+15"),
    ];
    for &(f, want) in floats {
        let t = build::float(&mut a, f);
        assert_eq!(vm.display(t), want);
    }
    let big = build::int128(&mut a, 1i128 << 100);
    assert_eq!(vm.display(big), "1267650600228229401496703205376");
    let nbig = build::int128(&mut a, -(1i128 << 70));
    assert_eq!(vm.display(nbig), "-1180591620717411303424");
    let b2 = build::int128(&mut a, 576460752303423488);
    assert_eq!(vm.display(b2), "576460752303423488");
    let b3 = build::int128(&mut a, -576460752303423489);
    assert_eq!(vm.display(b3), "-576460752303423489");
}

#[test]
fn binaries() {
    let vm = vm();
    let mut a = Arena::new();
    let cases: &[(&[u8], usize, &str)] = &[
        (&[1, 2, 3], 24, "<<1,2,3>>"),
        (b"hello", 40, "<<\"hello\">>"),
        (&[0x20], 3, "<<1:3>>"),
        (&[1, 0x40], 11, "<<1,2:3>>"),
        (b"a\nb", 24, "<<97,10,98>>"),
        (&[200, 201], 16, "<<200,201>>"),
        (&[], 0, "<<>>"),
        (&[127], 8, "<<127>>"),
        (b"a\"b", 24, "<<\"a\\\"b\">>"),
    ];
    for &(bytes, bits, want) in cases {
        let t = build::bitstring(&mut a, bytes, bits);
        assert_eq!(vm.display(t), want);
    }
    // <<"abc":7>>: each character in 7 bits, 21 bits in all.
    let t = build::bitstring(&mut a, &[195, 139, 0b0001_1000], 21);
    assert_eq!(vm.display(t), "<<195,139,3:5>>");
    // Unaligned sub-binary of a printable binary.
    let base = build::binary(&mut a, b"xhello");
    let sub = build::sub_binary(&mut a, base, 8, 40);
    assert_eq!(vm.display(sub), "<<\"hello\">>");
    let big: Vec<u8> = (0..100).map(|i| b'a' + (i % 26) as u8).collect();
    let t = build::binary(&mut a, &big);
    assert_eq!(vm.display(t).len(), 100 + 6);
}

#[test]
fn refs_and_funs() {
    let mut vm = vm();
    let mut a = Arena::new();
    let r = build::local_ref(&mut a, [174781, 281018369, 908133589]);
    assert_eq!(vm.display(r), "#Ref<0.908133589.281018369.174781>");
    let lists = vm.atom("lists");
    let map = vm.atom("map");
    let f = build::export_fun(&mut a, lists, map, 2);
    assert_eq!(vm.display(f), "fun lists:map/2");
    let q = vm.atom("Q");
    let f = build::export_fun(&mut a, q, map, 2);
    assert_eq!(vm.display(f), "fun 'Q':map/2");
    let d = vm.atom("d");
    let fname = vm.atom("-main/0-fun-0-");
    let code = Code {
        id: 1,
        module: d,
        instrs: Vec::new().into(),
        literals: Arena::with_capacity(1),
        exports: Vec::new(),
        funs: alloc::vec![
            FunEntry {
                function: fname,
                arity: 0,
                entry: Default::default(),
                index: 0,
                num_free: 0,
                old_uniq: 81725964
            },
            FunEntry {
                function: fname,
                arity: 1,
                entry: Default::default(),
                index: 1,
                num_free: 0,
                old_uniq: 81725964
            },
        ],
        functions: Vec::new(),
        lines: Default::default(),
        strings: Vec::new(),
        attributes: Term::NIL,
        compile_info: Term::NIL,
        md5: [0; 16],
        on_load: None,
    };
    vm.shared.code.codes.push(Some(Rc::new(code)));
    let c = build::closure(&mut a, 1, 1, 1, &[]);
    assert_eq!(vm.display(c), "#Fun<d.1.81725964>");
}
