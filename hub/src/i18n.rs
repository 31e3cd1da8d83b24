//! The hub's words (the console, the visitor's mail and pages) in sl, de, hu
//! and en (Fluent, `hub/text/*.ftl`,
//! built into the binary). A language that lacks a message fails the
//! hub's tests, never a page.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use city_core::Lang;
use city_core::content::Theme;
use city_core::i18n::{Arg, FluentBundle, FluentResource, Key, bundle, format_message};

city_core::ui_keys! {
    /// A string of the hub's pages and mail.
    Text {
        ConsoleTitle => "console-title",
        NavLeads => "nav-leads",
        NavLogout => "nav-logout",
        SignedInAs => "signed-in-as",
        ScopeNetwork => "scope-network",
        LoginTitle => "login-title",
        LoginEmail => "login-email",
        LoginPassword => "login-password",
        LoginSubmit => "login-submit",
        LoginFailed => "login-failed",
        LoginLocked => "login-locked",
        SetPasswordTitle => "setpw-title",
        SetPasswordIntro => "setpw-intro",
        SetPasswordNew => "setpw-password",
        SetPasswordRepeat => "setpw-repeat",
        SetPasswordSubmit => "setpw-submit",
        SetPasswordTooShort => "setpw-too-short",
        SetPasswordMismatch => "setpw-mismatch",
        SetPasswordInvalid => "setpw-invalid",
        SetPasswordDone => "setpw-done",
        LeadsTitle => "leads-title",
        LeadsCount => "leads-count",
        FilterFrom => "filter-from",
        FilterTo => "filter-to",
        FilterVenue => "filter-venue",
        FilterTheme => "filter-theme",
        FilterLanguage => "filter-language",
        FilterNewsletter => "filter-newsletter",
        FilterAny => "filter-any",
        FilterApply => "filter-apply",
        FilterCsv => "filter-csv",
        ColumnDate => "col-date",
        ColumnName => "col-name",
        ColumnEmail => "col-email",
        ColumnTowns => "col-towns",
        ColumnThemes => "col-themes",
        ColumnLanguage => "col-language",
        ColumnVenue => "col-venue",
        ColumnNewsletter => "col-newsletter",
        ColumnHandled => "col-handled",
        MarkHandled => "lead-mark-handled",
        Yes => "yes",
        No => "no",
        PagePrevious => "page-previous",
        PageNext => "page-next",
        PagerLabel => "pager-label",
        PageNewest => "page-newest",
        LeadsCountMany => "leads-count-many",
        NoLeads => "no-leads",
        ErrorTitle => "error-title",
        ErrorNotFound => "error-not-found",
        ErrorForbidden => "error-forbidden",
        ErrorInternal => "error-internal",
        NavStats => "nav-stats",
        NavKiosks => "nav-kiosks",
        NavPacks => "nav-packs",
        ErrorBadRequest => "error-bad-request",
        ErrorTooLarge => "error-too-large",
        ErrorBusy => "error-busy",
        LeadTitle => "lead-title",
        LeadCountry => "lead-country",
        LeadFamily => "lead-family",
        LeadCalendar => "lead-calendar",
        CalendarByEmail => "calendar-by-email",
        CalendarByPost => "calendar-by-post",
        LeadPostalAddress => "lead-postal-address",
        LeadMessage => "lead-message",
        LeadKiosk => "lead-kiosk",
        LeadConsentVersion => "lead-consent-version",
        LeadErase => "lead-erase",
        LeadEraseWarning => "lead-erase-warning",
        LeadEraseConfirm => "lead-erase-confirm",
        LeadErased => "lead-erased",
        KiosksTitle => "kiosks-title",
        KiosksNone => "kiosks-none",
        KioskHealthLegend => "kiosk-health-legend",
        KioskName => "kiosk-name",
        KioskHeartbeat => "kiosk-heartbeat",
        KioskPack => "kiosk-pack",
        KioskQueue => "kiosk-queue",
        KioskLastError => "kiosk-last-error",
        KioskSoftware => "kiosk-software",
        KioskActions => "kiosk-actions",
        KioskNever => "kiosk-never",
        HealthGreen => "health-green",
        HealthAmber => "health-amber",
        HealthRed => "health-red",
        HealthRevoked => "health-revoked",
        KioskAddTitle => "kiosk-add-title",
        KioskNameRule => "kiosk-name-rule",
        KioskAdd => "kiosk-add",
        KioskNameTaken => "kiosk-name-taken",
        KioskAddedTitle => "kiosk-added-title",
        KioskAddedIntro => "kiosk-added-intro",
        KioskTokenOnce => "kiosk-token-once",
        KioskRename => "kiosk-rename",
        KioskNewName => "kiosk-new-name",
        KioskRenamed => "kiosk-renamed",
        KioskRevoke => "kiosk-revoke",
        KioskRevokeWarning => "kiosk-revoke-warning",
        KioskRevokeConfirm => "kiosk-revoke-confirm",
        KioskRevoked => "kiosk-revoked",
        PacksTitle => "packs-title",
        PacksPublished => "packs-published",
        PacksNone => "packs-none",
        PackVersion => "pack-version",
        PackPublishedAt => "pack-published-at",
        PackFiles => "pack-files",
        PackSize => "pack-size",
        PackCheck => "pack-check",
        PackCheckPassed => "pack-check-passed",
        PackKiosks => "pack-kiosks",
        PackCurrent => "pack-current",
        PackUploadTitle => "pack-upload-title",
        PackUploadFile => "pack-upload-file",
        PackUploadRule => "pack-upload-rule",
        PackUploadSubmit => "pack-upload-submit",
        PackUploads => "pack-uploads",
        PackUploadedAt => "pack-uploaded-at",
        PackChecking => "pack-checking",
        PackCheckingWait => "pack-checking-wait",
        PackPublishedAs => "pack-published-as",
        PackRefused => "pack-refused",
        PackFailed => "pack-failed",
        StatsTitle => "stats-title",
        StatsSummary => "stats-summary",
        StatsCount => "stats-count",
        StatsDay => "stats-day",
        StatsHour => "stats-hour",
        StatsLeadsPerDay => "stats-leads-per-day",
        StatsTownsPerHour => "stats-towns-per-hour",
        StatsLeadsPerHour => "stats-leads-per-hour",
        StatsTowns => "stats-towns",
        StatsLanguages => "stats-languages",
        StatsKiosks => "stats-kiosks",
        MailSubject => "mail-subject",
        MailGreetingName => "mail-greeting-name",
        MailGreeting => "mail-greeting",
        MailIntro => "mail-intro",
        MailInterests => "mail-interests",
        MailGuide => "mail-guide",
        MailBrochure => "mail-brochure",
        MailBenefits => "mail-benefits",
        MailBenefitCode => "mail-benefit-code",
        MailBenefitValid => "mail-benefit-valid",
        MailEvents => "mail-events",
        MailKids => "mail-kids",
        MailNewsletter => "mail-newsletter",
        MailNewsletterButton => "mail-newsletter-button",
        MailYourData => "mail-your-data",
        MailYourDataButton => "mail-your-data-button",
        MailWhy => "mail-why",
        LeadNewsletterPending => "lead-newsletter-pending",
        LeadNewsletterConfirmed => "lead-newsletter-confirmed",
        LeadMail => "lead-mail",
        LeadMailQueued => "lead-mail-queued",
        LeadMailSent => "lead-mail-sent",
        LeadMailRetrying => "lead-mail-retrying",
        LeadMailFailed => "lead-mail-failed",
        PhoneTitle => "phone-title",
        PhoneInvalid => "phone-invalid",
        PhoneUsed => "phone-used",
        PhoneExpired => "phone-expired",
        VisitorTitle => "visitor-title",
        VisitorIntro => "visitor-intro",
        VisitorGiven => "visitor-given",
        VisitorNewsletterPending => "visitor-newsletter-pending",
        VisitorNewsletterConfirmed => "visitor-newsletter-confirmed",
        VisitorNewsletterNone => "visitor-newsletter-none",
        VisitorConfirmTitle => "visitor-confirm-title",
        VisitorConfirmIntro => "visitor-confirm-intro",
        VisitorConfirm => "visitor-confirm",
        VisitorConfirmed => "visitor-confirmed",
        VisitorConfirmClosed => "visitor-confirm-closed",
        VisitorErase => "visitor-erase",
        VisitorEraseWarning => "visitor-erase-warning",
        VisitorEraseConfirm => "visitor-erase-confirm",
        VisitorErased => "visitor-erased",
        VisitorGone => "visitor-gone",
    }
}

const SOURCES: [(Lang, &str); 4] = [
    (Lang::Sl, include_str!("../text/sl.ftl")),
    (Lang::De, include_str!("../text/de.ftl")),
    (Lang::Hu, include_str!("../text/hu.ftl")),
    (Lang::En, include_str!("../text/en.ftl")),
];

static BUNDLES: LazyLock<BTreeMap<Lang, FluentBundle<FluentResource>>> = LazyLock::new(|| {
    SOURCES
        .iter()
        .filter_map(|&(lang, source)| match bundle(lang, source) {
            Ok(bundle) => Some((lang, bundle)),
            Err(error) => {
                tracing::error!("console strings in {lang}: {error}");
                None
            }
        })
        .collect()
});

/// A console string in `lang`, English where that language lacks it.
pub fn t(lang: Lang, text: Text) -> String {
    tf(lang, text, &[])
}

/// A console string with arguments.
pub fn tf(lang: Lang, text: Text, args: &[(&str, Arg)]) -> String {
    message(lang, text.id(), args)
}

fn message(lang: Lang, id: &str, args: &[(&str, Arg)]) -> String {
    [lang, Lang::En]
        .iter()
        .filter_map(|lang| BUNDLES.get(lang))
        .find_map(|bundle| format_message(bundle, id, args))
        .unwrap_or_else(|| id.to_string())
}

/// The name of a theme (interest), under the message id the kiosk's own
/// words use for it.
pub fn theme(lang: Lang, theme: Theme) -> String {
    message(lang, Key::theme(theme).id(), &[])
}

/// Interests as a list in words: "Culture, Food and wine".
pub fn themes(lang: Lang, themes: &[Theme]) -> String {
    themes
        .iter()
        .map(|item| theme(lang, *item))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_every_string() {
        for (lang, source) in SOURCES {
            let bundle = bundle(lang, source).unwrap();
            let themes = Theme::ALL.iter().map(|theme| Key::theme(*theme).id());
            for id in Text::ALL.iter().map(|text| text.id()).chain(themes) {
                assert!(
                    format_message(&bundle, id, &[("count", 2i64.into())]).is_some(),
                    "{lang} lacks `{id}`"
                );
            }
        }
    }
}
