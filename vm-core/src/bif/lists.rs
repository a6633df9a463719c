//! Native functions of module `lists`: `reverse/2`, `member/2`, `keyfind/3`, `keymember/3`,
//! `keysearch/3`. A search stops at the first hit, so an improper tail after it goes unnoticed,
//! as on the BEAM; reaching an improper tail is `badarg`.

use super::{BifResult, Ctx, Exception};
use crate::atom;
use crate::heap::build;
use crate::term::order;
use crate::term::Term;

crate::bifs! { "lists";
    "reverse", 2 => reverse;
    "member", 2 => member;
    "keyfind", 3 => keyfind;
    "keymember", 3 => keymember;
    "keysearch", 3 => keysearch;
}

fn reverse(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let Some(mut v) = a[0].list_to_vec() else {
        return Err(Exception::badarg());
    };
    v.reverse();
    ctx.charge(v.len() / 8);
    Ok(build::list_with_tail(&mut ctx.proc.heap, &v, a[1]))
}

/// `member/2` compares exactly (`=:=`).
fn member(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let mut it = a[1].list_iter();
    let mut seen = 0;
    for x in it.by_ref() {
        seen += 1;
        if order::exact_eq(x, a[0]) {
            ctx.charge(seen / 16);
            return Ok(atom::TRUE);
        }
    }
    ctx.charge(seen / 16);
    if it.tail().is_nil() {
        Ok(atom::FALSE)
    } else {
        Err(Exception::badarg())
    }
}

/// The first tuple whose `N`th element compares equal (`==`) to the key.
fn search(ctx: &mut Ctx, a: &[Term]) -> Result<Option<Term>, Exception> {
    let key = a[0];
    let n = match a[1].as_usize() {
        Some(n) if n >= 1 => n,
        _ => return Err(Exception::badarg()),
    };
    let mut it = a[2].list_iter();
    let numeric = key.is_number();
    let mut seen = 0;
    for x in it.by_ref() {
        seen += 1;
        if seen % 16 == 0 {
            ctx.charge(1);
        }
        if let Some(t) = x.tuple() {
            if let Some(&e) = t.get(n - 1) {
                let hit = if numeric {
                    order::eq(e, key, &ctx.vm.atoms)
                } else {
                    order::exact_eq(e, key)
                };
                if hit {
                    return Ok(Some(x));
                }
            }
        }
    }
    if it.tail().is_nil() {
        Ok(None)
    } else {
        Err(Exception::badarg())
    }
}

fn keyfind(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    Ok(search(ctx, a)?.unwrap_or(atom::FALSE))
}

fn keymember(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    Ok(Term::bool(search(ctx, a)?.is_some()))
}

fn keysearch(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    match search(ctx, a)? {
        Some(t) => {
            let value = ctx.vm.atoms.intern("value");
            Ok(build::tuple(&mut ctx.proc.heap, &[value, t]))
        }
        None => Ok(atom::FALSE),
    }
}

#[cfg(test)]
mod tests {
    //! Expected values were produced by OTP 25.
    use super::*;
    use crate::bif::erlang::testutil::T;

    #[test]
    fn searches_and_reverse() {
        let mut t = T::new();
        let [a, b, c] = ["a", "b", "c"].map(|s| t.atom(s));
        let l12 = t.ints(&[1, 2]);
        let l3 = t.ints(&[3]);
        assert_eq!(t.show(reverse, &[l12, l3]), "[2,1,3]");
        assert_eq!(t.show(reverse, &[l12, a]), "[2,1|a]");
        let imp = t.improper(&[Term::small(1)], Term::small(2));
        assert_eq!(t.show(reverse, &[imp, l3]), "error:badarg");
        let ba = t.improper(&[b], a);
        assert_eq!(t.show(member, &[a, ba]), "error:badarg");
        let ab = t.improper(&[a], b);
        assert_eq!(t.show(member, &[a, ab]), "true");
        assert_eq!(t.show(member, &[a, b]), "error:badarg");
        let f = t.float(1.0);
        let l1 = t.ints(&[1]);
        assert_eq!(t.show(member, &[f, l1]), "false");
        let t1 = t.tuple(&[f, a]);
        let t2 = t.tuple(&[Term::small(1), b]);
        let l = t.list(&[t1, t2]);
        let one = Term::small(1);
        assert_eq!(t.show(keyfind, &[one, one, l]), "{1.000000e+00,a}");
        assert_eq!(t.show(keyfind, &[one, Term::small(0), l]), "error:badarg");
        let l = t.improper(&[t2], c);
        assert_eq!(t.show(keyfind, &[one, one, l]), "{1,b}");
        let t3 = t.tuple(&[Term::small(2), b]);
        let l = t.improper(&[t3], c);
        assert_eq!(t.show(keyfind, &[one, one, l]), "error:badarg");
        let e = t.tuple(&[]);
        let l = t.list(&[c, e, t2]);
        assert_eq!(t.show(keyfind, &[one, one, l]), "{1,b}");
        let l = t.list(&[t2]);
        assert_eq!(t.show(keysearch, &[one, one, l]), "{value,{1,b}}");
        assert_eq!(t.show(keysearch, &[one, one, Term::NIL]), "false");
        assert_eq!(t.show(keymember, &[one, Term::small(2), l]), "false");
        assert_eq!(t.show(keyfind, &[one, a, Term::NIL]), "error:badarg");
        assert_eq!(t.show(keyfind, &[one, one, a]), "error:badarg");
    }
}
