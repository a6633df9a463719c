//! Arithmetic operators as BIFs (`erlang:'+'/2` and friends, reached through `apply` and
//! funs), the number BIFs `abs/float/round/trunc/ceil/floor`, and the term hashes.
//! The operators themselves live in `term::number`, shared with the emulator's fast paths.

use super::{BifResult, Ctx, Exception};
use crate::heap::build;
use crate::term::hash::Hasher;
use crate::term::number::{self, Num};
use crate::term::Term;

crate::bifs! { "erlang";
    "+", 2 => op_add;
    "-", 2 => op_sub;
    "*", 2 => op_mul;
    "/", 2 => op_fdiv;
    "div", 2 => op_div;
    "rem", 2 => op_rem;
    "band", 2 => op_band;
    "bor", 2 => op_bor;
    "bxor", 2 => op_bxor;
    "bsl", 2 => op_bsl;
    "bsr", 2 => op_bsr;
    "bnot", 1 => op_bnot;
    "-", 1 => op_neg;
    "+", 1 => op_plus;
    "abs", 1 => abs_1;
    "float", 1 => float_1;
    "round", 1 => round_1;
    "trunc", 1 => trunc_1;
    "ceil", 1 => ceil_1;
    "floor", 1 => floor_1;
    "phash2", 1 => phash2_1;
    "phash2", 2 => phash2_2;
    "phash", 2 => phash_2;
}

macro_rules! binop {
    ($name:ident, $f:path) => {
        fn $name(ctx: &mut Ctx, a: &[Term]) -> BifResult {
            $f(a[0], a[1], &mut ctx.proc.heap)
        }
    };
}

binop!(op_add, number::add);
binop!(op_sub, number::sub);
binop!(op_mul, number::mul);
binop!(op_fdiv, number::fdiv);
binop!(op_div, number::int_div);
binop!(op_rem, number::rem);
binop!(op_band, number::band);
binop!(op_bor, number::bor);
binop!(op_bxor, number::bxor);
binop!(op_bsl, number::bsl);
binop!(op_bsr, number::bsr);

fn op_bnot(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    number::bnot(a[0], &mut ctx.proc.heap)
}

fn op_neg(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    number::neg(a[0], &mut ctx.proc.heap)
}

fn op_plus(_ctx: &mut Ctx, a: &[Term]) -> BifResult {
    if a[0].is_number() {
        Ok(a[0])
    } else {
        Err(Exception::badarith())
    }
}

fn abs_1(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    number::abs(a[0], &mut ctx.proc.heap)
}

fn float_1(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    if a[0].is_float() {
        return Ok(a[0]);
    }
    if !a[0].is_integer() {
        return Err(Exception::badarg());
    }
    let f = number::to_f64(a[0]).ok_or_else(Exception::badarg)?;
    Ok(build::float(&mut ctx.proc.heap, f))
}

/// Shared shape of `round/trunc/ceil/floor`: integers pass through, floats are rounded.
fn to_integer(ctx: &mut Ctx, t: Term, f: fn(f64) -> f64) -> BifResult {
    match Num::of(t).ok_or_else(Exception::badarg)? {
        Num::Float(x) => Ok(number::float_to_integer(&mut ctx.proc.heap, f(x))),
        _ => Ok(t),
    }
}

fn round_1(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    to_integer(ctx, a[0], libm::round)
}

fn trunc_1(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    to_integer(ctx, a[0], libm::trunc)
}

fn ceil_1(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    to_integer(ctx, a[0], libm::ceil)
}

fn floor_1(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    to_integer(ctx, a[0], libm::floor)
}

/// A hash range argument: an integer in `1..=2^32`.
fn hash_range(t: Term) -> Result<u64, Exception> {
    match number::to_i64(t) {
        Some(r) if t.is_integer() && (1..=1i64 << 32).contains(&r) => Ok(r as u64),
        _ => Err(Exception::badarg()),
    }
}

fn phash2_1(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let h = Hasher::new(&ctx.vm.atoms, Some(&ctx.vm.code)).make_hash2(a[0]);
    Ok(Term::small((h & ((1 << 27) - 1)) as i64))
}

fn phash2_2(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let range = hash_range(a[1])?;
    let h = Hasher::new(&ctx.vm.atoms, Some(&ctx.vm.code)).make_hash2(a[0]);
    Ok(Term::small((h as u64 % range) as i64))
}

fn phash_2(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let range = hash_range(a[1])?;
    let h = Hasher::new(&ctx.vm.atoms, Some(&ctx.vm.code)).make_hash(a[0]);
    Ok(Term::small((h as u64 % range + 1) as i64))
}
