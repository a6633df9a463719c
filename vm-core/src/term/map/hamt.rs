//! Hash-array mapped tries: the representation of maps above 32 keys (ERTS's "hashmap").
//!
//! Layout (`Subtag::HashMap`, see `boxed.rs`): one raw word, then the children.
//!
//! ```text
//! header | raw: bitmap (bits 0..16) | HEAD (bit 16) | size << 17 | child terms...
//! ```
//!
//! A child is either a leaf — a cons `[Key | Value]` — or another (non-head) `HashMap` node. At
//! depth `d` a key goes to slot `(hash >> 4d) & 15` of its level hash; children are stored in slot
//! order. Nodes are never kept with a single leaf child, so a set of keys has exactly one shape,
//! as in ERTS; that makes structural equality, printing and iteration order match ERTS's.
//! After 8 levels (32 bits) the key is rehashed as `[Level div 8 | Key]`, as OTP 25 does.

use alloc::vec::Vec;

use super::hash::internal_hash;
use crate::heap::{build, write_header, Alloc, Arena};
use crate::term::order::exact_eq;
use crate::term::{Subtag, Term};

const BITMAP_MASK: u64 = 0xFFFF;
const HEAD_FLAG: u64 = 1 << 16;
const SIZE_SHIFT: u32 = 17;

/// A decoded node: whether it is the head (the map term itself), its slot bitmap, the map's
/// size (head only) and its children.
pub(crate) fn node_parts(t: Term) -> (bool, u16, usize, &'static [Term]) {
    let w = t.boxed_words();
    let raw = w[0];
    // SAFETY: the children are the term words after the raw word (layout above); the slice is
    // only used while `t` is live, like every other boxed accessor.
    let children: &'static [Term] =
        unsafe { core::slice::from_raw_parts(w.as_ptr().add(1) as *const Term, w.len() - 1) };
    (
        raw & HEAD_FLAG != 0,
        (raw & BITMAP_MASK) as u16,
        (raw >> SIZE_SHIFT) as usize,
        children,
    )
}

/// True for the head node of a hashmap (the object a map term points to).
#[inline]
pub fn is_head(t: Term) -> bool {
    t.subtag() == Some(Subtag::HashMap) && t.boxed_words()[0] & HEAD_FLAG != 0
}

/// Number of keys of a hashmap head.
#[inline]
pub fn size(t: Term) -> usize {
    (t.boxed_words()[0] >> SIZE_SHIFT) as usize
}

fn new_node(a: &mut impl Alloc, head: Option<usize>, bitmap: u16, children: &[Term]) -> Term {
    let n = children.len();
    let p = a.alloc(2 + n);
    let raw = match head {
        Some(sz) => bitmap as u64 | HEAD_FLAG | ((sz as u64) << SIZE_SHIFT),
        None => bitmap as u64,
    };
    // SAFETY: 2 + n fresh words: header, the raw word, then the children (layout above).
    unsafe {
        write_header(p, Subtag::HashMap, 1 + n);
        *p.add(1) = raw;
        core::ptr::copy_nonoverlapping(children.as_ptr() as *const u64, p.add(2), n);
    }
    Term::make_boxed(p)
}

/// The 32-bit hash word used at depth `lvl`.
pub fn level_hash(key: Term, lvl: usize, h0: u32) -> u32 {
    let group = lvl >> 3;
    if group == 0 {
        return h0;
    }
    // Deep levels hash the list `[group | Key]`; a scratch arena holds that one cons.
    let mut scratch = Arena::with_capacity(2);
    let c = build::cons(&mut scratch, Term::small(group as i64), key);
    internal_hash(c, 0)
}

/// A key with its hash, able to give its slot at any depth.
#[derive(Clone, Copy)]
struct Hx {
    key: Term,
    h0: u32,
    /// The hash word of the current 8-level group (`group`), cached.
    group: usize,
    word: u32,
}

impl Hx {
    fn new(key: Term) -> Hx {
        let h0 = internal_hash(key, 0);
        Hx {
            key,
            h0,
            group: 0,
            word: h0,
        }
    }
    fn slot(&mut self, lvl: usize) -> u32 {
        if lvl >> 3 != self.group {
            self.group = lvl >> 3;
            self.word = level_hash(self.key, lvl, self.h0);
        }
        (self.word >> (4 * (lvl & 7))) & 0xF
    }
}

#[inline]
fn child_index(bitmap: u16, slot: u32) -> usize {
    (bitmap as u32 & ((1u32 << slot) - 1)).count_ones() as usize
}

/// Looks `key` up.
pub fn get(map: Term, key: Term) -> Option<Term> {
    let mut hx = Hx::new(key);
    let mut node = map;
    let mut lvl = 0;
    loop {
        let (_, bitmap, _, children) = node_parts(node);
        let slot = hx.slot(lvl);
        if bitmap & (1 << slot) == 0 {
            return None;
        }
        let child = children[child_index(bitmap, slot)];
        if let Some((k, v)) = child.cons() {
            return if exact_eq(k, key) { Some(v) } else { None };
        }
        node = child;
        lvl += 1;
    }
}

/// Builds a hashmap from distinct keys.
pub fn from_distinct(a: &mut impl Alloc, pairs: &[(Term, Term)]) -> Term {
    let mut items: Vec<(Hx, Term)> = pairs.iter().map(|&(k, v)| (Hx::new(k), v)).collect();
    build_level(a, &mut items, 0, Some(pairs.len()))
}

fn build_level(
    a: &mut impl Alloc,
    items: &mut [(Hx, Term)],
    lvl: usize,
    head: Option<usize>,
) -> Term {
    let mut slots: Vec<u32> = items.iter_mut().map(|(h, _)| h.slot(lvl)).collect();
    // Group by slot, keeping each group's relative order.
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by_key(|&i| slots[i]);
    let mut sorted: Vec<(Hx, Term)> = order.iter().map(|&i| items[i]).collect();
    slots = order.iter().map(|&i| slots[i]).collect();
    let mut bitmap = 0u16;
    let mut children = Vec::new();
    let mut i = 0;
    while i < sorted.len() {
        let s = slots[i];
        let mut j = i + 1;
        while j < sorted.len() && slots[j] == s {
            j += 1;
        }
        bitmap |= 1 << s;
        if j - i == 1 {
            let (h, v) = sorted[i];
            children.push(build::cons(a, h.key, v));
        } else {
            children.push(build_level(a, &mut sorted[i..j], lvl + 1, None));
        }
        i = j;
    }
    new_node(a, head, bitmap, &children)
}

/// Inserts or replaces `key`; returns the new head.
pub fn put(a: &mut impl Alloc, map: Term, key: Term, value: Term) -> Term {
    let mut hx = Hx::new(key);
    insert(a, map, 0, &mut hx, value).0
}

fn insert(a: &mut impl Alloc, node: Term, lvl: usize, hx: &mut Hx, value: Term) -> (Term, bool) {
    let (head, bitmap, size, children) = node_parts(node);
    let slot = hx.slot(lvl);
    let idx = child_index(bitmap, slot);
    let mut kids: Vec<Term> = children.to_vec();
    let mut added = false;
    let new_bitmap;
    if bitmap & (1 << slot) == 0 {
        kids.insert(idx, build::cons(a, hx.key, value));
        new_bitmap = bitmap | (1 << slot);
        added = true;
    } else {
        new_bitmap = bitmap;
        let child = children[idx];
        if let Some((k, v)) = child.cons() {
            if exact_eq(k, hx.key) {
                if v == value {
                    return (node, false);
                }
                kids[idx] = build::cons(a, hx.key, value);
            } else {
                let mut pair = [(Hx::new(k), v), (*hx, value)];
                kids[idx] = build_level(a, &mut pair, lvl + 1, None);
                added = true;
            }
        } else {
            let (c, add) = insert(a, child, lvl + 1, hx, value);
            if c == child {
                return (node, false);
            }
            kids[idx] = c;
            added = add;
        }
    }
    let head_size = if head {
        Some(size + added as usize)
    } else {
        None
    };
    (new_node(a, head_size, new_bitmap, &kids), added)
}

/// What became of a node after a removal below it.
enum Removed {
    NotFound,
    /// The node is gone (its last key was removed).
    Gone,
    /// The node shrank to one leaf, which takes its place in the parent.
    Leaf(Term),
    Node(Term),
}

/// Removes `key`; `None` when it was not there. The caller turns a head of 32 keys back into a
/// flat map.
pub fn remove(a: &mut impl Alloc, map: Term, key: Term) -> Option<Term> {
    let mut hx = Hx::new(key);
    match delete(a, map, 0, &mut hx) {
        Removed::Node(t) => Some(t),
        Removed::NotFound => None,
        // A head keeps at least 32 keys, so it never shrinks to one leaf or vanishes.
        Removed::Gone | Removed::Leaf(_) => None,
    }
}

fn delete(a: &mut impl Alloc, node: Term, lvl: usize, hx: &mut Hx) -> Removed {
    let (head, bitmap, size, children) = node_parts(node);
    let slot = hx.slot(lvl);
    if bitmap & (1 << slot) == 0 {
        return Removed::NotFound;
    }
    let idx = child_index(bitmap, slot);
    let child = children[idx];
    let replacement = if let Some((k, _)) = child.cons() {
        if !exact_eq(k, hx.key) {
            return Removed::NotFound;
        }
        None
    } else {
        match delete(a, child, lvl + 1, hx) {
            Removed::NotFound => return Removed::NotFound,
            Removed::Gone => None,
            Removed::Leaf(l) => Some((l, true)),
            Removed::Node(n) => Some((n, false)),
        }
    };
    let mut kids: Vec<Term> = children.to_vec();
    let mut new_bitmap = bitmap;
    match replacement {
        None => {
            kids.remove(idx);
            new_bitmap &= !(1 << slot);
        }
        Some((t, _)) => kids[idx] = t,
    }
    if !head {
        if kids.is_empty() {
            return Removed::Gone;
        }
        if kids.len() == 1 && kids[0].is_list() {
            return Removed::Leaf(kids[0]);
        }
    }
    let head_size = if head { Some(size - 1) } else { None };
    Removed::Node(new_node(a, head_size, new_bitmap, &kids))
}

/// The leaves in storage order (depth first, slots ascending): the order of `maps:next`.
pub fn storage_pairs(map: Term) -> Vec<(Term, Term)> {
    let mut out = Vec::with_capacity(size(map));
    let mut stack: Vec<(&[Term], usize)> = Vec::new();
    stack.push((node_parts(map).3, 0));
    while let Some((kids, i)) = stack.pop() {
        if i >= kids.len() {
            continue;
        }
        stack.push((kids, i + 1));
        let c = kids[i];
        if let Some(kv) = c.cons() {
            out.push(kv);
        } else {
            stack.push((node_parts(c).3, 0));
        }
    }
    out
}

/// Leaves taken by [`leaves_from`] and the path of the next leaf (slot indices, root first).
pub type Chunk = (Vec<(Term, Term)>, Option<Vec<usize>>);

/// Collects up to `limit` leaves starting at the leaf `path` names (slot indices, root first,
/// four bits each, zeros past its end) — `erts_internal:map_next/3`. Returns the leaves and the
/// path of the next leaf, or `None` when the path does not name a leaf.
pub fn leaves_from(map: Term, path_nibble: impl Fn(usize) -> usize, limit: usize) -> Option<Chunk> {
    // Stack of (children, index of the child being visited).
    let mut stack: Vec<(&[Term], usize)> = Vec::new();
    let mut node = map;
    let mut depth = 0;
    loop {
        let kids = node_parts(node).3;
        let i = path_nibble(depth);
        if i >= kids.len() {
            return None;
        }
        stack.push((kids, i));
        if kids[i].is_list() {
            break;
        }
        node = kids[i];
        depth += 1;
    }
    let mut out = Vec::new();
    // Depth-first from the current position; the top of the stack points at a leaf or node
    // not yet taken.
    loop {
        let Some(&(kids, i)) = stack.last() else {
            return Some((out, None));
        };
        if i >= kids.len() {
            stack.pop();
            if let Some(top) = stack.last_mut() {
                top.1 += 1;
            }
            continue;
        }
        let c = kids[i];
        if let Some(kv) = c.cons() {
            if out.len() == limit {
                return Some((out, Some(stack.iter().map(|&(_, i)| i).collect())));
            }
            out.push(kv);
            stack.last_mut().unwrap().1 += 1;
        } else {
            stack.push((node_parts(c).3, 0));
        }
    }
}
