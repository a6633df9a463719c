//! Native functions that found no other home yet: `erlang:make_fun/3`,
//! `string:list_to_integer/1`/`list_to_float/1` and `persistent_term`.

use alloc::vec::Vec;

use super::{arg_atom, BifResult, Ctx, Exception};
use crate::atom;
use crate::heap::{build, copy};
use crate::term::order::exact_eq;
use crate::term::Term;

pub mod erlang {
    use super::*;
    crate::bifs! { "erlang";
        "make_fun", 3 => make_fun;
    }

    fn make_fun(ctx: &mut Ctx, a: &[Term]) -> BifResult {
        let (m, f) = (arg_atom(a[0])?, arg_atom(a[1])?);
        match a[2].as_small() {
            Some(n) if (0..=255).contains(&n) => {
                Ok(build::export_fun(&mut ctx.proc.heap, m, f, n as u32))
            }
            _ => Err(Exception::badarg()),
        }
    }
}

pub mod io {
    use super::*;
    crate::bifs! { "io";
        "printable_range", 0 => printable_range;
    }

    /// The `+pc` setting: which characters `io_lib` prints as text (erl's default `latin1`).
    fn printable_range(_: &mut Ctx, _: &[Term]) -> BifResult {
        Ok(crate::atom::LATIN1)
    }
}

pub mod net_kernel {
    use super::*;
    crate::bifs! { "net_kernel";
        "dflag_unicode_io", 1 => dflag_unicode_io;
    }

    /// Whether a (local or remote) group leader takes Unicode I/O: always, here.
    fn dflag_unicode_io(_: &mut Ctx, _: &[Term]) -> BifResult {
        Ok(crate::atom::TRUE)
    }
}

pub mod string {
    use super::*;
    crate::bifs! { "string";
        "list_to_integer", 1 => list_to_integer;
        "list_to_float", 1 => list_to_float;
    }

    /// The leading characters of a list that are bytes, and the rest of the list after them.
    fn leading_chars(t: Term) -> (Vec<u8>, Vec<Term>) {
        let mut bytes = Vec::new();
        let mut rest = t;
        while let Some((h, tl)) = rest.cons() {
            match h.as_small() {
                Some(c) if (0..256).contains(&c) => bytes.push(c as u8),
                _ => break,
            }
            rest = tl;
        }
        (bytes, alloc::vec![rest])
    }

    /// The list after skipping `n` elements.
    fn drop(t: Term, n: usize) -> Term {
        let mut r = t;
        for _ in 0..n {
            r = r.cons().map(|c| c.1).unwrap_or(r);
        }
        r
    }

    fn error(ctx: &mut Ctx, what: Term) -> BifResult {
        Ok(build::tuple(&mut ctx.proc.heap, &[atom::ERROR, what]))
    }

    fn list_to_integer(ctx: &mut Ctx, a: &[Term]) -> BifResult {
        if !a[0].is_list_or_nil() {
            let e = ctx.vm.atoms.intern("not_a_list");
            return error(ctx, e);
        }
        let (s, _) = leading_chars(a[0]);
        let sign = usize::from(matches!(s.first(), Some(b'+' | b'-')));
        let digits = s[sign..].iter().take_while(|c| c.is_ascii_digit()).count();
        if digits == 0 {
            let e = ctx.vm.atoms.intern("no_integer");
            return error(ctx, e);
        }
        let n = crate::bif::numconv::parse_integer(&s[..sign + digits], 10)
            .ok_or_else(Exception::badarg)?;
        let v = crate::term::number::big_result(&mut ctx.proc.heap, &n)?;
        let rest = drop(a[0], sign + digits);
        Ok(build::tuple(&mut ctx.proc.heap, &[v, rest]))
    }

    /// Length of the longest prefix of `s` in Erlang float syntax: `[+-]D+.D+([eE][+-]?D+)?`.
    fn float_prefix(s: &[u8]) -> Option<usize> {
        let digits = |from: usize| {
            s[from.min(s.len())..]
                .iter()
                .take_while(|c| c.is_ascii_digit())
                .count()
        };
        let mut i = usize::from(matches!(s.first(), Some(b'+' | b'-')));
        let d = digits(i);
        if d == 0 {
            return None;
        }
        i += d;
        if s.get(i) != Some(&b'.') {
            return None;
        }
        let f = digits(i + 1);
        if f == 0 {
            return None;
        }
        i += 1 + f;
        if matches!(s.get(i), Some(b'e' | b'E')) {
            let sign = usize::from(matches!(s.get(i + 1), Some(b'+' | b'-')));
            let e = digits(i + 1 + sign);
            if e > 0 {
                i += 1 + sign + e;
            }
        }
        Some(i)
    }

    fn list_to_float(ctx: &mut Ctx, a: &[Term]) -> BifResult {
        if !a[0].is_list_or_nil() {
            let e = ctx.vm.atoms.intern("not_a_list");
            return error(ctx, e);
        }
        let (s, _) = leading_chars(a[0]);
        let parsed = float_prefix(&s)
            .and_then(|n| crate::bif::numconv::parse_float(&s[..n]).map(|f| (n, f)));
        match parsed {
            Some((n, f)) => {
                let v = build::float(&mut ctx.proc.heap, f);
                let rest = drop(a[0], n);
                Ok(build::tuple(&mut ctx.proc.heap, &[v, rest]))
            }
            None => {
                let e = ctx.vm.atoms.intern("no_float");
                error(ctx, e)
            }
        }
    }
}

pub mod persistent_term {
    use super::*;
    crate::bifs! { "persistent_term";
        "put", 2 => put;
        "get", 1 => get1;
        "get", 2 => get2;
        "get", 0 => get0;
        "erase", 1 => erase;
        "info", 0 => info;
    }

    fn find(ctx: &Ctx, key: Term) -> Option<usize> {
        ctx.vm
            .persistent
            .terms
            .iter()
            .position(|(k, _)| exact_eq(*k, key))
    }

    fn put(ctx: &mut Ctx, a: &[Term]) -> BifResult {
        let store = &mut ctx.vm.persistent;
        let k = copy::copy_term(a[0], &mut store.area);
        let v = copy::copy_term(a[1], &mut store.area);
        match store.terms.iter().position(|(x, _)| exact_eq(*x, a[0])) {
            Some(i) => store.terms[i].1 = v,
            None => store.terms.push((k, v)),
        }
        Ok(atom::OK)
    }

    fn get1(ctx: &mut Ctx, a: &[Term]) -> BifResult {
        match find(ctx, a[0]) {
            Some(i) => Ok(ctx.vm.persistent.terms[i].1),
            None => Err(Exception::badarg()),
        }
    }

    fn get2(ctx: &mut Ctx, a: &[Term]) -> BifResult {
        Ok(find(ctx, a[0])
            .map(|i| ctx.vm.persistent.terms[i].1)
            .unwrap_or(a[1]))
    }

    fn get0(ctx: &mut Ctx, _: &[Term]) -> BifResult {
        let pairs: Vec<(Term, Term)> = ctx.vm.persistent.terms.clone();
        let h = &mut ctx.proc.heap;
        let items: Vec<Term> = pairs
            .iter()
            .map(|(k, v)| build::tuple(h, &[*k, *v]))
            .collect();
        Ok(build::list(h, &items))
    }

    fn erase(ctx: &mut Ctx, a: &[Term]) -> BifResult {
        match find(ctx, a[0]) {
            Some(i) => {
                ctx.vm.persistent.terms.remove(i);
                Ok(atom::TRUE)
            }
            None => Ok(atom::FALSE),
        }
    }

    fn info(ctx: &mut Ctx, _: &[Term]) -> BifResult {
        let count = Term::small(ctx.vm.persistent.terms.len() as i64);
        let memory = Term::small((ctx.vm.persistent.area.words() * 8) as i64);
        let (kc, km) = (ctx.vm.atoms.intern("count"), ctx.vm.atoms.intern("memory"));
        Ok(build::flatmap(
            &mut ctx.proc.heap,
            &[kc, km],
            &[count, memory],
        ))
    }
}

/// The `persistent_term` store: terms are copied into an area of their own, which is never
/// collected (values replaced by `put` stay until the VM ends, as a literal area would).
#[derive(Default)]
pub struct PersistentTerms {
    pub terms: Vec<(Term, Term)>,
    pub area: crate::heap::Arena,
}
