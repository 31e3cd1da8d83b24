//! Filtering the town tiles of the home screen.

use crate::Lang;
use crate::content::{Country, Pack, Theme, Town};

/// Country and interest; `None` means "all".
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TownFilter {
    pub country: Option<Country>,
    pub theme: Option<Theme>,
}

impl TownFilter {
    pub fn matches(&self, town: &Town) -> bool {
        self.country.is_none_or(|country| town.country == country)
            && self.theme.is_none_or(|theme| town.has_theme(theme))
    }

    /// The matching towns, alphabetically by their name in `lang`.
    pub fn apply<'a>(&self, pack: &'a Pack, lang: Lang) -> Vec<&'a Town> {
        let mut towns: Vec<&Town> = pack
            .towns
            .iter()
            .filter(|town| self.matches(town))
            .collect();
        towns.sort_by_cached_key(|town| sort_key(town.name.get(lang)));
        towns
    }

    pub fn is_active(&self) -> bool {
        self.country.is_some() || self.theme.is_some()
    }
}

/// Alphabetical order that puts Č after C and Ő after O, close to what a
/// reader of any of the four languages expects, without a collation table.
fn sort_key(name: &str) -> Vec<(char, u8)> {
    name.chars()
        .flat_map(char::to_lowercase)
        .map(|c| {
            let (base, accent) = match c {
                'á' | 'ä' => ('a', 1),
                'č' | 'ć' => ('c', 1),
                'đ' => ('d', 1),
                'é' => ('e', 1),
                'í' => ('i', 1),
                'ó' => ('o', 1),
                'ö' => ('o', 2),
                'ő' => ('o', 3),
                'š' => ('s', 1),
                'ß' => ('s', 2),
                'ú' => ('u', 1),
                'ü' => ('u', 2),
                'ű' => ('u', 3),
                'ž' => ('z', 1),
                other => (other, 0),
            };
            (base, accent)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accented_letters_sort_beside_their_base_letter() {
        let mut names = vec![
            "Zalalövő",
            "Őriszentpéter",
            "Ormož",
            "Ptuj",
            "Körmend",
            "Kermenda",
        ];
        names.sort_by_key(|name| sort_key(name));
        assert_eq!(
            names,
            [
                "Kermenda",
                "Körmend",
                "Ormož",
                "Őriszentpéter",
                "Ptuj",
                "Zalalövő"
            ]
        );
    }
}
