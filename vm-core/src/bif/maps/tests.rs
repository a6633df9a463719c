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

fn int_map(ctx: &mut Ctx, n: i64) -> Term {
    let pairs: Vec<Term> = (1..=n)
        .map(|i| build::tuple(&mut ctx.proc.heap, &[Term::small(i), Term::small(i * 10)]))
        .collect();
    let l = build::list(&mut ctx.proc.heap, &pairs);
    from_list_1(ctx, &[l]).unwrap()
}

fn smalls(l: Term) -> Vec<i64> {
    l.list_to_vec()
        .unwrap()
        .iter()
        .map(|t| t.small_value())
        .collect()
}

/// `maps:to_list/1` as maps.erl writes it on top of `map_next/3`.
fn to_list(ctx: &mut Ctx, m: Term) -> Vec<(i64, i64)> {
    let mut r = map_next_3(ctx, &[Term::small(0), m, Term::NIL]).unwrap();
    loop {
        let (h, t) = r.cons().unwrap();
        if h.is_integer() {
            let (mm, acc) = t.cons().unwrap();
            r = map_next_3(ctx, &[h, mm, acc]).unwrap();
        } else {
            break;
        }
    }
    r.list_to_vec()
        .unwrap()
        .iter()
        .map(|t| {
            let e = t.tuple().unwrap();
            (e[0].small_value(), e[1].small_value())
        })
        .collect()
}

#[test]
fn to_list_keys_and_iterator_agree_with_erts() {
    with_ctx(|ctx| {
        let m = int_map(ctx, 40);
        let keys = smalls(keys_1(ctx, &[m]).unwrap());
        // From OTP 25: maps:keys(maps:from_list([{I, x} || I <- lists:seq(1,40)])).
        let expected = [
            33, 12, 23, 29, 30, 39, 26, 31, 11, 37, 9, 32, 34, 25, 28, 6, 38, 13, 40, 20, 15, 14,
            2, 7, 1, 8, 3, 17, 22, 21, 4, 36, 24, 10, 35, 27, 19, 5, 18, 16,
        ];
        assert_eq!(keys, expected);
        let tl: Vec<i64> = to_list(ctx, m).iter().map(|p| p.0).collect();
        assert_eq!(tl, expected);
        // The first call stops after 32 leaves and names the next one with path 11.
        let r = map_next_3(ctx, &[Term::small(0), m, Term::NIL]).unwrap();
        assert_eq!(r.cons().unwrap().0, Term::small(11));
        // maps:next walks storage order: the reverse.
        let it = ctx.vm.atoms.intern("iterator");
        let mut r = map_next_3(ctx, &[Term::small(0), m, it]).unwrap();
        let mut walked = Vec::new();
        loop {
            if let Some(e) = r.tuple() {
                walked.push(e[0].small_value());
                r = e[2];
            } else if let Some((p, mm)) = r.cons() {
                r = map_next_3(ctx, &[p, mm, it]).unwrap();
            } else {
                break;
            }
        }
        let mut rev = expected.to_vec();
        rev.reverse();
        assert_eq!(walked, rev);
        // Flat maps come back whole, in key order, in front of the accumulator.
        let f = int_map(ctx, 3);
        let tail = build::list(&mut ctx.proc.heap, &[Term::small(99)]);
        let r = map_next_3(ctx, &[Term::small(1), f, tail]).unwrap();
        assert_eq!(r.list_length(), Some(4));
        assert!(map_next_3(ctx, &[Term::small(5), f, Term::NIL]).is_err());
    });
}

#[test]
fn errors_match_the_beam() {
    with_ctx(|ctx| {
        let x = ctx.vm.atoms.intern("x");
        let k = ctx.vm.atoms.intern("k");
        let empty = map::empty(&mut ctx.proc.heap);
        let reason = |r: BifResult| r.unwrap_err().reason;
        let r = reason(get_2(ctx, &[k, x]));
        assert_eq!(r.tuple().unwrap(), &[atom::BADMAP, x]);
        let r = reason(get_2(ctx, &[k, empty]));
        assert_eq!(r.tuple().unwrap(), &[atom::BADKEY, k]);
        let r = reason(update_3(ctx, &[k, x, empty]));
        assert_eq!(r.tuple().unwrap(), &[atom::BADKEY, k]);
        assert_eq!(reason(from_list_1(ctx, &[x])), atom::BADARG);
        let lx = build::list(&mut ctx.proc.heap, &[x]);
        assert_eq!(reason(from_list_1(ctx, &[lx])), atom::BADARG);
        let r = reason(merge_2(ctx, &[x, k]));
        assert_eq!(r.tuple().unwrap(), &[atom::BADMAP, x]);
        assert_eq!(take_2(ctx, &[k, empty]).unwrap(), atom::ERROR);
        assert_eq!(find_2(ctx, &[k, empty]).unwrap(), atom::ERROR);
        let r = reason(map_size_1(ctx, &[x]));
        assert_eq!(r.tuple().unwrap(), &[atom::BADMAP, x]);
        assert_eq!(
            reason(map_next_3(ctx, &[Term::small(0), x, Term::NIL])),
            atom::BADARG
        );
    });
}

#[test]
fn merge_put_take_and_guards() {
    with_ctx(|ctx| {
        let a = int_map(ctx, 20);
        let pairs: Vec<Term> = (15..=40)
            .map(|i| build::tuple(&mut ctx.proc.heap, &[Term::small(i), Term::small(-i)]))
            .collect();
        let l = build::list(&mut ctx.proc.heap, &pairs);
        let b = from_list_1(ctx, &[l]).unwrap();
        let m = merge_2(ctx, &[a, b]).unwrap();
        assert_eq!(map_size_1(ctx, &[m]).unwrap(), Term::small(40));
        assert_eq!(
            map_get_2(ctx, &[Term::small(16), m]).unwrap(),
            Term::small(-16)
        );
        assert_eq!(
            map_get_2(ctx, &[Term::small(3), m]).unwrap(),
            Term::small(30)
        );
        let m2 = merge_2(ctx, &[b, a]).unwrap();
        assert_eq!(
            map_get_2(ctx, &[Term::small(16), m2]).unwrap(),
            Term::small(160)
        );
        let t = take_2(ctx, &[Term::small(40), m]).unwrap();
        let e = t.tuple().unwrap();
        assert_eq!(e[0], Term::small(-40));
        assert_eq!(map::size(e[1]), 39);
        assert_eq!(
            is_map_key_2(ctx, &[Term::small(40), e[1]]).unwrap(),
            atom::FALSE
        );
        assert_eq!(is_map_1(ctx, &[m]).unwrap(), atom::TRUE);
        let p = put_3(ctx, &[Term::small(100), Term::small(1), m]).unwrap();
        assert_eq!(map::size(p), 41);
        let ks = build::list(
            &mut ctx.proc.heap,
            &[Term::small(1), Term::small(1), Term::small(2)],
        );
        let fk = from_keys_2(ctx, &[ks, atom::OK]).unwrap();
        assert_eq!(map::size(fk), 2);
        let m3 = int_map(ctx, 3);
        assert_eq!(smalls(values_1(ctx, &[m3]).unwrap()), [10, 20, 30]);
    });
}
