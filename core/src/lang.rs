//! The languages the kiosk speaks.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A language of the kiosk. The order is the order of the language buttons.
///
/// Adding a language is a code change on purpose: it needs its UI strings,
/// its on-screen keyboard layout and its date formats, not only texts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Sl,
    De,
    Hu,
    En,
}

impl Lang {
    pub const ALL: [Lang; 4] = [Lang::Sl, Lang::De, Lang::Hu, Lang::En];

    /// ISO 639-1 code, as used in content files and config.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Sl => "sl",
            Lang::De => "de",
            Lang::Hu => "hu",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|lang| lang.code() == code)
    }

    /// The language's name in itself, for the language buttons.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::Sl => "Slovenščina",
            Lang::De => "Deutsch",
            Lang::Hu => "Magyar",
            Lang::En => "English",
        }
    }

    /// The language's English name, for messages to editors.
    pub fn english_name(self) -> &'static str {
        match self {
            Lang::Sl => "Slovenian",
            Lang::De => "German",
            Lang::Hu => "Hungarian",
            Lang::En => "English",
        }
    }

    pub fn supported_codes() -> String {
        Lang::ALL.map(Lang::code).join(", ")
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_unknown_codes_are_refused() {
        for lang in Lang::ALL {
            assert_eq!(Lang::from_code(lang.code()), Some(lang));
        }
        assert_eq!(Lang::from_code("sk"), None);
        assert_eq!(Lang::from_code("EN"), None);
    }
}
