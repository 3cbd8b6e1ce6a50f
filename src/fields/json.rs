//! A record in JSON through the registry: the stored form (every field) and the
//! printed form (what users see), in the contract's field order.

use serde::ser::{SerializeMap, Serializer};
use serde_json::Value as Json;
use std::collections::BTreeMap;

use super::{FIELDS, Placement, Val, sub_judgement_fields};
use crate::extract::Judgement;
use crate::record::DocRecord;

/// The key of the object that holds the sub-judgements in JSON.
pub const JUDGEMENTS_KEY: &str = "judgements";

/// Write a record's printed fields (or, with `stored`, every field) into a JSON map.
pub fn write_record<M: SerializeMap>(
    map: &mut M,
    record: &DocRecord,
    stored: bool,
) -> Result<(), M::Error> {
    let mut subs: Option<BTreeMap<&str, Json>> = None;
    for (i, f) in FIELDS.iter().enumerate() {
        match f.placement {
            Placement::Top => map.serialize_entry(f.json_key(), &f.value(record).to_json())?,
            Placement::StoredOnly if stored => {
                map.serialize_entry(f.json_key(), &f.value(record).to_json())?
            }
            Placement::StoredOnly => {}
            Placement::Judgements => {
                let subs = subs.get_or_insert_with(BTreeMap::new);
                let v = f.value(record);
                if !v.is_null() {
                    subs.insert(f.json_key(), v.to_json());
                }
                let last = FIELDS
                    .get(i + 1)
                    .is_none_or(|n| n.placement != Placement::Judgements);
                if last {
                    map.serialize_entry(JUDGEMENTS_KEY, subs)?;
                }
            }
        }
    }
    Ok(())
}

/// A record's printed fields as a JSON object (the `doc` record without `type`).
pub struct Printed<'a>(pub &'a DocRecord);

impl serde::Serialize for Printed<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        write_record(&mut map, self.0, false)?;
        map.end()
    }
}

impl serde::Serialize for DocRecord {
    /// The stored form: every field, `source` included.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        write_record(&mut map, self, true)?;
        map.end()
    }
}

impl DocRecord {
    /// The sub-judgements given, by name (in name order, as printed).
    pub fn judgements(&self) -> BTreeMap<&'static str, Judgement> {
        sub_judgement_fields()
            .filter_map(|f| match f.value(self) {
                Val::Str(s) => Judgement::parse(s).map(|j| (f.name, j)),
                _ => None,
            })
            .collect()
    }
}

/// Read a stored record (the JSON written by `DocRecord`'s `Serialize`).
pub fn read_record(json: &str) -> Option<DocRecord> {
    let Json::Object(map) = serde_json::from_str::<Json>(json).ok()? else {
        return None;
    };
    let mut record = DocRecord::empty();
    let subs = map.get(JUDGEMENTS_KEY).and_then(Json::as_object);
    for f in FIELDS {
        let Some(set) = f.set else { continue };
        let value = match f.placement {
            Placement::Judgements => subs.and_then(|s| s.get(f.json_key())),
            _ => map.get(f.json_key()),
        };
        set(&mut record, value.unwrap_or(&Json::Null))?;
    }
    Some(record)
}
