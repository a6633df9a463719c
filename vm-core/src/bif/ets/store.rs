//! Where a table keeps its objects.
//!
//! Every object is copied into an [`Arena`] of its own ([`Stored`]), so deleting an object frees
//! exactly its words (and drops its references to refc binaries). Process heaps never point into
//! this storage: lookups copy objects out.
//!
//! * `set`, `bag`, `duplicate_bag`: [`HashStore`], groups of objects with the same key (`=:=`)
//!   under the key's hash, in a `BTreeMap` so the iteration order (first/next, select) is stable
//!   while the table changes.
//! * `ordered_set`: [`OrdStore`], objects sorted by key in term order (`==` keys are the same
//!   key), kept in short sorted chunks so inserts and deletes stay cheap on large tables.

use alloc::collections::BTreeMap;
use alloc::vec::Vec;
use core::cmp::Ordering;

use crate::atom::AtomTable;
use crate::heap::{copy, Arena};
use crate::term::map::hash::internal_hash;
use crate::term::order::{compare, exact_eq};
use crate::term::Term;

/// A term copied into storage of its own.
pub struct Stored {
    arena: Arena,
    pub term: Term,
}

impl Stored {
    pub fn new(t: Term) -> Stored {
        let mut arena = Arena::with_capacity(copy::size_of(t).max(1));
        let term = copy::copy_term(t, &mut arena);
        Stored { arena, term }
    }
    /// The `keypos`-th element (1-based) of a stored object (a tuple at least that long).
    #[inline]
    pub fn key(&self, keypos: usize) -> Term {
        self.elems()[keypos - 1]
    }
    #[inline]
    pub fn elems(&self) -> &[Term] {
        self.term.tuple().unwrap_or(&[])
    }
    /// Words the object takes.
    pub fn words(&self) -> usize {
        self.arena.words()
    }
}

/// The hash a key is filed under (equal for `=:=` keys).
#[inline]
pub fn key_hash(key: Term) -> u32 {
    internal_hash(key, 0)
}

/// `set`, `bag` and `duplicate_bag` storage.
#[derive(Default)]
pub struct HashStore {
    /// Hash → the groups of objects filed under it, one group per distinct key.
    buckets: BTreeMap<u32, Vec<Vec<Stored>>>,
    pub len: usize,
}

impl HashStore {
    fn position(&self, key: Term, keypos: usize) -> Option<(u32, usize)> {
        let h = key_hash(key);
        let b = self.buckets.get(&h)?;
        let i = b.iter().position(|g| exact_eq(g[0].key(keypos), key))?;
        Some((h, i))
    }
    pub fn get(&self, key: Term, keypos: usize) -> Option<&Vec<Stored>> {
        let (h, i) = self.position(key, keypos)?;
        Some(&self.buckets[&h][i])
    }
    pub fn get_mut(&mut self, key: Term, keypos: usize) -> Option<&mut Vec<Stored>> {
        let (h, i) = self.position(key, keypos)?;
        self.buckets.get_mut(&h).map(|b| &mut b[i])
    }
    /// The group of `key`, created empty when missing (the caller must fill it).
    fn group_entry(&mut self, key: Term, keypos: usize) -> &mut Vec<Stored> {
        let h = key_hash(key);
        let b = self.buckets.entry(h).or_default();
        match b.iter().position(|g| exact_eq(g[0].key(keypos), key)) {
            Some(i) => &mut b[i],
            None => {
                b.push(Vec::new());
                b.last_mut().unwrap()
            }
        }
    }
    /// `set` insert: replaces the object with the same key.
    pub fn put_set(&mut self, obj: Stored, keypos: usize) {
        let g = self.group_entry(obj.key(keypos), keypos);
        if g.is_empty() {
            g.push(obj);
            self.len += 1;
        } else {
            g[0] = obj;
        }
    }
    /// `bag` insert: appends unless an equal object is there already.
    pub fn put_bag(&mut self, t: Term, keypos: usize) {
        let key = t.tuple().unwrap()[keypos - 1];
        if let Some(g) = self.get(key, keypos) {
            if g.iter().any(|o| exact_eq(o.term, t)) {
                return;
            }
        }
        let obj = Stored::new(t);
        let g = self.group_entry(obj.key(keypos), keypos);
        g.push(obj);
        self.len += 1;
    }
    /// `duplicate_bag` insert: appends.
    pub fn put_dbag(&mut self, obj: Stored, keypos: usize) {
        let g = self.group_entry(obj.key(keypos), keypos);
        g.push(obj);
        self.len += 1;
    }
    /// Removes the group of `key`.
    pub fn remove_key(&mut self, key: Term, keypos: usize) -> Option<Vec<Stored>> {
        let (h, i) = self.position(key, keypos)?;
        let b = self.buckets.get_mut(&h)?;
        let g = b.remove(i);
        if b.is_empty() {
            self.buckets.remove(&h);
        }
        self.len -= g.len();
        Some(g)
    }
    /// Keeps the objects of `key`'s group that `keep` accepts; returns how many went.
    pub fn retain_key(
        &mut self,
        key: Term,
        keypos: usize,
        mut keep: impl FnMut(&Stored) -> bool,
    ) -> usize {
        let Some((h, i)) = self.position(key, keypos) else {
            return 0;
        };
        let b = self.buckets.get_mut(&h).unwrap();
        let before = b[i].len();
        b[i].retain(|o| keep(o));
        let gone = before - b[i].len();
        if b[i].is_empty() {
            b.remove(i);
            if b.is_empty() {
                self.buckets.remove(&h);
            }
        }
        self.len -= gone;
        gone
    }
    /// Every group, in storage order.
    pub fn groups(&self) -> impl DoubleEndedIterator<Item = &Vec<Stored>> + '_ {
        self.buckets.values().flat_map(|b| b.iter())
    }
    /// The groups after the one of `key` (all groups filed under larger hashes when `key` is
    /// gone); `None` when `strict` and `key` is not in the table.
    pub fn groups_after(
        &self,
        key: Term,
        keypos: usize,
        strict: bool,
    ) -> Option<impl Iterator<Item = &Vec<Stored>> + '_> {
        let h = key_hash(key);
        let skip = match self.position(key, keypos) {
            Some((_, i)) => i + 1,
            None if strict => return None,
            None => usize::MAX,
        };
        let same = self
            .buckets
            .get(&h)
            .into_iter()
            .flat_map(move |b| b.iter().skip(skip));
        let rest = self
            .buckets
            .range(h.wrapping_add(1)..)
            .filter(move |_| h != u32::MAX)
            .flat_map(|(_, b)| b.iter());
        Some(same.chain(rest))
    }
    pub fn first_key(&self, keypos: usize) -> Option<Term> {
        self.groups().next().map(|g| g[0].key(keypos))
    }
    /// Keeps the objects `keep` accepts (visiting them in storage order); returns how many
    /// went.
    pub fn retain_all(&mut self, mut keep: impl FnMut(&Stored) -> bool) -> usize {
        let mut gone = 0;
        self.buckets.retain(|_, b| {
            b.retain_mut(|g| {
                let before = g.len();
                g.retain(|o| keep(o));
                gone += before - g.len();
                !g.is_empty()
            });
            !b.is_empty()
        });
        self.len -= gone;
        gone
    }
    pub fn clear(&mut self) -> usize {
        let n = self.len;
        self.buckets.clear();
        self.len = 0;
        n
    }
    pub fn words(&self) -> usize {
        self.groups()
            .flatten()
            .map(|o| o.words() + 4)
            .sum::<usize>()
            + 2 * self.buckets.len()
    }
}

/// Most objects in one chunk of an ordered store (split in halves above it).
const CHUNK: usize = 128;

/// A position in an [`OrdStore`]: chunk and index inside it.
pub type Pos = (usize, usize);

/// `ordered_set` storage: objects sorted by key in term order.
#[derive(Default)]
pub struct OrdStore {
    chunks: Vec<Vec<Stored>>,
    pub len: usize,
}

impl OrdStore {
    /// `Ok(pos)` of the object whose key equals `key` (`==`), or `Err(pos)` where it would go.
    pub fn find(&self, key: Term, keypos: usize, atoms: &AtomTable) -> Result<Pos, Pos> {
        if self.chunks.is_empty() {
            return Err((0, 0));
        }
        let ci = self.chunks.partition_point(|c| {
            compare(c.last().unwrap().key(keypos), key, atoms) == Ordering::Less
        });
        if ci == self.chunks.len() {
            let last = self.chunks.len() - 1;
            return Err((last, self.chunks[last].len()));
        }
        let c = &self.chunks[ci];
        match c.binary_search_by(|o| compare(o.key(keypos), key, atoms)) {
            Ok(i) => Ok((ci, i)),
            Err(i) => Err((ci, i)),
        }
    }
    pub fn at(&self, p: Pos) -> Option<&Stored> {
        self.chunks.get(p.0)?.get(p.1)
    }
    pub fn get(&self, key: Term, keypos: usize, atoms: &AtomTable) -> Option<&Stored> {
        self.find(key, keypos, atoms)
            .ok()
            .map(|p| &self.chunks[p.0][p.1])
    }
    /// Replaces the object at `p`.
    pub fn replace_at(&mut self, p: Pos, obj: Stored) {
        self.chunks[p.0][p.1] = obj;
    }
    /// Inserts or replaces the object with the same key.
    pub fn put(&mut self, obj: Stored, keypos: usize, atoms: &AtomTable) {
        match self.find(obj.key(keypos), keypos, atoms) {
            Ok(p) => self.chunks[p.0][p.1] = obj,
            Err((ci, i)) => {
                if self.chunks.is_empty() {
                    self.chunks.push(Vec::with_capacity(CHUNK));
                }
                let c = &mut self.chunks[ci];
                c.insert(i, obj);
                if c.len() > CHUNK {
                    let tail = c.split_off(CHUNK / 2);
                    self.chunks.insert(ci + 1, tail);
                }
                self.len += 1;
            }
        }
    }
    pub fn remove_at(&mut self, p: Pos) -> Stored {
        let c = &mut self.chunks[p.0];
        let o = c.remove(p.1);
        if c.is_empty() {
            self.chunks.remove(p.0);
        }
        self.len -= 1;
        o
    }
    pub fn remove(&mut self, key: Term, keypos: usize, atoms: &AtomTable) -> Option<Stored> {
        let p = self.find(key, keypos, atoms).ok()?;
        Some(self.remove_at(p))
    }
    /// The position after `p` (`None` at the end).
    pub fn next_pos(&self, p: Pos) -> Option<Pos> {
        let c = self.chunks.get(p.0)?;
        if p.1 + 1 < c.len() {
            Some((p.0, p.1 + 1))
        } else if p.0 + 1 < self.chunks.len() {
            Some((p.0 + 1, 0))
        } else {
            None
        }
    }
    /// The position before `p` (`None` at the start).
    pub fn prev_pos(&self, p: Pos) -> Option<Pos> {
        if p.1 > 0 {
            Some((p.0, p.1 - 1))
        } else if p.0 > 0 {
            Some((p.0 - 1, self.chunks[p.0 - 1].len() - 1))
        } else {
            None
        }
    }
    /// A valid position from an insertion point (which may be one past a chunk's end).
    fn normalize(&self, p: Pos) -> Option<Pos> {
        let c = self.chunks.get(p.0)?;
        if p.1 < c.len() {
            Some(p)
        } else if p.0 + 1 < self.chunks.len() {
            Some((p.0 + 1, 0))
        } else {
            None
        }
    }
    pub fn first_pos(&self) -> Option<Pos> {
        if self.len == 0 {
            None
        } else {
            Some((0, 0))
        }
    }
    pub fn last_pos(&self) -> Option<Pos> {
        let n = self.chunks.len();
        if n == 0 {
            None
        } else {
            Some((n - 1, self.chunks[n - 1].len() - 1))
        }
    }
    /// The first object whose key is greater than `key`.
    pub fn pos_after(&self, key: Term, keypos: usize, atoms: &AtomTable) -> Option<Pos> {
        match self.find(key, keypos, atoms) {
            Ok(p) => self.next_pos(p),
            Err(p) => self.normalize(p),
        }
    }
    /// The last object whose key is less than `key`.
    pub fn pos_before(&self, key: Term, keypos: usize, atoms: &AtomTable) -> Option<Pos> {
        match self.find(key, keypos, atoms) {
            Ok(p) | Err(p) => self.prev_pos(p),
        }
    }
    /// The `i`-th object in key order.
    pub fn nth(&self, mut i: usize) -> Option<&Stored> {
        for c in &self.chunks {
            if i < c.len() {
                return Some(&c[i]);
            }
            i -= c.len();
        }
        None
    }
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &Stored> + '_ {
        self.chunks.iter().flat_map(|c| c.iter())
    }
    /// Keeps the objects `keep` accepts, in key order; returns how many went.
    pub fn retain_all(&mut self, mut keep: impl FnMut(&Stored) -> bool) -> usize {
        let mut gone = 0;
        self.chunks.retain_mut(|c| {
            let before = c.len();
            c.retain(|o| keep(o));
            gone += before - c.len();
            !c.is_empty()
        });
        self.len -= gone;
        gone
    }
    pub fn clear(&mut self) -> usize {
        let n = self.len;
        self.chunks.clear();
        self.len = 0;
        n
    }
    pub fn words(&self) -> usize {
        self.iter().map(|o| o.words() + 6).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::heap::{build, Heap};

    fn obj(h: &mut Heap, k: i64) -> Stored {
        let t = build::tuple(h, &[Term::small(k), Term::small(k * 10)]);
        Stored::new(t)
    }

    #[test]
    fn ordered_store_keeps_keys_sorted_across_chunk_splits() {
        let atoms = AtomTable::new();
        let mut h = Heap::new(233);
        let mut s = OrdStore::default();
        // A scrambled insertion order over 0..1000.
        for i in 0..1000i64 {
            let k = (i * 617) % 1000;
            s.put(obj(&mut h, k), 1, &atoms);
        }
        assert_eq!(s.len, 1000);
        let keys: Vec<i64> = s.iter().map(|o| o.key(1).small_value()).collect();
        assert_eq!(keys, (0..1000).collect::<Vec<_>>());
        let f = build::float(&mut h, 499.5);
        let p = s.pos_after(f, 1, &atoms).unwrap();
        assert_eq!(s.at(p).unwrap().key(1), Term::small(500));
        let p = s.pos_before(f, 1, &atoms).unwrap();
        assert_eq!(s.at(p).unwrap().key(1), Term::small(499));
        // 7.0 == 7: the same key.
        let seven = build::float(&mut h, 7.0);
        assert!(s.get(seven, 1, &atoms).is_some());
        for k in 0..1000i64 {
            if k % 3 != 0 {
                assert!(s.remove(Term::small(k), 1, &atoms).is_some());
            }
        }
        assert_eq!(s.len, 334);
        assert_eq!(s.nth(2).unwrap().key(1), Term::small(6));
        let gone = s.retain_all(|o| o.key(1).small_value() < 30);
        assert_eq!(gone, 324);
        let p = s.last_pos().unwrap();
        assert_eq!(s.at(p).unwrap().key(1), Term::small(27));
    }

    #[test]
    fn hash_store_groups_by_exact_key() {
        let mut h = Heap::new(233);
        let mut s = HashStore::default();
        s.put_dbag(obj(&mut h, 1), 1);
        s.put_dbag(obj(&mut h, 1), 1);
        s.put_set(obj(&mut h, 2), 1);
        let one = build::tuple(&mut h, &[Term::small(1), Term::small(10)]);
        s.put_bag(one, 1);
        assert_eq!(s.len, 3);
        let f = build::float(&mut h, 1.0);
        assert!(s.get(f, 1).is_none());
        assert_eq!(s.get(Term::small(1), 1).unwrap().len(), 2);
        let first = s.first_key(1).unwrap();
        let after: Vec<Term> = s
            .groups_after(first, 1, true)
            .unwrap()
            .map(|g| g[0].key(1))
            .collect();
        assert_eq!(after.len(), 1);
        assert_eq!(s.remove_key(Term::small(1), 1).unwrap().len(), 2);
        assert_eq!(s.len, 1);
    }
}
