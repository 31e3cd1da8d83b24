//! Films and audio guides at the kiosk's level: which film plays where,
//! which guide speaks, and the rule that nothing plays where the visitor
//! no longer is.

use std::path::PathBuf;
use std::time::Duration;

use city_core::Lang;
use iced::{Size, Subscription, Task};

use super::{HEADER_HEIGHT, Kiosk, Message, Route};
use crate::playback::audio::{AudioOutput, GuidePlayback, GuideSound, decode_guide};
use crate::playback::player::Update;
use crate::playback::{Pace, PlayerFeed, PlayerOptions};
use crate::screen::film::{self, CONTROLS_HEIGHT};
use crate::screen::town::{GuideState, TownMedia};

/// How often a playing guide's progress bar moves.
const GUIDE_PROGRESS_EVERY: Duration = Duration::from_millis(250);

/// A guide speaking on a town page.
pub(super) struct GuideSession {
    pub town: String,
    pub lang: Lang,
    pub playback: GuidePlayback,
}

impl Kiosk {
    /// How films play here: scaled to `area`, with sound or without.
    fn player_options(&self, sound: bool, area: Size) -> PlayerOptions {
        PlayerOptions {
            sound,
            volume: self.options.sound.volume,
            bounds: Some((area.width.max(16.0) as u32, area.height.max(16.0) as u32)),
            pace: Pace::RealTime,
        }
    }

    /// Options for the attract loop's films: the whole window, silent
    /// unless the configuration asks for sound.
    pub(super) fn attract_options(&self) -> PlayerOptions {
        self.player_options(self.options.sound.attract_sound, self.viewport)
    }

    /// The town page's view of its film and guide.
    pub(super) fn town_media(&self, town_id: &str) -> TownMedia {
        let Some(town) = self.pack.town(town_id) else {
            return TownMedia {
                film: None,
                guide: GuideState::Unavailable,
            };
        };
        let film = town
            .films
            .iter()
            .position(|film| !self.broken_films.contains(&film.path));
        let guide = match (&self.guide, &self.guide_loading) {
            (Some(session), _) if session.town == town_id => GuideState::Playing {
                position: session.playback.position(),
                duration: session.playback.duration(),
            },
            (_, Some((town, _))) if town == town_id => GuideState::Loading,
            _ if town.audio_guide.contains_key(&self.lang) => GuideState::Ready {
                language_changed: self.guide_offer.as_deref() == Some(town_id),
            },
            _ => GuideState::Unavailable,
        };
        TownMedia { film, guide }
    }

    pub(super) fn open_film(&mut self, town: &str, index: usize) {
        let area = Size::new(
            self.viewport.width,
            (self.viewport.height - HEADER_HEIGHT - CONTROLS_HEIGHT).max(16.0),
        );
        let options = self.player_options(true, area);
        match film::State::open(&self.pack, town, index, options) {
            Ok(state) => self.film = Some(state),
            Err((path, error)) => self.broken_films.report(&path, &error.to_string()),
        }
    }

    pub(super) fn film_message(&mut self, message: film::Message) {
        if let Some(film) = &mut self.film
            && let film::Action::Close = film.update(message)
        {
            self.film = None;
        }
    }

    /// News from a player: the attract loop's or the town film's.
    pub(super) fn film_update(&mut self, id: u64, update: Update) {
        let options = self.attract_options();
        self.attract
            .film_update(id, &update, &self.pack, &mut self.broken_films, options);
        let outcome = self.film.as_ref().and_then(|film| {
            film.film_update(id, &update)
                .map(|outcome| (film.player().path().to_path_buf(), outcome))
        });
        match outcome {
            Some((_, Ok(()))) => self.film = None,
            Some((path, Err(reason))) => {
                self.broken_films.report(&path, &reason);
                self.film = None;
            }
            None => {}
        }
    }

    /// Starts the current town's guide in the visitor's language; it is
    /// decoded off the UI thread first.
    pub(super) fn listen(&mut self) -> Task<Message> {
        let Route::Town(town_id) = &self.route else {
            return Task::none();
        };
        let Some(path) = self
            .pack
            .town(town_id)
            .and_then(|town| town.audio_guide.get(&self.lang))
            .cloned()
        else {
            return Task::none();
        };
        let (town, lang) = (town_id.clone(), self.lang);
        self.guide = None;
        self.guide_offer = None;
        self.guide_loading = Some((town.clone(), lang));
        Task::perform(decode_off_thread(path), move |result| {
            Message::GuideReady(town.clone(), lang, result)
        })
    }

    pub(super) fn guide_ready(
        &mut self,
        town: String,
        lang: Lang,
        result: Result<GuideSound, String>,
    ) {
        if self.guide_loading.as_ref() != Some(&(town.clone(), lang)) {
            // The visitor moved on while it was decoded.
            return;
        }
        self.guide_loading = None;
        match result {
            Ok(sound) => {
                let output = self.audio.get_or_insert_with(AudioOutput::open);
                let playback = output.play(&sound, self.options.sound.volume);
                self.guide = Some(GuideSession {
                    town,
                    lang,
                    playback,
                });
            }
            Err(error) => tracing::warn!("audio guide of {town} ({lang}): {error}"),
        }
    }

    pub(super) fn stop_guide(&mut self) {
        self.guide = None;
        self.guide_loading = None;
    }

    /// A language switch stops the guide and offers the new language's.
    pub(super) fn language_changed(&mut self) {
        if let Some(town) = self
            .guide
            .take()
            .map(|session| session.town)
            .or_else(|| self.guide_loading.take().map(|(town, _)| town))
        {
            self.guide_offer = Some(town);
        }
    }

    pub(super) fn guide_progress(&mut self) {
        if self
            .guide
            .as_ref()
            .is_some_and(|session| session.playback.is_finished())
        {
            self.guide = None;
        }
    }

    /// After every message: nothing plays where the visitor is not. The
    /// attract loop only on the attract screen, a town's film and guide
    /// only on its page, the guide not under a film.
    pub(super) fn keep_media_in_place(&mut self) {
        if self.route != Route::Attract {
            self.attract.stop();
        }
        let on_page = |route: &Route, town: &str| matches!(route, Route::Town(id) if id == town);
        if self
            .film
            .as_ref()
            .is_some_and(|film| !on_page(&self.route, film.town()))
        {
            self.film = None;
        }
        let guide_town = self
            .guide
            .as_ref()
            .map(|session| session.town.clone())
            .or_else(|| self.guide_loading.as_ref().map(|(town, _)| town.clone()));
        if let Some(town) = guide_town
            && (!on_page(&self.route, &town) || self.film.is_some())
        {
            self.stop_guide();
        }
        if self
            .guide_offer
            .as_ref()
            .is_some_and(|town| !on_page(&self.route, town))
        {
            self.guide_offer = None;
        }
    }

    pub(super) fn media_subscriptions(&self) -> Vec<Subscription<Message>> {
        let feed = |feed: PlayerFeed| {
            Subscription::run_with(feed, PlayerFeed::stream)
                .map(|(id, update)| Message::FilmUpdate(id, update))
        };
        let mut subscriptions = Vec::new();
        subscriptions.extend(self.attract.feed().map(feed));
        subscriptions.extend(self.film.as_ref().map(|film| feed(film.feed())));
        if self.guide.is_some() {
            subscriptions
                .push(iced::time::every(GUIDE_PROGRESS_EVERY).map(|_| Message::GuideProgress));
        }
        subscriptions
    }

    /// The guide speaking now, as (town, language).
    pub fn guide_playing(&self) -> Option<(&str, Lang)> {
        self.guide
            .as_ref()
            .map(|session| (session.town.as_str(), session.lang))
    }
}

async fn decode_off_thread(path: PathBuf) -> Result<GuideSound, String> {
    let shown = path.display().to_string();
    tokio::task::spawn_blocking(move || decode_guide(&path))
        .await
        .map_err(|error| error.to_string())?
        .map_err(|error| format!("{shown}: {error}"))
}
