//! What surrounds every screen: the header (back, home, title, languages),
//! the navigation bar, and the "Still there?" countdown.

use city_core::i18n::Key;
use iced::widget::{button, column, container, mouse_area, row};
use iced::{Alignment, Color, Element, Length};

use super::{HEADER_HEIGHT, Message, NAV_HEIGHT, Route, TownMessage};
use crate::screen::{Ctx, film};
use crate::theme;
use crate::ui;
use crate::widget::long_press;

/// The header over a page at `route`; `can_go_back`: there is a page to
/// go back to.
pub(super) fn header<'a>(ctx: &Ctx<'a>, route: &Route, can_go_back: bool) -> Element<'a, Message> {
    let at_home = *route == Route::Home;
    let back = header_button(
        format!("‹  {}", ctx.t(Key::Back)),
        can_go_back.then_some(Message::Back),
    );
    let home = header_button(
        ctx.t(Key::Home),
        (!at_home).then_some(Message::Go(Route::Home)),
    );
    let title = match route {
        Route::Home => ctx.pack.title.get(ctx.lang).to_string(),
        Route::Town(_) => ctx.t(Key::NavTowns),
        Route::Events => ctx.t(Key::NavEvents),
        Route::Map => ctx.t(Key::NavMap),
        Route::Kids => ctx.t(Key::NavKids),
        Route::Interest => ctx.t(Key::InterestOpen),
        Route::Staff => ctx.t(Key::StaffTitle),
        Route::Attract => String::new(),
    };
    // Narrow screens need the room for the language names; every
    // screen shows its own title below anyway.
    let title: Element<'a, Message> = if ctx.size.width < 1300.0 {
        iced::widget::space()
            .width(Length::Fill)
            .height(Length::Fill)
            .into()
    } else {
        container(ui::colored(title, theme::size::TITLE, true, Color::WHITE))
            .width(Length::Fill)
            .height(Length::Fill)
            .center_y(Length::Fill)
            .padding([0, 12])
            .into()
    };
    // Holding a finger on the title for a few seconds opens staff mode.
    let title = long_press(title, Message::OpenStaff);
    container(
        row![back, home, title, language_buttons(ctx)]
            .spacing(12)
            .align_y(Alignment::Center),
    )
    .padding([0, 20])
    .height(HEADER_HEIGHT)
    .center_y(HEADER_HEIGHT)
    .style(theme::header)
    .into()
}

/// A town's film full screen: its title, the languages (subtitles follow
/// them), close; under it the film and its controls.
pub(super) fn film_page<'a>(
    ctx: &Ctx<'a>,
    town: &'a city_core::content::Town,
    film: &'a film::State,
) -> Element<'a, Message> {
    let title = film
        .film(town)
        .map(|film| film.title.get(ctx.lang).to_string())
        .unwrap_or_default();
    let close = header_button(
        format!("✕  {}", ctx.t(Key::FilmClose)),
        Some(Message::Town(TownMessage::Film(film::Message::Close))),
    );
    let header = container(
        row![
            close,
            container(ui::colored(title, theme::size::TITLE, true, Color::WHITE))
                .width(Length::Fill)
                .padding([0, 12]),
            language_buttons(ctx),
        ]
        .spacing(12)
        .align_y(Alignment::Center),
    )
    .padding([0, 20])
    .height(HEADER_HEIGHT)
    .center_y(HEADER_HEIGHT)
    .style(theme::header);
    column![
        header,
        film.view(ctx, town)
            .map(|message| Message::Town(TownMessage::Film(message)))
    ]
    .into()
}

/// SL, DE, HU, EN, each with the language's own name.
fn language_buttons<'a>(ctx: &Ctx<'a>) -> Element<'a, Message> {
    row(ctx.pack.languages.iter().map(|&lang| {
        let selected = lang == ctx.lang;
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

/// The tabs at the bottom; the one of `route` is marked.
pub(super) fn navigation<'a>(ctx: &Ctx<'a>, route: &Route) -> Element<'a, Message> {
    let label_size = if ctx.size.width < 1300.0 {
        theme::size::BODY
    } else {
        theme::size::HEADING
    };
    let tab = |label: String, target: Route| -> Element<'a, Message> {
        let current = match (route, &target) {
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
        .on_press(Message::Go(target))
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

/// "Still there?" over the page, counting down.
pub(super) fn still_there<'a>(ctx: &Ctx<'a>, seconds_left: u64) -> Element<'a, Message> {
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
    // The whole screen answers, the dialog too: any touch keeps the
    // visitor's place.
    ui::modal(
        mouse_area(dialog).on_press(Message::StillHere),
        Message::StillHere,
        0,
    )
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
