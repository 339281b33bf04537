//! Maps read from a draft refuse a key given twice. Serde's maps keep the last value
//! of a repeated key and drop the first without a word; in a draft that is a figure
//! or a paragraph lost, so a repeated key is an error at its line:column instead.

use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{Deserialize, Deserializer, Error, MapAccess, Visitor};

/// A map whose keys were each given once.
pub struct Unique<K, V>(pub BTreeMap<K, V>);

impl<'de, K, V> Deserialize<'de> for Unique<K, V>
where
    K: Deserialize<'de> + Ord + fmt::Debug,
    V: Deserialize<'de>,
{
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Keys<K, V>(PhantomData<(K, V)>);
        impl<'de, K, V> Visitor<'de> for Keys<K, V>
        where
            K: Deserialize<'de> + Ord + fmt::Debug,
            V: Deserialize<'de>,
        {
            type Value = Unique<K, V>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a map")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Self::Value, A::Error> {
                let mut map = BTreeMap::new();
                while let Some(key) = access.next_key::<K>()? {
                    if map.contains_key(&key) {
                        return Err(A::Error::custom(format!(
                            "the key {key:?} is given twice (the first value would be lost)"
                        )));
                    }
                    let value = access.next_value()?;
                    map.insert(key, value);
                }
                Ok(Unique(map))
            }
        }
        d.deserialize_map(Keys(PhantomData))
    }
}

/// For `#[serde(deserialize_with = "unique::map")]`.
pub fn map<'de, D, K, V>(d: D) -> Result<BTreeMap<K, V>, D::Error>
where
    D: Deserializer<'de>,
    K: Deserialize<'de> + Ord + fmt::Debug,
    V: Deserialize<'de>,
{
    Unique::deserialize(d).map(|u| u.0)
}

/// For a map of maps (a table's cells by row, then by column).
pub fn map_of_maps<'de, D, K, L, V>(d: D) -> Result<BTreeMap<K, BTreeMap<L, V>>, D::Error>
where
    D: Deserializer<'de>,
    K: Deserialize<'de> + Ord + fmt::Debug,
    L: Deserialize<'de> + Ord + fmt::Debug,
    V: Deserialize<'de>,
{
    let outer = Unique::<K, Unique<L, V>>::deserialize(d)?;
    Ok(outer.0.into_iter().map(|(k, v)| (k, v.0)).collect())
}
