//! Attract: while nobody uses the kiosk, the towns pass by full screen
//! (their films once the pack has them); any touch starts.

use std::time::{Duration, Instant};

use iced::widget::{column, container, mouse_area, stack};
use iced::{Alignment, Color, Element, Length};

use super::Ctx;
use crate::theme;
use crate::ui;
use crate::widget::picture;

/// How long one town stays on screen.
pub const SLIDE: Duration = Duration::from_secs(7);

#[derive(Debug, Default)]
pub struct State {
    /// Position in the pack's attract order.
    slide: usize,
    since: Option<Instant>,
}

#[derive(Debug, Clone)]
pub enum Message {
    Start,
}

impl State {
    /// Shows the next town when the current one has had its time.
    pub fn tick(&mut self, now: Instant, slides: usize) {
        match self.since {
            None => self.since = Some(now),
            Some(since) if now.saturating_duration_since(since) >= SLIDE && slides > 0 => {
                self.slide = (self.slide + 1) % slides;
                self.since = Some(now);
            }
            Some(_) => {}
        }
    }

    pub fn slide(&self) -> usize {
        self.slide
    }

    pub fn view<'a>(&'a self, ctx: &Ctx<'a>) -> Element<'a, Message> {
        let pack = ctx.pack;
        let town = pack
            .attract
            .get(self.slide % pack.attract.len().max(1))
            .and_then(|&index| pack.towns.get(index));
        let background: Element<'a, Message> = match town.and_then(|town| town.images.first()) {
            Some(image) => picture(&image.path)
                .width(Length::Fill)
                .height(Length::Fill)
                .into(),
            None => container(ui::body(""))
                .width(Length::Fill)
                .height(Length::Fill)
                .into(),
        };

        // The visitor's language is not known yet: invite in all of them.
        let invitations = column(pack.languages.iter().map(|&lang| {
            ui::colored(
                pack.ui.text(lang, city_core::i18n::Key::AttractTouch),
                theme::size::BODY,
                lang == ctx.lang,
                Color::WHITE,
            )
        }))
        .spacing(6)
        .align_x(Alignment::End);

        let name = town.map(|town| town.name.get(ctx.lang)).unwrap_or_default();
        let region = town
            .map(|town| {
                format!(
                    "{} · {}",
                    town.region.get(ctx.lang),
                    ctx.country(town.country)
                )
            })
            .unwrap_or_default();
        let caption = container(
            column![
                ui::colored(
                    pack.title.get(ctx.lang),
                    theme::size::HEADING,
                    true,
                    Color::WHITE
                ),
                ui::colored(name, 96.0, true, Color::WHITE),
                ui::colored(region, theme::size::TITLE, false, Color::WHITE),
            ]
            .spacing(4),
        )
        .padding([24, 36])
        .style(theme::veil);

        let overlay = container(
            column![
                container(container(invitations).padding([20, 28]).style(theme::veil))
                    .align_right(Length::Fill),
                container(caption).align_bottom(Length::Fill),
            ]
            .height(Length::Fill),
        )
        .padding(48)
        .width(Length::Fill)
        .height(Length::Fill);

        mouse_area(stack![background, overlay])
            .on_press(Message::Start)
            .into()
    }
}
