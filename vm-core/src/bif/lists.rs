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
    Ok(build::list_with_tail(&mut ctx.proc.heap, &v, a[1]))
}

/// `member/2` compares exactly (`=:=`).
fn member(_: &mut Ctx, a: &[Term]) -> BifResult {
    let mut it = a[1].list_iter();
    for x in it.by_ref() {
        if order::exact_eq(x, a[0]) {
            return Ok(atom::TRUE);
        }
    }
    if it.tail().is_nil() {
        Ok(atom::FALSE)
    } else {
        Err(Exception::badarg())
    }
}

/// The first tuple whose `N`th element compares equal (`==`) to the key.
fn search(ctx: &Ctx, a: &[Term]) -> Result<Option<Term>, Exception> {
    let key = a[0];
    let n = match a[1].as_usize() {
        Some(n) if n >= 1 => n,
        _ => return Err(Exception::badarg()),
    };
    let mut it = a[2].list_iter();
    let numeric = key.is_number();
    for x in it.by_ref() {
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
