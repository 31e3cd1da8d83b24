//! Every UI string the kiosk uses, by its message id in the `.ftl` files.
//! A pack whose `ui/<lang>.ftl` lacks one of these is refused by the
//! validator, so the kiosk never shows a blank where a word belongs.

/// Declares an enum of UI strings with their Fluent message ids: the
/// kiosk's [`Key`] here, the hub console's in `city-hub`.
#[macro_export]
macro_rules! ui_keys {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $id:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name {
            $($variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The message id in the `.ftl` files.
            pub fn id(self) -> &'static str {
                match self {
                    $($name::$variant => $id),+
                }
            }
        }
    };
}

ui_keys! {
    /// A UI string of the kiosk.
    Key {
        NavTowns => "nav-towns",
        NavEvents => "nav-events",
        NavMap => "nav-map",
        NavKids => "nav-kids",
        Back => "back",
        Home => "home",
        AttractTouch => "attract-touch",
        HomeTitle => "home-title",
        FilterAll => "filter-all",
        FilterCountry => "filter-country",
        FilterTheme => "filter-theme",
        NoTownMatches => "home-no-town",
        ShowAllTowns => "home-show-all",
        TownCount => "town-count",
        CountryAt => "country-at",
        CountrySi => "country-si",
        CountryHu => "country-hu",
        ThemeTourism => "theme-tourism",
        ThemeCulture => "theme-culture",
        ThemeCulinary => "theme-culinary",
        ThemeFamily => "theme-family",
        ThemeBusiness => "theme-business",
        ThemeYouth => "theme-youth",
        TownAbout => "town-about",
        TownSights => "town-sights",
        TownEvents => "town-events",
        TownNoEvents => "town-no-events",
        TownBenefits => "town-benefits",
        BenefitValid => "benefit-valid",
        BenefitCode => "benefit-code",
        TownKids => "town-kids",
        TownGuide => "town-guide",
        TownGuideHint => "town-guide-hint",
        TownSendMore => "town-send-more",
        FilmWatch => "film-watch",
        FilmPlay => "film-play",
        FilmPause => "film-pause",
        FilmClose => "film-close",
        GuideTitle => "guide-title",
        GuideListen => "guide-listen",
        GuideStop => "guide-stop",
        GuideLanguageChanged => "guide-language-changed",
        TownPopulation => "town-population",
        GalleryPosition => "gallery-position",
        EventCount => "event-count",
        EventsTitle => "events-title",
        EventsThisWeekend => "events-this-weekend",
        EventsAllDates => "events-all-dates",
        EventsAnyTown => "events-any-town",
        EventsAnyCategory => "events-any-category",
        EventsNone => "events-none",
        CategoryFestival => "category-festival",
        CategoryCulture => "category-culture",
        CategoryMusic => "category-music",
        CategoryCulinary => "category-culinary",
        CategoryMarket => "category-market",
        CategorySport => "category-sport",
        CategoryFamily => "category-family",
        CategoryFair => "category-fair",
        CategoryTradition => "category-tradition",
        MapTitle => "map-title",
        MapHint => "map-hint",
        KidsTitle => "kids-title",
        KidsHint => "kids-hint",
        KidsVisitTown => "kids-visit-town",
        KidsThingsToDo => "kids-things-to-do",
        IdleStillThere => "idle-still-there",
        IdleContinue => "idle-continue",
        InterestOpen => "interest-open",
        InterestTitle => "interest-title",
        InterestIntro => "interest-intro",
        FieldEmail => "field-email",
        FieldName => "field-name",
        FieldCountry => "field-country",
        FieldMessage => "field-message",
        FieldAddress => "field-address",
        ChooseCountry => "choose-country",
        InterestTowns => "interest-towns",
        InterestAddTowns => "interest-add-towns",
        InterestThemes => "interest-themes",
        InterestFamily => "interest-family",
        InterestCalendar => "interest-calendar",
        CalendarNone => "calendar-none",
        CalendarEmail => "calendar-email",
        CalendarPost => "calendar-post",
        ConsentTitle => "consent-title",
        ConsentRequired => "consent-required",
        ConsentOptional => "consent-optional",
        InterestSend => "interest-send",
        InterestClear => "interest-clear",
        ErrorEmailMissing => "error-email-missing",
        ErrorEmailMalformed => "error-email-malformed",
        ErrorConsent => "error-consent",
        ErrorAddress => "error-address",
        ErrorTooLong => "error-too-long",
        ErrorSaving => "error-saving",
        InterestSaving => "interest-saving",
        PhoneContinue => "phone-continue",
        PhoneContinueHint => "phone-continue-hint",
        ThanksTitle => "thanks-title",
        ThanksText => "thanks-text",
        ThanksDone => "thanks-done",
        KeyShift => "key-shift",
        KeyBackspace => "key-backspace",
        KeySpace => "key-space",
        KeyDone => "key-done",
        ResidenceAt => "residence-at",
        ResidenceSi => "residence-si",
        ResidenceHu => "residence-hu",
        ResidenceDe => "residence-de",
        ResidenceIt => "residence-it",
        ResidenceHr => "residence-hr",
        ResidenceCz => "residence-cz",
        ResidenceSk => "residence-sk",
        ResidencePl => "residence-pl",
        ResidenceCh => "residence-ch",
        ResidenceNl => "residence-nl",
        ResidenceBe => "residence-be",
        ResidenceFr => "residence-fr",
        ResidenceGb => "residence-gb",
        ResidenceOther => "residence-other",
        StaffPinTitle => "staff-pin-title",
        StaffPinWrong => "staff-pin-wrong",
        StaffPinLocked => "staff-pin-locked",
        StaffNotSetUp => "staff-not-set-up",
        StaffTitle => "staff-title",
        StaffToday => "staff-today",
        StaffTotal => "staff-total",
        StaffUnsynced => "staff-unsynced",
        StaffOnlyHere => "staff-only-here",
        StaffTopTowns => "staff-top-towns",
        StaffTopThemes => "staff-top-themes",
        StaffExport => "staff-export",
        StaffNoDrive => "staff-no-drive",
        StaffExported => "staff-exported",
        StaffExportFailed => "staff-export-failed",
        StaffErase => "staff-erase",
        StaffEraseConfirm => "staff-erase-confirm",
        StaffErased => "staff-erased",
        StaffVenue => "staff-venue",
        StaffSaveVenue => "staff-save-venue",
        StaffQuit => "staff-quit",
        StaffClose => "staff-close",
        StaffHub => "staff-hub",
        StaffLastSync => "staff-last-sync",
        StaffNextSync => "staff-next-sync",
        StaffNeverSynced => "staff-never-synced",
        StaffSyncNow => "staff-sync-now",
        StaffNoHub => "staff-no-hub",
        StaffSyncError => "staff-sync-error",
        Yes => "yes",
        Cancel => "cancel",
        Month1 => "month-1",
        Month2 => "month-2",
        Month3 => "month-3",
        Month4 => "month-4",
        Month5 => "month-5",
        Month6 => "month-6",
        Month7 => "month-7",
        Month8 => "month-8",
        Month9 => "month-9",
        Month10 => "month-10",
        Month11 => "month-11",
        Month12 => "month-12",
        MonthDate1 => "month-date-1",
        MonthDate2 => "month-date-2",
        MonthDate3 => "month-date-3",
        MonthDate4 => "month-date-4",
        MonthDate5 => "month-date-5",
        MonthDate6 => "month-date-6",
        MonthDate7 => "month-date-7",
        MonthDate8 => "month-date-8",
        MonthDate9 => "month-date-9",
        MonthDate10 => "month-date-10",
        MonthDate11 => "month-date-11",
        MonthDate12 => "month-date-12",
    }
}

impl Key {
    /// A country of residence by its ISO code (`XX` for "another").
    pub fn residence(code: &str) -> Key {
        match code {
            "AT" => Key::ResidenceAt,
            "SI" => Key::ResidenceSi,
            "HU" => Key::ResidenceHu,
            "DE" => Key::ResidenceDe,
            "IT" => Key::ResidenceIt,
            "HR" => Key::ResidenceHr,
            "CZ" => Key::ResidenceCz,
            "SK" => Key::ResidenceSk,
            "PL" => Key::ResidencePl,
            "CH" => Key::ResidenceCh,
            "NL" => Key::ResidenceNl,
            "BE" => Key::ResidenceBe,
            "FR" => Key::ResidenceFr,
            "GB" => Key::ResidenceGb,
            _ => Key::ResidenceOther,
        }
    }

    /// An interest (theme) by its name on the kiosk.
    pub fn theme(theme: crate::content::Theme) -> Key {
        use crate::content::Theme;
        match theme {
            Theme::Tourism => Key::ThemeTourism,
            Theme::Culture => Key::ThemeCulture,
            Theme::Culinary => Key::ThemeCulinary,
            Theme::Family => Key::ThemeFamily,
            Theme::Business => Key::ThemeBusiness,
            Theme::Youth => Key::ThemeYouth,
        }
    }

    /// What the form says about a field that cannot be sent as it is.
    pub fn form_error(error: crate::leads::FormError) -> Key {
        use crate::leads::FormError;
        match error {
            FormError::EmailMissing => Key::ErrorEmailMissing,
            FormError::EmailMalformed => Key::ErrorEmailMalformed,
            FormError::ContactConsentMissing => Key::ErrorConsent,
            FormError::AddressMissing => Key::ErrorAddress,
            FormError::NameTooLong
            | FormError::AddressTooLong
            | FormError::MessageTooLong
            // (An unknown country comes only from a tampered form.)
            | FormError::UnknownCountry => Key::ErrorTooLong,
        }
    }

    /// The month's name on its own, as in a calendar heading (1 = January).
    pub fn month(month: u32) -> Key {
        const MONTHS: [Key; 12] = [
            Key::Month1,
            Key::Month2,
            Key::Month3,
            Key::Month4,
            Key::Month5,
            Key::Month6,
            Key::Month7,
            Key::Month8,
            Key::Month9,
            Key::Month10,
            Key::Month11,
            Key::Month12,
        ];
        MONTHS[(month.clamp(1, 12) - 1) as usize]
    }

    /// The month's name as it stands after a day number ("6. februarja").
    pub fn month_in_date(month: u32) -> Key {
        const MONTHS: [Key; 12] = [
            Key::MonthDate1,
            Key::MonthDate2,
            Key::MonthDate3,
            Key::MonthDate4,
            Key::MonthDate5,
            Key::MonthDate6,
            Key::MonthDate7,
            Key::MonthDate8,
            Key::MonthDate9,
            Key::MonthDate10,
            Key::MonthDate11,
            Key::MonthDate12,
        ];
        MONTHS[(month.clamp(1, 12) - 1) as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_ids_are_unique() {
        let mut ids: Vec<_> = Key::ALL.iter().map(|key| key.id()).collect();
        ids.sort();
        let count = ids.len();
        ids.dedup();
        assert_eq!(ids.len(), count);
    }
}
