//! Native functions of module `erlang`: type tests, comparisons, boolean operators, list and
//! tuple primitives. The sub-modules hold the rest (errors, process dictionary, code and fun
//! introspection, checksums); everything is registered in the one table below.

mod checksum;
mod errors;
mod info;
mod pdict;
#[cfg(test)]
mod tests;
#[cfg(test)]
pub(crate) mod testutil;

use alloc::vec::Vec;
use core::cmp::Ordering;

use super::{BifResult, Ctx, Exception};
use crate::heap::build;
use crate::term::order;
use crate::term::{Subtag, Term};

crate::bifs! { "erlang";
    "is_atom", 1 => is_atom;
    "is_binary", 1 => is_binary;
    "is_bitstring", 1 => is_bitstring;
    "is_boolean", 1 => is_boolean;
    "is_float", 1 => is_float;
    "is_function", 1 => is_function_1;
    "is_function", 2 => is_function_2;
    "is_integer", 1 => is_integer;
    "is_list", 1 => is_list;
    "is_map", 1 => is_map;
    "is_number", 1 => is_number;
    "is_pid", 1 => is_pid;
    "is_port", 1 => is_port;
    "is_reference", 1 => is_reference;
    "is_tuple", 1 => is_tuple;
    "is_record", 2 => is_record_2;
    "is_record", 3 => is_record_3;
    "==", 2 => op_eq;
    "/=", 2 => op_ne;
    "=:=", 2 => op_exact_eq;
    "=/=", 2 => op_exact_ne;
    "<", 2 => op_lt;
    ">", 2 => op_gt;
    "=<", 2 => op_le;
    ">=", 2 => op_ge;
    "and", 2 => op_and;
    "or", 2 => op_or;
    "xor", 2 => op_xor;
    "not", 1 => op_not;
    "min", 2 => min;
    "max", 2 => max;
    "length", 1 => length;
    "hd", 1 => hd;
    "tl", 1 => tl;
    "++", 2 => append;
    "--", 2 => subtract;
    "append", 2 => append;
    "subtract", 2 => subtract;
    "element", 2 => element;
    "setelement", 3 => setelement;
    "make_tuple", 2 => make_tuple_2;
    "make_tuple", 3 => make_tuple_3;
    "append_element", 2 => append_element;
    "insert_element", 3 => insert_element;
    "delete_element", 2 => delete_element;
    "tuple_size", 1 => tuple_size;
    "size", 1 => size;
    "tuple_to_list", 1 => tuple_to_list;
    "list_to_tuple", 1 => list_to_tuple;
    "error", 1 => errors::error_1;
    "error", 2 => errors::error_2;
    "error", 3 => errors::error_3;
    "exit", 1 => errors::exit_1;
    "throw", 1 => errors::throw_1;
    "raise", 3 => errors::raise_3;
    "nif_error", 1 => errors::nif_error_1;
    "nif_error", 2 => errors::nif_error_2;
    "halt", 0 => errors::halt_0;
    "halt", 1 => errors::halt_1;
    "halt", 2 => errors::halt_2;
    "$missing_bif", 0 => errors::missing_bif;
    "$missing_bif", 1 => errors::missing_bif;
    "$missing_bif", 2 => errors::missing_bif;
    "$missing_bif", 3 => errors::missing_bif;
    "get", 0 => pdict::get_0;
    "get", 1 => pdict::get_1;
    "put", 2 => pdict::put_2;
    "erase", 0 => pdict::erase_0;
    "erase", 1 => pdict::erase_1;
    "get_keys", 0 => pdict::get_keys_0;
    "get_keys", 1 => pdict::get_keys_1;
    "display", 1 => info::display;
    "display_string", 1 => info::display_string;
    "display_nl", 0 => info::display_nl;
    "node", 0 => info::node_0;
    "node", 1 => info::node_1;
    "self", 0 => info::self_0;
    "make_ref", 0 => info::make_ref;
    "unique_integer", 0 => info::unique_integer_0;
    "unique_integer", 1 => info::unique_integer_1;
    "function_exported", 3 => info::function_exported;
    "is_builtin", 3 => info::is_builtin;
    "get_module_info", 1 => info::get_module_info_1;
    "get_module_info", 2 => info::get_module_info_2;
    "fun_info", 2 => info::fun_info_2;
    "fun_info_mfa", 1 => info::fun_info_mfa;
    "fun_to_list", 1 => info::fun_to_list;
    "md5", 1 => checksum::md5;
    "md5_init", 0 => checksum::md5_init;
    "md5_update", 2 => checksum::md5_update;
    "md5_final", 1 => checksum::md5_final;
    "crc32", 1 => checksum::crc32_1;
    "crc32", 2 => checksum::crc32_2;
    "adler32", 1 => checksum::adler32_1;
    "adler32", 2 => checksum::adler32_2;
}

fn badarg<T>() -> Result<T, Exception> {
    Err(Exception::badarg())
}

// ---- type tests ----------------------------------------------------------------------------

fn is_atom(_: &mut Ctx, a: &[Term]) -> BifResult {
    Ok(Term::bool(a[0].is_atom()))
}
fn is_binary(_: &mut Ctx, a: &[Term]) -> BifResult {
    Ok(Term::bool(a[0].is_binary()))
}
fn is_bitstring(_: &mut Ctx, a: &[Term]) -> BifResult {
    Ok(Term::bool(a[0].is_bitstring()))
}
fn is_boolean(_: &mut Ctx, a: &[Term]) -> BifResult {
    Ok(Term::bool(a[0].is_boolean()))
}
fn is_float(_: &mut Ctx, a: &[Term]) -> BifResult {
    Ok(Term::bool(a[0].is_float()))
}
fn is_function_1(_: &mut Ctx, a: &[Term]) -> BifResult {
    Ok(Term::bool(a[0].is_fun()))
}
fn is_function_2(_: &mut Ctx, a: &[Term]) -> BifResult {
    let arity = match a[1].as_small() {
        Some(n) if n >= 0 => n as u64,
        _ if a[1].subtag() == Some(Subtag::PosBig) => return Ok(crate::atom::FALSE),
        _ => return badarg(),
    };
    Ok(Term::bool(fun_arity(a[0]) == Some(arity)))
}
fn is_integer(_: &mut Ctx, a: &[Term]) -> BifResult {
    Ok(Term::bool(a[0].is_integer()))
}
fn is_list(_: &mut Ctx, a: &[Term]) -> BifResult {
    Ok(Term::bool(a[0].is_list_or_nil()))
}
fn is_map(_: &mut Ctx, a: &[Term]) -> BifResult {
    Ok(Term::bool(matches!(
        a[0].subtag(),
        Some(Subtag::Map | Subtag::HashMap)
    )))
}
fn is_number(_: &mut Ctx, a: &[Term]) -> BifResult {
    Ok(Term::bool(a[0].is_number()))
}
fn is_pid(_: &mut Ctx, a: &[Term]) -> BifResult {
    Ok(Term::bool(a[0].is_pid()))
}
fn is_port(_: &mut Ctx, a: &[Term]) -> BifResult {
    Ok(Term::bool(a[0].is_port()))
}
fn is_reference(_: &mut Ctx, a: &[Term]) -> BifResult {
    Ok(Term::bool(a[0].is_ref()))
}
fn is_tuple(_: &mut Ctx, a: &[Term]) -> BifResult {
    Ok(Term::bool(a[0].is_tuple()))
}
fn is_record_2(_: &mut Ctx, a: &[Term]) -> BifResult {
    if !a[1].is_atom() {
        return badarg();
    }
    Ok(Term::bool(
        matches!(a[0].tuple(), Some(t) if !t.is_empty() && t[0] == a[1]),
    ))
}
fn is_record_3(_: &mut Ctx, a: &[Term]) -> BifResult {
    if !a[1].is_atom() || !a[2].is_integer() {
        return badarg();
    }
    let size = a[2].as_small();
    Ok(Term::bool(match a[0].tuple() {
        Some(t) => !t.is_empty() && t[0] == a[1] && size == Some(t.len() as i64),
        None => false,
    }))
}

/// The arity of a fun (local or export), `None` for anything else.
pub fn fun_arity(f: Term) -> Option<u64> {
    match f.subtag()? {
        Subtag::Fun => Some(f.boxed_words()[1] >> 32),
        Subtag::Export => f.boxed_terms()[2].as_small().map(|v| v as u64),
        _ => None,
    }
}

// ---- comparisons and boolean operators ----------------------------------------------------

fn cmp(ctx: &Ctx, a: &[Term]) -> Ordering {
    order::compare(a[0], a[1], &ctx.vm.atoms)
}
fn op_eq(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    Ok(Term::bool(order::eq(a[0], a[1], &ctx.vm.atoms)))
}
fn op_ne(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    Ok(Term::bool(!order::eq(a[0], a[1], &ctx.vm.atoms)))
}
fn op_exact_eq(_: &mut Ctx, a: &[Term]) -> BifResult {
    Ok(Term::bool(order::exact_eq(a[0], a[1])))
}
fn op_exact_ne(_: &mut Ctx, a: &[Term]) -> BifResult {
    Ok(Term::bool(!order::exact_eq(a[0], a[1])))
}
fn op_lt(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    Ok(Term::bool(cmp(ctx, a) == Ordering::Less))
}
fn op_gt(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    Ok(Term::bool(cmp(ctx, a) == Ordering::Greater))
}
fn op_le(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    Ok(Term::bool(cmp(ctx, a) != Ordering::Greater))
}
fn op_ge(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    Ok(Term::bool(cmp(ctx, a) != Ordering::Less))
}

fn bools(a: &[Term]) -> Result<(bool, bool), Exception> {
    if a[0].is_boolean() && a[1].is_boolean() {
        Ok((a[0] == crate::atom::TRUE, a[1] == crate::atom::TRUE))
    } else {
        badarg()
    }
}
fn op_and(_: &mut Ctx, a: &[Term]) -> BifResult {
    let (x, y) = bools(a)?;
    Ok(Term::bool(x && y))
}
fn op_or(_: &mut Ctx, a: &[Term]) -> BifResult {
    let (x, y) = bools(a)?;
    Ok(Term::bool(x || y))
}
fn op_xor(_: &mut Ctx, a: &[Term]) -> BifResult {
    let (x, y) = bools(a)?;
    Ok(Term::bool(x != y))
}
fn op_not(_: &mut Ctx, a: &[Term]) -> BifResult {
    if !a[0].is_boolean() {
        return badarg();
    }
    Ok(Term::bool(a[0] == crate::atom::FALSE))
}

/// `min/2`: the first argument when they compare equal (`min(1, 1.0)` is `1`).
fn min(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    Ok(if cmp(ctx, a) == Ordering::Greater {
        a[1]
    } else {
        a[0]
    })
}
/// `max/2`: the first argument when they compare equal (`max(1, 1.0)` is `1`).
fn max(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    Ok(if cmp(ctx, a) == Ordering::Less {
        a[1]
    } else {
        a[0]
    })
}

// ---- lists ---------------------------------------------------------------------------------

fn length(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    match a[0].list_length() {
        Some(n) => {
            ctx.charge(n / 16);
            Ok(Term::small(n as i64))
        }
        None => badarg(),
    }
}
fn hd(_: &mut Ctx, a: &[Term]) -> BifResult {
    a[0].cons().map(|c| c.0).ok_or_else(Exception::badarg)
}
fn tl(_: &mut Ctx, a: &[Term]) -> BifResult {
    a[0].cons().map(|c| c.1).ok_or_else(Exception::badarg)
}

/// `A ++ B`: `A` must be a proper list; `B` may be anything.
fn append(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let Some(v) = a[0].list_to_vec() else {
        return badarg();
    };
    ctx.charge(v.len() / 8);
    Ok(build::list_with_tail(&mut ctx.proc.heap, &v, a[1]))
}

/// `A -- B`: removes the first occurrence in `A` of each element of `B` (exact equality).
/// Done with a sorted multiset of `B`, O((n + m) log m).
fn subtract(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let (Some(xs), Some(mut ys)) = (a[0].list_to_vec(), a[1].list_to_vec()) else {
        return badarg();
    };
    if xs.is_empty() || ys.is_empty() {
        return Ok(a[0]);
    }
    ctx.charge((xs.len() + ys.len()) / 8);
    let atoms = &ctx.vm.atoms;
    ys.sort_by(|p, q| order::compare_exact(*p, *q, atoms));
    // Run-length encode into (value, remaining count).
    let mut bag: Vec<(Term, usize)> = Vec::new();
    for y in ys {
        match bag.last_mut() {
            Some((v, n)) if order::exact_eq(*v, y) => *n += 1,
            _ => bag.push((y, 1)),
        }
    }
    let mut out = Vec::with_capacity(xs.len());
    for x in xs {
        match bag.binary_search_by(|(v, _)| order::compare_exact(*v, x, atoms)) {
            Ok(i) if bag[i].1 > 0 => bag[i].1 -= 1,
            _ => out.push(x),
        }
    }
    Ok(build::list(&mut ctx.proc.heap, &out))
}

// ---- tuples --------------------------------------------------------------------------------

fn tuple_arg(t: &Term) -> Result<&[Term], Exception> {
    t.tuple().ok_or_else(Exception::badarg)
}

/// A 1-based index within `1..=len`.
fn index(t: Term, len: usize) -> Result<usize, Exception> {
    match t.as_small() {
        Some(i) if i >= 1 && (i as u64) <= len as u64 => Ok(i as usize - 1),
        _ => badarg(),
    }
}

fn element(_: &mut Ctx, a: &[Term]) -> BifResult {
    let t = tuple_arg(&a[1])?;
    Ok(t[index(a[0], t.len())?])
}
fn setelement(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let t = tuple_arg(&a[1])?;
    let i = index(a[0], t.len())?;
    let mut v = t.to_vec();
    v[i] = a[2];
    Ok(build::tuple(&mut ctx.proc.heap, &v))
}

/// Largest tuple ERTS can build (`MAX_ARITYVAL`).
const MAX_TUPLE: usize = (1 << 24) - 1;

fn make_tuple_2(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    match a[0].as_usize() {
        Some(n) if n <= MAX_TUPLE => Ok(build::tuple_filled(&mut ctx.proc.heap, n, a[1])),
        _ => badarg(),
    }
}
fn make_tuple_3(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let n = match a[0].as_usize() {
        Some(n) if n <= MAX_TUPLE => n,
        _ => return badarg(),
    };
    let Some(init) = a[2].list_to_vec() else {
        return badarg();
    };
    let mut v = alloc::vec![a[1]; n];
    for e in init {
        match e.tuple() {
            Some(&[pos, val]) => v[index(pos, n)?] = val,
            _ => return badarg(),
        }
    }
    Ok(build::tuple(&mut ctx.proc.heap, &v))
}
fn append_element(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let t = tuple_arg(&a[0])?;
    if t.len() >= MAX_TUPLE {
        return badarg();
    }
    let mut v = t.to_vec();
    v.push(a[1]);
    Ok(build::tuple(&mut ctx.proc.heap, &v))
}
fn insert_element(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let t = tuple_arg(&a[1])?;
    let i = index(a[0], t.len() + 1)?;
    let mut v = t.to_vec();
    v.insert(i, a[2]);
    Ok(build::tuple(&mut ctx.proc.heap, &v))
}
fn delete_element(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let t = tuple_arg(&a[1])?;
    let i = index(a[0], t.len())?;
    let mut v = t.to_vec();
    v.remove(i);
    Ok(build::tuple(&mut ctx.proc.heap, &v))
}
fn tuple_size(_: &mut Ctx, a: &[Term]) -> BifResult {
    Ok(Term::small(tuple_arg(&a[0])?.len() as i64))
}
/// `size/1`: tuple arity or a bitstring's whole bytes.
fn size(_: &mut Ctx, a: &[Term]) -> BifResult {
    if let Some(t) = a[0].tuple() {
        return Ok(Term::small(t.len() as i64));
    }
    match crate::term::bits::BitSlice::of(a[0]) {
        Some(b) => Ok(Term::small((b.bit_len / 8) as i64)),
        None => badarg(),
    }
}
fn tuple_to_list(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let t = tuple_arg(&a[0])?;
    Ok(build::list(&mut ctx.proc.heap, t))
}
fn list_to_tuple(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    match a[0].list_to_vec() {
        Some(v) if v.len() <= MAX_TUPLE => Ok(build::tuple(&mut ctx.proc.heap, &v)),
        _ => badarg(),
    }
}
