//! Maps: flat maps (up to 32 keys, sorted in exact term order) and hash-array mapped tries above
//! (see [`hamt`]), with the operations the emulator, the BIFs, ETF and printing use.
//!
//! A flat map is `header | size | keys tuple | values...` (`boxed.rs`). Every operation returns
//! a map in the representation ERTS would use for its size: above [`FLATMAP_LIMIT`] keys a
//! hashmap, at or below it a flat map, so shapes — and iteration orders — match ERTS's.

pub mod hamt;
pub mod hash;

use alloc::vec::Vec;
use core::cmp::Ordering;

use super::order::{compare_exact, exact_eq};
use super::{Subtag, Term};
use crate::atom::AtomTable;
use crate::heap::{build, Alloc};

/// Most keys a flat map holds (ERTS's `MAP_SMALL_MAP_LIMIT`).
pub const FLATMAP_LIMIT: usize = 32;

/// True for a flat map or a hashmap head.
#[inline]
pub fn is_map(t: Term) -> bool {
    match t.subtag() {
        Some(Subtag::Map) => true,
        Some(Subtag::HashMap) => hamt::is_head(t),
        _ => false,
    }
}

#[inline]
fn is_flat(m: Term) -> bool {
    m.subtag() == Some(Subtag::Map)
}

/// Keys and values of a flat map.
fn flat_parts(m: Term) -> (&'static [Term], &'static [Term]) {
    let w = m.boxed_terms();
    let keys = w[1].tuple().unwrap_or(&[]);
    // SAFETY: both slices point into live heap objects; like every accessor here they are only
    // used while `m` is live (no collection can happen inside these functions).
    unsafe {
        (
            core::slice::from_raw_parts(keys.as_ptr(), keys.len()),
            core::slice::from_raw_parts(w.as_ptr().add(2), w.len() - 2),
        )
    }
}

/// Number of keys.
pub fn size(m: Term) -> usize {
    if is_flat(m) {
        m.boxed_terms()[0].small_value() as usize
    } else {
        hamt::size(m)
    }
}

/// Binary search of a flat map's keys.
fn flat_find(keys: &[Term], key: Term, atoms: &AtomTable) -> Result<usize, usize> {
    keys.binary_search_by(|k| compare_exact(*k, key, atoms))
}

/// The value under `key` (`=:=`), if any.
pub fn get(m: Term, key: Term, atoms: &AtomTable) -> Option<Term> {
    if is_flat(m) {
        let (keys, vals) = flat_parts(m);
        if key.is_immediate() {
            return keys.iter().position(|k| *k == key).map(|i| vals[i]);
        }
        flat_find(keys, key, atoms).ok().map(|i| vals[i])
    } else {
        hamt::get(m, key)
    }
}

pub fn is_key(m: Term, key: Term, atoms: &AtomTable) -> bool {
    get(m, key, atoms).is_some()
}

/// The empty map.
pub fn empty(h: &mut impl Alloc) -> Term {
    build::flatmap(h, &[], &[])
}

/// A map of the given pairs in exact key order, no duplicates.
fn from_sorted_distinct(pairs: &[(Term, Term)], h: &mut impl Alloc) -> Term {
    if pairs.len() > FLATMAP_LIMIT {
        return hamt::from_distinct(h, pairs);
    }
    let keys: Vec<Term> = pairs.iter().map(|p| p.0).collect();
    let vals: Vec<Term> = pairs.iter().map(|p| p.1).collect();
    build::flatmap(h, &keys, &vals)
}

/// Sorts pairs by key and drops all but the last of equal keys.
fn sort_dedup_last(pairs: &[(Term, Term)], atoms: &AtomTable) -> Vec<(Term, Term)> {
    // Stable: of equal keys the later pair stays later, and wins below.
    let mut v = pairs.to_vec();
    crate::term::order::sort_pairs_by_key(&mut v, true, atoms);
    let mut out: Vec<(Term, Term)> = Vec::with_capacity(v.len());
    for (k, val) in v {
        match out.last_mut() {
            Some(last) if exact_eq(last.0, k) => last.1 = val,
            _ => out.push((k, val)),
        }
    }
    out
}

/// A map of `pairs`; of equal keys the last wins (`maps:from_list/1`, ETF decoding).
pub fn from_pairs(pairs: &[(Term, Term)], h: &mut impl Alloc, atoms: &AtomTable) -> Term {
    let sorted = sort_dedup_last(pairs, atoms);
    from_sorted_distinct(&sorted, h)
}

/// Inserts or replaces one key.
pub fn put(m: Term, key: Term, value: Term, h: &mut impl Alloc, atoms: &AtomTable) -> Term {
    if !is_flat(m) {
        return hamt::put(h, m, key, value);
    }
    let (keys, vals) = flat_parts(m);
    match flat_find(keys, key, atoms) {
        Ok(i) => {
            if vals[i] == value {
                return m;
            }
            let mut nv = vals.to_vec();
            nv[i] = value;
            build::flatmap_with_keys(h, m.boxed_terms()[1], &nv)
        }
        Err(i) => {
            let mut pairs: Vec<(Term, Term)> =
                keys.iter().copied().zip(vals.iter().copied()).collect();
            pairs.insert(i, (key, value));
            from_sorted_distinct(&pairs, h)
        }
    }
}

/// Inserts or replaces several keys (`put_map_assoc`); later pairs win.
pub fn put_many(m: Term, pairs: &[(Term, Term)], h: &mut impl Alloc, atoms: &AtomTable) -> Term {
    match pairs.len() {
        0 => return m,
        1 => return put(m, pairs[0].0, pairs[0].1, h, atoms),
        _ => {}
    }
    if !is_flat(m) {
        let mut acc = m;
        for &(k, v) in pairs {
            acc = hamt::put(h, acc, k, v);
        }
        return acc;
    }
    let new = sort_dedup_last(pairs, atoms);
    let (keys, vals) = flat_parts(m);
    // Merge two sorted runs; the new pairs win on equal keys.
    let mut out: Vec<(Term, Term)> = Vec::with_capacity(keys.len() + new.len());
    let (mut i, mut j) = (0, 0);
    while i < keys.len() && j < new.len() {
        match compare_exact(keys[i], new[j].0, atoms) {
            Ordering::Less => {
                out.push((keys[i], vals[i]));
                i += 1;
            }
            Ordering::Greater => {
                out.push(new[j]);
                j += 1;
            }
            Ordering::Equal => {
                out.push(new[j]);
                i += 1;
                j += 1;
            }
        }
    }
    out.extend(keys[i..].iter().copied().zip(vals[i..].iter().copied()));
    out.extend_from_slice(&new[j..]);
    if out.len() == keys.len() {
        // Same key set: share the keys tuple.
        let nv: Vec<Term> = out.iter().map(|p| p.1).collect();
        return build::flatmap_with_keys(h, m.boxed_terms()[1], &nv);
    }
    from_sorted_distinct(&out, h)
}

/// Replaces existing keys only (`put_map_exact`, `maps:update/3`); `Err(key)` names the first
/// key that is missing.
pub fn update_many(
    m: Term,
    pairs: &[(Term, Term)],
    h: &mut impl Alloc,
    atoms: &AtomTable,
) -> Result<Term, Term> {
    if !is_flat(m) {
        let mut acc = m;
        for &(k, v) in pairs {
            if hamt::get(acc, k).is_none() {
                return Err(k);
            }
            acc = hamt::put(h, acc, k, v);
        }
        return Ok(acc);
    }
    let (keys, vals) = flat_parts(m);
    let mut nv = vals.to_vec();
    for &(k, v) in pairs {
        match flat_find(keys, k, atoms) {
            Ok(i) => nv[i] = v,
            Err(_) => return Err(k),
        }
    }
    Ok(build::flatmap_with_keys(h, m.boxed_terms()[1], &nv))
}

/// The map without `key` (the same map when it is absent).
pub fn remove(m: Term, key: Term, h: &mut impl Alloc, atoms: &AtomTable) -> Term {
    if !is_flat(m) {
        return match hamt::remove(h, m, key) {
            None => m,
            Some(r) if hamt::size(r) <= FLATMAP_LIMIT => {
                from_sorted_distinct(&to_sorted_pairs(r, atoms), h)
            }
            Some(r) => r,
        };
    }
    let (keys, vals) = flat_parts(m);
    match flat_find(keys, key, atoms) {
        Err(_) => m,
        Ok(i) => {
            let mut nk = keys.to_vec();
            let mut nv = vals.to_vec();
            nk.remove(i);
            nv.remove(i);
            build::flatmap(h, &nk, &nv)
        }
    }
}

/// The pairs in exact key order (term comparison, flat-map layout).
pub fn to_sorted_pairs(m: Term, atoms: &AtomTable) -> Vec<(Term, Term)> {
    if is_flat(m) {
        let (keys, vals) = flat_parts(m);
        return keys.iter().copied().zip(vals.iter().copied()).collect();
    }
    let mut v = hamt::storage_pairs(m);
    crate::term::order::sort_pairs_by_key(&mut v, true, atoms);
    v
}

/// The pairs in ERTS's iteration order — `maps:to_list/1`, `maps:keys/1`, `maps:values/1`,
/// `term_to_binary`: key order for flat maps, reverse storage order for hashmaps.
pub fn iter_pairs(m: Term, _atoms: &AtomTable) -> Vec<(Term, Term)> {
    if is_flat(m) {
        let (keys, vals) = flat_parts(m);
        return keys.iter().copied().zip(vals.iter().copied()).collect();
    }
    let mut v = hamt::storage_pairs(m);
    v.reverse();
    v
}

/// The pairs in storage order — the order `maps:iterator/1` + `maps:next/1` (and so `io:format`)
/// walk: key order for flat maps, depth-first slot order for hashmaps.
pub fn storage_pairs(m: Term) -> Vec<(Term, Term)> {
    if is_flat(m) {
        let (keys, vals) = flat_parts(m);
        return keys.iter().copied().zip(vals.iter().copied()).collect();
    }
    hamt::storage_pairs(m)
}

/// A hashmap node as `erlang:display/1` prints it (`#<bitmap>{...}` for the head, `<bitmap>{...}`
/// below): `(is_head, bitmap, children)`, each child a leaf cons `[K|V]` or another node.
/// `None` for flat maps and non-maps.
pub fn hashmap_node(t: &Term) -> Option<(bool, u16, &[Term])> {
    if t.subtag() != Some(Subtag::HashMap) {
        return None;
    }
    let (head, bitmap, _, kids) = hamt::node_parts(*t);
    Some((head, bitmap, kids))
}

#[cfg(test)]
mod tests;
