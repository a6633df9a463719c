//! `term_to_binary`/`binary_to_term` and friends (over `crate::etf`).

use crate::atom;
use crate::bif::{BifResult, Ctx, Exception};
use crate::etf::{self, EncodeOpts};
use crate::heap::build;
use crate::term::bits::BitSlice;
use crate::term::Term;

crate::bifs! { "erlang";
    "term_to_binary", 1 => term_to_binary_1;
    "term_to_binary", 2 => term_to_binary_2;
    "binary_to_term", 1 => binary_to_term_1;
    "binary_to_term", 2 => binary_to_term_2;
    "external_size", 1 => external_size_1;
    "external_size", 2 => external_size_2;
}

/// The elements of a proper option list, or `badarg`.
fn options(t: Term) -> Result<alloc::vec::Vec<Term>, Exception> {
    t.list_to_vec().ok_or_else(Exception::badarg)
}

/// `{Key, SmallInt}` with the value in `0..=max`.
fn keyed_int(t: Term, key: Term, max: i64) -> Option<i64> {
    match t.tuple() {
        Some(&[k, v]) if k == key => v.as_small().filter(|n| (0..=max).contains(n)),
        _ => None,
    }
}

fn to_binary(ctx: &mut Ctx, t: Term, opts: EncodeOpts) -> BifResult {
    let bytes = etf::encode(t, &ctx.vm.atoms, &ctx.vm.code, opts);
    Ok(build::binary_from_vec(&mut ctx.proc.heap, bytes))
}

fn term_to_binary_1(ctx: &mut Ctx, args: &[Term]) -> BifResult {
    let opts = EncodeOpts {
        creator: ctx.proc.pid(),
        ..EncodeOpts::default()
    };
    to_binary(ctx, args[0], opts)
}

fn term_to_binary_2(ctx: &mut Ctx, args: &[Term]) -> BifResult {
    let mut opts = EncodeOpts {
        creator: ctx.proc.pid(),
        ..EncodeOpts::default()
    };
    for o in options(args[1])? {
        if o == atom::COMPRESSED {
            opts.compressed = Some(6);
        } else if o == atom::DETERMINISTIC {
            opts.deterministic = true;
        } else if let Some(l) = keyed_int(o, atom::COMPRESSED, 9) {
            opts.compressed = Some(l as u32);
        } else if let Some(v) = keyed_int(o, atom::MINOR_VERSION, 2) {
            opts.minor_version = v as u8;
        } else {
            return Err(Exception::badarg());
        }
    }
    to_binary(ctx, args[0], opts)
}

fn from_binary(ctx: &mut Ctx, bin: Term, safe: bool, used: bool) -> BifResult {
    let bytes = match BitSlice::of(bin) {
        Some(s) if s.bit_len % 8 == 0 => s.to_vec(),
        _ => return Err(Exception::badarg()),
    };
    let vm = &mut *ctx.vm;
    let (t, n) = etf::decode(
        &bytes,
        &mut vm.atoms,
        Some(&vm.code),
        &mut ctx.proc.heap,
        safe,
    )
    .map_err(|_| Exception::badarg())?;
    if used {
        let n = build::uint(&mut ctx.proc.heap, n as u64);
        Ok(build::tuple(&mut ctx.proc.heap, &[t, n]))
    } else {
        Ok(t)
    }
}

fn binary_to_term_1(ctx: &mut Ctx, args: &[Term]) -> BifResult {
    from_binary(ctx, args[0], false, false)
}

fn binary_to_term_2(ctx: &mut Ctx, args: &[Term]) -> BifResult {
    let (mut safe, mut used) = (false, false);
    for o in options(args[1])? {
        match o {
            atom::SAFE => safe = true,
            atom::USED => used = true,
            _ => return Err(Exception::badarg()),
        }
    }
    from_binary(ctx, args[0], safe, used)
}

fn size_term(ctx: &mut Ctx, t: Term, minor: u8) -> BifResult {
    let n = etf::external_size(t, &ctx.vm.atoms, &ctx.vm.code, minor);
    Ok(build::uint(&mut ctx.proc.heap, n as u64))
}

fn external_size_1(ctx: &mut Ctx, args: &[Term]) -> BifResult {
    size_term(ctx, args[0], 1)
}

/// OTP 25 accepts only `{minor_version, 0 | 1}` here.
fn external_size_2(ctx: &mut Ctx, args: &[Term]) -> BifResult {
    let mut minor = 1;
    for o in options(args[1])? {
        match keyed_int(o, atom::MINOR_VERSION, 1) {
            Some(v) => minor = v as u8,
            None => return Err(Exception::badarg()),
        }
    }
    size_term(ctx, args[0], minor)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::host::NullHost;
    use crate::process::Process;
    use crate::vm::Vm;
    use alloc::boxed::Box;

    fn call(vm: &mut Vm, p: &mut Process, name: &str, args: &[Term]) -> BifResult {
        let f = BIFS
            .iter()
            .find(|e| e.name == name && e.arity as usize == args.len())
            .expect("registered")
            .f;
        let mut ctx = Ctx {
            proc: p,
            vm: &mut vm.shared,
        };
        f(&mut ctx, args)
    }

    #[test]
    fn round_trip_through_the_bifs() {
        let mut vm = Vm::new(Box::new(NullHost::default()));
        let mut p = Process::new(9, 233);
        let a = vm.atom("hello");
        let t = build::tuple(&mut p.heap, &[a, Term::small(300)]);
        let b = call(&mut vm, &mut p, "term_to_binary", &[t]).unwrap();
        let bytes = BitSlice::of(b).unwrap().to_vec();
        assert_eq!(
            bytes,
            [131, 104, 2, 100, 0, 5, 104, 101, 108, 108, 111, 98, 0, 0, 1, 44]
        );
        let back = call(&mut vm, &mut p, "binary_to_term", &[b]).unwrap();
        assert_eq!(back.tuple().unwrap(), &[a, Term::small(300)]);
        let used = build::list(&mut p.heap, &[atom::USED]);
        let r = call(&mut vm, &mut p, "binary_to_term", &[b, used]).unwrap();
        assert_eq!(r.tuple().unwrap()[1], Term::small(16));
        let sz = call(&mut vm, &mut p, "external_size", &[t]).unwrap();
        assert_eq!(sz, Term::small(16));
        let opt = build::tuple(&mut p.heap, &[atom::MINOR_VERSION, Term::small(2)]);
        let opts = build::list(&mut p.heap, &[opt]);
        let b2 = call(&mut vm, &mut p, "term_to_binary", &[t, opts]).unwrap();
        assert_eq!(BitSlice::of(b2).unwrap().to_vec()[3], 119);
        assert!(call(&mut vm, &mut p, "external_size", &[t, opts]).is_err());
        let bad = build::list(&mut p.heap, &[a]);
        assert!(call(&mut vm, &mut p, "term_to_binary", &[t, bad]).is_err());
        assert!(call(&mut vm, &mut p, "binary_to_term", &[Term::small(1)]).is_err());
    }
}
