//! Expected values were produced by OTP 25.

use super::*;
use crate::bif::erlang::testutil::T;

fn c2b(t: &mut T, d: Term, enc: Term) -> alloc::string::String {
    t.show(characters_to_binary, &[d, enc])
}

fn c2l(t: &mut T, d: Term, enc: Term) -> alloc::string::String {
    t.show(characters_to_list, &[d, enc])
}

#[test]
fn utf8_and_latin1() {
    let mut t = T::new();
    let u = atom::UNICODE;
    let l = t.ints(&[97, 0xD800, 98]);
    assert_eq!(c2b(&mut t, l, u), "{error,<<\"a\">>,[55296,98]}");
    let inner = t.ints(&[97, -1]);
    let l = t.list(&[inner, Term::small(98)]);
    assert_eq!(c2b(&mut t, l, u), "{error,<<\"a\">>,[[-1],98]}");
    let b = t.bin(b"b");
    let c = t.bin(b"c");
    let inner = t.improper(&[b, Term::small(0x110000)], c);
    let l = t.list(&[Term::small(97), inner, Term::small(100)]);
    assert_eq!(
        c2b(&mut t, l, u),
        "{error,<<\"ab\">>,[[1114112|<<\"c\">>],100]}"
    );
    let bad = t.bin(b"b\xffc");
    let l = t.list(&[Term::small(97), bad, Term::small(100)]);
    assert_eq!(c2b(&mut t, l, u), "{error,<<\"ab\">>,[<<255,99>>,100]}");
    assert_eq!(c2b(&mut t, bad, u), "{error,<<\"b\">>,<<255,99>>}");
    let inc = t.bin(b"b\xe2\x82");
    assert_eq!(c2b(&mut t, inc, u), "{incomplete,<<\"b\">>,<<226,130>>}");
    let l = t.list(&[inc]);
    assert_eq!(c2b(&mut t, l, u), "{incomplete,<<\"b\">>,<<226,130>>}");
    let l = t.list(&[inc, Term::small(97)]);
    assert_eq!(c2b(&mut t, l, u), "{error,<<\"b\">>,[<<226,130>>,\"a\"]}");
    let p1 = t.bin(b"b\xe2");
    let p2 = t.bin(b"\x82\xac");
    let l = t.list(&[p1, p2]);
    assert_eq!(c2b(&mut t, l, u), "<<98,226,130,172>>");
    assert_eq!(c2l(&mut t, l, u), "[98,8364]");
    let l = t.ints(&[97, 256]);
    assert_eq!(c2b(&mut t, l, atom::LATIN1), "{error,<<\"a\">>,[256]}");
    let b200 = t.bin(&[200]);
    let l = t.list(&[Term::small(97), Term::small(255), b200]);
    assert_eq!(c2b(&mut t, l, atom::LATIN1), "<<97,195,191,195,136>>");
    // Type errors win over encoding errors.
    let b_atom = t.atom("b");
    let l = t.improper(&[Term::small(97)], b_atom);
    assert_eq!(c2b(&mut t, l, u), "error:badarg");
    let l = t.list(&[Term::small(-1), b_atom]);
    assert_eq!(c2b(&mut t, l, u), "error:badarg");
    let foo = t.atom("foo");
    assert_eq!(c2b(&mut t, Term::NIL, foo), "error:badarg");
    let bits = t.bits(&[0x20], 3);
    assert_eq!(c2b(&mut t, bits, u), "error:badarg");
    for (bytes, want) in [
        (&b"\xed\xa0\x80"[..], "{error,<<>>,<<237,160,128>>}"),
        (b"\xc0\x80", "{error,<<>>,<<192,128>>}"),
        (b"\xf4\x90\x80\x80", "{error,<<>>,<<244,144,128,128>>}"),
        (b"\xf0", "{incomplete,<<>>,<<240>>}"),
        (b"\xf0\x9f", "{incomplete,<<>>,<<240,159>>}"),
        (b"\xf0\x41", "{error,<<>>,<<240,65>>}"),
    ] {
        let b = t.bin(bytes);
        assert_eq!(c2b(&mut t, b, u), want);
    }
    // Leftover of a truncated sequence followed by more data.
    let a = t.bin(b"a");
    let b = t.bin(b"b");
    let xy = t.s("xy");
    let z = t.s("z");
    let inner = t.list(&[b, b200, xy]);
    let l = t.list(&[a, inner, z]);
    assert_eq!(
        c2b(&mut t, l, u),
        "{error,<<\"ab\">>,[<<200>>,[[\"xy\"],\"z\"]]}"
    );
    let b2 = t.bin(&[200, 201]);
    let inner = t.list(&[b, b2, xy]);
    let l = t.list(&[a, inner, z]);
    assert_eq!(
        c2l(&mut t, l, u),
        "{error,\"ab\",[[<<200,201>>,\"xy\"],\"z\"]}"
    );
    let tail = t.bin(&[2, 255, 3]);
    let l = t.improper(&[Term::small(1)], tail);
    assert_eq!(c2l(&mut t, l, u), "{error,[1,2],<<255,3>>}");
    let s = t.bin(b"abc");
    assert_eq!(t.show(bin_is_7bit, &[s]), "true");
    let s = t.bin("abcé".as_bytes());
    assert_eq!(t.show(bin_is_7bit, &[s]), "false");
    assert_eq!(t.show(bin_is_7bit, &[foo]), "false");
}

#[test]
fn utf16_and_utf32() {
    let mut t = T::new();
    let utf32 = atom::UTF32;
    let b = t.bin(&[0, 0, 0, 65]);
    let l = t.list(&[Term::small(0x1F600), b]);
    assert_eq!(c2b(&mut t, l, utf32), "<<240,159,152,128,65>>");
    let b = t.bin(&[0, 65, 0xD8, 0x3D, 0xDE, 0]);
    let l = t.list(&[b]);
    assert_eq!(c2b(&mut t, l, atom::UTF16), "<<65,240,159,152,128>>");
    let little = t.tuple(&[atom::UTF16, atom::LITTLE]);
    let b = t.bin(&[65, 0]);
    assert_eq!(c2b(&mut t, b, little), "<<\"A\">>");
    let b = t.bin(&[0, 65, 0]);
    assert_eq!(c2b(&mut t, b, atom::UTF16), "{incomplete,<<\"A\">>,<<0>>}");
    assert_eq!(c2l(&mut t, b, atom::UTF16), "{incomplete,\"A\",<<0>>}");
    let b = t.bin(&[0, 0, 0, 65, 0, 0]);
    assert_eq!(c2b(&mut t, b, utf32), "{incomplete,<<\"A\">>,<<0,0>>}");
    let b = t.bin(&[0xD8, 0, 0, 65]);
    assert_eq!(c2b(&mut t, b, atom::UTF16), "{error,<<>>,<<216,0,0,65>>}");
    let b = t.bin(&[0, 0, 0xD8, 0]);
    assert_eq!(c2l(&mut t, b, utf32), "{error,[],<<0,0,216,0>>}");
    let b = t.bin(&[0, 17, 0, 0]);
    assert_eq!(c2l(&mut t, b, utf32), "{error,[],<<0,17,0,0>>}");
}
