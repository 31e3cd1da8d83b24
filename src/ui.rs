//! The kiosk's building blocks: texts in the house sizes (all of them
//! checked for overflow by the render tests), chips, buttons and cards.
//! Screens compose these; they never style a widget themselves.

use iced::widget::{Text, button, container, text};
use iced::{Color, Element, Length, Padding};

use crate::theme;
use crate::widget::checked_text;

fn styled<'a, Message: 'a>(
    content: impl text::IntoFragment<'a>,
    size: f32,
    bold: bool,
    color: Option<Color>,
) -> Element<'a, Message> {
    let mut t: Text<'a> =
        text(content)
            .size(size)
            .font(if bold { theme::FONT_BOLD } else { theme::FONT });
    if let Some(color) = color {
        t = t.color(color);
    }
    checked_text(t)
}

/// The largest text: a screen's or town's name.
pub fn headline<'a, Message: 'a>(content: impl text::IntoFragment<'a>) -> Element<'a, Message> {
    styled(content, theme::size::HEADLINE, true, None)
}

pub fn title<'a, Message: 'a>(content: impl text::IntoFragment<'a>) -> Element<'a, Message> {
    styled(content, theme::size::TITLE, true, None)
}

pub fn heading<'a, Message: 'a>(content: impl text::IntoFragment<'a>) -> Element<'a, Message> {
    styled(content, theme::size::HEADING, true, None)
}

pub fn body<'a, Message: 'a>(content: impl text::IntoFragment<'a>) -> Element<'a, Message> {
    styled(content, theme::size::BODY, false, None)
}

pub fn strong<'a, Message: 'a>(content: impl text::IntoFragment<'a>) -> Element<'a, Message> {
    styled(content, theme::size::BODY, true, None)
}

pub fn small<'a, Message: 'a>(content: impl text::IntoFragment<'a>) -> Element<'a, Message> {
    styled(content, theme::size::SMALL, false, Some(theme::MUTED))
}

/// Text in a colour of its own (on pictures, in tags).
pub fn colored<'a, Message: 'a>(
    content: impl text::IntoFragment<'a>,
    size: f32,
    bold: bool,
    color: Color,
) -> Element<'a, Message> {
    styled(content, size, bold, Some(color))
}

/// A filter chip: at least a finger's size, filled when selected.
pub fn chip<'a, Message: Clone + 'a>(
    label: impl text::IntoFragment<'a>,
    selected: bool,
    on_press: Message,
) -> Element<'a, Message> {
    button(container(strong(label)).center_y(Length::Fill))
        .padding(Padding::from([0, 26]))
        .height(theme::TOUCH_MIN)
        .style(theme::chip(selected))
        .on_press(on_press)
        .into()
}

/// The main action of a screen, in the accent colour. Its padding keeps
/// it finger-sized; a long label wraps and makes it taller.
pub fn action<'a, Message: Clone + 'a>(
    label: impl text::IntoFragment<'a>,
    on_press: Message,
) -> Element<'a, Message> {
    button(colored(label, theme::size::BODY, true, Color::WHITE))
        .padding(Padding::from([20, 32]))
        .style(theme::action)
        .on_press(on_press)
        .into()
}

/// A small tag in a colour, e.g. an event's kind.
pub fn tag<'a, Message: 'a>(
    label: impl text::IntoFragment<'a>,
    color: Color,
) -> Element<'a, Message> {
    container(colored(label, theme::size::SMALL, true, color))
        .padding([4, 12])
        .style(theme::tag(color))
        .into()
}

/// A panel with the house padding.
pub fn card<'a, Message: 'a>(content: impl Into<Element<'a, Message>>) -> Element<'a, Message> {
    container(content)
        .padding(24)
        .width(Length::Fill)
        .style(theme::card)
        .into()
}
