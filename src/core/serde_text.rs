//! Serde for the small types links and storage write as text: ids, series keys, cell addresses.

/// `Serialize` as the type's `Display` text, `Deserialize` with `$parse` (`&str -> Option<Self>`),
/// refusing any other text with what was `$expected`.
macro_rules! serde_as_text {
    ($ty:ty, $parse:expr, $expected:literal) => {
        impl serde::Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }

        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let text = <String as serde::Deserialize>::deserialize(d)?;
                let parse: fn(&str) -> Option<$ty> = $parse;
                parse(&text).ok_or_else(|| {
                    serde::de::Error::invalid_value(serde::de::Unexpected::Str(&text), &$expected)
                })
            }
        }
    };
}

pub(crate) use serde_as_text;
