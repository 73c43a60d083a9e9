//! A payload as pydantic's `model_dump(mode="json", exclude_none=True)` sees it: a JSON value
//! in which the fields of structs that are `None` are left out, while a `null` inside a list or
//! a free-form map stays, as pydantic keeps `None` items of a `list` or `dict` (checked against
//! pydantic 2.14 by the fingerprint fixture).
//!
//! serde tells struct fields from map entries by the method it calls, so a serializer does the
//! work: [`exclude_none`] writes through [`Dump`], whose struct fields skip what serialised as
//! nothing. A struct with a `#[serde(flatten)]` field is written by serde as a map of unknown
//! length, so such a map is treated as a struct too; a real map always announces its length.

use serde::Serialize;
use serde::ser;
use serde_json::{Error, Map, Value};

/// `value` as JSON, `None` struct fields left out at every depth.
pub(crate) fn exclude_none<T: Serialize + ?Sized>(value: &T) -> Result<Value, Error> {
    Ok(value.serialize(Dump)?.unwrap_or(Value::Null))
}

/// The serializer. `Ok(None)` is "serialised as Python's `None`" (an `Option`'s `None`, a unit),
/// which a struct field drops; a NaN float is a JSON `null` too but not `None`, as in pydantic.
struct Dump;

/// An item of a list or map: `None` is kept there, as `null`.
fn item<T: Serialize + ?Sized>(value: &T) -> Result<Value, Error> {
    exclude_none(value)
}

macro_rules! scalars {
    ($($method:ident($ty:ty)),* $(,)?) => {
        $(fn $method(self, v: $ty) -> Result<Self::Ok, Error> {
            ser::Serializer::$method(serde_json::value::Serializer, v).map(Some)
        })*
    };
}

impl ser::Serializer for Dump {
    type Ok = Option<Value>;
    type Error = Error;
    type SerializeSeq = Seq;
    type SerializeTuple = Seq;
    type SerializeTupleStruct = Seq;
    type SerializeTupleVariant = Seq;
    type SerializeMap = Object;
    type SerializeStruct = Object;
    type SerializeStructVariant = Object;

    scalars!(
        serialize_bool(bool),
        serialize_i8(i8),
        serialize_i16(i16),
        serialize_i32(i32),
        serialize_i64(i64),
        serialize_i128(i128),
        serialize_u8(u8),
        serialize_u16(u16),
        serialize_u32(u32),
        serialize_u64(u64),
        serialize_u128(u128),
        serialize_f32(f32),
        serialize_f64(f64),
        serialize_char(char),
        serialize_str(&str),
        serialize_bytes(&[u8]),
    );

    fn serialize_none(self) -> Result<Self::Ok, Error> {
        Ok(None)
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<Self::Ok, Error> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<Self::Ok, Error> {
        Ok(None)
    }

    fn serialize_unit_struct(self, _name: &'static str) -> Result<Self::Ok, Error> {
        Ok(None)
    }

    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<Self::Ok, Error> {
        Ok(Some(Value::String(variant.to_owned())))
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<Self::Ok, Error> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<Self::Ok, Error> {
        let mut map = Map::new();
        map.insert(variant.to_owned(), item(value)?);
        Ok(Some(Value::Object(map)))
    }

    fn serialize_seq(self, len: Option<usize>) -> Result<Seq, Error> {
        Ok(Seq::new(None, len.unwrap_or(0)))
    }

    fn serialize_tuple(self, len: usize) -> Result<Seq, Error> {
        Ok(Seq::new(None, len))
    }

    fn serialize_tuple_struct(self, _name: &'static str, len: usize) -> Result<Seq, Error> {
        Ok(Seq::new(None, len))
    }

    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Seq, Error> {
        Ok(Seq::new(Some(variant), len))
    }

    fn serialize_map(self, len: Option<usize>) -> Result<Object, Error> {
        // serde writes a struct with a flattened field as a map of unknown length.
        Ok(Object::new(None, len.is_none()))
    }

    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Object, Error> {
        Ok(Object::new(None, true))
    }

    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Object, Error> {
        Ok(Object::new(Some(variant), true))
    }
}

/// Wraps `value` as `{variant: value}` when it belongs to an enum variant.
fn tagged(variant: Option<&'static str>, value: Value) -> Option<Value> {
    Some(match variant {
        Some(name) => Value::Object(Map::from_iter([(name.to_owned(), value)])),
        None => value,
    })
}

/// A list (or tuple) being written.
struct Seq {
    variant: Option<&'static str>,
    items: Vec<Value>,
}

impl Seq {
    fn new(variant: Option<&'static str>, len: usize) -> Self {
        Seq {
            variant,
            items: Vec::with_capacity(len.min(1024)),
        }
    }

    fn push<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.items.push(item(value)?);
        Ok(())
    }

    fn finish(self) -> Result<Option<Value>, Error> {
        Ok(tagged(self.variant, Value::Array(self.items)))
    }
}

macro_rules! seq_impl {
    ($($trait:ident :: $method:ident),*) => {
        $(impl ser::$trait for Seq {
            type Ok = Option<Value>;
            type Error = Error;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
                self.push(value)
            }
            fn end(self) -> Result<Option<Value>, Error> {
                self.finish()
            }
        })*
    };
}

seq_impl!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

/// A struct or map being written; `drop_none` for a struct's fields.
struct Object {
    variant: Option<&'static str>,
    drop_none: bool,
    map: Map<String, Value>,
    key: Option<String>,
}

impl Object {
    fn new(variant: Option<&'static str>, drop_none: bool) -> Self {
        Object {
            variant,
            drop_none,
            map: Map::new(),
            key: None,
        }
    }

    fn field<T: Serialize + ?Sized>(&mut self, key: String, value: &T) -> Result<(), Error> {
        match value.serialize(Dump)? {
            Some(v) => {
                self.map.insert(key, v);
            }
            None if !self.drop_none => {
                self.map.insert(key, Value::Null);
            }
            None => {}
        }
        Ok(())
    }

    fn finish(self) -> Result<Option<Value>, Error> {
        Ok(tagged(self.variant, Value::Object(self.map)))
    }
}

impl ser::SerializeMap for Object {
    type Ok = Option<Value>;
    type Error = Error;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        self.key = Some(map_key(key)?);
        Ok(())
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        let key = self
            .key
            .take()
            .ok_or_else(|| <Error as ser::Error>::custom("a map value without its key"))?;
        self.field(key, value)
    }

    fn end(self) -> Result<Option<Value>, Error> {
        self.finish()
    }
}

macro_rules! struct_impl {
    ($($trait:ident),*) => {
        $(impl ser::$trait for Object {
            type Ok = Option<Value>;
            type Error = Error;
            fn serialize_field<T: Serialize + ?Sized>(
                &mut self,
                key: &'static str,
                value: &T,
            ) -> Result<(), Error> {
                self.field(key.to_owned(), value)
            }
            fn end(self) -> Result<Option<Value>, Error> {
                self.finish()
            }
        })*
    };
}

struct_impl!(SerializeStruct, SerializeStructVariant);

/// A map key as JSON writes it: a string, or an integer or bool spelled as one.
fn map_key<T: Serialize + ?Sized>(key: &T) -> Result<String, Error> {
    match serde_json::to_value(key)? {
        Value::String(text) => Ok(text),
        Value::Number(n) if !n.is_f64() => Ok(n.to_string()),
        Value::Bool(b) => Ok(b.to_string()),
        _ => Err(<Error as ser::Error>::custom(
            "a map key must be a string, an integer or a bool",
        )),
    }
}
