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
/// A dialog over the page: the page dims, and a touch beside the dialog
/// sends `on_outside` (close, cancel, "I'm still here"); the page under
/// it gets no touch at all. `margin` keeps the dialog off the edges.
pub fn modal<'a, Message: Clone + 'a>(
    dialog: impl Into<Element<'a, Message>>,
    on_outside: Message,
    margin: u16,
) -> Element<'a, Message> {
    iced::widget::opaque(
        iced::widget::mouse_area(
            iced::widget::center(iced::widget::opaque(dialog))
                .padding(margin)
                .style(theme::dim),
        )
        .on_press(on_outside),
    )
}

pub fn card<'a, Message: 'a>(content: impl Into<Element<'a, Message>>) -> Element<'a, Message> {
    container(content)
        .padding(24)
        .width(Length::Fill)
        .style(theme::card)
        .into()
}

/// A text field the on-screen keyboard writes into: its label, its value
/// with a caret while focused, and the reason it is wrong, if it is.
pub fn field<'a, Message: Clone + 'a>(
    id: iced::advanced::widget::Id,
    label: String,
    value: &str,
    focused: bool,
    error: Option<String>,
    lines: u16,
    on_press: Message,
) -> Element<'a, Message> {
    let shown = if focused {
        format!("{value}|")
    } else {
        value.to_string()
    };
    let height = theme::TOUCH_MIN + f32::from(lines.saturating_sub(1)) * 30.0;
    let mut column = iced::widget::column![
        small(label),
        container(
            button(
                container(body(shown))
                    .center_y(Length::Fill)
                    .width(Length::Fill)
            )
            .padding(Padding::from([4, 16]))
            .width(Length::Fill)
            .height(height)
            .style(theme::field(focused, error.is_some()))
            .on_press(on_press)
        )
        .id(id),
    ]
    .spacing(6);
    if let Some(error) = error {
        column = column.push(colored(error, theme::size::SMALL, true, theme::DANGER));
    }
    column.into()
}

/// A large tick box with its label; the whole row is the target.
pub fn tick<'a, Message: Clone + 'a>(
    label: impl text::IntoFragment<'a>,
    on: bool,
    on_press: Message,
) -> Element<'a, Message> {
    let mark = container(
        container(iced::widget::space().width(20).height(20)).style(move |_| container::Style {
            background: on.then_some(theme::PRIMARY.into()),
            border: iced::Border {
                radius: 4.0.into(),
                ..iced::Border::default()
            },
            ..container::Style::default()
        }),
    )
    .padding(8)
    .style(|_| container::Style {
        background: Some(theme::SURFACE.into()),
        border: iced::Border {
            color: theme::PRIMARY,
            width: 3.0,
            radius: 8.0.into(),
        },
        ..container::Style::default()
    });
    button(
        iced::widget::row![mark, container(body(label)).width(Length::Fill)]
            .spacing(18)
            .align_y(iced::Alignment::Center),
    )
    .padding(Padding::from([10, 12]))
    .width(Length::Fill)
    .style(|_, status| button::Style {
        background: matches!(status, button::Status::Pressed).then_some(theme::LINE.into()),
        text_color: theme::INK,
        border: iced::Border {
            radius: theme::RADIUS.into(),
            ..iced::Border::default()
        },
        ..button::Style::default()
    })
    .on_press(on_press)
    .into()
}

/// A quiet button for the second choice of a screen.
pub fn secondary<'a, Message: Clone + 'a>(
    label: impl text::IntoFragment<'a>,
    on_press: Message,
) -> Element<'a, Message> {
    button(strong(label))
        .padding(Padding::from([20, 28]))
        .style(theme::chip(false))
        .on_press(on_press)
        .into()
}
