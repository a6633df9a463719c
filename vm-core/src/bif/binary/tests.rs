//! Expected values come from OTP 25's `erl`.

use alloc::boxed::Box;
use alloc::vec::Vec;

use super::*;
use crate::host::NullHost;
use crate::process::Process;
use crate::vm::Vm;

fn with_ctx(f: impl FnOnce(&mut Ctx)) {
    let mut vm = Vm::new(Box::new(NullHost::default()));
    let mut p = Process::new(0, 233);
    let mut ctx = Ctx {
        proc: &mut p,
        vm: &mut vm.shared,
    };
    f(&mut ctx);
}

fn bin(ctx: &mut Ctx, s: &str) -> Term {
    build::binary(&mut ctx.proc.heap, s.as_bytes())
}

fn bins_of(l: Term) -> Vec<Vec<u8>> {
    l.list_to_vec()
        .unwrap()
        .into_iter()
        .map(|b| arg_bytes(b).unwrap())
        .collect()
}

fn pairs_of(l: Term) -> Vec<(i64, i64)> {
    l.list_to_vec()
        .unwrap()
        .into_iter()
        .map(|t| {
            let e = t.tuple().unwrap();
            (e[0].small_value(), e[1].small_value())
        })
        .collect()
}

fn opts(ctx: &mut Ctx, items: &[Term]) -> Term {
    build::list(&mut ctx.proc.heap, items)
}

fn scope(ctx: &mut Ctx, s: i64, l: i64) -> Term {
    let r = build::tuple(&mut ctx.proc.heap, &[Term::small(s), Term::small(l)]);
    build::tuple(&mut ctx.proc.heap, &[atom::SCOPE, r])
}

#[test]
fn match_and_matches_pick_leftmost_longest() {
    with_ctx(|ctx| {
        let h = bin(ctx, "abcabc");
        let bc = bin(ctx, "bc");
        let b = bin(ctx, "b");
        let ps = opts(ctx, &[bc, b]);
        let r = match_2(ctx, &[h, ps]).unwrap();
        assert_eq!(r.tuple().unwrap(), &[Term::small(1), Term::small(2)]);
        let c = bin(ctx, "c");
        let sc = scope(ctx, 6, -3);
        let o = opts(ctx, &[sc]);
        let r = match_3(ctx, &[h, c, o]).unwrap();
        assert_eq!(r.tuple().unwrap(), &[Term::small(5), Term::small(1)]);
        let sc = scope(ctx, 6, 1);
        let o = opts(ctx, &[sc]);
        assert!(match_3(ctx, &[h, c, o]).is_err());
        let aaaa = bin(ctx, "aaaa");
        let aa = bin(ctx, "aa");
        assert_eq!(
            pairs_of(matches_2(ctx, &[aaaa, aa]).unwrap()),
            [(0, 2), (2, 2)]
        );
        let x = bin(ctx, "xabcd");
        let p1 = bin(ctx, "bc");
        let p2 = bin(ctx, "abcx");
        let p3 = bin(ctx, "a");
        let ps = opts(ctx, &[p1, p2, p3]);
        assert_eq!(
            pairs_of(matches_2(ctx, &[x, ps]).unwrap()),
            [(1, 1), (2, 2)]
        );
        let empty = bin(ctx, "");
        assert!(match_2(ctx, &[h, empty]).is_err());
        let cp = compile_pattern_1(ctx, &[c]).unwrap();
        let r = match_2(ctx, &[h, cp]).unwrap();
        assert_eq!(r.tuple().unwrap(), &[Term::small(2), Term::small(1)]);
        let z = bin(ctx, "z");
        let nm = match_2(ctx, &[h, z]).unwrap();
        assert_eq!(ctx.vm.atoms.name(nm), "nomatch");
    });
}

#[test]
fn split_options() {
    with_ctx(|ctx| {
        let s = bin(ctx, "a,b,,c,,");
        let comma = bin(ctx, ",");
        assert_eq!(
            bins_of(split_2(ctx, &[s, comma]).unwrap()),
            [b"a".to_vec(), b"b,,c,,".to_vec()]
        );
        let o = opts(ctx, &[atom::GLOBAL]);
        assert_eq!(bins_of(split_3(ctx, &[s, comma, o]).unwrap()).len(), 6);
        let o = opts(ctx, &[atom::GLOBAL, atom::TRIM]);
        assert_eq!(bins_of(split_3(ctx, &[s, comma, o]).unwrap()).len(), 4);
        let s2 = bin(ctx, ",a,b,,c,,");
        let o = opts(ctx, &[atom::GLOBAL, atom::TRIM_ALL]);
        assert_eq!(
            bins_of(split_3(ctx, &[s2, comma, o]).unwrap()),
            [b"a".to_vec(), b"b".to_vec(), b"c".to_vec()]
        );
        let s3 = bin(ctx, "a,b,c");
        let sc = scope(ctx, 2, 3);
        let o = opts(ctx, &[sc]);
        assert_eq!(
            bins_of(split_3(ctx, &[s3, comma, o]).unwrap()),
            [b"a,b".to_vec(), b"c".to_vec()]
        );
        let e = bin(ctx, "");
        assert_eq!(
            bins_of(split_2(ctx, &[e, comma]).unwrap()),
            [Vec::<u8>::new()]
        );
        let o = opts(ctx, &[atom::TRIM]);
        assert_eq!(split_3(ctx, &[e, comma, o]).unwrap(), Term::NIL);
        let o = opts(ctx, &[atom::OK]);
        assert!(split_3(ctx, &[s, comma, o]).is_err());
    });
}

#[test]
fn small_functions() {
    with_ctx(|ctx| {
        let abcde = bin(ctx, "abcde");
        let r = part_3(ctx, &[abcde, Term::small(3), Term::small(-2)]).unwrap();
        assert_eq!(arg_bytes(r).unwrap(), b"bc");
        assert!(part_3(ctx, &[abcde, Term::small(3), Term::small(5)]).is_err());
        assert_eq!(
            at_2(ctx, &[abcde, Term::small(4)]).unwrap(),
            Term::small(b'e' as i64)
        );
        assert!(at_2(ctx, &[abcde, Term::small(5)]).is_err());
        let e = bin(ctx, "");
        assert!(first_1(ctx, &[e]).is_err());
        assert_eq!(last_1(ctx, &[abcde]).unwrap(), Term::small(b'e' as i64));
        let ab = bin(ctx, "ab");
        let r = copy_2(ctx, &[ab, Term::small(3)]).unwrap();
        assert_eq!(arg_bytes(r).unwrap(), b"ababab");
        assert!(copy_2(ctx, &[ab, Term::small(-1)]).is_err());
        let bits = build::bitstring(&mut ctx.proc.heap, &[0x20], 3);
        assert!(copy_1(ctx, &[bits]).is_err());
        let b10 = build::binary(&mut ctx.proc.heap, &[1, 0]);
        assert_eq!(decode_unsigned_1(ctx, &[b10]).unwrap(), Term::small(256));
        assert_eq!(
            decode_unsigned_2(ctx, &[b10, atom::LITTLE]).unwrap(),
            Term::small(1)
        );
        let r = encode_unsigned_1(ctx, &[Term::small(256)]).unwrap();
        assert_eq!(arg_bytes(r).unwrap(), [1, 0]);
        let r = encode_unsigned_1(ctx, &[Term::small(0)]).unwrap();
        assert_eq!(arg_bytes(r).unwrap(), [0]);
        assert!(encode_unsigned_1(ctx, &[Term::small(-1)]).is_err());
        let big = build::bigint(&mut ctx.proc.heap, &(BigInt::from(1) << 80));
        let r = encode_unsigned_1(ctx, &[big]).unwrap();
        assert_eq!(arg_bytes(r).unwrap().len(), 11);
        let abc = bin(ctx, "abc");
        let abd = bin(ctx, "abd");
        let l = opts(ctx, &[abc, abd]);
        assert_eq!(longest_common_prefix_1(ctx, &[l]).unwrap(), Term::small(2));
        let xbc = bin(ctx, "xbc");
        let c = bin(ctx, "c");
        let l = opts(ctx, &[xbc, abc, c]);
        assert_eq!(longest_common_suffix_1(ctx, &[l]).unwrap(), Term::small(1));
        assert!(longest_common_prefix_1(ctx, &[Term::NIL]).is_err());
        let two = build::binary(&mut ctx.proc.heap, &[2]);
        let inner = opts(ctx, &[Term::small(3)]);
        let io = opts(ctx, &[Term::small(1), two, inner]);
        let r = list_to_bin_1(ctx, &[io]).unwrap();
        assert_eq!(arg_bytes(r).unwrap(), [1, 2, 3]);
        let bad = opts(ctx, &[Term::small(256)]);
        assert!(list_to_bin_1(ctx, &[bad]).is_err());
        assert!(list_to_bin_1(ctx, &[two]).is_err());
        let big = build::binary(&mut ctx.proc.heap, &[0u8; 100]);
        let comma = build::binary(&mut ctx.proc.heap, &[0u8; 1]);
        let parts = split_2(ctx, &[big, comma]).unwrap();
        let second = parts.list_to_vec().unwrap()[1];
        assert_eq!(
            referenced_byte_size_1(ctx, &[second]).unwrap(),
            Term::small(100)
        );
    });
}
