//! One module per screen, each with its own `State`, `Message`, `update`
//! and `view`. Screens read the pack through a [`Ctx`] and tell the app
//! where to go through their `update`'s return value.

pub mod attract;
pub mod events;
pub mod film;
pub mod home;
pub mod interest;
pub mod kids;
pub mod map;
pub mod pin;
pub mod staff;
pub mod town;

use chrono::NaiveDate;
use city_core::Lang;
use city_core::content::{Country, EventCategory, Pack, Theme};
use city_core::i18n::{Arg, Key};
use iced::Size;

/// What every screen needs to draw itself.
pub struct Ctx<'a> {
    pub pack: &'a Pack,
    pub lang: Lang,
    pub today: NaiveDate,
    /// The area the screen has, below the header and above the navigation.
    pub size: Size,
}

impl Ctx<'_> {
    pub fn t(&self, key: Key) -> String {
        self.pack.ui.text(self.lang, key)
    }

    pub fn tf(&self, key: Key, args: &[(&str, Arg)]) -> String {
        self.pack.ui.format(self.lang, key, args)
    }

    /// Portrait kiosks (1080x1920) stack what landscape ones put side by side.
    pub fn portrait(&self) -> bool {
        self.size.height > self.size.width
    }

    pub fn country(&self, country: Country) -> String {
        self.t(match country {
            Country::At => Key::CountryAt,
            Country::Si => Key::CountrySi,
            Country::Hu => Key::CountryHu,
        })
    }

    pub fn theme(&self, theme: Theme) -> String {
        self.t(Key::theme(theme))
    }

    pub fn category(&self, category: EventCategory) -> String {
        self.t(match category {
            EventCategory::Festival => Key::CategoryFestival,
            EventCategory::Culture => Key::CategoryCulture,
            EventCategory::Music => Key::CategoryMusic,
            EventCategory::Culinary => Key::CategoryCulinary,
            EventCategory::Market => Key::CategoryMarket,
            EventCategory::Sport => Key::CategorySport,
            EventCategory::Family => Key::CategoryFamily,
            EventCategory::Fair => Key::CategoryFair,
            EventCategory::Tradition => Key::CategoryTradition,
        })
    }

    pub fn town_name(&self, id: &str) -> String {
        self.pack
            .town(id)
            .map(|town| town.name.get(self.lang).to_string())
            .unwrap_or_else(|| id.to_string())
    }
}
