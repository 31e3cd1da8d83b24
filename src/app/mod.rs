//! The kiosk's top level: which screen shows, in which language, the
//! store behind the interest form and staff mode, and the idle timeout
//! that brings an abandoned kiosk back to its attract loop with everything
//! the visitor did forgotten.

mod chrome;
mod media;
mod services;
mod sync;

pub use sync::SyncEvent;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use city_core::Lang;
use city_core::attract::BrokenFilms;
use city_core::content::Pack;
use city_core::idle::{IdleState, IdleTimer};
use city_core::leads::Origin;
use city_core::staff::{PinLock, PinOutcome};
use city_core::store::Store;
use iced::widget::{column, container, responsive, stack};
use iced::{Element, Length, Size, Subscription, Task, Theme, event, keyboard, mouse, time, touch};

use crate::playback::audio::{AudioOutput, GuideSound};
use crate::playback::player::Update;
use crate::screen::{
    self, Ctx, attract, events, film, home, interest, kids, map, pin, staff, town,
};
use crate::theme;

/// Height of the header and of the navigation bar.
pub const HEADER_HEIGHT: f32 = 96.0;
pub const NAV_HEIGHT: f32 = 104.0;

/// How often leads past their retention are looked for.
const RETENTION_EVERY: Duration = Duration::from_secs(3600);

/// Where the visitor is.
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

/// How a kiosk behaves, from its configuration.
#[derive(Debug, Clone)]
pub struct Options {
    /// The language a visitor is greeted in; the pack's default if `None`.
    pub default_language: Option<Lang>,
    pub idle_timeout: Duration,
    pub kiosk_id: String,
    /// The venue from the configuration; staff may rename it on the kiosk.
    pub venue: String,
    /// `None`: staff mode cannot be opened on the screen.
    pub pin_hash: Option<String>,
    pub retention_days: u32,
    /// The store lives here; exports can always go to its `exports` folder.
    pub data_dir: PathBuf,
    /// `None`: the kiosk runs alone.
    pub hub: Option<city_core::config::HubConfig>,
    pub sound: city_core::config::SoundConfig,
}

impl Options {
    /// The kiosk as its configuration file describes it.
    pub fn from_config(config: &city_core::config::Config) -> Options {
        Options {
            default_language: config.content.default_language,
            idle_timeout: config.idle.timeout,
            kiosk_id: config.kiosk.id.clone(),
            venue: config.kiosk.venue.clone(),
            pin_hash: config.staff.pin_hash.clone(),
            retention_days: config.leads.retention_days,
            data_dir: config.data.dir.clone(),
            hub: config.hub.clone(),
            sound: config.sound,
        }
    }

    /// A kiosk without a store or staff PIN, for pictures of its screens.
    pub fn preview(default_language: Option<Lang>) -> Options {
        Options {
            default_language,
            idle_timeout: Duration::from_secs(90),
            kiosk_id: "preview".into(),
            venue: String::new(),
            pin_hash: None,
            retention_days: 90,
            data_dir: std::env::temp_dir().join("city-kiosk-preview"),
            hub: None,
            sound: city_core::config::SoundConfig::default(),
        }
    }
}

pub struct Kiosk {
    pack: Pack,
    options: Options,
    venue: String,
    lang: Lang,
    start_lang: Lang,
    route: Route,
    history: Vec<Route>,
    attract: attract::State,
    home: home::State,
    town: Option<town::State>,
    events: events::State,
    kids: kids::State,
    interest: interest::State,
    staff: staff::State,
    pin: Option<pin::State>,
    /// The PIN's lock when there is no store to keep it in.
    pin_lock: PinLock,
    store: Option<Store>,
    hub_status: staff::HubStatus,
    sync_now: Option<iced::futures::channel::mpsc::Sender<()>>,
    /// A pack from the hub waiting for the next attract loop.
    pending_pack: Option<Pack>,
    /// Films that failed; they show as stills until the pack changes.
    broken_films: BrokenFilms,
    /// A town's film, full screen.
    film: Option<film::State>,
    guide: Option<media::GuideSession>,
    /// A guide being decoded, as (town, language).
    guide_loading: Option<(String, Lang)>,
    /// The town page whose guide a language switch stopped.
    guide_offer: Option<String>,
    /// Opened at the first guide; a kiosk without films never opens it.
    audio: Option<AudioOutput>,
    /// The window's size, for decoding films at the size they are shown.
    viewport: Size,
    idle: IdleTimer,
    idle_state: IdleState,
    today: NaiveDate,
    last_retention: Option<Instant>,
    /// Set until the first frame was drawn, for the start-up log line.
    started: Option<Instant>,
    /// systemd's watchdog watches the kiosk: ping it every tick.
    watched: bool,
    theme: Theme,
}

/// A key from a physical keyboard, for the field being typed in.
#[derive(Debug, Clone)]
pub enum Typed {
    Text(String),
    Backspace,
}

#[derive(Debug, Clone)]
pub enum Message {
    /// Once a second: idle countdown, attract slides, the date.
    Tick(Instant),
    /// Any touch, click, scroll or key.
    Activity,
    /// "Still there?" answered.
    StillHere,
    Keyboard(Typed),
    Language(Lang),
    Back,
    Go(Route),
    FirstFrame,
    StoreReady(Result<Store, String>),
    VenueLoaded(String),
    /// The hidden staff gesture.
    OpenStaff,
    Done,
    Attract(attract::Message),
    Home(home::Message),
    Town(town::Message),
    Events(events::Message),
    Map(map::Message),
    Kids(kids::Message),
    Interest(interest::Message),
    Pin(pin::Message),
    /// A PIN was checked (off the UI thread, its lock kept in the store).
    PinChecked(Box<(PinLock, PinOutcome)>),
    Staff(staff::Message),
    Sync(SyncEvent),
    /// A pack the sync checked and switched in on disk.
    PackInstalled(Box<Pack>),
    /// A film player's news: a new picture, its end or its failure.
    FilmUpdate(u64, Update),
    Film(film::Message),
    GuideReady(String, Lang, Result<GuideSound, String>),
    GuideProgress,
    Resized(Size),
}

impl Kiosk {
    pub fn new(pack: Pack, options: Options, today: NaiveDate, now: Instant) -> Kiosk {
        let start_lang = options
            .default_language
            .filter(|lang| pack.languages.contains(lang))
            .unwrap_or(pack.default_language);
        Kiosk {
            pack,
            venue: options.venue.clone(),
            idle: IdleTimer::new(options.idle_timeout, now),
            options,
            lang: start_lang,
            start_lang,
            route: Route::Attract,
            history: Vec::new(),
            attract: attract::State::default(),
            home: home::State::default(),
            town: None,
            events: events::State::default(),
            kids: kids::State::default(),
            interest: interest::State::default(),
            staff: staff::State::default(),
            pin: None,
            pin_lock: PinLock::default(),
            store: None,
            hub_status: staff::HubStatus::default(),
            sync_now: None,
            pending_pack: None,
            broken_films: BrokenFilms::default(),
            film: None,
            guide: None,
            guide_loading: None,
            guide_offer: None,
            audio: None,
            viewport: Size::new(1920.0, 1080.0),
            idle_state: IdleState::Active,
            today,
            last_retention: None,
            started: Some(now),
            // Ticks come every second; a watchdog that wants pings more
            // often than that cannot be served.
            watched: city_core::systemd::watchdog_interval()
                .is_some_and(|interval| interval >= Duration::from_secs(1)),
            theme: theme::kiosk_theme(),
        }
    }

    pub fn route(&self) -> &Route {
        &self.route
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    pub fn idle_state(&self) -> IdleState {
        self.idle_state
    }

    pub fn pack(&self) -> &Pack {
        &self.pack
    }

    pub fn venue(&self) -> &str {
        &self.venue
    }

    pub fn home(&self) -> &home::State {
        &self.home
    }

    pub fn town(&self) -> Option<&town::State> {
        self.town.as_ref()
    }

    pub fn events(&self) -> &events::State {
        &self.events
    }

    pub fn kids(&self) -> &kids::State {
        &self.kids
    }

    pub fn attract(&self) -> &attract::State {
        &self.attract
    }

    pub fn interest(&self) -> &interest::State {
        &self.interest
    }

    pub fn staff(&self) -> Option<&staff::State> {
        (self.route == Route::Staff).then_some(&self.staff)
    }

    pub fn pin(&self) -> Option<&pin::State> {
        self.pin.as_ref()
    }

    pub fn film(&self) -> Option<&film::State> {
        self.film.as_ref()
    }

    pub fn broken_films(&self) -> &BrokenFilms {
        &self.broken_films
    }

    pub fn update(&mut self, message: Message) -> Task<Message> {
        let task = self.handle(message);
        self.keep_media_in_place();
        task
    }

    fn handle(&mut self, message: Message) -> Task<Message> {
        match message {
            Message::Tick(now) => return self.tick(now),
            Message::Activity | Message::StillHere => self.touched(),
            Message::Keyboard(typed) => {
                self.touched();
                return self.typed(typed);
            }
            Message::FirstFrame => {
                if let Some(started) = self.started.take() {
                    tracing::info!(
                        "first frame drawn {} ms after start",
                        started.elapsed().as_millis()
                    );
                    city_core::systemd::ready();
                }
            }
            Message::Language(lang) => {
                if self.pack.languages.contains(&lang) && lang != self.lang {
                    self.lang = lang;
                    self.language_changed();
                    return self.count("language", lang.code());
                }
            }
            Message::Back => {
                if let Some(previous) = self.history.pop() {
                    return self.show(previous);
                }
            }
            Message::Go(route) => return self.go(route),
            Message::StoreReady(result) => return self.store_ready(result),
            Message::PinChecked(checked) => return self.pin_checked(checked.0, checked.1),
            Message::VenueLoaded(venue) => self.venue = venue,
            Message::OpenStaff => {
                self.pin = Some(if self.options.pin_hash.is_some() {
                    pin::State::default()
                } else {
                    pin::State::not_set_up()
                });
            }
            Message::Done => {}
            Message::Attract(attract::Message::Start) => {
                self.history.clear();
                self.route = Route::Home;
            }
            Message::FilmUpdate(id, update) => self.film_update(id, update),
            Message::Film(message) => self.film_message(message),
            Message::GuideReady(town, lang, result) => self.guide_ready(town, lang, result),
            Message::GuideProgress => self.guide_progress(),
            Message::Resized(size) => self.viewport = size,
            Message::Home(message) => match self.home.update(message) {
                home::Action::OpenTown(id) => return self.go(Route::Town(id)),
                home::Action::Interest => return self.open_interest(None),
                home::Action::None => {}
            },
            Message::Town(message) => {
                let Some(town) = &mut self.town else {
                    return Task::none();
                };
                match town.update(message, &self.pack) {
                    town::Action::SendMore(id) => return self.open_interest(Some(&id)),
                    town::Action::WatchFilm(index) => {
                        let id = town.id().to_string();
                        self.open_film(&id, index);
                    }
                    town::Action::Listen => return self.listen(),
                    town::Action::StopGuide => self.stop_guide(),
                    town::Action::None => {}
                }
            }
            Message::Events(message) => match self.events.update(message) {
                events::Action::OpenTown(id) => return self.go(Route::Town(id)),
                events::Action::None => {}
            },
            Message::Map(map::Message::Open(id)) => return self.go(Route::Town(id)),
            Message::Kids(message) => match self.kids.update(message) {
                kids::Action::OpenTown(id) => return self.go(Route::Town(id)),
                kids::Action::None => {}
            },
            Message::Interest(message) => return self.interest_message(message),
            Message::Pin(message) => return self.pin_message(message),
            Message::Staff(message) => return self.staff_message(message),
            Message::Sync(event) => return self.sync_event(event),
            Message::PackInstalled(pack) => self.pack_installed(pack),
        }
        Task::none()
    }

    fn touched(&mut self) {
        self.idle.touch(Instant::now());
        self.idle_state = IdleState::Active;
    }

    fn tick(&mut self, now: Instant) -> Task<Message> {
        // This runs on the UI's own loop: if the screen freezes, the pings
        // stop and systemd restarts the kiosk.
        if self.watched {
            city_core::systemd::watchdog_ping();
        }
        self.today = chrono::Local::now().date_naive().max(self.today);
        // A visitor watching a film touches nothing and is still there.
        if self.film.as_ref().is_some_and(film::State::is_playing) {
            self.idle.touch(now);
        }
        self.idle_state = self.idle.state(now);
        match (&self.route, self.idle_state) {
            (Route::Attract, _) => {
                let options = self.attract_options();
                self.attract
                    .tick(&self.pack, &mut self.broken_films, options, now);
            }
            (_, IdleState::Expired) => self.reset(),
            _ => {}
        }
        if let interest::Action::Leave = self.interest.tick(now) {
            return self.go(Route::Home);
        }
        if self.store.is_some()
            && self
                .last_retention
                .is_none_or(|last| now.saturating_duration_since(last) >= RETENTION_EVERY)
        {
            self.last_retention = Some(now);
            return self.apply_retention();
        }
        Task::none()
    }

    /// Back to the attract loop as if nobody had ever touched the kiosk:
    /// a half-filled form and an open staff mode are wiped too.
    fn reset(&mut self) {
        tracing::info!("idle: back to the attract loop");
        self.route = Route::Attract;
        self.history.clear();
        self.lang = self.start_lang;
        self.home = home::State::default();
        self.town = None;
        self.film = None;
        self.stop_guide();
        self.guide_offer = None;
        self.events = events::State::default();
        self.kids = kids::State::default();
        self.interest = interest::State::default();
        self.staff = staff::State::default();
        self.pin = None;
        self.idle_state = IdleState::Active;
        self.apply_pending_pack();
    }

    /// Shows a pack the hub sent, now that nobody is in the middle of it.
    fn apply_pending_pack(&mut self) {
        if let Some(pack) = self.pending_pack.take() {
            tracing::info!("now showing pack {}", pack.version);
            if !pack.languages.contains(&self.start_lang) {
                self.start_lang = pack.default_language;
            }
            self.lang = self.start_lang;
            self.pack = pack;
            self.attract = attract::State::default();
            self.broken_films = BrokenFilms::default();
        }
    }

    fn go(&mut self, route: Route) -> Task<Message> {
        if route == self.route {
            return Task::none();
        }
        let previous = std::mem::replace(&mut self.route, Route::Home);
        if !matches!(previous, Route::Attract | Route::Staff) {
            self.history.push(previous);
        }
        self.show(route)
    }

    fn show(&mut self, route: Route) -> Task<Message> {
        let mut task = Task::none();
        if let Route::Town(id) = &route {
            if self.town.as_ref().is_none_or(|town| town.id() != id) {
                self.town = Some(town::State::new(&self.pack, id));
            }
            task = self.count("town_opened", id);
        }
        self.route = route;
        task
    }

    fn open_interest(&mut self, town: Option<&str>) -> Task<Message> {
        // A form already begun is kept; a town asked about is added to it.
        if self.interest.form() == &city_core::leads::LeadForm::default() {
            self.interest = interest::State::about(town);
        } else if let Some(town) = town
            && !self.interest.form().towns.contains(town)
        {
            let _ = self.interest_message(interest::Message::ToggleTown(town.to_string()));
        }
        self.go(Route::Interest)
    }

    fn interest_message(&mut self, message: interest::Message) -> Task<Message> {
        // Who, where and in which words the visitor gives their interest.
        let origin = Origin {
            kiosk_id: &self.options.kiosk_id,
            venue: &self.venue,
            language: self.lang,
            consent_version: &self.pack.consent.version,
            at: chrono::Utc::now(),
        };
        match self.interest.update(message, &origin, Instant::now()) {
            interest::Action::Save(lead) => self.save_lead(*lead),
            interest::Action::Leave => self.go(Route::Home),
            interest::Action::None => Task::none(),
        }
    }

    fn pin_message(&mut self, message: pin::Message) -> Task<Message> {
        let Some(pad) = &mut self.pin else {
            return Task::none();
        };
        match pad.update(message) {
            pin::Action::Try(digits) => {
                let Some(hash) = self.options.pin_hash.clone() else {
                    pad.show(pin::Notice::NotSetUp);
                    return Task::none();
                };
                return self.check_pin(hash, digits);
            }
            pin::Action::Close => self.pin = None,
            pin::Action::None => {}
        }
        Task::none()
    }

    fn pin_checked(&mut self, lock: PinLock, outcome: PinOutcome) -> Task<Message> {
        self.pin_lock = lock;
        let Some(pad) = &mut self.pin else {
            return Task::none();
        };
        match outcome {
            PinOutcome::Accepted => {
                tracing::info!("staff mode opened");
                self.pin = None;
                self.staff = staff::State::opened(self.export_targets());
                let task = self.go(Route::Staff);
                return Task::batch([task, self.load_overview()]);
            }
            PinOutcome::Rejected { tries_left } => pad.show(pin::Notice::Wrong { tries_left }),
            PinOutcome::Locked { until } => {
                tracing::warn!("staff PIN pad locked after too many wrong PINs");
                let seconds = (until - chrono::Utc::now()).num_seconds().max(1);
                let minutes = u64::try_from(seconds).unwrap_or(1).div_ceil(60);
                pad.show(pin::Notice::Locked { minutes });
            }
        }
        Task::none()
    }

    fn staff_message(&mut self, message: staff::Message) -> Task<Message> {
        match self.staff.update(message) {
            staff::Action::Reload => self.load_overview(),
            staff::Action::Export(target) => self.export_leads(target),
            staff::Action::EraseExported => self.erase_exported(),
            staff::Action::SaveVenue(venue) => self.save_venue(venue),
            staff::Action::SyncNow => {
                self.request_sync();
                Task::none()
            }
            staff::Action::Quit => {
                tracing::info!("quit from staff mode");
                iced::exit()
            }
            staff::Action::Close => {
                self.staff = staff::State::default();
                self.history.clear();
                self.route = Route::Home;
                Task::none()
            }
            staff::Action::None => Task::none(),
        }
    }

    /// A physical keyboard types where the on-screen one would.
    fn typed(&mut self, typed: Typed) -> Task<Message> {
        let key = |typed: Typed| match typed {
            Typed::Text(text) => interest::Message::Typed(text),
            Typed::Backspace => interest::Message::Key(city_core::keyboard::Key::Backspace),
        };
        match self.route {
            Route::Interest if self.interest.focus().is_some() => self.interest_message(key(typed)),
            Route::Staff if self.staff.editing_venue() => {
                let message = match typed {
                    Typed::Text(text) => staff::Message::Typed(text),
                    Typed::Backspace => staff::Message::Key(city_core::keyboard::Key::Backspace),
                };
                self.staff_message(message)
            }
            _ => Task::none(),
        }
    }

    pub fn subscription(&self) -> Subscription<Message> {
        let ticks = time::every(Duration::from_secs(1)).map(Message::Tick);
        let input = event::listen_with(|event, status, _window| match event {
            iced::Event::Keyboard(keyboard::Event::KeyPressed { key, text, .. })
                if status == event::Status::Ignored =>
            {
                Some(match (key, text) {
                    (keyboard::Key::Named(keyboard::key::Named::Backspace), _) => {
                        Message::Keyboard(Typed::Backspace)
                    }
                    (_, Some(text)) if !text.chars().any(char::is_control) => {
                        Message::Keyboard(Typed::Text(text.to_string()))
                    }
                    _ => Message::Activity,
                })
            }
            iced::Event::Window(
                iced::window::Event::Resized(size) | iced::window::Event::Opened { size, .. },
            ) => Some(Message::Resized(size)),
            iced::Event::Mouse(
                mouse::Event::ButtonPressed(_) | mouse::Event::WheelScrolled { .. },
            )
            | iced::Event::Touch(
                touch::Event::FingerPressed { .. } | touch::Event::FingerMoved { .. },
            )
            | iced::Event::Keyboard(keyboard::Event::KeyPressed { .. }) => Some(Message::Activity),
            _ => None,
        });
        let mut subscriptions = vec![ticks, input];
        if let Some(hub) = &self.options.hub {
            subscriptions.push(sync::subscription(sync::SyncSettings {
                hub: hub.clone(),
                data_dir: self.options.data_dir.clone(),
                pack_root: self.pack.root.clone(),
                pack_version: self.pack.version.clone(),
            }));
        }
        if self.started.is_some() {
            subscriptions.push(iced::window::frames().map(|_| Message::FirstFrame));
        }
        subscriptions.extend(self.media_subscriptions());
        Subscription::batch(subscriptions)
    }

    pub fn theme(&self) -> Theme {
        self.theme.clone()
    }

    pub fn view(&self) -> Element<'_, Message> {
        responsive(move |size| self.view_at(size)).into()
    }

    /// The whole window at a given size.
    pub fn view_at(&self, size: Size) -> Element<'_, Message> {
        let ctx = Ctx {
            pack: &self.pack,
            lang: self.lang,
            today: self.today,
            size: Size::new(
                size.width,
                (size.height - HEADER_HEIGHT - NAV_HEIGHT).max(1.0),
            ),
        };
        let screen: Element<'_, Message> = match &self.route {
            Route::Attract => {
                let full = Ctx { size, ..ctx };
                return self
                    .attract
                    .view(&full, &self.broken_films)
                    .map(Message::Attract);
            }
            Route::Town(_) if self.film.is_some() => {
                return self.film_view(&ctx);
            }
            Route::Home => self.home.view(&ctx).map(Message::Home),
            Route::Town(id) => match &self.town {
                Some(town) => town.view(&ctx, self.town_media(id)).map(Message::Town),
                None => self.home.view(&ctx).map(Message::Home),
            },
            Route::Events => self.events.view(&ctx).map(Message::Events),
            Route::Map => screen::map::view(&ctx).map(Message::Map),
            Route::Kids => self.kids.view(&ctx).map(Message::Kids),
            Route::Interest => self.interest.view(&ctx).map(Message::Interest),
            Route::Staff => self.staff.view(&ctx).map(Message::Staff),
        };
        let page = container(column![
            self.header(&ctx),
            container(screen).height(Length::Fill),
            self.navigation(&ctx)
        ])
        .width(Length::Fill)
        .height(Length::Fill);
        let mut layers = vec![page.into()];
        if let Some(pad) = &self.pin {
            layers.push(pad.view(&ctx).map(Message::Pin));
        }
        if let IdleState::Warning { seconds_left } = self.idle_state {
            layers.push(self.still_there(&ctx, seconds_left));
        }
        if layers.len() == 1 {
            return layers.remove(0);
        }
        stack(layers).into()
    }
}

/// Runs the kiosk in a window (fullscreen unless `windowed`).
pub fn run(pack: Pack, options: Options, windowed: bool, size: Size) -> iced::Result {
    iced::application(
        move || {
            let kiosk = Kiosk::new(
                pack.clone(),
                options.clone(),
                chrono::Local::now().date_naive(),
                Instant::now(),
            );
            let open = services::open_store(options.data_dir.clone());
            (kiosk, open)
        },
        Kiosk::update,
        Kiosk::view,
    )
    .title("City Cooperation kiosk")
    .subscription(Kiosk::subscription)
    .theme(Kiosk::theme)
    .default_font(theme::FONT)
    .window(iced::window::Settings {
        size,
        fullscreen: !windowed,
        decorations: windowed,
        ..iced::window::Settings::default()
    })
    .run()
}
