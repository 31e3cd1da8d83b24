//! Kids: every town's mascot; touch one for its story and its town.

use city_core::content::Town;
use city_core::i18n::Key;
use iced::widget::{button, column, container, grid, row, scrollable, stack};
use iced::{Alignment, Element, Length};

use super::Ctx;
use crate::theme;
use crate::ui;
use crate::widget::{drag_scroll, picture};

#[derive(Debug, Default)]
pub struct State {
    /// The town whose mascot is open.
    selected: Option<String>,
}

#[derive(Debug, Clone)]
pub enum Message {
    Select(String),
    Close,
    Visit(String),
}

pub enum Action {
    None,
    OpenTown(String),
}

impl State {
    pub fn update(&mut self, message: Message) -> Action {
        match message {
            Message::Select(id) => self.selected = Some(id),
            Message::Close => self.selected = None,
            Message::Visit(id) => {
                self.selected = None;
                return Action::OpenTown(id);
            }
        }
        Action::None
    }

    pub fn selected(&self) -> Option<&str> {
        self.selected.as_deref()
    }

    pub fn view<'a>(&'a self, ctx: &Ctx<'a>) -> Element<'a, Message> {
        let mut towns: Vec<&Town> = ctx.pack.towns.iter().collect();
        towns.sort_by_key(|town| town.kids.mascot.name.get(ctx.lang).to_lowercase());
        let cards = grid(towns.into_iter().map(|town| mascot_card(town, ctx)))
            .fluid(if ctx.size.width < 1300.0 { 300 } else { 280 })
            .spacing(18)
            .height(grid::aspect_ratio(4, 5));
        let page = drag_scroll(
            scrollable(
                column![
                    column![
                        ui::title(ctx.t(Key::KidsTitle)),
                        ui::body(ctx.t(Key::KidsHint))
                    ]
                    .spacing(6),
                    cards
                ]
                .spacing(20)
                .padding(28),
            )
            .height(Length::Fill),
        );
        match self.selected.as_deref().and_then(|id| ctx.pack.town(id)) {
            Some(town) => stack![page, story(town, ctx)].into(),
            None => page.into(),
        }
    }
}

fn mascot_card<'a>(town: &'a Town, ctx: &Ctx<'a>) -> Element<'a, Message> {
    let mascot = &town.kids.mascot;
    button(
        column![
            picture(&mascot.image)
                .contain()
                .width(Length::Fill)
                .height(Length::Fill),
            ui::heading(mascot.name.get(ctx.lang)),
            ui::small(town.name.get(ctx.lang)),
        ]
        .spacing(4)
        .align_x(Alignment::Center),
    )
    .padding(16)
    .width(Length::Fill)
    .height(Length::Fill)
    .style(theme::card_button)
    .on_press(Message::Select(town.id.clone()))
    .into()
}

fn story<'a>(town: &'a Town, ctx: &Ctx<'a>) -> Element<'a, Message> {
    let mascot = &town.kids.mascot;
    let town_name = town.name.get(ctx.lang);
    let things = column![ui::heading(ctx.t(Key::KidsThingsToDo))]
        .extend(town.kids.sights.iter().map(|sight| {
            column![
                ui::strong(sight.name.get(ctx.lang)),
                ui::body(sight.text.get(ctx.lang))
            ]
            .spacing(4)
            .into()
        }))
        .spacing(12);
    let text = column![
        ui::headline(mascot.name.get(ctx.lang)),
        ui::small(town_name),
        ui::body(mascot.story.get(ctx.lang)),
        things,
        ui::action(
            ctx.tf(Key::KidsVisitTown, &[("town", town_name.into())]),
            Message::Visit(town.id.clone())
        ),
    ]
    .spacing(16)
    .width(Length::Fill);
    let image_size = if ctx.portrait() { 280 } else { 360 };
    let content: Element<'a, Message> = if ctx.portrait() {
        column![
            picture(&mascot.image)
                .contain()
                .width(image_size)
                .height(image_size),
            text
        ]
        .spacing(20)
        .align_x(Alignment::Center)
        .into()
    } else {
        row![
            picture(&mascot.image)
                .contain()
                .width(image_size)
                .height(image_size),
            text
        ]
        .spacing(32)
        .align_y(Alignment::Center)
        .into()
    };
    let panel = container(drag_scroll(scrollable(content)))
        .padding(36)
        .max_width(1200)
        .style(theme::card);
    ui::modal(panel, Message::Close, 48)
}
