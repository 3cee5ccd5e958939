//! The two languages jikgu reads in.

/// A reader's language. Every string, number and error the app shows is localised to one of these.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    /// Korean (`ko`): the default where the browser prefers Korean.
    Ko,
    /// English (`en`).
    #[default]
    En,
}

impl std::fmt::Display for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.tag())
    }
}

super::serde_text::serde_as_text!(Lang, Lang::from_exact_tag, "ko or en");

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

    /// Reads exactly `ko` or `en`, as a link writes them.
    pub fn from_exact_tag(tag: &str) -> Option<Lang> {
        match tag {
            "ko" => Some(Lang::Ko),
            "en" => Some(Lang::En),
            _ => None,
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

/// The Korean particle "and/with" that fits after `word`: 과 after a final consonant, 와 after a
/// vowel (and after Latin letters, read as their names: EU is 이유).
pub fn with_particle(word: &str) -> &'static str {
    match word.chars().last() {
        Some(c @ '가'..='힣') if (u32::from(c) - 0xAC00) % 28 != 0 => "과",
        _ => "와",
    }
}

/// The final consonant (받침) of the last sound of `word`, as its index among the 27 (`None` for a
/// vowel ending). Digits are read as Sino-Korean numerals (일, 이, 삼 …), Latin letters by their
/// English names, which end in vowels for the units seen here.
fn final_consonant(word: &str) -> Option<u32> {
    match word.trim_end().chars().last()? {
        c @ '가'..='힣' => Some((u32::from(c) - 0xAC00) % 28).filter(|f| *f != 0),
        // 영 일 삼 육 칠 팔 end in a consonant; 이 사 오 구 do not. ㄹ is 8, ㅁ 16, ㅇ 21, ㄱ 1.
        '0' => Some(21),
        '1' | '7' | '8' => Some(8),
        '3' => Some(16),
        '6' => Some(1),
        _ => None,
    }
}

/// The Korean object particle that fits after `word`: 을 after a final consonant, 를 after a vowel
/// (`4,985억 원을`, `43억 달러를`).
pub fn object_particle(word: &str) -> &'static str {
    if final_consonant(word).is_some() {
        "을"
    } else {
        "를"
    }
}

/// The Korean particle "to, into" that fits after `word`: 으로 after a final consonant other than ㄹ,
/// 로 after a vowel or ㄹ (`원으로`, `달러로`, `1일로`).
pub fn toward_particle(word: &str) -> &'static str {
    match final_consonant(word) {
        Some(f) if f != 8 => "으로",
        _ => "로",
    }
}

/// `text` in double quotes for a message, with `"`, `\\` and control characters escaped: what `{:?}`
/// gives for plain text, without bringing the standard library's Unicode escaping tables into the
/// wasm (the data file's ids and names are all a message ever quotes).
pub fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Starts an English label with a capital ("all partners" → "All partners"); Korean has no case.
///
/// ASCII only, on purpose: every label that reaches it starts with an ASCII letter or with Hangul,
/// and Unicode case mapping would bring its tables (about 10 KB) into the wasm for nothing.
pub fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => std::iter::once(first.to_ascii_uppercase())
            .chain(chars)
            .collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn particles_follow_the_last_sound() {
        let rows = [
            ("4,985억 원", "을", "으로", "won ends in ㄴ"),
            ("43억 달러", "를", "로", "dollars end in a vowel"),
            ("1억 3,144만", "을", "으로", "만 ends in ㄴ"),
            ("131", "을", "로", "일 ends in ㄹ: 을 but 로"),
            ("2", "를", "로", "이 ends in a vowel"),
            ("3", "을", "으로", "삼 ends in ㅁ"),
            (
                "$4.3bn",
                "를",
                "로",
                "Latin letters read as names ending in vowels",
            ),
        ];
        for (word, object, toward, why) in rows {
            assert_eq!(object_particle(word), object, "{word}: {why}");
            assert_eq!(toward_particle(word), toward, "{word}: {why}");
        }
    }

    #[test]
    fn quotes_like_debug_for_plain_text() {
        for text in [
            "kiep-2025-07-02",
            "a \"b\" c\\",
            "tab\there\r\nnewline",
            "전체",
            "\u{1}",
        ] {
            assert_eq!(quoted(text), format!("{text:?}"));
        }
    }

    #[test]
    fn capitalises_english_and_leaves_korean() {
        assert_eq!(capitalise("all partners"), "All partners");
        assert_eq!(capitalise("전체"), "전체");
        assert_eq!(capitalise(""), "");
    }

    #[test]
    fn picks_the_particle_by_the_last_sound() {
        for (word, want) in [
            ("중국", "과"),
            ("미국", "과"),
            ("일본", "과"),
            ("아세안", "과"),
            ("영국", "과"),
            ("EU", "와"),
            ("전체", "와"),
        ] {
            assert_eq!(with_particle(word), want, "{word}");
        }
    }

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
