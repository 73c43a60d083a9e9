//! Query parameters and headers in case and fixture files: written as an object
//! (`{"limit": "10"}`, a list of values for a repeated name) or as `[name, value]` pairs.

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

/// Writes `pairs` as an object, names in first-seen order, repeated names as lists.
pub(super) fn serialize<S: Serializer>(
    pairs: &[(String, String)],
    s: S,
) -> Result<S::Ok, S::Error> {
    let mut object = Map::new();
    for (name, value) in pairs {
        match object.get_mut(name) {
            None => {
                object.insert(name.clone(), Value::String(value.clone()));
            }
            Some(Value::Array(values)) => values.push(Value::String(value.clone())),
            Some(first) => {
                let first = first.take();
                object.insert(
                    name.clone(),
                    Value::Array(vec![first, Value::String(value.clone())]),
                );
            }
        }
    }
    object.serialize(s)
}

/// Reads an object or a list of pairs.
pub(super) fn deserialize<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Vec<(String, String)>, D::Error> {
    match Value::deserialize(d)? {
        Value::Object(object) => {
            let mut pairs = Vec::new();
            for (name, value) in object {
                match value {
                    Value::String(text) => pairs.push((name, text)),
                    Value::Array(values) => {
                        for value in values {
                            let Value::String(text) = value else {
                                return Err(D::Error::custom(format!(
                                    "`{name}`: values are strings"
                                )));
                            };
                            pairs.push((name.clone(), text));
                        }
                    }
                    _ => return Err(D::Error::custom(format!("`{name}`: values are strings"))),
                }
            }
            Ok(pairs)
        }
        list @ Value::Array(_) => serde_json::from_value(list).map_err(D::Error::custom),
        _ => Err(D::Error::custom(
            "expected an object or a list of [name, value] pairs",
        )),
    }
}

/// [`serialize`] and [`deserialize`] for an optional list.
pub(super) mod optional {
    use serde::{Deserialize, Deserializer, Serializer};

    pub(in super::super) fn serialize<S: Serializer>(
        pairs: &Option<Vec<(String, String)>>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        match pairs {
            Some(pairs) => super::serialize(pairs, s),
            None => s.serialize_none(),
        }
    }

    pub(in super::super) fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<Vec<(String, String)>>, D::Error> {
        #[derive(Deserialize)]
        struct Pairs(#[serde(deserialize_with = "super::deserialize")] Vec<(String, String)>);
        Ok(Option::<Pairs>::deserialize(d)?.map(|p| p.0))
    }
}

#[cfg(test)]
mod tests {
    use crate::Exchange;
    use serde_json::json;

    #[test]
    fn objects_and_pairs_read_the_same_and_write_as_objects() {
        let from_object: Exchange = serde_json::from_value(json!({
            "request": {"method": "GET", "path": "/a", "query": {"id": ["1", "2"], "limit": "5"}},
        }))
        .unwrap();
        let from_pairs: Exchange = serde_json::from_value(json!({
            "request": {"method": "GET", "path": "/a", "query": [["id", "1"], ["id", "2"], ["limit", "5"]]},
        }))
        .unwrap();
        assert_eq!(from_object, from_pairs);
        assert_eq!(
            serde_json::to_value(&from_pairs).unwrap()["request"]["query"],
            json!({"id": ["1", "2"], "limit": "5"})
        );
    }
}
