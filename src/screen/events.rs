//! Events: the joint calendar by month, town and kind, or just this weekend.

use city_core::browse::{EventFilter, MonthOfYear, months_ahead};
use city_core::content::{Event, EventCategory};
use city_core::i18n::{Key, dates};
use iced::widget::{button, column, container, row, scrollable, stack};
use iced::{Alignment, Element, Length};

use super::Ctx;
use crate::theme;
use crate::ui;
use crate::widget::drag_scroll;

/// The months a visitor can pick, from this one on.
const MONTHS_SHOWN: usize = 12;

#[derive(Debug, Default)]
pub struct State {
    filter: EventFilter,
    choosing_town: bool,
}

#[derive(Debug, Clone)]
pub enum Message {
    ThisWeekend,
    AllDates,
    Month(MonthOfYear),
    ChooseTown,
    CloseTownChoice,
    Town(Option<String>),
    Category(Option<EventCategory>),
    Open(String),
}

pub enum Action {
    None,
    OpenTown(String),
}

impl State {
    pub fn update(&mut self, message: Message) -> Action {
        match message {
            Message::ThisWeekend => {
                self.filter.this_weekend = true;
                self.filter.month = None;
            }
            Message::AllDates => {
                self.filter.this_weekend = false;
                self.filter.month = None;
            }
            Message::Month(month) => {
                self.filter.this_weekend = false;
                self.filter.month = Some(month);
            }
            Message::ChooseTown => self.choosing_town = true,
            Message::CloseTownChoice => self.choosing_town = false,
            Message::Town(town) => {
                self.filter.town = town;
                self.choosing_town = false;
            }
            Message::Category(category) => self.filter.category = category,
            Message::Open(town) => return Action::OpenTown(town),
        }
        Action::None
    }

    pub fn filter(&self) -> &EventFilter {
        &self.filter
    }

    pub fn view<'a>(&'a self, ctx: &Ctx<'a>) -> Element<'a, Message> {
        let events = self.filter.apply(ctx.pack, ctx.today);
        let list = drag_scroll(
            scrollable(event_list(&events, ctx).padding(iced::Padding {
                right: 20.0,
                ..iced::Padding::ZERO
            }))
            .height(Length::Fill),
        );
        let filters = self.filters(ctx);
        let content: Element<'a, Message> = if ctx.portrait() {
            column![filters, list].spacing(24).padding(28).into()
        } else {
            row![
                container(drag_scroll(scrollable(container(filters).padding(
                    iced::Padding {
                        right: 16.0,
                        ..iced::Padding::ZERO
                    }
                ))))
                .width(Length::FillPortion(2))
                .height(Length::Fill),
                container(list).width(Length::FillPortion(3)),
            ]
            .spacing(32)
            .padding(28)
            .into()
        };
        if self.choosing_town {
            stack![content, self.town_choice(ctx)].into()
        } else {
            content
        }
    }

    fn filters<'a>(&'a self, ctx: &Ctx<'a>) -> Element<'a, Message> {
        let filter = &self.filter;
        let when = row![
            ui::chip(
                ctx.t(Key::EventsThisWeekend),
                filter.this_weekend,
                Message::ThisWeekend
            ),
            ui::chip(
                ctx.t(Key::EventsAllDates),
                !filter.this_weekend && filter.month.is_none(),
                Message::AllDates
            ),
        ]
        .extend(
            months_ahead(ctx.today, MONTHS_SHOWN)
                .into_iter()
                .map(|month| {
                    ui::chip(
                        dates::month(&ctx.pack.ui, ctx.lang, month.year, month.month),
                        !filter.this_weekend && filter.month == Some(month),
                        Message::Month(month),
                    )
                }),
        )
        .spacing(10)
        .wrap()
        .vertical_spacing(10);

        let town_label = match &filter.town {
            Some(id) => ctx.town_name(id),
            None => ctx.t(Key::EventsAnyTown),
        };
        let mut town = row![ui::chip(
            format!("{town_label}  ▾"),
            filter.town.is_some(),
            Message::ChooseTown
        )]
        .spacing(10);
        if filter.town.is_some() {
            town = town.push(ui::chip(
                ctx.t(Key::EventsAnyTown),
                false,
                Message::Town(None),
            ));
        }

        let kinds = row![ui::chip(
            ctx.t(Key::EventsAnyCategory),
            filter.category.is_none(),
            Message::Category(None)
        )]
        .extend(EventCategory::ALL.iter().map(|&category| {
            ui::chip(
                ctx.category(category),
                filter.category == Some(category),
                Message::Category(Some(category)),
            )
        }))
        .spacing(10)
        .wrap()
        .vertical_spacing(10);

        column![ui::title(ctx.t(Key::EventsTitle)), when, town, kinds]
            .spacing(20)
            .into()
    }

    fn town_choice<'a>(&'a self, ctx: &Ctx<'a>) -> Element<'a, Message> {
        let mut towns: Vec<_> = ctx.pack.towns.iter().collect();
        towns.sort_by_key(|town| town.name.get(ctx.lang).to_lowercase());
        let chips = row![ui::chip(
            ctx.t(Key::EventsAnyTown),
            self.filter.town.is_none(),
            Message::Town(None)
        )]
        .extend(towns.into_iter().map(|town| {
            ui::chip(
                town.name.get(ctx.lang),
                self.filter.town.as_deref() == Some(town.id.as_str()),
                Message::Town(Some(town.id.clone())),
            )
        }))
        .spacing(12)
        .wrap()
        .vertical_spacing(12);
        let panel = container(drag_scroll(scrollable(
            column![ui::title(ctx.t(Key::EventsAnyTown)), chips].spacing(20),
        )))
        .padding(32)
        .max_width(1100)
        .style(theme::card);
        ui::modal(panel, Message::CloseTownChoice, 48)
    }
}

fn event_list<'a>(events: &[&'a Event], ctx: &Ctx<'a>) -> iced::widget::Column<'a, Message> {
    let count = ctx.tf(Key::EventCount, &[("count", events.len().into())]);
    let mut list = column![ui::small(count)].spacing(14);
    if events.is_empty() {
        return list.push(ui::body(ctx.t(Key::EventsNone)));
    }
    let mut current_month = None;
    for event in events {
        let month = MonthOfYear::of(event.start.max(ctx.today));
        if current_month != Some(month) {
            current_month = Some(month);
            list = list.push(
                container(ui::heading(dates::month(
                    &ctx.pack.ui,
                    ctx.lang,
                    month.year,
                    month.month,
                )))
                .padding([10, 0]),
            );
        }
        list = list.push(event_card(event, ctx));
    }
    list
}

fn event_card<'a>(event: &'a Event, ctx: &Ctx<'a>) -> Element<'a, Message> {
    let town = ctx.pack.town(&event.town);
    let mut place = row![].spacing(10).align_y(Alignment::Center);
    if let Some(town) = town {
        place = place
            .push(ui::tag(
                town.country.key(),
                theme::country_color(town.country),
            ))
            .push(ui::strong(town.name.get(ctx.lang)));
    }
    button(
        column![
            row![
                ui::strong(dates::range(&ctx.pack.ui, ctx.lang, event.start, event.end)),
                ui::tag(ctx.category(event.category), theme::PRIMARY),
            ]
            .spacing(12)
            .align_y(Alignment::Center)
            .wrap(),
            ui::heading(event.title.get(ctx.lang)),
            place,
            ui::body(event.text.get(ctx.lang)),
        ]
        .spacing(8),
    )
    .padding(22)
    .width(Length::Fill)
    .style(theme::card_button)
    .on_press(Message::Open(event.town.clone()))
    .into()
}
