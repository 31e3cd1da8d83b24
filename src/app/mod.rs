//! The kiosk's top level: which screen shows, in which language, the
//! header and navigation around it, and the idle timeout that brings an
//! abandoned kiosk back to its attract loop with everything forgotten.

use std::time::{Duration, Instant};

use chrono::NaiveDate;
use city_core::Lang;
use city_core::content::Pack;
use city_core::i18n::Key;
use city_core::idle::{IdleState, IdleTimer};
use iced::widget::{button, center, column, container, mouse_area, opaque, responsive, row, stack};
use iced::{
    Alignment, Color, Element, Length, Size, Subscription, Task, Theme, event, mouse, time, touch,
};

use crate::screen::{self, Ctx, attract, events, home, kids, map, town};
use crate::theme;
use crate::ui;

/// Height of the header and of the navigation bar.
pub const HEADER_HEIGHT: f32 = 96.0;
pub const NAV_HEIGHT: f32 = 104.0;

/// Where the visitor is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    Attract,
    Home,
    Town(String),
    Events,
    Map,
    Kids,
}

/// How a kiosk behaves, from its configuration.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// The language a visitor is greeted in; the pack's default if `None`.
    pub default_language: Option<Lang>,
    pub idle_timeout: Duration,
}

pub struct Kiosk {
    pack: Pack,
    lang: Lang,
    start_lang: Lang,
    route: Route,
    history: Vec<Route>,
    attract: attract::State,
    home: home::State,
    town: Option<town::State>,
    events: events::State,
    kids: kids::State,
    idle: IdleTimer,
    idle_state: IdleState,
    today: NaiveDate,
    /// Set once the first frame was drawn, for the start-up log line.
    started: Option<Instant>,
    theme: Theme,
}

#[derive(Debug, Clone)]
pub enum Message {
    /// Once a second: idle countdown, attract slides, the date.
    Tick(Instant),
    /// Any touch, click, scroll or key.
    Activity,
    /// "Still there?" answered.
    StillHere,
    Language(Lang),
    Back,
    Go(Route),
    FirstFrame,
    Attract(attract::Message),
    Home(home::Message),
    Town(town::Message),
    Events(events::Message),
    Map(map::Message),
    Kids(kids::Message),
}

impl Kiosk {
    pub fn new(pack: Pack, options: Options, today: NaiveDate, now: Instant) -> Kiosk {
        let start_lang = options
            .default_language
            .filter(|lang| pack.languages.contains(lang))
            .unwrap_or(pack.default_language);
        Kiosk {
            pack,
            lang: start_lang,
            start_lang,
            route: Route::Attract,
            history: Vec::new(),
            attract: attract::State::default(),
            home: home::State::default(),
            town: None,
            events: events::State::default(),
            kids: kids::State::default(),
            idle: IdleTimer::new(options.idle_timeout, now),
            idle_state: IdleState::Active,
            today,
            started: Some(now),
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

    pub fn update(&mut self, message: Message) -> Task<Message> {
        match message {
            Message::Tick(now) => self.tick(now),
            Message::Activity | Message::StillHere => {
                self.idle.touch(Instant::now());
                self.idle_state = IdleState::Active;
            }
            Message::FirstFrame => {
                if let Some(started) = self.started.take() {
                    tracing::info!(
                        "first frame drawn {} ms after start",
                        started.elapsed().as_millis()
                    );
                }
            }
            Message::Language(lang) => {
                if self.pack.languages.contains(&lang) {
                    self.lang = lang;
                }
            }
            Message::Back => {
                if let Some(previous) = self.history.pop() {
                    self.show(previous);
                }
            }
            Message::Go(route) => self.go(route),
            Message::Attract(attract::Message::Start) => {
                self.history.clear();
                self.route = Route::Home;
            }
            Message::Home(message) => match self.home.update(message) {
                home::Action::OpenTown(id) => self.go(Route::Town(id)),
                home::Action::None => {}
            },
            Message::Town(message) => {
                if let Some(town) = &mut self.town {
                    match town.update(message, &self.pack) {
                        // The interest form arrives with the leads work; until
                        // then the visitor is pointed to the QR code beside it.
                        town::Action::SendMore(id) => {
                            tracing::info!("send-more requested for {id}")
                        }
                        town::Action::None => {}
                    }
                }
            }
            Message::Events(message) => match self.events.update(message) {
                events::Action::OpenTown(id) => self.go(Route::Town(id)),
                events::Action::None => {}
            },
            Message::Map(map::Message::Open(id)) => self.go(Route::Town(id)),
            Message::Kids(message) => match self.kids.update(message) {
                kids::Action::OpenTown(id) => self.go(Route::Town(id)),
                kids::Action::None => {}
            },
        }
        Task::none()
    }

    fn tick(&mut self, now: Instant) {
        self.today = chrono::Local::now().date_naive().max(self.today);
        self.idle_state = self.idle.state(now);
        match (&self.route, self.idle_state) {
            (Route::Attract, _) => self.attract.tick(now, self.pack.attract.len()),
            (_, IdleState::Expired) => self.reset(),
            _ => {}
        }
    }

    /// Back to the attract loop as if nobody had ever touched the kiosk.
    fn reset(&mut self) {
        tracing::info!("idle: back to the attract loop");
        self.route = Route::Attract;
        self.history.clear();
        self.lang = self.start_lang;
        self.attract = attract::State::default();
        self.home = home::State::default();
        self.town = None;
        self.events = events::State::default();
        self.kids = kids::State::default();
        self.idle_state = IdleState::Active;
    }

    fn go(&mut self, route: Route) {
        if route == self.route {
            return;
        }
        let previous = std::mem::replace(&mut self.route, Route::Home);
        if previous != Route::Attract {
            self.history.push(previous);
        }
        self.show(route);
    }

    fn show(&mut self, route: Route) {
        if let Route::Town(id) = &route
            && self.town.as_ref().is_none_or(|town| town.id() != id)
        {
            self.town = Some(town::State::new(&self.pack, id));
        }
        self.route = route;
    }

    pub fn subscription(&self) -> Subscription<Message> {
        let ticks = time::every(Duration::from_secs(1)).map(Message::Tick);
        let activity = event::listen_with(|event, _status, _window| match event {
            iced::Event::Mouse(
                mouse::Event::ButtonPressed(_) | mouse::Event::WheelScrolled { .. },
            )
            | iced::Event::Touch(
                touch::Event::FingerPressed { .. } | touch::Event::FingerMoved { .. },
            )
            | iced::Event::Keyboard(iced::keyboard::Event::KeyPressed { .. }) => {
                Some(Message::Activity)
            }
            _ => None,
        });
        let mut subscriptions = vec![ticks, activity];
        if self.started.is_some() {
            subscriptions.push(iced::window::frames().map(|_| Message::FirstFrame));
        }
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
                return self.attract.view(&full).map(Message::Attract);
            }
            Route::Home => self.home.view(&ctx).map(Message::Home),
            Route::Town(_) => match &self.town {
                Some(town) => town.view(&ctx).map(Message::Town),
                None => self.home.view(&ctx).map(Message::Home),
            },
            Route::Events => self.events.view(&ctx).map(Message::Events),
            Route::Map => screen::map::view(&ctx).map(Message::Map),
            Route::Kids => self.kids.view(&ctx).map(Message::Kids),
        };
        let page = container(column![
            self.header(&ctx),
            container(screen).height(Length::Fill),
            self.navigation(&ctx)
        ])
        .width(Length::Fill)
        .height(Length::Fill);
        match self.idle_state {
            IdleState::Warning { seconds_left } => {
                stack![page, self.still_there(&ctx, seconds_left)].into()
            }
            _ => page.into(),
        }
    }

    fn header<'a>(&'a self, ctx: &Ctx<'a>) -> Element<'a, Message> {
        let at_home = self.route == Route::Home;
        let back = header_button(
            format!("‹  {}", ctx.t(Key::Back)),
            (!self.history.is_empty()).then_some(Message::Back),
        );
        let home = header_button(
            ctx.t(Key::Home),
            (!at_home).then_some(Message::Go(Route::Home)),
        );
        let title = match &self.route {
            Route::Home => self.pack.title.get(self.lang).to_string(),
            Route::Town(_) => ctx.t(Key::NavTowns),
            Route::Events => ctx.t(Key::NavEvents),
            Route::Map => ctx.t(Key::NavMap),
            Route::Kids => ctx.t(Key::NavKids),
            Route::Attract => String::new(),
        };
        // Narrow screens need the room for the language names; every
        // screen shows its own title below anyway.
        let title: Element<'a, Message> = if ctx.size.width < 1300.0 {
            iced::widget::space().width(Length::Fill).into()
        } else {
            container(ui::colored(title, theme::size::TITLE, true, Color::WHITE))
                .width(Length::Fill)
                .padding([0, 12])
                .into()
        };
        container(
            row![back, home, title, self.language_buttons()]
                .spacing(12)
                .align_y(Alignment::Center),
        )
        .padding([0, 20])
        .height(HEADER_HEIGHT)
        .center_y(HEADER_HEIGHT)
        .style(theme::header)
        .into()
    }

    /// SL, DE, HU, EN, each with the language's own name.
    fn language_buttons(&self) -> Element<'_, Message> {
        row(self.pack.languages.iter().map(|&lang| {
            let selected = lang == self.lang;
            let label = column![
                ui::colored(
                    lang.code().to_uppercase(),
                    theme::size::BODY,
                    true,
                    Color::WHITE
                ),
                ui::colored(lang.native_name(), 14.0, false, Color::WHITE),
            ]
            .align_x(Alignment::Center);
            button(container(label).center(Length::Fill))
                .width(124)
                .height(theme::TOUCH_MIN + 4.0)
                .style(theme::pill(selected))
                .on_press(Message::Language(lang))
                .into()
        }))
        .spacing(8)
        .into()
    }

    fn navigation<'a>(&'a self, ctx: &Ctx<'a>) -> Element<'a, Message> {
        let label_size = if ctx.size.width < 1300.0 {
            theme::size::BODY
        } else {
            theme::size::HEADING
        };
        let tab = |label: String, route: Route| -> Element<'a, Message> {
            let current = match (&self.route, &route) {
                (Route::Town(_), Route::Home) => true,
                (current, route) => current == route,
            };
            button(
                container(ui::colored(
                    label,
                    label_size,
                    true,
                    if current { theme::PRIMARY } else { theme::INK },
                ))
                .center(Length::Fill),
            )
            .padding(0)
            .width(Length::Fill)
            .height(NAV_HEIGHT - 24.0)
            .style(theme::nav_tab(current))
            .on_press(Message::Go(route))
            .into()
        };
        container(
            row![
                tab(ctx.t(Key::NavTowns), Route::Home),
                tab(ctx.t(Key::NavEvents), Route::Events),
                tab(ctx.t(Key::NavMap), Route::Map),
                tab(ctx.t(Key::NavKids), Route::Kids),
            ]
            .spacing(12),
        )
        .padding(12)
        .height(NAV_HEIGHT)
        .style(theme::nav_bar)
        .into()
    }

    fn still_there<'a>(&'a self, ctx: &Ctx<'a>, seconds_left: u64) -> Element<'a, Message> {
        let dialog = container(
            column![
                ui::headline(ctx.t(Key::IdleStillThere)),
                ui::body(ctx.tf(
                    Key::IdleContinue,
                    &[(
                        "seconds",
                        i64::try_from(seconds_left).unwrap_or(i64::MAX).into()
                    )]
                )),
            ]
            .spacing(16)
            .align_x(Alignment::Center),
        )
        .padding(48)
        .max_width(900)
        .style(theme::card);
        // The whole screen answers: any touch keeps the visitor's place.
        opaque(mouse_area(center(dialog).style(theme::dim)).on_press(Message::StillHere))
    }
}

fn header_button<'a>(label: String, on_press: Option<Message>) -> Element<'a, Message> {
    let enabled = on_press.is_some();
    button(
        container(ui::colored(
            label,
            theme::size::BODY,
            true,
            Color {
                a: if enabled { 1.0 } else { 0.35 },
                ..Color::WHITE
            },
        ))
        .center_y(Length::Fill),
    )
    .padding([0, 22])
    .height(theme::TOUCH_MIN + 4.0)
    .style(theme::pill(false))
    .on_press_maybe(on_press)
    .into()
}

/// Runs the kiosk in a window (fullscreen unless `windowed`).
pub fn run(pack: Pack, options: Options, windowed: bool, size: Size) -> iced::Result {
    iced::application(
        move || {
            Kiosk::new(
                pack.clone(),
                options,
                chrono::Local::now().date_naive(),
                Instant::now(),
            )
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
