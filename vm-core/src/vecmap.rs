//! A map kept as a sorted vector, for the VM's small tables (registered names, ETS tables and
//! their owners, loaded modules, pending embedder calls, the BIF index).
//!
//! Each `BTreeMap<K, V>` instantiation puts about 6 KB of node-balancing code into the wasm
//! build; these tables hold tens to hundreds of entries, where a binary search over a vector
//! is as fast and its code a tenth of the size.

use alloc::vec::Vec;
use core::borrow::Borrow;

#[derive(Clone, Debug)]
pub struct VecMap<K, V> {
    entries: Vec<(K, V)>,
}

impl<K, V> Default for VecMap<K, V> {
    fn default() -> Self {
        VecMap {
            entries: Vec::new(),
        }
    }
}

impl<K: Ord, V> VecMap<K, V> {
    pub fn new() -> Self {
        Self::default()
    }
    fn find<Q: Ord + ?Sized>(&self, k: &Q) -> Result<usize, usize>
    where
        K: Borrow<Q>,
    {
        self.entries.binary_search_by(|(e, _)| e.borrow().cmp(k))
    }
    pub fn get<Q: Ord + ?Sized>(&self, k: &Q) -> Option<&V>
    where
        K: Borrow<Q>,
    {
        self.find(k).ok().map(|i| &self.entries[i].1)
    }
    /// The value at `k`, inserted as `V::default()` first when absent.
    pub fn get_or_default(&mut self, k: K) -> &mut V
    where
        V: Default,
    {
        let i = match self.find(&k) {
            Ok(i) => i,
            Err(i) => {
                self.entries.insert(i, (k, V::default()));
                i
            }
        };
        &mut self.entries[i].1
    }
    pub fn get_mut(&mut self, k: &K) -> Option<&mut V> {
        match self.find(k) {
            Ok(i) => Some(&mut self.entries[i].1),
            Err(_) => None,
        }
    }
    pub fn contains_key(&self, k: &K) -> bool {
        self.find(k).is_ok()
    }
    /// Inserts or replaces; the value replaced, if any.
    pub fn insert(&mut self, k: K, v: V) -> Option<V> {
        match self.find(&k) {
            Ok(i) => Some(core::mem::replace(&mut self.entries[i].1, v)),
            Err(i) => {
                self.entries.insert(i, (k, v));
                None
            }
        }
    }
    pub fn remove(&mut self, k: &K) -> Option<V> {
        match self.find(k) {
            Ok(i) => Some(self.entries.remove(i).1),
            Err(_) => None,
        }
    }
    pub fn len(&self) -> usize {
        self.entries.len()
    }
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
    /// Keys in ascending order.
    pub fn keys(&self) -> impl Iterator<Item = &K> {
        self.entries.iter().map(|(k, _)| k)
    }
    pub fn values(&self) -> impl Iterator<Item = &V> {
        self.entries.iter().map(|(_, v)| v)
    }
    pub fn values_mut(&mut self) -> impl Iterator<Item = &mut V> {
        self.entries.iter_mut().map(|(_, v)| v)
    }
    /// Entries in ascending key order.
    pub fn iter(&self) -> impl Iterator<Item = (&K, &V)> {
        self.entries.iter().map(|(k, v)| (k, v))
    }
}

#[cfg(test)]
mod tests {
    use super::VecMap;

    #[test]
    fn behaves_like_an_ordered_map() {
        let mut m = VecMap::new();
        let mut reference = alloc::collections::BTreeMap::new();
        // A fixed pseudo-random sequence of inserts and removes.
        let mut seed: u32 = 12345;
        for _ in 0..2000 {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12345);
            let k = (seed >> 16) % 64;
            if seed & 1 == 0 {
                assert_eq!(m.insert(k, seed), reference.insert(k, seed));
            } else {
                assert_eq!(m.remove(&k), reference.remove(&k));
            }
            assert_eq!(m.len(), reference.len());
            assert_eq!(m.get(&k), reference.get(&k));
        }
        assert!(m.iter().eq(reference.iter()));
        assert!(m.keys().eq(reference.keys()));
        if let Some(v) = m.get_mut(&7) {
            *v = 0;
        }
        assert!(!m.contains_key(&64));
        *m.get_or_default(64) += 5;
        *m.get_or_default(64) += 1;
        assert_eq!(m.get(&64), Some(&6));
        m.values_mut().for_each(|v| *v = 1);
        assert!(m.values().all(|v| *v == 1));
        let mut names = VecMap::new();
        names.insert(alloc::string::String::from("lists"), 1);
        assert_eq!(names.get("lists"), Some(&1));
    }
}
