//! Native functions of module `maps` (the ones OTP 25 implements in C), the map guard BIFs of
//! `erlang`, and `erts_internal:map_next/3`, which `maps:to_list/1`, `maps:iterator/1` and
//! `maps:next/1` (and through them `fold`, `map`, `filter`, ...) are written on.

use alloc::vec::Vec;

use super::{BifEntry, BifResult, Ctx, Exception};
use crate::atom;
use crate::heap::build;
use crate::term::map;
use crate::term::{Subtag, Term};

crate::bifs! { "maps";
    "find", 2 => find_2;
    "from_keys", 2 => from_keys_2;
    "from_list", 1 => from_list_1;
    "get", 2 => get_2;
    "is_key", 2 => is_key_2;
    "keys", 1 => keys_1;
    "merge", 2 => merge_2;
    "put", 3 => put_3;
    "remove", 2 => remove_2;
    "take", 2 => take_2;
    "update", 3 => update_3;
    "values", 1 => values_1;
}

/// The map BIFs of module `erlang` (guard BIFs).
pub const ERLANG_BIFS: &[BifEntry] = &[
    BifEntry {
        module: "erlang",
        name: "is_map",
        arity: 1,
        f: is_map_1,
    },
    BifEntry {
        module: "erlang",
        name: "is_map_key",
        arity: 2,
        f: is_map_key_2,
    },
    BifEntry {
        module: "erlang",
        name: "map_get",
        arity: 2,
        f: map_get_2,
    },
    BifEntry {
        module: "erlang",
        name: "map_size",
        arity: 1,
        f: map_size_1,
    },
];

/// `erts_internal` functions behind the Erlang half of `maps`.
pub const ERTS_INTERNAL_BIFS: &[BifEntry] = &[BifEntry {
    module: "erts_internal",
    name: "map_next",
    arity: 3,
    f: map_next_3,
}];

/// `{badmap, Term}`.
pub fn badmap(ctx: &mut Ctx, t: Term) -> Exception {
    Exception::error(build::tuple(&mut ctx.proc.heap, &[atom::BADMAP, t]))
}

/// `{badkey, Key}`.
pub fn badkey(ctx: &mut Ctx, k: Term) -> Exception {
    Exception::error(build::tuple(&mut ctx.proc.heap, &[atom::BADKEY, k]))
}

fn arg_map(ctx: &mut Ctx, t: Term) -> Result<Term, Exception> {
    if map::is_map(t) {
        Ok(t)
    } else {
        Err(badmap(ctx, t))
    }
}

fn get_2(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let m = arg_map(ctx, a[1])?;
    match map::get(m, a[0], &ctx.vm.atoms) {
        Some(v) => Ok(v),
        None => Err(badkey(ctx, a[0])),
    }
}

fn find_2(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let m = arg_map(ctx, a[1])?;
    match map::get(m, a[0], &ctx.vm.atoms) {
        Some(v) => Ok(build::tuple(&mut ctx.proc.heap, &[atom::OK, v])),
        None => Ok(atom::ERROR),
    }
}

fn is_key_2(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let m = arg_map(ctx, a[1])?;
    Ok(Term::bool(map::is_key(m, a[0], &ctx.vm.atoms)))
}

fn from_list_1(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let items = a[0].list_to_vec().ok_or_else(Exception::badarg)?;
    let mut pairs = Vec::with_capacity(items.len());
    for t in items {
        match t.tuple() {
            Some([k, v]) => pairs.push((*k, *v)),
            _ => return Err(Exception::badarg()),
        }
    }
    Ok(map::from_pairs(&pairs, &mut ctx.proc.heap, &ctx.vm.atoms))
}

fn from_keys_2(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let keys = a[0].list_to_vec().ok_or_else(Exception::badarg)?;
    let pairs: Vec<(Term, Term)> = keys.into_iter().map(|k| (k, a[1])).collect();
    Ok(map::from_pairs(&pairs, &mut ctx.proc.heap, &ctx.vm.atoms))
}

fn keys_1(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let m = arg_map(ctx, a[0])?;
    let ks: Vec<Term> = map::iter_pairs(m, &ctx.vm.atoms)
        .iter()
        .map(|p| p.0)
        .collect();
    Ok(build::list(&mut ctx.proc.heap, &ks))
}

fn values_1(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let m = arg_map(ctx, a[0])?;
    let vs: Vec<Term> = map::iter_pairs(m, &ctx.vm.atoms)
        .iter()
        .map(|p| p.1)
        .collect();
    Ok(build::list(&mut ctx.proc.heap, &vs))
}

fn merge_2(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let m1 = arg_map(ctx, a[0])?;
    let m2 = arg_map(ctx, a[1])?;
    let (s1, s2) = (map::size(m1), map::size(m2));
    if s2 == 0 {
        return Ok(m1);
    }
    if s1 == 0 {
        return Ok(m2);
    }
    let atoms = &ctx.vm.atoms;
    let h = &mut ctx.proc.heap;
    if s1 + s2 <= map::FLATMAP_LIMIT || s2 >= s1 {
        // Insert the first map's keys that the second lacks into the second.
        let extra: Vec<(Term, Term)> = map::to_sorted_pairs(m1, atoms)
            .into_iter()
            .filter(|p| !map::is_key(m2, p.0, atoms))
            .collect();
        if extra.is_empty() {
            return Ok(m2);
        }
        Ok(map::put_many(m2, &extra, h, atoms))
    } else {
        let pairs = map::to_sorted_pairs(m2, atoms);
        Ok(map::put_many(m1, &pairs, h, atoms))
    }
}

fn put_3(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let m = arg_map(ctx, a[2])?;
    Ok(map::put(m, a[0], a[1], &mut ctx.proc.heap, &ctx.vm.atoms))
}

fn update_3(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let m = arg_map(ctx, a[2])?;
    match map::update_many(m, &[(a[0], a[1])], &mut ctx.proc.heap, &ctx.vm.atoms) {
        Ok(r) => Ok(r),
        Err(k) => Err(badkey(ctx, k)),
    }
}

fn remove_2(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let m = arg_map(ctx, a[1])?;
    Ok(map::remove(m, a[0], &mut ctx.proc.heap, &ctx.vm.atoms))
}

fn take_2(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let m = arg_map(ctx, a[1])?;
    let atoms = &ctx.vm.atoms;
    match map::get(m, a[0], atoms) {
        None => Ok(atom::ERROR),
        Some(v) => {
            let rest = map::remove(m, a[0], &mut ctx.proc.heap, atoms);
            Ok(build::tuple(&mut ctx.proc.heap, &[v, rest]))
        }
    }
}

fn is_map_1(_ctx: &mut Ctx, a: &[Term]) -> BifResult {
    Ok(Term::bool(map::is_map(a[0])))
}

fn map_size_1(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let m = arg_map(ctx, a[0])?;
    Ok(Term::small(map::size(m) as i64))
}

fn map_get_2(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    get_2(ctx, a)
}

fn is_map_key_2(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    is_key_2(ctx, a)
}

/// Elements `map_next` hands out per call after the first (ERTS derives it from the reductions
/// left, `fcalls / 4`; a full slice is 4000).
const MAP_NEXT_CHUNK: usize = 1000;

/// The path's 4-bit slot index at `depth` (the path is a non-negative integer).
fn path_nibble(path: Term, depth: usize) -> usize {
    if let Some(v) = path.as_small() {
        return if depth < 16 {
            ((v as u64 >> (4 * depth)) & 0xF) as usize
        } else {
            0
        };
    }
    let limbs = path.boxed_words();
    match limbs.get(depth / 16) {
        Some(l) => ((l >> (4 * (depth % 16))) & 0xF) as usize,
        None => 0,
    }
}

/// `erts_internal:map_next(Path, Map, iterator | Acc)`: a chunk of the map's associations from
/// the leaf `Path` names, in storage order. With `iterator` it returns
/// `{K1, V1, {K2, V2, ... [NextPath | Map] | none}}`; with a list it returns
/// `[NextPath, Map | Pairs]` or, at the end, `Pairs` (each chunk consed in front of `Acc`).
fn map_next_3(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let (path, m, mode) = (a[0], a[1], a[2]);
    if !map::is_map(m) {
        return Err(Exception::badarg());
    }
    let iterator = mode == ctx.vm.atoms.intern("iterator");
    let flat = m.subtag() == Some(Subtag::Map);
    if !iterator && !mode.is_list_or_nil() {
        return Err(Exception::badarg());
    }
    let (pairs, next) = if flat {
        match path.as_small() {
            Some(p) if p >= 0 && p as usize <= map::size(m) => {}
            _ => return Err(Exception::badarg()),
        }
        (map::storage_pairs(m), None)
    } else {
        let valid = match path.as_small() {
            Some(p) => p >= 0,
            None => path.subtag() == Some(Subtag::PosBig),
        };
        if !valid {
            return Err(Exception::badarg());
        }
        let limit = if path == Term::small(0) {
            map::FLATMAP_LIMIT
        } else {
            MAP_NEXT_CHUNK
        };
        map::hamt::leaves_from(m, |d| path_nibble(path, d), limit).ok_or_else(Exception::badarg)?
    };
    let h = &mut ctx.proc.heap;
    let next_path = next.map(|slots| {
        let mut limbs: Vec<u64> = alloc::vec![0; slots.len().div_ceil(16)];
        for (d, s) in slots.iter().enumerate() {
            limbs[d / 16] |= (*s as u64) << (4 * (d % 16));
        }
        let v = num_bigint::BigInt::from(num_bigint::BigUint::from_slice(
            &limbs
                .iter()
                .flat_map(|l| [*l as u32, (*l >> 32) as u32])
                .collect::<Vec<u32>>(),
        ));
        build::bigint(h, &v)
    });
    if iterator {
        let mut res = match next_path {
            Some(p) => build::cons(h, p, m),
            None => ctx.vm.atoms.intern("none"),
        };
        for (k, v) in pairs.iter().rev() {
            res = build::tuple(h, &[*k, *v, res]);
        }
        Ok(res)
    } else {
        // A flat map comes back in key order; hashmap chunks are consed leaf by leaf, so each
        // chunk ends up reversed in front of the accumulator.
        let tuples: Vec<Term> = pairs
            .iter()
            .map(|(k, v)| build::tuple(h, &[*k, *v]))
            .collect();
        let mut res = if flat {
            build::list_with_tail(h, &tuples, mode)
        } else {
            tuples.iter().fold(mode, |acc, t| build::cons(h, *t, acc))
        };
        if let Some(p) = next_path {
            res = build::cons(h, m, res);
            res = build::cons(h, p, res);
        }
        Ok(res)
    }
}

#[cfg(test)]
mod tests;
