//! Expected values were produced by OTP 25.

use super::testutil::T;
use super::*;
use crate::atom;
use crate::bif::Class;

#[test]
fn type_tests_and_operators() {
    let mut t = T::new();
    let a = t.atom("a");
    let f = t.float(1.0);
    assert_eq!(t.show(is_atom, &[a]), "true");
    assert_eq!(t.show(is_float, &[f]), "true");
    let r = t.tuple(&[a, Term::small(1)]);
    assert_eq!(t.show(is_record_2, &[r, a]), "true");
    assert_eq!(t.show(is_record_3, &[r, a, Term::small(2)]), "true");
    assert_eq!(t.show(is_record_3, &[r, a, Term::small(3)]), "false");
    assert_eq!(
        t.show(is_record_3, &[r, Term::small(1), Term::small(2)]),
        "error:badarg"
    );
    let m = t.atom("m");
    let fx = build::export_fun(&mut t.p.heap, m, a, 0);
    assert_eq!(t.show(is_function_2, &[fx, Term::small(0)]), "true");
    assert_eq!(
        t.show(is_function_2, &[fx, Term::small(-1)]),
        "error:badarg"
    );
    assert_eq!(t.show(is_function_2, &[fx, a]), "error:badarg");
    assert_eq!(t.show(op_eq, &[Term::small(1), f]), "true");
    assert_eq!(t.show(op_exact_eq, &[Term::small(1), f]), "false");
    assert_eq!(t.show(op_lt, &[Term::small(1), a]), "true");
    assert_eq!(
        t.show(op_and, &[atom::TRUE, Term::small(1)]),
        "error:badarg"
    );
    assert_eq!(t.show(op_not, &[Term::small(1)]), "error:badarg");
    assert_eq!(t.show(op_xor, &[atom::TRUE, atom::FALSE]), "true");
    // min/max return the first argument on equality.
    assert_eq!(t.show(min, &[Term::small(1), f]), "1");
    assert_eq!(t.show(max, &[Term::small(1), f]), "1");
    assert_eq!(t.show(max, &[f, Term::small(1)]), "1.000000e+00");
    assert_eq!(t.show(min, &[f, Term::small(1)]), "1.000000e+00");
}

#[test]
fn list_primitives() {
    let mut t = T::new();
    let [a, b, c, d] = ["a", "b", "c", "d"].map(|s| t.atom(s));
    let xs = t.list(&[a, b, c, a, b]);
    let ys = t.list(&[b, a, d]);
    assert_eq!(t.show(subtract, &[xs, ys]), "[c,a,b]");
    let imp = t.improper(&[a], b);
    let la = t.list(&[a]);
    assert_eq!(t.show(subtract, &[imp, la]), "error:badarg");
    assert_eq!(t.show(subtract, &[la, imp]), "error:badarg");
    assert_eq!(t.show(append, &[la, b]), "[a|b]");
    assert_eq!(t.show(append, &[a, la]), "error:badarg");
    assert_eq!(t.show(append, &[imp, la]), "error:badarg");
    let f = t.float(1.0);
    let l1 = t.list(&[Term::small(1), f]);
    let l2 = t.list(&[f]);
    assert_eq!(t.show(subtract, &[l1, l2]), "[1]");
    assert_eq!(t.show(length, &[imp]), "error:badarg");
    assert_eq!(t.show(hd, &[Term::NIL]), "error:badarg");
    assert_eq!(t.show(tl, &[Term::NIL]), "error:badarg");
    // Large operands stay fast and keep first-occurrence semantics.
    let big: Vec<i64> = (0..50_000).map(|i| i % 1000).collect();
    let rm: Vec<i64> = (0..1000).collect();
    let big = t.ints(&big);
    let rm = t.ints(&rm);
    let r = t.call(subtract, &[big, rm]).unwrap();
    assert_eq!(r.list_length(), Some(49_000));
    assert_eq!(r.cons().unwrap().0, Term::small(0));
}

#[test]
fn tuples() {
    let mut t = T::new();
    let [a, b, c, x, y, z, w] = ["a", "b", "c", "x", "y", "z", "w"].map(|s| t.atom(s));
    let ta = t.tuple(&[a]);
    assert_eq!(t.show(element, &[Term::small(0), ta]), "error:badarg");
    assert_eq!(t.show(element, &[Term::small(2), ta]), "error:badarg");
    assert_eq!(t.show(element, &[Term::small(1), ta]), "a");
    assert_eq!(t.show(setelement, &[Term::small(2), ta, b]), "error:badarg");
    let p1 = t.tuple(&[Term::small(2), y]);
    let p2 = t.tuple(&[Term::small(4), z]);
    let init = t.list(&[p1, p2]);
    assert_eq!(
        t.show(make_tuple_3, &[Term::small(3), x, init]),
        "error:badarg"
    );
    let p2 = t.tuple(&[Term::small(3), z]);
    let p3 = t.tuple(&[Term::small(2), w]);
    let init = t.list(&[p1, p2, p3]);
    assert_eq!(t.show(make_tuple_3, &[Term::small(3), x, init]), "{x,w,z}");
    assert_eq!(t.show(make_tuple_2, &[Term::small(-1), x]), "error:badarg");
    assert_eq!(t.show(append_element, &[ta, b]), "{a,b}");
    let tab = t.tuple(&[a, b]);
    assert_eq!(t.show(insert_element, &[Term::small(3), tab, c]), "{a,b,c}");
    assert_eq!(
        t.show(insert_element, &[Term::small(4), tab, c]),
        "error:badarg"
    );
    assert_eq!(t.show(delete_element, &[Term::small(1), tab]), "{b}");
    assert_eq!(
        t.show(delete_element, &[Term::small(3), tab]),
        "error:badarg"
    );
    let imp = t.improper(&[a], b);
    assert_eq!(t.show(list_to_tuple, &[imp]), "error:badarg");
    let e = t.tuple(&[]);
    assert_eq!(t.show(tuple_to_list, &[e]), "[]");
    let bits = t.bits(&[0, 0x80], 9);
    assert_eq!(t.show(size, &[bits]), "1");
    assert_eq!(t.show(size, &[Term::NIL]), "error:badarg");
}

#[test]
fn errors_and_halt() {
    let mut t = T::new();
    let foo = t.atom("foo");
    let args = t.ints(&[1, 2]);
    let e = t.call(errors::error_2, &[foo, args]).unwrap_err();
    assert_eq!(e.args, Some(args));
    let none = t.atom("none");
    let e = t.call(errors::error_2, &[foo, none]).unwrap_err();
    assert_eq!(e.args, None);
    // raise/3 with bad arguments returns badarg instead of raising.
    assert_eq!(t.show(errors::raise_3, &[foo, foo, Term::NIL]), "badarg");
    assert_eq!(t.show(errors::raise_3, &[atom::THROW, foo, foo]), "badarg");
    let bad = t.list(&[foo]);
    assert_eq!(t.show(errors::raise_3, &[atom::THROW, foo, bad]), "badarg");
    let m = t.atom("m");
    let mfa = t.tuple(&[m, foo, Term::small(1)]);
    let st = t.list(&[mfa]);
    let e = t
        .call(errors::raise_3, &[atom::THROW, foo, st])
        .unwrap_err();
    assert_eq!(e.class, Class::Throw);
    assert_eq!(t.show_result(Ok(e.stacktrace.unwrap())), "[{m,foo,1,[]}]");
    assert_eq!(t.show(errors::halt_1, &[Term::small(-1)]), "error:badarg");
    assert_eq!(t.show(errors::halt_1, &[foo]), "error:badarg");
    let slogan = t.s("my slogan");
    assert_eq!(t.show(errors::halt_1, &[slogan]), "exit:halt");
    assert_eq!(t.vm.shared.halted, Some(1));
    assert_eq!(t.stderr(), b"my slogan\r\n");
    assert_eq!(t.show(errors::halt_1, &[Term::small(3)]), "exit:halt");
    assert_eq!(t.vm.shared.halted, Some(3));
    assert_eq!(t.show(errors::missing_bif, &[]), "error:undef");
}

#[test]
fn process_dictionary_order() {
    let mut t = T::new();
    // put(I, I) for these keys; erl lists them in this order.
    for k in [5, 3, 17, 1, 9, 25, 2, 100, 33, 8, 16, 7, 0, 4] {
        let v = Term::small(k);
        assert_eq!(t.show(pdict::put_2, &[v, v]), "undefined");
    }
    assert_eq!(
        t.show(pdict::get_0, &[]),
        "[{25,25},{9,9},{8,8},{7,7},{5,5},{100,100},{4,4},{3,3},{2,2},{1,1},{17,17},{33,33},{16,16},{0,0}]"
    );
    t.call(pdict::erase_0, &[]).unwrap();
    for k in 1..=12 {
        let v = Term::small(k);
        t.call(pdict::put_2, &[v, v]).unwrap();
    }
    let x = t.atom("x");
    assert_eq!(t.show(pdict::put_2, &[Term::small(3), x]), "3");
    assert_eq!(
        t.show(pdict::get_keys_0, &[]),
        "[12,11,10,9,8,7,6,5,4,3,2,1]"
    );
    assert_eq!(t.show(pdict::get_keys_1, &[x]), "[3]");
    assert_eq!(t.show(pdict::erase_1, &[Term::small(3)]), "x");
    assert_eq!(t.show(pdict::erase_1, &[Term::small(3)]), "undefined");
    assert_eq!(t.show(pdict::get_1, &[Term::small(4)]), "4");
}

#[test]
fn display_and_identity() {
    let mut t = T::new();
    let s = t.s("a\nb");
    assert_eq!(t.show(info::display, &[s]), "true");
    assert_eq!(t.stdout(), b"\"a\\nb\"\r\n");
    let a = t.atom("a");
    assert_eq!(t.show(info::display_string, &[a]), "error:badarg");
    let s = t.s("s\n");
    t.call(info::display_string, &[s]).unwrap();
    assert_eq!(t.stderr(), b"s\r\n");
    assert_eq!(t.show(info::node_0, &[]), "'nonode@nohost'");
    assert_eq!(t.show(info::node_1, &[a]), "error:badarg");
    assert_eq!(t.show(info::self_0, &[]), "<0.0.0>");
    let r = t.call(info::make_ref, &[]).unwrap();
    assert!(r.is_ref());
    let pos = t.atom("positive");
    let opts = t.list(&[pos]);
    assert_eq!(t.show(info::unique_integer_1, &[opts]), "2");
    let mono = t.atom("monotonic");
    let opts = t.list(&[mono]);
    assert_eq!(
        t.show(info::unique_integer_1, &[opts]),
        "-576460752303423486"
    );
    let opts = t.list(&[a]);
    assert_eq!(t.show(info::unique_integer_1, &[opts]), "error:badarg");
}

#[test]
fn builtins_and_exports() {
    let mut t = T::new();
    let erlang = atom::ERLANG;
    let length = t.atom("length");
    let lists = t.atom("lists");
    let reverse = t.atom("reverse");
    let map = t.atom("map");
    let one = Term::small(1);
    let two = Term::small(2);
    assert_eq!(
        t.show(info::function_exported, &[erlang, length, one]),
        "true"
    );
    assert_eq!(
        t.show(info::function_exported, &[lists, reverse, two]),
        "true"
    );
    assert_eq!(t.show(info::function_exported, &[lists, map, two]), "false");
    assert_eq!(
        t.show(info::function_exported, &[one, map, two]),
        "error:badarg"
    );
    assert_eq!(t.show(info::is_builtin, &[erlang, length, one]), "true");
    assert_eq!(
        t.show(info::is_builtin, &[erlang, atom::APPLY, Term::small(3)]),
        "true"
    );
    assert_eq!(t.show(info::is_builtin, &[lists, map, two]), "false");
    let nosuch = t.atom("nosuch");
    assert_eq!(t.show(info::get_module_info_1, &[nosuch]), "error:badarg");
    assert_eq!(
        t.show(info::fun_info_2, &[one, atom::ARITY]),
        "error:badarg"
    );
    let f = build::export_fun(&mut t.p.heap, lists, map, 2);
    assert_eq!(t.show(info::fun_info_2, &[f, atom::ARITY]), "{arity,2}");
    assert_eq!(
        t.show(info::fun_info_2, &[f, atom::TYPE]),
        "{type,external}"
    );
    assert_eq!(t.show(info::fun_info_2, &[f, atom::PID]), "{pid,undefined}");
    assert_eq!(t.show(info::fun_info_2, &[f, lists]), "error:badarg");
    assert_eq!(t.show(info::fun_info_mfa, &[f]), "{lists,map,2}");
    assert_eq!(t.show(info::fun_to_list, &[f]), "\"fun lists:map/2\"");
}

#[test]
fn checksums() {
    let mut t = T::new();
    let abc = t.bin(b"abc");
    let d = t.s("d");
    let data = t.list(&[abc, d]);
    let want = "<<226,252,113,76,71,39,238,147,149,243,36,205,46,127,51,31>>";
    assert_eq!(t.show(checksum::md5, &[data]), want);
    let c = t.call(checksum::md5_init, &[]).unwrap();
    let ab = t.s("ab");
    let c = t.call(checksum::md5_update, &[c, ab]).unwrap();
    let cd = t.s("cd");
    let c = t.call(checksum::md5_update, &[c, cd]).unwrap();
    assert_eq!(t.show(checksum::md5_final, &[c]), want);
    // Across block boundaries.
    let long: Vec<u8> = (0..200u32).map(|i| (i * 7) as u8).collect();
    let whole = checksum::md5_digest(&long);
    let mut c = t.call(checksum::md5_init, &[]).unwrap();
    for chunk in long.chunks(37) {
        let b = t.bin(chunk);
        c = t.call(checksum::md5_update, &[c, b]).unwrap();
    }
    let r = t.call(checksum::md5_final, &[c]).unwrap();
    assert_eq!(
        crate::term::bits::BitSlice::of(r).unwrap().to_vec(),
        whole.to_vec()
    );
    assert_eq!(t.show(checksum::md5_final, &[abc]), "error:badarg");
    let s = t.s("abc");
    assert_eq!(t.show(checksum::crc32_1, &[s]), "891568578");
    assert_eq!(t.show(checksum::adler32_1, &[s]), "38600999");
    let ab = t.s("ab");
    let c = t.call(checksum::crc32_1, &[ab]).unwrap();
    let cc = t.s("c");
    assert_eq!(t.show(checksum::crc32_2, &[c, cc]), "891568578");
    let c = t.call(checksum::adler32_1, &[ab]).unwrap();
    assert_eq!(t.show(checksum::adler32_2, &[c, cc]), "38600999");
    assert_eq!(
        t.show(checksum::crc32_2, &[Term::small(-1), cc]),
        "error:badarg"
    );
    assert_eq!(
        t.show(checksum::crc32_2, &[Term::small(1 << 32), cc]),
        "error:badarg"
    );
}
