//! The file's rows read from the tree `toml`'s parser builds, through serde, by a deserializer of
//! this crate's own.
//!
//! `toml` has a deserializer of its own (`toml::from_str`), but it moves each value by value, wraps
//! every error it passes on and hands any visitor every kind of value; instantiated for each row
//! type's derived visitor it came to 104 KB more of the optimised wasm than this reader, 21 KB
//! brotli (README, Size). This one walks the parsed tree (`toml::de::DeTable`) by
//! reference, hands a struct only to `visit_map` and a list only to `visit_seq`, never turns a
//! float into an `f64`, and keeps its error in one box. What it reports is what `toml` reported: serde's own sentences, the span of the value
//! (or of the key, for a key the row does not have, or of the table, for a key it lacks), and the
//! keys from the file's top down to the value, joined with dots (`data.figures.year`).

use std::fmt;
use std::ops::Range;

use serde::de::value::StrDeserializer;
use serde::de::{DeserializeSeed, IntoDeserializer, Unexpected, Visitor};
use toml::de::{DeTable, DeValue};

/// A parsed value and where it is in the text.
pub(super) struct Node<'de, 'i> {
    value: &'de DeValue<'i>,
    span: Range<usize>,
}

impl<'de, 'i> Node<'de, 'i> {
    /// The whole file: its top-level table, spanning `span`.
    pub(super) fn new(value: &'de DeValue<'i>, span: Range<usize>) -> Self {
        Node { value, span }
    }

    fn of(spanned: &'de toml::Spanned<DeValue<'i>>) -> Self {
        Node::new(spanned.get_ref(), spanned.span())
    }

    /// Refuses the value for `visitor`, in serde's words (the same words `toml` chose: a date is a
    /// map, as `toml` hands it to a visitor). A float is quoted as written.
    fn wrong<T, V: Visitor<'de>>(&self, visitor: &V) -> Result<T, Error> {
        let float: String;
        let unexpected = match self.value {
            DeValue::String(s) => Unexpected::Str(s),
            DeValue::Integer(i) => match (
                i64::from_str_radix(i.as_str(), i.radix()),
                u64::from_str_radix(i.as_str(), i.radix()),
            ) {
                (Ok(v), _) => Unexpected::Signed(v),
                (_, Ok(v)) => Unexpected::Unsigned(v),
                _ => Unexpected::Other("integer"),
            },
            DeValue::Float(f) => {
                float = ["floating point `", f.as_str(), "`"].concat();
                Unexpected::Other(&float)
            }
            DeValue::Boolean(b) => Unexpected::Bool(*b),
            DeValue::Array(_) => Unexpected::Seq,
            DeValue::Datetime(_) | DeValue::Table(_) => Unexpected::Map,
        };
        Err(serde::de::Error::invalid_type(unexpected, visitor))
    }
}

/// Why a value could not be read: what serde or a visitor said, where, and under which keys.
#[derive(Debug)]
pub(super) struct Error(Box<Said>);

/// What an [`Error`] holds.
#[derive(Debug)]
pub(super) struct Said {
    /// The sentence, as serde or the visitor wrote it.
    pub(super) message: String,
    /// Byte range in the text: of the value, the key, or the table the sentence is about.
    pub(super) span: Option<Range<usize>>,
    /// The keys from the top of the file down to the value, outermost first.
    pub(super) keys: Vec<String>,
}

impl Error {
    /// What it holds.
    pub(super) fn said(self) -> Said {
        *self.0
    }

    /// The span, unless an inner value gave one already.
    fn at(mut self, span: &Range<usize>) -> Self {
        self.0.span.get_or_insert_with(|| span.clone());
        self
    }
}

impl serde::de::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error(Box::new(Said {
            message: msg.to_string(),
            span: None,
            keys: Vec::new(),
        }))
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.message)
    }
}

impl std::error::Error for Error {}

impl<'de, 'i> IntoDeserializer<'de, Error> for Node<'de, 'i> {
    type Deserializer = Self;

    fn into_deserializer(self) -> Self {
        self
    }
}

impl<'de, 'i> serde::Deserializer<'de> for Node<'de, 'i> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            DeValue::String(s) => visitor.visit_str(s),
            DeValue::Integer(i) => {
                let (text, radix) = (i.as_str(), i.radix());
                if let Ok(v) = i64::from_str_radix(text, radix) {
                    visitor.visit_i64(v)
                } else if let Ok(v) = u64::from_str_radix(text, radix) {
                    visitor.visit_u64(v)
                } else if let Ok(v) = i128::from_str_radix(text, radix) {
                    visitor.visit_i128(v)
                } else if let Ok(v) = u128::from_str_radix(text, radix) {
                    visitor.visit_u128(v)
                } else {
                    Err(serde::de::Error::custom("integer number overflowed"))
                }
            }
            // No row of the file has a float: one is refused for whatever was expected, quoted as
            // written. Turning it into an `f64` would cost core's float parser and its tables
            // (about 16 KB of the wasm) for nothing but a message.
            DeValue::Float(_) => self.wrong(&visitor),
            DeValue::Boolean(b) => visitor.visit_bool(*b),
            DeValue::Array(_) => self.deserialize_seq(visitor),
            DeValue::Datetime(_) | DeValue::Table(_) => self.deserialize_map(visitor),
        }
    }

    // TOML has no null: a key that is there is `Some`, one that is not is left to serde's default.
    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_some(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            DeValue::Array(items) => visitor.visit_seq(Items {
                items: items.iter(),
            }),
            _ => self.wrong(&visitor),
        }
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            DeValue::Table(table) => visitor.visit_map(Entries {
                entries: table.iter(),
                value: None,
            }),
            _ => self.wrong(&visitor),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        if serde_spanned::de::is_spanned(name) {
            let span = self.span.clone();
            return visitor.visit_map(serde_spanned::de::SpannedDeserializer::new(self, span));
        }
        self.deserialize_map(visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.value {
            DeValue::String(s) => visitor.visit_enum(s.as_ref().into_deserializer()),
            _ => self.wrong(&visitor),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf unit
        unit_struct newtype_struct tuple tuple_struct identifier ignored_any
    }
}

/// The items of a list.
struct Items<'de, 'i> {
    items: std::slice::Iter<'de, toml::Spanned<DeValue<'i>>>,
}

impl<'de> serde::de::SeqAccess<'de> for Items<'de, '_> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        let Some(item) = self.items.next() else {
            return Ok(None);
        };
        let node = Node::of(item);
        let span = node.span.clone();
        seed.deserialize(node).map(Some).map_err(|e| e.at(&span))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

type Entry<'de, 'i> = (
    &'de toml::Spanned<toml::de::DeString<'i>>,
    &'de toml::Spanned<DeValue<'i>>,
);

/// The keys and values of a table, in the parser's order (by key).
struct Entries<'de, 'i> {
    entries: <&'de DeTable<'i> as IntoIterator>::IntoIter,
    value: Option<Entry<'de, 'i>>,
}

impl<'de> serde::de::MapAccess<'de> for Entries<'de, '_> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        let Some(entry) = self.entries.next() else {
            return Ok(None);
        };
        self.value = Some(entry);
        let key: StrDeserializer<'_, Error> = entry.0.get_ref().as_ref().into_deserializer();
        seed.deserialize(key)
            .map(Some)
            .map_err(|e| e.at(&entry.0.span()))
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let Some((key, value)) = self.value.take() else {
            return Err(serde::de::Error::custom("a value asked for before its key"));
        };
        let node = Node::of(value);
        let span = node.span.clone();
        seed.deserialize(node).map_err(|e| {
            let mut e = e.at(&span);
            e.0.keys.insert(0, key.get_ref().to_string());
            e
        })
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}
