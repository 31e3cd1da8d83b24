//! The on-screen keyboard: large keys in the rows `city_core::keyboard`
//! lays out for the visitor's language.

use city_core::Lang;
use city_core::keyboard::{Key, layout};
use iced::widget::{button, column, container, row, text};
use iced::{Alignment, Element, Length};

use crate::theme;
use crate::widget::checked_text;

/// Names of the keys that are words, in the visitor's language.
pub struct KeyNames {
    pub shift: String,
    pub backspace: String,
    pub space: String,
    pub done: String,
}

/// A key as wide as a finger; 64 px is 12 mm on a 24" 1080p screen.
const KEY: f32 = 72.0;

pub fn keyboard<'a, Message: Clone + 'a>(
    lang: Lang,
    email: bool,
    shift: bool,
    names: &KeyNames,
    on_key: impl Fn(Key) -> Message + 'a,
) -> Element<'a, Message> {
    let rows = layout(lang, email).into_iter().map(|keys| {
        row(keys.into_iter().map(|key| {
            let (label, width) = match key {
                Key::Char(c) if shift => (c.to_uppercase().collect::<String>(), KEY),
                Key::Char(c) => (c.to_string(), KEY),
                Key::Text(piece) => (piece.to_string(), KEY * 1.4),
                Key::Shift => (names.shift.clone(), KEY * 2.0),
                Key::Backspace => (names.backspace.clone(), KEY * 2.0),
                Key::Space => (names.space.clone(), KEY * 5.0),
                Key::Done => (names.done.clone(), KEY * 2.0),
            };
            let pressed_look = key == Key::Shift && shift;
            let style = match key {
                Key::Done => theme::action as fn(&iced::Theme, button::Status) -> button::Style,
                _ => theme::key,
            };
            button(
                container(checked_text(
                    text(label).size(theme::size::BODY).font(theme::FONT_BOLD),
                ))
                .center(Length::Fill),
            )
            .width(width)
            .height(KEY - 6.0)
            .padding(0)
            .style(if pressed_look { theme::key_on } else { style })
            .on_press(on_key(key))
            .into()
        }))
        .spacing(6)
        .into()
    });
    container(column(rows).spacing(6).align_x(Alignment::Center))
        .width(Length::Fill)
        .center_x(Length::Fill)
        .padding(12)
        .style(theme::keyboard_panel)
        .into()
}
