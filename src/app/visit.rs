//! One visitor's time at the kiosk: their language, the way back, the
//! filters they set, the form they began and an open PIN pad. When the
//! kiosk falls idle the visit is replaced whole, so nothing of it is left
//! for the next visitor.

use city_core::Lang;

use super::page::Route;
use crate::screen::{events, home, interest, kids, pin};

pub(super) struct Visit {
    pub lang: Lang,
    /// The pages to go back to, the latest last.
    pub history: Vec<Route>,
    pub home: home::State,
    pub events: events::State,
    pub kids: kids::State,
    pub interest: interest::State,
    /// The staff PIN pad, over whatever page shows.
    pub pin: Option<pin::State>,
}

impl Visit {
    pub fn new(lang: Lang) -> Visit {
        Visit {
            lang,
            history: Vec::new(),
            home: home::State::default(),
            events: events::State::default(),
            kids: kids::State::default(),
            interest: interest::State::default(),
            pin: None,
        }
    }
}
