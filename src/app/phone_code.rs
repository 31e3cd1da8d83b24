//! "Continue on your phone" on the kiosk: the signed link beside the
//! form's keyboard, kept in step with the choices made, offered only while
//! the hub answers and `[hub] public_url` is set; and asking the hub every
//! few seconds whether the phone's lead arrived, to say thank you here.

use std::time::{Duration, Instant};

use city_core::content::Theme;
use city_core::phone_link::PhoneLink;
use iced::Task;

use super::page::Route;
use super::{Kiosk, Message};
use crate::screen::interest::{self, Stage};

/// How often the kiosk asks whether the phone's lead arrived.
const POLL_EVERY: Duration = Duration::from_secs(3);
/// A link this close to expiring is replaced, so a visitor scanning it
/// has time to fill in the form.
const RENEW_BEFORE: chrono::Duration = chrono::Duration::minutes(5);

impl Kiosk {
    /// Makes, renews or withdraws the form's phone link.
    pub(super) fn refresh_phone_offer(&mut self) {
        let hub = self.options.hub.as_ref();
        let public = hub.and_then(|hub| Some((hub, hub.public_url.as_ref()?)));
        let Some((hub, public)) = public.filter(|_| self.services.hub_reachable()) else {
            self.visit.interest.set_phone(None);
            return;
        };
        let form = self.visit.interest.form();
        let towns: Vec<String> = form.towns.iter().cloned().collect();
        let themes: Vec<Theme> = form.themes.iter().copied().collect();
        let lang = self.visit.lang;
        let now = chrono::Utc::now();
        let current = self.visit.interest.phone_link().is_some_and(|link| {
            link.towns == towns
                && link.themes == themes
                && link.lang == lang
                && link.kiosk == self.options.kiosk_id
                && link.venue == self.options.venue
                && link.expires_at - now > RENEW_BEFORE
        });
        if current {
            return;
        }
        let link = PhoneLink::new(
            &self.options.kiosk_id,
            &self.options.venue,
            towns,
            themes,
            lang,
            now,
        );
        let url = link.url(public.url(), &hub.token);
        self.visit.interest.set_phone(Some((link, url)));
    }

    /// Asks the hub about the offered link's lead, every few seconds while
    /// the form is on screen.
    pub(super) fn poll_phone(&mut self, now: Instant) -> Task<Message> {
        if self.route() != Route::Interest || self.visit.interest.stage() != Stage::Editing {
            return Task::none();
        }
        self.refresh_phone_offer();
        let (Some(link), Some(hub)) = (self.visit.interest.phone_link(), self.options.hub.as_ref())
        else {
            return Task::none();
        };
        if self
            .clock
            .last_phone_poll
            .is_some_and(|last| now.saturating_duration_since(last) < POLL_EVERY)
        {
            return Task::none();
        }
        self.clock.last_phone_poll = Some(now);
        let id = link.lead_id;
        let Some(client) = self.services.phone_client(hub) else {
            return Task::none();
        };
        Task::perform(
            async move { client.phone_lead_arrived(id).await },
            move |arrived| match arrived {
                Ok(true) => Message::Interest(interest::Message::PhoneArrived(id)),
                _ => Message::Done,
            },
        )
    }
}
