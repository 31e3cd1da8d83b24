//! Home: the towns as large tiles, filtered by country and by interest.

use city_core::browse::TownFilter;
use city_core::content::{Country, Theme, Town};
use city_core::i18n::Key;
use iced::widget::{button, column, container, grid, row, scrollable};
use iced::{Alignment, Element, Length};

use super::Ctx;
use crate::theme;
use crate::ui;
use crate::widget::{drag_scroll, picture};

#[derive(Debug, Default)]
pub struct State {
    filter: TownFilter,
}

#[derive(Debug, Clone)]
pub enum Message {
    Country(Option<Country>),
    Theme(Option<Theme>),
    ShowAll,
    Open(String),
    Interest,
}

/// Where the home screen sends the visitor.
pub enum Action {
    None,
    OpenTown(String),
    /// The visitor wants information sent.
    Interest,
}

impl State {
    pub fn update(&mut self, message: Message) -> Action {
        match message {
            Message::Country(country) => self.filter.country = country,
            Message::Theme(theme) => self.filter.theme = theme,
            Message::ShowAll => self.filter = TownFilter::default(),
            Message::Open(id) => return Action::OpenTown(id),
            Message::Interest => return Action::Interest,
        }
        Action::None
    }

    pub fn filter(&self) -> TownFilter {
        self.filter
    }

    pub fn view<'a>(&'a self, ctx: &Ctx<'a>) -> Element<'a, Message> {
        let towns = self.filter.apply(ctx.pack, ctx.lang);
        let count = ctx.tf(Key::TownCount, &[("count", towns.len().into())]);

        let countries = filter_row(
            ctx.t(Key::FilterCountry),
            std::iter::once(ui::chip(
                ctx.t(Key::FilterAll),
                self.filter.country.is_none(),
                Message::Country(None),
            ))
            .chain(Country::ALL.iter().map(|&country| {
                ui::chip(
                    ctx.country(country),
                    self.filter.country == Some(country),
                    Message::Country(Some(country)),
                )
            })),
        );
        let themes = filter_row(
            ctx.t(Key::FilterTheme),
            std::iter::once(ui::chip(
                ctx.t(Key::FilterAll),
                self.filter.theme.is_none(),
                Message::Theme(None),
            ))
            .chain(Theme::ALL.iter().map(|&theme| {
                ui::chip(
                    ctx.theme(theme),
                    self.filter.theme == Some(theme),
                    Message::Theme(Some(theme)),
                )
            })),
        );

        let tiles: Element<'a, Message> = if towns.is_empty() {
            column![
                ui::body(ctx.t(Key::NoTownMatches)),
                ui::action(ctx.t(Key::ShowAllTowns), Message::ShowAll)
            ]
            .spacing(20)
            .into()
        } else {
            grid(towns.into_iter().map(|town| tile(town, ctx)))
                .fluid(if ctx.size.width < 1300.0 { 400 } else { 360 })
                .spacing(20)
                .height(grid::aspect_ratio(4, 3))
                .into()
        };

        drag_scroll(
            scrollable(
                column![
                    row![
                        ui::title(ctx.t(Key::HomeTitle)),
                        ui::small(count),
                        ui::action(ctx.t(Key::InterestOpen), Message::Interest),
                    ]
                    .spacing(20)
                    .align_y(Alignment::Center)
                    .wrap()
                    .vertical_spacing(12),
                    countries,
                    themes,
                    tiles,
                ]
                .spacing(20)
                .padding(28),
            )
            .height(Length::Fill),
        )
        .into()
    }
}

fn filter_row<'a>(
    label: String,
    chips: impl Iterator<Item = Element<'a, Message>>,
) -> Element<'a, Message> {
    row![
        container(ui::small(label))
            .width(140)
            .center_y(theme::TOUCH_MIN)
    ]
    .extend(chips)
    .spacing(12)
    .align_y(Alignment::Center)
    .wrap()
    .vertical_spacing(12)
    .into()
}

fn tile<'a>(town: &'a Town, ctx: &Ctx<'a>) -> Element<'a, Message> {
    let image: Element<'a, Message> = match town.images.first() {
        // The country sits on the picture, so the label has room for long
        // names.
        Some(first) => picture(&first.path)
            .width(Length::Fill)
            .height(Length::Fill)
            .radius(iced::border::top(theme::RADIUS))
            .badge(
                ctx.country(town.country),
                theme::country_color(town.country),
            )
            .into(),
        None => container(ui::body("")).height(Length::Fill).into(),
    };
    let label = column![
        ui::heading(town.name.get(ctx.lang)),
        ui::small(town.region.get(ctx.lang))
    ]
    .spacing(2)
    .padding([12, 16]);
    button(column![image, label])
        .padding(0)
        .width(Length::Fill)
        .height(Length::Fill)
        .style(theme::card_button)
        .on_press(Message::Open(town.id.clone()))
        .into()
}
