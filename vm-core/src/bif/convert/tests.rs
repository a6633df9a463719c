//! Expected values were produced by OTP 25.

use super::*;
use crate::bif::erlang::testutil::T;

#[test]
fn atoms() {
    let mut t = T::new();
    assert_eq!(t.show(atom_to_list, &[Term::small(1)]), "error:badarg");
    let long = t.s(&"a".repeat(256));
    assert_eq!(t.show(list_to_atom, &[long]), "error:system_limit");
    let alphas = "\u{3b1}".repeat(255);
    let l = t.s(&alphas);
    assert!(t.call(list_to_atom, &[l]).is_ok());
    for bad in [&[0x110000][..], &[-1], &[0xD800]] {
        let l = t.ints(bad);
        assert_eq!(t.show(list_to_atom, &[l]), "error:badarg");
    }
    // A bad element before the limit is badarg; past the limit it is system_limit.
    let a = t.atom("a");
    let many: Vec<Term> = (0..300).map(|_| Term::small(97)).collect();
    let mut v = alloc::vec![a];
    v.extend_from_slice(&many);
    let l = t.list(&v);
    assert_eq!(t.show(list_to_atom, &[l]), "error:badarg");
    let mut v = many.clone();
    v.push(a);
    let l = t.list(&v);
    assert_eq!(t.show(list_to_atom, &[l]), "error:system_limit");
    let l = t.s("nosuchatomxyz");
    assert_eq!(t.show(list_to_existing_atom, &[l]), "error:badarg");
    let e = t.atom("é");
    assert_eq!(t.show(atom_to_list, &[e]), "\"é\"");
    assert_eq!(t.show(atom_to_binary_1, &[e]), "<<195,169>>");
    assert_eq!(t.show(atom_to_binary_2, &[e, atom::LATIN1]), "<<233>>");
    let alpha = t.atom("\u{3b1}");
    assert_eq!(
        t.show(atom_to_binary_2, &[alpha, atom::LATIN1]),
        "error:badarg"
    );
    let foo = t.atom("foo");
    assert_eq!(t.show(atom_to_binary_2, &[a, foo]), "error:badarg");
    let b = t.bin(&[233]);
    assert_eq!(t.show(binary_to_atom_2, &[b, atom::LATIN1]), "é");
    assert_eq!(t.show(binary_to_atom_2, &[b, atom::UTF8]), "error:badarg");
    assert_eq!(t.show(binary_to_atom_1, &[b]), "error:badarg");
    let bits = t.bits(&[0x20], 3);
    assert_eq!(
        t.show(binary_to_atom_2, &[bits, atom::UTF8]),
        "error:badarg"
    );
    let b = t.bin(b"zzqq");
    assert_eq!(
        t.show(binary_to_existing_atom_2, &[b, atom::UTF8]),
        "error:badarg"
    );
    let b = t.bin(&[b'a'; 256]);
    assert_eq!(
        t.show(binary_to_atom_2, &[b, atom::UTF8]),
        "error:system_limit"
    );
    let b = t.bin(&[233; 255]);
    assert!(t.call(binary_to_atom_2, &[b, atom::LATIN1]).is_ok());
}

#[test]
fn iolists() {
    let mut t = T::new();
    let l = t.ints(&[256]);
    assert_eq!(t.show(list_to_binary, &[l]), "error:badarg");
    let b2 = t.bin(&[2]);
    let b3 = t.bin(&[3]);
    let l = t.improper(&[Term::small(1), b2], b3);
    assert_eq!(t.show(list_to_binary, &[l]), "<<1,2,3>>");
    assert_eq!(t.show(list_to_binary, &[b3]), "error:badarg");
    assert_eq!(t.show(iolist_to_binary, &[b3]), "<<3>>");
    let l = t.improper(&[Term::small(1)], Term::small(2));
    assert_eq!(t.show(iolist_to_binary, &[l]), "error:badarg");
    let b34 = t.bin(&[3, 4]);
    let b5 = t.bin(&[5]);
    let inner = t.list(&[Term::small(2), b34]);
    let l = t.improper(&[Term::small(1), inner], b5);
    assert_eq!(t.show(iolist_size, &[l]), "5");
    let bits = t.bits(&[0x20], 3);
    assert_eq!(t.show(iolist_size, &[bits]), "error:badarg");
    let l = t.list(&[bits]);
    assert_eq!(t.show(list_to_binary, &[l]), "error:badarg");
    let one_bit = t.bits(&[0x80], 1);
    let l = t.list(&[bits, Term::small(1), one_bit]);
    assert_eq!(t.show(list_to_bitstring, &[l]), "<<32,3:4>>");
    let l = t.improper(&[bits], one_bit);
    assert_eq!(t.show(list_to_bitstring, &[l]), "<<3:4>>");
    assert_eq!(t.show(list_to_bitstring, &[bits]), "error:badarg");
    let b12 = t.bin(&[1, 2]);
    let mid = t.ints(&[3, 4]);
    let l = t.list(&[b12, mid, b5]);
    assert_eq!(t.show(iolist_to_iovec, &[l]), "[<<1,2,3,4,5>>]");
    assert_eq!(t.show(iolist_to_iovec, &[Term::NIL]), "[]");
    let empty = t.bin(&[]);
    assert_eq!(t.show(iolist_to_iovec, &[empty]), "[]");
    // Deep nesting does not recurse.
    let mut deep = Term::NIL;
    for _ in 0..100_000 {
        deep = t.list(&[deep, Term::small(1)]);
    }
    assert_eq!(t.show(iolist_size, &[deep]), "100000");
}

#[test]
fn binaries() {
    let mut t = T::new();
    let b = t.bits(&[1, 2, 0x60], 19);
    assert_eq!(t.show(bitstring_to_list, &[b]), "[1,2,<<3:3>>]");
    assert_eq!(t.show(binary_to_list_1, &[b]), "error:badarg");
    let b123 = t.bin(&[1, 2, 3]);
    let s = |i| Term::small(i);
    assert_eq!(t.show(binary_to_list_3, &[b123, s(2), s(3)]), "[2,3]");
    assert_eq!(
        t.show(binary_to_list_3, &[b123, s(3), s(2)]),
        "error:badarg"
    );
    assert_eq!(
        t.show(binary_to_list_3, &[b123, s(0), s(2)]),
        "error:badarg"
    );
    let e = t.bin(&[]);
    assert_eq!(t.show(binary_to_list_3, &[e, s(1), s(0)]), "error:badarg");
    let b12_3 = t.bits(&[1, 0x40], 11);
    assert_eq!(t.show(binary_to_list_3, &[b12_3, s(1), s(1)]), "[1]");
    assert_eq!(t.show(binary_part_3, &[b123, s(3), s(-2)]), "<<2,3>>");
    assert_eq!(t.show(binary_part_3, &[b123, s(1), s(-2)]), "error:badarg");
    assert_eq!(t.show(binary_part_3, &[b123, s(-1), s(1)]), "error:badarg");
    assert_eq!(t.show(binary_part_3, &[b123, s(3), s(0)]), "<<>>");
    let pl = t.tuple(&[s(0), s(4)]);
    assert_eq!(t.show(binary_part_2, &[b123, pl]), "error:badarg");
    assert_eq!(t.show(binary_part_3, &[b, s(0), s(1)]), "<<1>>");
    assert_eq!(t.show(split_binary, &[b123, s(4)]), "error:badarg");
    assert_eq!(t.show(split_binary, &[b123, s(1)]), "{<<1>>,<<2,3>>}");
    assert_eq!(t.show(split_binary, &[b12_3, s(1)]), "{<<1>>,<<2:3>>}");
    assert_eq!(t.show(split_binary, &[b12_3, s(2)]), "error:badarg");
    let b9 = t.bits(&[0, 0x80], 9);
    assert_eq!(t.show(byte_size, &[b9]), "2");
    assert_eq!(t.show(bit_size, &[b9]), "9");
    // Parts of a large binary share it and can be split again.
    let big: Vec<u8> = (0..200u8).collect();
    let big = t.bin(&big);
    let p = t.call(binary_part_3, &[big, s(100), s(100)]).unwrap();
    assert_eq!(t.show(binary_part_3, &[p, s(1), s(2)]), "<<\"ef\">>");
}
