//! The two languages jikgu reads in.

use serde::{Deserialize, Serialize};

/// A reader's language. Every string, number and error the app shows is localised to one of these.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Korean (`ko`): the default where the browser prefers Korean.
    Ko,
    /// English (`en`).
    #[default]
    En,
}

impl Lang {
    /// The BCP 47 tag, as used in `<html lang>`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Ko => "ko",
            Lang::En => "en",
        }
    }

    /// Reads a BCP 47 tag such as `ko-KR` or `en-GB`; anything not Korean reads as English.
    pub fn from_tag(tag: &str) -> Lang {
        let primary = tag.split(['-', '_']).next().unwrap_or_default();
        if primary.eq_ignore_ascii_case("ko") {
            Lang::Ko
        } else {
            Lang::En
        }
    }

    /// Picks the string for this language from a pair.
    pub fn pick<'a>(self, ko: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Ko => ko,
            Lang::En => en,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_tags() {
        for (tag, want) in [
            ("ko", Lang::Ko),
            ("ko-KR", Lang::Ko),
            ("KO_kr", Lang::Ko),
            ("en-US", Lang::En),
            ("fr", Lang::En),
            ("", Lang::En),
        ] {
            assert_eq!(Lang::from_tag(tag), want, "tag {tag:?}");
        }
    }
}
