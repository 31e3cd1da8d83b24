//! The page on screen and what it owns. A page's films and guide live in
//! the page, so leaving it stops them: nothing has to be reconciled after
//! a message, and the town on screen is written down once. A town page
//! takes its own messages ([`TownMessage`]): its screen's, its film's and
//! its guide's.

use std::path::PathBuf;

use city_core::Lang;
use city_core::attract::BrokenFilms;
use city_core::content::Pack;
use iced::Task;

use crate::playback::audio::{AudioOutput, GuidePlayback, GuideSound, decode_guide};
use crate::playback::player::Update;
use crate::playback::{Player, PlayerFeed, PlayerOptions};
use crate::screen::town::{GuideState, TownMedia};
use crate::screen::{attract, film, staff, town};

/// Where the visitor is, as a place to go to or come back to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    Attract,
    Home,
    Town(String),
    Events,
    Map,
    Kids,
    Interest,
    Staff,
}

/// The page on screen. The browsing screens' filters and the interest
/// form last for the whole visit, so they live in the visit; a page owns
/// what must end when the visitor leaves it.
pub(super) enum Page {
    Attract(attract::State),
    Home,
    Town(TownPage),
    Events,
    Map,
    Kids,
    Interest,
    Staff(staff::State),
}

impl Page {
    pub fn route(&self) -> Route {
        match self {
            Page::Attract(_) => Route::Attract,
            Page::Home => Route::Home,
            Page::Town(page) => Route::Town(page.state.id().to_string()),
            Page::Events => Route::Events,
            Page::Map => Route::Map,
            Page::Kids => Route::Kids,
            Page::Interest => Route::Interest,
            Page::Staff(_) => Route::Staff,
        }
    }

    /// The players whose news the kiosk listens to.
    pub fn feeds(&self) -> Vec<PlayerFeed> {
        match self {
            Page::Attract(attract) => attract.feed().into_iter().collect(),
            Page::Town(page) => page.film.iter().map(film::State::feed).collect(),
            _ => Vec::new(),
        }
    }

    pub fn town(&self) -> Option<&TownPage> {
        match self {
            Page::Town(page) => Some(page),
            _ => None,
        }
    }

    pub fn attract_player(&self) -> Option<&Player> {
        match self {
            Page::Attract(attract) => attract.player(),
            _ => None,
        }
    }
}

/// What a town page hears: its screen's taps, its film's controls, and
/// its guide's news.
#[derive(Debug, Clone)]
pub enum TownMessage {
    Screen(town::Message),
    Film(film::Message),
    /// A town's guide decoded, as (town, language): a page of another town
    /// ignores it.
    GuideReady(String, Lang, Result<GuideSound, String>),
    GuideProgress,
}

/// What a town page needs of the kiosk for one message.
pub(super) struct TownContext<'a> {
    pub pack: &'a Pack,
    pub lang: Lang,
    pub broken: &'a mut BrokenFilms,
    pub audio: &'a mut Option<AudioOutput>,
    pub volume: f32,
    /// How the town's film plays, between the header and its controls.
    pub film_options: PlayerOptions,
}

/// What the kiosk does after a town page's message.
pub(super) enum TownOutcome {
    Done,
    /// Decoding a guide off the UI thread.
    Work(Task<TownMessage>),
    /// "Send me more" about this town.
    SendMore(String),
}

/// A town's page: its pictures, and the film and guide it plays.
pub(super) struct TownPage {
    pub state: town::State,
    /// The town's film, full screen.
    pub film: Option<film::State>,
    pub guide: Guide,
}

/// The town's audio guide.
pub(super) enum Guide {
    /// Nothing speaks; `offered`: a language switch stopped the guide, so
    /// the page offers the new language's.
    Quiet {
        offered: bool,
    },
    /// Decoded off the UI thread, in this language.
    Loading(Lang),
    Playing(Lang, GuidePlayback),
}

impl TownPage {
    pub fn new(pack: &Pack, id: &str) -> TownPage {
        TownPage {
            state: town::State::new(pack, id),
            film: None,
            guide: Guide::Quiet { offered: false },
        }
    }

    pub fn id(&self) -> &str {
        self.state.id()
    }

    /// What the page offers to watch and hear.
    pub fn media(&self, pack: &Pack, lang: Lang, broken: &BrokenFilms) -> TownMedia {
        let Some(town) = pack.town(self.id()) else {
            return TownMedia {
                film: None,
                guide: GuideState::Unavailable,
            };
        };
        let film = town
            .films
            .iter()
            .position(|film| !broken.contains(&film.path));
        let guide = match &self.guide {
            Guide::Playing(_, playback) => GuideState::Playing {
                position: playback.position(),
                duration: playback.duration(),
            },
            Guide::Loading(_) => GuideState::Loading,
            Guide::Quiet { offered } if town.audio_guide.contains_key(&lang) => GuideState::Ready {
                language_changed: *offered,
            },
            Guide::Quiet { .. } => GuideState::Unavailable,
        };
        TownMedia { film, guide }
    }

    /// Takes one of the page's messages.
    pub fn update(&mut self, message: TownMessage, ctx: TownContext) -> TownOutcome {
        match message {
            TownMessage::Screen(message) => return self.screen_message(message, ctx),
            TownMessage::Film(message) => {
                if let Some(film) = &mut self.film
                    && let film::Action::Close = film.update(message)
                {
                    self.film = None;
                }
            }
            TownMessage::GuideReady(town, lang, result) => {
                if town == self.id() {
                    self.guide_ready(lang, result, ctx.audio, ctx.volume);
                }
            }
            TownMessage::GuideProgress => self.guide_progress(),
        }
        TownOutcome::Done
    }

    fn screen_message(&mut self, message: town::Message, ctx: TownContext) -> TownOutcome {
        match self.state.update(message, ctx.pack) {
            town::Action::SendMore(id) => return TownOutcome::SendMore(id),
            town::Action::WatchFilm(index) => self.open_film(index, ctx),
            town::Action::Listen => {
                // The guide in the visitor's language, decoded off the UI
                // thread first.
                let lang = ctx.lang;
                let Some(path) = ctx
                    .pack
                    .town(self.id())
                    .and_then(|town| town.audio_guide.get(&lang))
                    .cloned()
                else {
                    return TownOutcome::Done;
                };
                self.guide = Guide::Loading(lang);
                let town = self.id().to_string();
                return TownOutcome::Work(Task::perform(decode_off_thread(path), move |result| {
                    TownMessage::GuideReady(town.clone(), lang, result)
                }));
            }
            town::Action::StopGuide => self.stop_guide(),
            town::Action::None => {}
        }
        TownOutcome::Done
    }

    /// Plays film `index` full screen; the guide stops (it never speaks
    /// under a film). A film that cannot be opened is marked broken.
    fn open_film(&mut self, index: usize, ctx: TownContext) {
        let Some(town) = ctx.pack.town(self.id()) else {
            return;
        };
        match film::State::open(town, index, ctx.film_options) {
            Ok(state) => {
                self.film = Some(state);
                self.guide = Guide::Quiet { offered: false };
            }
            Err((path, error)) => ctx.broken.report(&path, &error.to_string()),
        }
    }

    /// A player's news: the film's end or failure closes it.
    pub fn film_update(&mut self, id: u64, update: &Update, broken: &mut BrokenFilms) {
        let Some(film) = &self.film else {
            return;
        };
        match film.film_update(id, update) {
            Some(Ok(())) => self.film = None,
            Some(Err(reason)) => {
                broken.report(film.player().path(), &reason);
                self.film = None;
            }
            None => {}
        }
    }

    /// Whether a film runs, which holds off the idle timeout.
    pub fn film_playing(&self) -> bool {
        self.film.as_ref().is_some_and(film::State::is_playing)
    }

    /// A guide decoded: it plays if the page still waits for it in that
    /// language (the visitor may have switched meanwhile).
    fn guide_ready(
        &mut self,
        lang: Lang,
        result: Result<GuideSound, String>,
        audio: &mut Option<AudioOutput>,
        volume: f32,
    ) {
        if !matches!(self.guide, Guide::Loading(waiting) if waiting == lang) {
            return;
        }
        self.guide = match result {
            Ok(sound) => {
                let output = audio.get_or_insert_with(AudioOutput::open);
                Guide::Playing(lang, output.play(&sound, volume))
            }
            Err(error) => {
                tracing::warn!("audio guide of {} ({lang}): {error}", self.id());
                Guide::Quiet { offered: false }
            }
        };
    }

    fn stop_guide(&mut self) {
        self.guide = Guide::Quiet { offered: false };
    }

    /// A language switch stops the guide and offers the new language's.
    pub fn language_changed(&mut self) {
        if matches!(self.guide, Guide::Loading(_) | Guide::Playing(..)) {
            self.guide = Guide::Quiet { offered: true };
        }
    }

    /// A finished guide gives way to the offer to listen again.
    fn guide_progress(&mut self) {
        if let Guide::Playing(_, playback) = &self.guide
            && playback.is_finished()
        {
            self.stop_guide();
        }
    }

    pub fn guide_playing(&self) -> Option<Lang> {
        match &self.guide {
            Guide::Playing(lang, _) => Some(*lang),
            _ => None,
        }
    }
}

async fn decode_off_thread(path: PathBuf) -> Result<GuideSound, String> {
    let shown = path.display().to_string();
    tokio::task::spawn_blocking(move || decode_guide(&path))
        .await
        .map_err(|error| error.to_string())?
        .map_err(|error| format!("{shown}: {error}"))
}
