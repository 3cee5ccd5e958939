//! A map (and a set) kept as a vector sorted by key, for the small maps the app keeps: the ones
//! the dataset builds once when the file is read, and a scenario's edits and choices.
//!
//! `BTreeMap`'s insertion, removal, rebalancing, cloning and dropping are compiled again for every
//! key and value type; a sorted vector needs only a binary search and `Vec::insert` or
//! `Vec::remove` per type, which is a fraction of the wasm for maps of a few hundred entries at
//! most. An insertion out of key order moves the entries after it, so building a map is quadratic
//! in the worst case; every map here is keyed by series, year or both, which bounds it (63 series
//! over 111 years, about 7,000 entries, for a crafted file or link written out of order).

use std::cmp::Ordering;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The positions `0..n` in the order `cmp` puts them (positions `cmp` finds equal in any order).
///
/// Every sort of our own data goes through this one function, so the wasm carries one copy of the
/// sort's code for them all rather than one per element type and comparison.
pub fn sorted_order(n: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_unstable_by(|a, b| cmp(*a, *b));
    order
}

/// Sorts `v` by `cmp` through [`sorted_order`] (equal elements in any order).
pub fn sort_by<T: Copy>(v: &mut Vec<T>, cmp: &dyn Fn(&T, &T) -> Ordering) {
    let items: &[T] = v;
    let order = sorted_order(items.len(), &|a, b| match (items.get(a), items.get(b)) {
        (Some(x), Some(y)) => cmp(x, y),
        _ => Ordering::Equal,
    });
    let sorted = order
        .iter()
        .filter_map(|&i| items.get(i).copied())
        .collect();
    *v = sorted;
}

/// Keys in ascending order, each once, with their values.
#[derive(Clone, PartialEq, Eq)]
pub struct SortedMap<K, V>(Vec<(K, V)>);

impl<K, V> Default for SortedMap<K, V> {
    fn default() -> Self {
        SortedMap(Vec::new())
    }
}

impl<K: fmt::Debug, V: fmt::Debug> fmt::Debug for SortedMap<K, V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map()
            .entries(self.0.iter().map(|(k, v)| (k, v)))
            .finish()
    }
}

impl<K: Ord, V> SortedMap<K, V> {
    /// An empty map.
    pub fn new() -> Self {
        Self::default()
    }

    /// Where `key` is (`Ok`) or would go (`Err`).
    fn find(&self, key: &K) -> Result<usize, usize> {
        self.0.binary_search_by(|(k, _)| k.cmp(key))
    }

    /// The value of `key`.
    pub fn get(&self, key: &K) -> Option<&V> {
        self.find(key)
            .ok()
            .and_then(|i| self.0.get(i))
            .map(|(_, v)| v)
    }

    /// Whether `key` has a value.
    pub fn contains_key(&self, key: &K) -> bool {
        self.find(key).is_ok()
    }

    /// Sets the value of `key`, replacing (and returning) any value it had.
    pub fn insert(&mut self, key: K, value: V) -> Option<V> {
        match self.find(&key) {
            Ok(i) => self.0.get_mut(i).map(|(_, v)| std::mem::replace(v, value)),
            Err(i) => {
                self.0.insert(i, (key, value));
                None
            }
        }
    }

    /// The value of `key`, set first to `make()` if it had none (`entry(key).or_insert_with`).
    pub fn get_or_insert_with(&mut self, key: K, make: impl FnOnce() -> V) -> &mut V {
        let i = match self.find(&key) {
            Ok(i) => i,
            Err(i) => {
                self.0.insert(i, (key, make()));
                i
            }
        };
        // `i` is in bounds: it was found, or an entry was just inserted there.
        &mut self.0[i].1
    }

    /// Removes `key`, returning its value.
    pub fn remove(&mut self, key: &K) -> Option<V> {
        self.find(key).ok().map(|i| self.0.remove(i).1)
    }

    /// The entries whose keys lie in `from..=to`, in order.
    pub fn range(&self, from: &K, to: &K) -> impl Iterator<Item = (&K, &V)> {
        self.starting_at(|k| k < from)
            .take_while(move |(k, _)| k <= to)
            .map(|(k, v)| (k, v))
    }

    /// The entries from the first key for which `below` is false onwards, in order (`below` must
    /// hold for a prefix of the keys).
    pub fn starting_at(&self, below: impl Fn(&K) -> bool) -> impl Iterator<Item = &(K, V)> {
        let start = self.0.partition_point(|(k, _)| below(k));
        self.0.get(start..).unwrap_or_default().iter()
    }
}

impl<K, V> SortedMap<K, V> {
    /// Every entry, by key.
    pub fn iter(&self) -> impl Iterator<Item = (&K, &V)> {
        self.0.iter().map(|(k, v)| (k, v))
    }

    /// Every key, ascending.
    pub fn keys(&self) -> impl Iterator<Item = &K> {
        self.0.iter().map(|(k, _)| k)
    }

    /// Every value, by key.
    pub fn values(&self) -> impl Iterator<Item = &V> {
        self.0.iter().map(|(_, v)| v)
    }

    /// Whether the map is empty.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// How many entries there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Removes every entry.
    pub fn clear(&mut self) {
        self.0.clear();
    }

    /// Keeps only the entries `keep` accepts (it may change their values).
    pub fn retain(&mut self, mut keep: impl FnMut(&K, &mut V) -> bool) {
        self.0.retain_mut(|(k, v)| keep(k, v));
    }
}

impl<'a, K, V> IntoIterator for &'a SortedMap<K, V> {
    type Item = (&'a K, &'a V);
    type IntoIter = std::iter::Map<std::slice::Iter<'a, (K, V)>, fn(&'a (K, V)) -> (&'a K, &'a V)>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|(k, v)| (k, v))
    }
}

/// Values in ascending order, each once.
#[derive(Clone, PartialEq, Eq)]
pub struct SortedSet<T>(SortedMap<T, ()>);

impl<T> Default for SortedSet<T> {
    fn default() -> Self {
        SortedSet(SortedMap::default())
    }
}

impl<T: fmt::Debug> fmt::Debug for SortedSet<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.0.keys()).finish()
    }
}

impl<T: Ord> SortedSet<T> {
    /// An empty set.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds `value`; false when it was there already.
    pub fn insert(&mut self, value: T) -> bool {
        self.0.insert(value, ()).is_none()
    }

    /// Removes `value`; false when it was not there.
    pub fn remove(&mut self, value: &T) -> bool {
        self.0.remove(value).is_some()
    }

    /// Whether `value` is in the set.
    pub fn contains(&self, value: &T) -> bool {
        self.0.contains_key(value)
    }
}

impl<T> SortedSet<T> {
    /// Every value, ascending.
    pub fn iter(&self) -> impl Iterator<Item = &T> {
        self.0.keys()
    }

    /// Whether the set is empty.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// How many values there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Removes every value.
    pub fn clear(&mut self) {
        self.0.clear();
    }
}

/// Written as a map (JSON: an object, so keys must write as strings), like `BTreeMap`.
impl<K: Serialize, V: Serialize> Serialize for SortedMap<K, V> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.iter())
    }
}

/// Read from a map; a key given twice keeps its last value, as `BTreeMap` does.
impl<'de, K: Ord + Deserialize<'de>, V: Deserialize<'de>> Deserialize<'de> for SortedMap<K, V> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Entries<K, V>(PhantomData<(K, V)>);
        impl<'de, K: Ord + Deserialize<'de>, V: Deserialize<'de>> Visitor<'de> for Entries<K, V> {
            type Value = SortedMap<K, V>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a map")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut entries: A) -> Result<Self::Value, A::Error> {
                let mut map = SortedMap::new();
                while let Some((k, v)) = entries.next_entry()? {
                    map.insert(k, v);
                }
                Ok(map)
            }
        }
        d.deserialize_map(Entries(PhantomData))
    }
}

/// Written as a sequence in ascending order, like `BTreeSet`.
impl<T: Serialize> Serialize for SortedSet<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

/// Read from a sequence in any order; a value given twice is kept once.
impl<'de, T: Ord + Deserialize<'de>> Deserialize<'de> for SortedSet<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Values<T>(PhantomData<T>);
        impl<'de, T: Ord + Deserialize<'de>> Visitor<'de> for Values<T> {
            type Value = SortedSet<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a list")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut values: A) -> Result<Self::Value, A::Error> {
                let mut set = SortedSet::new();
                while let Some(v) = values.next_element()? {
                    set.insert(v);
                }
                Ok(set)
            }
        }
        d.deserialize_seq(Values(PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use super::{SortedMap, SortedSet};

    #[test]
    fn keeps_keys_sorted_and_unique() {
        let mut m = SortedMap::new();
        assert_eq!(m.insert(3, "c"), None);
        assert_eq!(m.insert(1, "a"), None);
        assert_eq!(m.insert(2, "b"), None);
        assert_eq!(m.insert(3, "C"), Some("c"));
        assert_eq!(m.keys().copied().collect::<Vec<_>>(), [1, 2, 3]);
        assert_eq!(m.get(&3), Some(&"C"));
        assert_eq!(m.get(&4), None);
        assert!(m.contains_key(&1) && !m.contains_key(&0));
        assert_eq!(*m.get_or_insert_with(2, || "x"), "b");
        assert_eq!(*m.get_or_insert_with(0, || "z"), "z");
        assert_eq!(
            m.values().copied().collect::<Vec<_>>(),
            ["z", "a", "b", "C"]
        );
        let tail: Vec<i32> = m.starting_at(|k| *k < 2).map(|(k, _)| *k).collect();
        assert_eq!(tail, [2, 3]);
        assert_eq!(format!("{m:?}"), r#"{0: "z", 1: "a", 2: "b", 3: "C"}"#);
        let mid: Vec<i32> = m.range(&1, &2).map(|(k, _)| *k).collect();
        assert_eq!(mid, [1, 2]);
        assert_eq!(m.remove(&1), Some("a"));
        assert_eq!(m.remove(&1), None);
        m.retain(|k, _| *k != 3);
        assert_eq!(
            (&m).into_iter().map(|(k, _)| *k).collect::<Vec<_>>(),
            [0, 2]
        );
        assert_eq!(m.len(), 2);
        m.clear();
        assert!(m.is_empty());
    }

    #[test]
    fn sorts_through_one_index_order() {
        let words = ["pear", "fig", "apple", "fig"];
        let order = super::sorted_order(words.len(), &|a, b| words[a].cmp(words[b]));
        assert_eq!(order[0], 2, "apple first");
        assert_eq!(order[3], 0, "pear last");
        let mut v = vec![3, 1, 2, 1];
        super::sort_by(&mut v, &|a: &i32, b: &i32| b.cmp(a));
        assert_eq!(v, [3, 2, 1, 1]);
    }

    #[test]
    fn a_set_holds_each_value_once() {
        let mut s = SortedSet::new();
        assert!(s.insert(2) && s.insert(1) && !s.insert(2));
        assert_eq!(s.iter().copied().collect::<Vec<_>>(), [1, 2]);
        assert!(s.contains(&1) && !s.contains(&3));
        assert!(s.remove(&1) && !s.remove(&1));
        assert_eq!((s.len(), format!("{s:?}")), (1, "{2}".to_string()));
        s.clear();
        assert!(s.is_empty());
    }
}
