//! The kiosk's top level: the page on screen, the visitor's visit, the
//! services behind them (store, sync, sound), and the idle timeout that
//! brings an abandoned kiosk back to its attract loop with everything the
//! visitor did forgotten: the visit and the page are replaced whole.

mod chrome;
mod inspect;
mod options;
mod page;
mod phone_code;
mod services;
mod sync;
mod visit;

pub use options::Options;
pub use page::{Route, TownMessage};
pub use sync::SyncEvent;

use std::time::{Duration, Instant};

use chrono::NaiveDate;
use city_core::Lang;
use city_core::attract::BrokenFilms;
use city_core::content::Pack;
use city_core::health::{DiskWatch, TickWatch};
use city_core::idle::{IdleState, IdleTimer};
use city_core::leads::Origin;
use city_core::staff::{PinLock, PinOutcome};
use city_core::store::Store;
use iced::widget::{column, container, responsive, stack};
use iced::{Element, Length, Size, Subscription, Task, Theme, event, keyboard, mouse, time, touch};

use crate::playback::player::Update;
use crate::playback::{Pace, PlayerFeed, PlayerOptions};
use crate::screen::{self, Ctx, attract, events, film, home, interest, kids, map, pin, staff};
use crate::theme;
use page::{Page, TownContext, TownOutcome, TownPage};
use services::Services;
use visit::Visit;

/// Height of the header and of the navigation bar.
pub const HEADER_HEIGHT: f32 = 96.0;
pub const NAV_HEIGHT: f32 = 104.0;

/// How often leads past their retention are looked for.
const RETENTION_EVERY: Duration = Duration::from_secs(3600);
/// How often a playing guide's progress bar moves.
const GUIDE_PROGRESS_EVERY: Duration = Duration::from_millis(250);

pub struct Kiosk {
    pack: Pack,
    /// A pack from the hub waiting for the next attract loop.
    pending_pack: Option<Pack>,
    options: Options,
    services: Services,
    visit: Visit,
    page: Page,
    /// Films that failed; they show as stills until the pack changes.
    broken_films: BrokenFilms,
    /// Where the attract loop goes on after the visitor leaves.
    attract_next: usize,
    clock: Clock,
    /// The window's size, for decoding films at the size they are shown.
    viewport: Size,
    /// The window size and pack version the first screens' pictures were
    /// last prepared for.
    warmed_up_for: Option<(Size, String)>,
}

/// The kiosk's sense of time: the visitor's last touch, today's date,
/// retention's last run, and the start-up's marks.
struct Clock {
    idle: IdleTimer,
    idle_state: IdleState,
    today: NaiveDate,
    last_retention: Option<Instant>,
    /// Set until the first frame was drawn, for the start-up log line.
    started: Option<Instant>,
    /// systemd's watchdog watches the kiosk: ping it every tick.
    watched: bool,
    /// When the hub was last asked about the phone link's lead.
    last_phone_poll: Option<Instant>,
    /// Ticks that come late: the screen's loop stalled.
    ticks: TickWatch,
    /// Whether the data disk is getting full, checked with retention.
    disk: DiskWatch,
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
    /// The town page's: its screen, film and guide.
    Town(TownMessage),
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
    /// A film player's news (the attract loop's or the town page's): a new
    /// picture, its end or its failure.
    FilmUpdate(u64, Update),
    Resized(Size),
}

impl Kiosk {
    pub fn new(pack: Pack, options: Options, today: NaiveDate, now: Instant) -> Kiosk {
        let lang = start_lang(&pack, &options);
        Kiosk {
            pack,
            pending_pack: None,
            services: Services::default(),
            visit: Visit::new(lang),
            page: Page::Attract(attract::State::default()),
            broken_films: BrokenFilms::default(),
            attract_next: 0,
            clock: Clock {
                idle: IdleTimer::new(options.idle_timeout, now),
                idle_state: IdleState::Active,
                today,
                last_retention: None,
                started: Some(now),
                // Ticks come every second; a watchdog that wants pings more
                // often than that cannot be served.
                watched: city_core::systemd::watchdog_interval()
                    .is_some_and(|interval| interval >= Duration::from_secs(1)),
                last_phone_poll: None,
                ticks: TickWatch::default(),
                disk: DiskWatch::default(),
            },
            options,
            viewport: Size::new(1920.0, 1080.0),
            warmed_up_for: None,
        }
    }

    /// Uses a store opened by the caller (tests, tools) as if it had been
    /// opened at start.
    pub fn with_store(mut self, store: Store) -> Kiosk {
        self.services = Services::with_store(store);
        self
    }

    pub fn update(&mut self, message: Message) -> Task<Message> {
        match message {
            Message::Tick(now) => return self.tick(now),
            Message::Activity | Message::StillHere => self.touched(),
            Message::Keyboard(typed) => {
                self.touched();
                return self.typed(typed);
            }
            Message::FirstFrame => {
                if let Some(started) = self.clock.started.take() {
                    tracing::info!(
                        "first frame drawn {} ms after start",
                        started.elapsed().as_millis()
                    );
                    city_core::systemd::ready();
                }
            }
            Message::Language(lang) => {
                if self.pack.languages.contains(&lang) && lang != self.visit.lang {
                    self.visit.lang = lang;
                    if let Page::Town(page) = &mut self.page {
                        page.language_changed();
                    }
                    return self.services.count("language", lang.code());
                }
            }
            Message::Back => {
                if let Some(previous) = self.visit.history.pop() {
                    return self.show(previous);
                }
            }
            Message::Go(route) => return self.go(route),
            Message::StoreReady(Ok(store)) => {
                let hub = self
                    .options
                    .hub
                    .as_ref()
                    .map(|hub| (hub, self.options.data_dir.as_path(), &self.pack));
                return self.services.store_opened(store, hub, &self.options.venue);
            }
            Message::StoreReady(Err(error)) => {
                // The kiosk still shows the towns; the form will say it cannot save.
                tracing::error!("the store cannot be opened, leads cannot be taken: {error}");
            }
            Message::PinChecked(checked) => return self.pin_checked(checked.0, checked.1),
            Message::VenueLoaded(venue) => self.options.venue = venue,
            Message::OpenStaff => {
                self.visit.pin = Some(if self.options.pin_hash.is_some() {
                    pin::State::default()
                } else {
                    pin::State::not_set_up()
                });
            }
            Message::Done => {}
            Message::Attract(attract::Message::Start) => {
                self.visit.history.clear();
                self.set_page(Page::Home);
            }
            Message::FilmUpdate(id, update) => self.film_update(id, &update),
            Message::Resized(size) => {
                self.viewport = size;
                self.warm_up();
            }
            Message::Home(message) => match self.visit.home.update(message) {
                home::Action::OpenTown(id) => return self.go(Route::Town(id)),
                home::Action::Interest => return self.open_interest(None),
                home::Action::None => {}
            },
            Message::Town(message) => return self.town_message(message),
            Message::Events(message) => match self.visit.events.update(message) {
                events::Action::OpenTown(id) => return self.go(Route::Town(id)),
                events::Action::None => {}
            },
            Message::Map(map::Message::Open(id)) => return self.go(Route::Town(id)),
            Message::Kids(message) => match self.visit.kids.update(message) {
                kids::Action::OpenTown(id) => return self.go(Route::Town(id)),
                kids::Action::None => {}
            },
            Message::Interest(message) => return self.interest_message(message),
            Message::Pin(message) => return self.pin_message(message),
            Message::Staff(message) => return self.staff_message(message),
            Message::Sync(event) => {
                self.services.sync_event(event);
                if matches!(self.page, Page::Staff(_)) {
                    return self.load_overview();
                }
            }
            Message::PackInstalled(pack) => {
                tracing::info!(
                    "pack {} ready; shown from the next attract loop",
                    pack.version
                );
                self.pending_pack = Some(*pack);
                // Never under a visitor.
                if matches!(self.page, Page::Attract(_)) {
                    self.apply_pending_pack();
                }
            }
        }
        Task::none()
    }

    fn touched(&mut self) {
        self.clock.idle.touch(Instant::now());
        self.clock.idle_state = IdleState::Active;
    }

    fn tick(&mut self, now: Instant) -> Task<Message> {
        // This runs on the UI's own loop: if the screen freezes, the pings
        // stop and systemd restarts the kiosk.
        if self.clock.watched {
            city_core::systemd::watchdog_ping();
        }
        if let Some(line) = self.clock.ticks.tick(now) {
            tracing::warn!("{line}");
        }
        self.clock.today = chrono::Local::now().date_naive().max(self.clock.today);
        // A visitor watching a film touches nothing and is still there.
        if self.page.town().is_some_and(TownPage::film_playing) {
            self.clock.idle.touch(now);
        }
        self.clock.idle_state = self.clock.idle.state(now);
        let options = self.attract_options();
        match (&mut self.page, self.clock.idle_state) {
            (Page::Attract(attract), _) => {
                attract.tick(&self.pack, &mut self.broken_films, options, now);
            }
            (_, IdleState::Expired) => self.reset(),
            _ => {}
        }
        if let interest::Action::Leave = self.visit.interest.tick(now) {
            return self.go(Route::Home);
        }
        let phone = self.poll_phone(now);
        if self.services.has_store()
            && self
                .clock
                .last_retention
                .is_none_or(|last| now.saturating_duration_since(last) >= RETENTION_EVERY)
        {
            self.clock.last_retention = Some(now);
            self.check_disk();
            return Task::batch([
                phone,
                self.services.apply_retention(self.options.retention_days),
            ]);
        }
        phone
    }

    /// Says when the data disk starts or stops getting full.
    fn check_disk(&mut self) {
        let Ok(free) = city_core::drives::free_bytes(&self.options.data_dir) else {
            return;
        };
        match self.clock.disk.check(free) {
            Some((true, line)) => tracing::warn!("{line}"),
            Some((false, line)) => tracing::info!("{line}"),
            None => {}
        }
    }

    /// Back to the attract loop as if nobody had ever touched the kiosk:
    /// a new visit (a half-filled form and an open PIN pad go with the old
    /// one), and a new page (an open staff mode, a film, a guide go too).
    fn reset(&mut self) {
        tracing::info!("idle: back to the attract loop");
        self.apply_pending_pack();
        self.visit = Visit::new(start_lang(&self.pack, &self.options));
        self.set_page(Page::Attract(attract::State::resume_at(self.attract_next)));
        self.clock.idle_state = IdleState::Active;
    }

    /// Shows a pack the hub sent, now that nobody is in the middle of it.
    fn apply_pending_pack(&mut self) {
        let Some(pack) = self.pending_pack.take() else {
            return;
        };
        tracing::info!("pack switched: {} -> {}", self.pack.version, pack.version);
        self.pack = pack;
        self.broken_films = BrokenFilms::default();
        self.attract_next = 0;
        self.visit.lang = start_lang(&self.pack, &self.options);
        if let Page::Attract(_) = self.page {
            self.page = Page::Attract(attract::State::default());
        }
        self.warm_up();
    }

    /// Prepares the pictures of the first screens for this window size
    /// and pack in the background, once for each.
    fn warm_up(&mut self) {
        if !self.options.warm_up {
            return;
        }
        let done_for = (self.viewport, self.pack.version.clone());
        if self.warmed_up_for.as_ref() == Some(&done_for) {
            return;
        }
        self.warmed_up_for = Some(done_for);
        crate::warm_up::in_background(self.pack.clone(), self.viewport, self.clock.today);
    }

    /// Replaces the page; the old one's films and guide end with it.
    fn set_page(&mut self, page: Page) {
        match std::mem::replace(&mut self.page, page) {
            Page::Attract(attract) => self.attract_next = attract.next_position(),
            Page::Staff(_) if !matches!(self.page, Page::Staff(_)) => {
                tracing::info!("staff mode closed");
            }
            _ => {}
        }
    }

    fn go(&mut self, route: Route) -> Task<Message> {
        let current = self.page.route();
        if route == current {
            return Task::none();
        }
        if !matches!(current, Route::Attract | Route::Staff) {
            self.visit.history.push(current);
        }
        self.show(route)
    }

    fn show(&mut self, route: Route) -> Task<Message> {
        let mut task = Task::none();
        let page = match route {
            Route::Attract => Page::Attract(attract::State::resume_at(self.attract_next)),
            Route::Home => Page::Home,
            Route::Town(id) => {
                task = self.services.count("town_opened", &id);
                Page::Town(TownPage::new(&self.pack, &id))
            }
            Route::Events => Page::Events,
            Route::Map => Page::Map,
            Route::Kids => Page::Kids,
            Route::Interest => Page::Interest,
            Route::Staff => Page::Staff(staff::State::default()),
        };
        self.set_page(page);
        task
    }

    fn town_message(&mut self, message: TownMessage) -> Task<Message> {
        let area = Size::new(
            self.viewport.width,
            (self.viewport.height - HEADER_HEIGHT - film::CONTROLS_HEIGHT).max(16.0),
        );
        let film_options = player_options(&self.options, true, area);
        let Page::Town(page) = &mut self.page else {
            return Task::none();
        };
        let context = TownContext {
            pack: &self.pack,
            lang: self.visit.lang,
            broken: &mut self.broken_films,
            audio: &mut self.services.audio,
            volume: self.options.sound.volume,
            film_options,
        };
        match page.update(message, context) {
            TownOutcome::Done => Task::none(),
            TownOutcome::Work(task) => task.map(Message::Town),
            TownOutcome::SendMore(id) => self.open_interest(Some(&id)),
        }
    }

    /// News from a player: the attract loop's or the town film's.
    fn film_update(&mut self, id: u64, update: &Update) {
        let options = self.attract_options();
        match &mut self.page {
            Page::Attract(attract) => {
                attract.film_update(id, update, &self.pack, &mut self.broken_films, options)
            }
            Page::Town(page) => page.film_update(id, update, &mut self.broken_films),
            _ => {}
        }
    }

    /// Options for the attract loop's films: the whole window, silent
    /// unless the configuration asks for sound.
    fn attract_options(&self) -> PlayerOptions {
        player_options(
            &self.options,
            self.options.sound.attract_sound,
            self.viewport,
        )
    }

    fn open_interest(&mut self, town: Option<&str>) -> Task<Message> {
        // A form already begun is kept; a town asked about is added to it.
        if self.visit.interest.form() == &city_core::leads::LeadForm::default() {
            self.visit.interest = interest::State::about(town);
        } else if let Some(town) = town
            && !self.visit.interest.form().towns.contains(town)
        {
            let _ = self.interest_message(interest::Message::ToggleTown(town.to_string()));
        }
        self.refresh_phone_offer();
        self.go(Route::Interest)
    }

    fn interest_message(&mut self, message: interest::Message) -> Task<Message> {
        // Who, where and in which words the visitor gives their interest.
        let origin = Origin {
            kiosk_id: &self.options.kiosk_id,
            venue: &self.options.venue,
            language: self.visit.lang,
            consent_version: &self.pack.consent.version,
            at: chrono::Utc::now(),
        };
        let action = self.visit.interest.update(message, &origin, Instant::now());
        self.refresh_phone_offer();
        match action {
            interest::Action::Save(lead) => self.services.save_lead(*lead),
            interest::Action::Leave => self.go(Route::Home),
            interest::Action::None => Task::none(),
        }
    }

    fn pin_message(&mut self, message: pin::Message) -> Task<Message> {
        let Some(pad) = &mut self.visit.pin else {
            return Task::none();
        };
        match pad.update(message) {
            pin::Action::Try(digits) => {
                let Some(hash) = self.options.pin_hash.clone() else {
                    pad.show(pin::Notice::NotSetUp);
                    return Task::none();
                };
                return self.services.check_pin(hash, digits);
            }
            pin::Action::Close => self.visit.pin = None,
            pin::Action::None => {}
        }
        Task::none()
    }

    fn pin_checked(&mut self, lock: PinLock, outcome: PinOutcome) -> Task<Message> {
        self.services.pin_checked(lock);
        let Some(pad) = &mut self.visit.pin else {
            return Task::none();
        };
        match outcome {
            PinOutcome::Accepted => {
                tracing::info!("staff mode opened");
                self.visit.pin = None;
                let current = self.page.route();
                if !matches!(current, Route::Attract | Route::Staff) {
                    self.visit.history.push(current);
                }
                let targets = Services::export_targets(&self.options.data_dir);
                self.set_page(Page::Staff(staff::State::opened(targets)));
                return self.load_overview();
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

    fn load_overview(&self) -> Task<Message> {
        self.services.load_overview(self.options.hub.is_some())
    }

    fn staff_message(&mut self, message: staff::Message) -> Task<Message> {
        let Page::Staff(state) = &mut self.page else {
            return Task::none();
        };
        match state.update(message) {
            staff::Action::Reload => self.load_overview(),
            staff::Action::Export(target) => {
                self.services
                    .export_leads(target, &self.options.data_dir, &self.options.kiosk_id)
            }
            staff::Action::EraseExported => self.services.erase_exported(),
            staff::Action::SaveVenue(venue) => {
                self.options.venue = venue.clone();
                Task::batch([self.services.save_venue(venue), self.load_overview()])
            }
            staff::Action::SyncNow => {
                self.services.request_sync();
                Task::none()
            }
            staff::Action::Quit => {
                tracing::info!("quit from staff mode");
                iced::exit()
            }
            staff::Action::Close => {
                self.visit.history.clear();
                self.set_page(Page::Home);
                Task::none()
            }
            staff::Action::None => Task::none(),
        }
    }

    /// A physical keyboard types where the on-screen one would.
    fn typed(&mut self, typed: Typed) -> Task<Message> {
        match &self.page {
            Page::Interest if self.visit.interest.focus().is_some() => {
                self.interest_message(match typed {
                    Typed::Text(text) => interest::Message::Typed(text),
                    Typed::Backspace => interest::Message::Key(city_core::keyboard::Key::Backspace),
                })
            }
            Page::Staff(state) if state.editing_venue() => self.staff_message(match typed {
                Typed::Text(text) => staff::Message::Typed(text),
                Typed::Backspace => staff::Message::Key(city_core::keyboard::Key::Backspace),
            }),
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
        if self.clock.started.is_some() {
            subscriptions.push(iced::window::frames().map(|_| Message::FirstFrame));
        }
        // The films of the page: a player's news reaches the kiosk for as
        // long as the page holds it.
        subscriptions.extend(self.page.feeds().into_iter().map(|feed| {
            Subscription::run_with(feed, PlayerFeed::stream)
                .map(|(id, update)| Message::FilmUpdate(id, update))
        }));
        if self.guide_playing().is_some() {
            subscriptions.push(
                iced::time::every(GUIDE_PROGRESS_EVERY)
                    .map(|_| Message::Town(TownMessage::GuideProgress)),
            );
        }
        Subscription::batch(subscriptions)
    }

    pub fn theme(&self) -> Theme {
        theme::kiosk_theme()
    }

    pub fn view(&self) -> Element<'_, Message> {
        responsive(move |size| self.view_at(size)).into()
    }

    /// The whole window at a given size.
    pub fn view_at(&self, size: Size) -> Element<'_, Message> {
        let ctx = Ctx {
            pack: &self.pack,
            lang: self.visit.lang,
            today: self.clock.today,
            size: Size::new(
                size.width,
                (size.height - HEADER_HEIGHT - NAV_HEIGHT).max(1.0),
            ),
        };
        let route = self.page.route();
        let screen: Element<'_, Message> = match &self.page {
            Page::Attract(attract) => {
                let full = Ctx { size, ..ctx };
                return attract
                    .view(&full, &self.broken_films)
                    .map(Message::Attract);
            }
            Page::Town(page) => {
                let town = self.pack.town(page.id());
                if let (Some(film), Some(town)) = (&page.film, town) {
                    let film = chrome::film_page(&ctx, town, film);
                    return match self.clock.idle_state {
                        IdleState::Warning { seconds_left } => {
                            stack![film, chrome::still_there(&ctx, seconds_left)].into()
                        }
                        _ => film,
                    };
                }
                let media = page.media(&self.pack, self.visit.lang, &self.broken_films);
                page.state
                    .view(&ctx, media)
                    .map(|message| Message::Town(TownMessage::Screen(message)))
            }
            Page::Home => self.visit.home.view(&ctx).map(Message::Home),
            Page::Events => self.visit.events.view(&ctx).map(Message::Events),
            Page::Map => screen::map::view(&ctx).map(Message::Map),
            Page::Kids => self.visit.kids.view(&ctx).map(Message::Kids),
            Page::Interest => self.visit.interest.view(&ctx).map(Message::Interest),
            Page::Staff(staff) => staff.view(&ctx, &self.options.venue).map(Message::Staff),
        };
        let page = container(column![
            chrome::header(&ctx, &route, !self.visit.history.is_empty()),
            container(screen).height(Length::Fill),
            chrome::navigation(&ctx, &route)
        ])
        .width(Length::Fill)
        .height(Length::Fill);
        let mut layers = vec![page.into()];
        if let Some(pad) = &self.visit.pin {
            layers.push(pad.view(&ctx).map(Message::Pin));
        }
        if let IdleState::Warning { seconds_left } = self.clock.idle_state {
            layers.push(chrome::still_there(&ctx, seconds_left));
        }
        if layers.len() == 1 {
            return layers.remove(0);
        }
        stack(layers).into()
    }
}

/// The language a visitor is greeted in: the configured one if the pack
/// has it, else the pack's own.
fn start_lang(pack: &Pack, options: &Options) -> Lang {
    options
        .default_language
        .filter(|lang| pack.languages.contains(lang))
        .unwrap_or(pack.default_language)
}

/// How films play here: scaled to `area`, with sound or without.
fn player_options(options: &Options, sound: bool, area: Size) -> PlayerOptions {
    PlayerOptions {
        sound,
        volume: options.sound.volume,
        bounds: Some((area.width.max(16.0) as u32, area.height.max(16.0) as u32)),
        pace: Pace::RealTime,
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
