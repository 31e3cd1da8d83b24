//! The PIN pad that guards staff mode, shown over the screen after the
//! hidden gesture. Digits show as dots; the check and the lockout live in
//! `city_core::staff`.

use city_core::i18n::Key;
use iced::widget::{button, column, container, row, text};
use iced::{Alignment, Element, Length};

use super::Ctx;
use crate::theme;
use crate::ui;
use crate::widget::checked_text;

const PIN_MAX: usize = 12;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notice {
    Wrong { tries_left: u32 },
    Locked { minutes: u64 },
    NotSetUp,
}

#[derive(Debug, Default)]
pub struct State {
    digits: String,
    notice: Option<Notice>,
}

#[derive(Debug, Clone)]
pub enum Message {
    Digit(char),
    Delete,
    Enter,
    Close,
}

pub enum Action {
    None,
    Try(String),
    Close,
}

impl State {
    pub fn not_set_up() -> State {
        State {
            digits: String::new(),
            notice: Some(Notice::NotSetUp),
        }
    }

    pub fn notice(&self) -> Option<Notice> {
        self.notice
    }

    pub fn show(&mut self, notice: Notice) {
        self.notice = Some(notice);
        self.digits.clear();
    }

    pub fn update(&mut self, message: Message) -> Action {
        match message {
            Message::Digit(digit)
                if self.digits.len() < PIN_MAX && self.notice != Some(Notice::NotSetUp) =>
            {
                self.digits.push(digit)
            }
            Message::Digit(_) => {}
            Message::Delete => {
                self.digits.pop();
            }
            Message::Enter if !self.digits.is_empty() => {
                return Action::Try(std::mem::take(&mut self.digits));
            }
            Message::Enter => {}
            Message::Close => return Action::Close,
        }
        Action::None
    }

    pub fn view<'a>(&'a self, ctx: &Ctx<'a>) -> Element<'a, Message> {
        let key = |label: String, message: Message| -> Element<'a, Message> {
            // Digits large; the words on the two other keys smaller.
            let size = if label.chars().count() > 2 {
                theme::size::SMALL
            } else {
                theme::size::TITLE
            };
            button(
                container(checked_text(text(label).size(size).font(theme::FONT_BOLD)))
                    .center(Length::Fill),
            )
            .width(120)
            .height(76)
            .style(theme::key)
            .on_press(message)
            .into()
        };
        let digit_row = |digits: &str| {
            row(digits
                .chars()
                .map(|d| key(d.to_string(), Message::Digit(d))))
            .spacing(12)
        };
        let notice: Element<'a, Message> = match self.notice {
            Some(Notice::Wrong { tries_left }) => ui::colored(
                ctx.tf(
                    Key::StaffPinWrong,
                    &[("tries", i64::from(tries_left).into())],
                ),
                theme::size::BODY,
                true,
                theme::DANGER,
            ),
            Some(Notice::Locked { minutes }) => ui::colored(
                ctx.tf(
                    Key::StaffPinLocked,
                    &[("minutes", i64::try_from(minutes).unwrap_or(5).into())],
                ),
                theme::size::BODY,
                true,
                theme::DANGER,
            ),
            Some(Notice::NotSetUp) => ui::body(ctx.t(Key::StaffNotSetUp)),
            None => ui::body(""),
        };
        let dots = "●".repeat(self.digits.len());
        let pad = column![
            ui::title(ctx.t(Key::StaffPinTitle)),
            container(ui::title(dots)).height(56).center_y(56),
            notice,
            digit_row("123"),
            digit_row("456"),
            digit_row("789"),
            row![
                key(ctx.t(Key::KeyBackspace), Message::Delete),
                key("0".into(), Message::Digit('0')),
                key("OK".into(), Message::Enter)
            ]
            .spacing(12),
            ui::secondary(ctx.t(Key::Cancel), Message::Close),
        ]
        .spacing(10)
        .align_x(Alignment::Center)
        .max_width(560);
        let panel = container(pad).padding(36).style(theme::card);
        ui::modal(panel, Message::Close, 0)
    }
}
