//! Ids that end up in file names, URLs, commands and CSV files: town ids,
//! event ids, kiosk ids.

/// `a-z`, `0-9` and inner hyphens, 1 to 64 characters.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && !id.starts_with('-')
        && !id.ends_with('-')
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

pub const ID_RULE: &str = "1 to 64 characters of a-z, 0-9 and inner hyphens";

/// A value from outside as an error message may quote it: its first 80
/// characters, escaped, so a hostile value stays short and printable.
pub fn shown(value: &str) -> String {
    value
        .chars()
        .take(80)
        .collect::<String>()
        .escape_default()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_lowercase_words_joined_by_hyphens() {
        for good in ["ptuj", "murska-sobota", "kiosk-07", "a"] {
            assert!(is_valid_id(good), "{good}");
        }
        for bad in [
            "",
            "Ptuj",
            "-ptuj",
            "ptuj-",
            "ptuj sobota",
            "ptuj_1",
            "Őrség",
            &"a".repeat(65),
        ] {
            assert!(!is_valid_id(bad), "{bad}");
        }
    }
}
