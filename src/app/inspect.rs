//! What tests, benchmarks and the `render` command read of a running
//! kiosk: the page, the visit's screens, the players. Read-only; the kiosk
//! is driven only through its messages.

use city_core::Lang;
use city_core::attract::BrokenFilms;
use city_core::content::Pack;
use city_core::idle::IdleState;

use super::page::Page;
use super::{Kiosk, Route};
use crate::playback::Player;
use crate::screen::{attract, events, film, home, interest, kids, pin, staff, town};

impl Kiosk {
    pub fn route(&self) -> Route {
        self.page.route()
    }

    pub fn lang(&self) -> Lang {
        self.visit.lang
    }

    pub fn idle_state(&self) -> IdleState {
        self.clock.idle_state
    }

    pub fn pack(&self) -> &Pack {
        &self.pack
    }

    pub fn venue(&self) -> &str {
        &self.options.venue
    }

    pub fn home(&self) -> &home::State {
        &self.visit.home
    }

    pub fn town(&self) -> Option<&town::State> {
        self.page.town().map(|page| &page.state)
    }

    pub fn events(&self) -> &events::State {
        &self.visit.events
    }

    pub fn kids(&self) -> &kids::State {
        &self.visit.kids
    }

    /// The attract loop, while it shows.
    pub fn attract(&self) -> Option<&attract::State> {
        match &self.page {
            Page::Attract(attract) => Some(attract),
            _ => None,
        }
    }

    /// Where the attract loop is, or goes on when it comes back.
    pub fn attract_position(&self) -> usize {
        match &self.page {
            Page::Attract(attract) => attract.position(),
            _ => self.attract_next,
        }
    }

    /// The attract loop's film, while one plays.
    pub fn attract_player(&self) -> Option<&Player> {
        self.page.attract_player()
    }

    pub fn interest(&self) -> &interest::State {
        &self.visit.interest
    }

    pub fn staff(&self) -> Option<&staff::State> {
        match &self.page {
            Page::Staff(staff) => Some(staff),
            _ => None,
        }
    }

    pub fn pin(&self) -> Option<&pin::State> {
        self.visit.pin.as_ref()
    }

    /// The town film playing full screen.
    pub fn film(&self) -> Option<&film::State> {
        self.page.town().and_then(|page| page.film.as_ref())
    }

    /// The guide speaking now, as (town, language).
    pub fn guide_playing(&self) -> Option<(&str, Lang)> {
        let page = self.page.town()?;
        Some((page.id(), page.guide_playing()?))
    }

    pub fn broken_films(&self) -> &BrokenFilms {
        &self.broken_films
    }
}
