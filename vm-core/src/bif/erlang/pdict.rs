//! The process dictionary: `get/0,1`, `put/2`, `erase/0,1`, `get_keys/0,1`.
//!
//! Entries live in `Process::dict` in order of their last write. `get/0` and friends list them
//! in the order ERTS's linear-hashing table would (`erl_process_dict.c`): the table is replayed
//! from the write order, which is exact for small-integer keys when nothing was erased (erasing
//! can shrink the ERTS table, which is not replayed). Atom keys hash by their text (ERTS uses
//! its atom index there, which no other VM can reproduce).

use alloc::vec::Vec;

use crate::atom;
use crate::bif::{BifResult, Ctx};
use crate::heap::build;
use crate::term::order::exact_eq;
use crate::term::Term;
use crate::vm::Shared;

pub fn get_0(ctx: &mut Ctx, _: &[Term]) -> BifResult {
    let order = table_order(&ctx.proc.dict, ctx.vm);
    let mut items = Vec::with_capacity(order.len());
    for i in order {
        let (k, v) = ctx.proc.dict[i];
        items.push(build::tuple(&mut ctx.proc.heap, &[k, v]));
    }
    Ok(build::list(&mut ctx.proc.heap, &items))
}

pub fn get_1(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    Ok(ctx.proc.dict_get(a[0]).unwrap_or(atom::UNDEFINED))
}

pub fn get_keys_0(ctx: &mut Ctx, _: &[Term]) -> BifResult {
    let order = table_order(&ctx.proc.dict, ctx.vm);
    let keys: Vec<Term> = order.into_iter().map(|i| ctx.proc.dict[i].0).collect();
    Ok(build::list(&mut ctx.proc.heap, &keys))
}

pub fn get_keys_1(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let order = table_order(&ctx.proc.dict, ctx.vm);
    let keys: Vec<Term> = order
        .into_iter()
        .filter(|&i| exact_eq(ctx.proc.dict[i].1, a[0]))
        .map(|i| ctx.proc.dict[i].0)
        .collect();
    Ok(build::list(&mut ctx.proc.heap, &keys))
}

/// `put/2`: returns the previous value or `undefined`; a rewritten key moves to the front of
/// its bucket in ERTS, which is what moving it to the end of the write order replays.
pub fn put_2(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let dict = &mut ctx.proc.dict;
    let old = match dict.iter().position(|(k, _)| exact_eq(*k, a[0])) {
        Some(i) => dict.remove(i).1,
        None => atom::UNDEFINED,
    };
    dict.push((a[0], a[1]));
    Ok(old)
}

pub fn erase_0(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let all = get_0(ctx, a)?;
    ctx.proc.dict.clear();
    Ok(all)
}

pub fn erase_1(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let dict = &mut ctx.proc.dict;
    match dict.iter().position(|(k, _)| exact_eq(*k, a[0])) {
        Some(i) => Ok(dict.remove(i).1),
        None => Ok(atom::UNDEFINED),
    }
}

/// ERTS's initial number of hash slots (`erts_pd_initial_size`).
const INITIAL_SIZE: u32 = 8;

/// The linear-hashing table's shape.
struct Table {
    used: u32,
    split: u32,
    mask: u32,
    /// Each bucket's entries, the list head last.
    buckets: Vec<Vec<usize>>,
}

impl Table {
    fn ix(&self, hx: u32) -> u32 {
        let high = hx & self.mask;
        if high >= self.used {
            hx & (self.mask >> 1)
        } else {
            high
        }
    }

    fn grow(&mut self, hashes: &[u32]) {
        let steps = match (self.used / 4) & 0xF {
            0 => 1,
            s => s,
        };
        let mut home = self.used - self.split;
        for _ in 0..steps {
            if self.split == home {
                home *= 2;
                self.mask = home * 2 - 1;
                self.split = 0;
            }
            let pos = self.split;
            self.split += 1;
            self.used += 1;
            while self.buckets.len() < self.used as usize {
                self.buckets.push(Vec::new());
            }
            // Walking the list from its head and prepending reverses both halves.
            let old = core::mem::take(&mut self.buckets[pos as usize]);
            let (mut stay, mut moved) = (Vec::new(), Vec::new());
            for &e in old.iter().rev() {
                if self.ix(hashes[e]) == pos {
                    stay.push(e);
                } else {
                    moved.push(e);
                }
            }
            self.buckets[pos as usize] = stay;
            self.buckets[(pos + home) as usize] = moved;
        }
    }
}

/// Indices into `dict` in the order `get/0` lists them.
fn table_order(dict: &[(Term, Term)], vm: &Shared) -> Vec<usize> {
    let hashes: Vec<u32> = dict.iter().map(|(k, _)| key_hash(*k, vm)).collect();
    let mut t = Table {
        used: INITIAL_SIZE,
        split: 0,
        mask: INITIAL_SIZE * 2 - 1,
        buckets: (0..INITIAL_SIZE).map(|_| Vec::new()).collect(),
    };
    for (i, &h) in hashes.iter().enumerate() {
        let b = t.ix(h) as usize;
        t.buckets[b].push(i);
        if t.used as usize <= i + 1 {
            t.grow(&hashes);
        }
    }
    // get/0 conses each bucket's list (head first) onto the result, bucket by bucket.
    let mut out = Vec::with_capacity(dict.len());
    for b in &t.buckets[..t.used as usize] {
        out.extend(b.iter().rev().copied());
    }
    out.reverse();
    out
}

/// ERTS's `MAKE_HASH`: small integers hash to their value; atoms (here) to their text's
/// hashpjw; other terms to an FNV-1a over their printed form (ERTS uses its internal hash).
fn key_hash(k: Term, vm: &Shared) -> u32 {
    if let Some(v) = k.as_small() {
        return v as u32;
    }
    if k.is_atom() {
        return atom_hash(vm.atoms.name(k).as_bytes());
    }
    let mut h: u32 = 0x811c_9dc5;
    for b in crate::term::display::display_bytes(k, vm) {
        h = (h ^ b as u32).wrapping_mul(0x0100_0193);
    }
    h
}

/// ERTS's atom hash: hashpjw over the text, two-byte UTF-8 Latin-1 folded to one byte.
pub fn atom_hash(name: &[u8]) -> u32 {
    let mut h: u32 = 0;
    let mut i = 0;
    while i < name.len() {
        let mut v = name[i];
        i += 1;
        if i < name.len() && (v & 0xFE) == 0xC2 && (name[i] & 0xC0) == 0x80 {
            v = (v << 6) | (name[i] & 0x3F);
            i += 1;
        }
        h = (h << 4).wrapping_add(v as u32);
        let g = h & 0xF000_0000;
        if g != 0 {
            h ^= g >> 24;
            h ^= g;
        }
    }
    h
}
