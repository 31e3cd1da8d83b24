//! A town: its pictures (swipe through them), what to see, what is on,
//! offers, the kids' corner and a QR code to take the town home.

use std::collections::BTreeMap;
use std::time::Duration;

use city_core::Lang;
use city_core::browse::upcoming;
use city_core::content::{Pack, Sight, Town};
use city_core::i18n::{Key, dates, number};
use iced::widget::{
    button, column, container, progress_bar, qr_code, row, scrollable, space, stack,
};
use iced::{Alignment, Color, Element, Length};

use super::Ctx;
use crate::theme;
use crate::ui;
use crate::widget::{Direction, drag_scroll, picture, swipe};

/// How many coming events a town page lists.
const EVENTS_SHOWN: usize = 4;

#[derive(Debug)]
pub struct State {
    id: String,
    image: usize,
    /// The mobile-guide QR code per language (the address may differ).
    qr: BTreeMap<Lang, qr_code::Data>,
}

#[derive(Debug, Clone)]
pub enum Message {
    Swiped(Direction),
    ShowImage(usize),
    SendMore,
    WatchFilm(usize),
    Listen,
    StopGuide,
}

pub enum Action {
    None,
    SendMore(String),
    WatchFilm(usize),
    Listen,
    StopGuide,
}

/// What the page offers to watch and hear; the app knows which films
/// play and whether a guide is on.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TownMedia {
    /// The town's playable film, by index; `None` if it has none or its
    /// film failed, when only its pictures show.
    pub film: Option<usize>,
    pub guide: GuideState,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum GuideState {
    /// No guide in the visitor's language.
    Unavailable,
    /// Ready to play; `language_changed`: a guide was stopped by a
    /// language switch, so the page offers the new language's.
    Ready {
        language_changed: bool,
    },
    Loading,
    Playing {
        position: Duration,
        duration: Duration,
    },
}

impl State {
    pub fn new(pack: &Pack, id: &str) -> State {
        let qr = pack
            .town(id)
            .map(|town| {
                pack.languages
                    .iter()
                    .filter_map(|&lang| {
                        Some((lang, qr_code::Data::new(town.guide_url_for(lang)).ok()?))
                    })
                    .collect()
            })
            .unwrap_or_default();
        State {
            id: id.to_string(),
            image: 0,
            qr,
        }
    }

    pub fn id(&self) -> &str {
        &self.id
    }

    pub fn image(&self) -> usize {
        self.image
    }

    pub fn update(&mut self, message: Message, pack: &Pack) -> Action {
        let count = pack
            .town(&self.id)
            .map_or(1, |town| town.images.len().max(1));
        match message {
            Message::Swiped(Direction::Left) => self.image = (self.image + 1) % count,
            Message::Swiped(Direction::Right) => self.image = (self.image + count - 1) % count,
            Message::ShowImage(index) => self.image = index.min(count - 1),
            Message::SendMore => return Action::SendMore(self.id.clone()),
            Message::WatchFilm(index) => return Action::WatchFilm(index),
            Message::Listen => return Action::Listen,
            Message::StopGuide => return Action::StopGuide,
        }
        Action::None
    }

    pub fn view<'a>(&'a self, ctx: &Ctx<'a>, media: TownMedia) -> Element<'a, Message> {
        let Some(town) = ctx.pack.town(&self.id) else {
            return ui::body(self.id.as_str());
        };
        let gallery = self.gallery(town, ctx);
        let guide = self.guide(town, ctx);
        let details = details(town, ctx, media_bar(ctx, media));
        if ctx.portrait() {
            drag_scroll(
                scrollable(column![gallery, details, guide].spacing(24).padding(28))
                    .height(Length::Fill),
            )
            .into()
        } else {
            // Both halves scroll, so a short landscape screen (1280x800)
            // clips nothing; on 1080p everything on the left fits at once.
            row![
                container(drag_scroll(scrollable(
                    column![gallery, guide].spacing(24).padding(iced::Padding {
                        right: 20.0,
                        ..iced::Padding::ZERO
                    })
                )))
                .width(Length::FillPortion(9))
                .height(Length::Fill),
                container(drag_scroll(scrollable(container(details).padding(
                    iced::Padding {
                        right: 20.0,
                        ..iced::Padding::ZERO
                    }
                ))))
                .width(Length::FillPortion(10))
                .height(Length::Fill),
            ]
            .spacing(28)
            .padding(28)
            .into()
        }
    }

    fn gallery<'a>(&'a self, town: &'a Town, ctx: &Ctx<'a>) -> Element<'a, Message> {
        let Some(image) = town.images.get(self.image).or(town.images.first()) else {
            return space().into();
        };
        let photo = picture(&image.path)
            .width(Length::Fill)
            .height(Length::Fill)
            .radius(theme::RADIUS);
        let caption = container(
            row![
                container(ui::colored(
                    image.caption.get(ctx.lang),
                    theme::size::BODY,
                    true,
                    Color::WHITE
                ))
                .width(Length::Fill),
                ui::colored(
                    ctx.tf(
                        Key::GalleryPosition,
                        &[
                            ("index", (self.image + 1).into()),
                            ("total", town.images.len().into())
                        ]
                    ),
                    theme::size::SMALL,
                    false,
                    Color::WHITE
                ),
            ]
            .spacing(12)
            .align_y(Alignment::Center),
        )
        .padding([12, 18])
        .style(theme::veil);
        let framed = stack![
            photo,
            container(caption).align_bottom(Length::Fill).padding(12)
        ];
        // Dots under the picture; each is a finger-sized target around a small mark.
        let dots = row(town.images.iter().enumerate().map(|(index, _)| {
            let current = index == self.image;
            button(
                container(space().width(if current { 40 } else { 16 }).height(16)).style(
                    move |_| container::Style {
                        background: Some(if current { theme::ACCENT } else { theme::LINE }.into()),
                        border: iced::Border {
                            radius: 8.0.into(),
                            ..iced::Border::default()
                        },
                        ..container::Style::default()
                    },
                ),
            )
            .padding(24)
            .style(|_, _| button::Style::default())
            .on_press(Message::ShowImage(index))
            .into()
        }))
        .align_y(Alignment::Center);
        let height = if ctx.portrait() {
            ctx.size.width * 0.56
        } else {
            // The left half is 9/19 of the width; keep the picture's 16:9.
            (ctx.size.height * 0.46).min(ctx.size.width * 9.0 / 19.0 * 0.56)
        };
        column![
            swipe(container(framed).height(height), Message::Swiped),
            container(dots).center_x(Length::Fill),
        ]
        .spacing(4)
        .into()
    }

    fn guide<'a>(&'a self, town: &'a Town, ctx: &Ctx<'a>) -> Element<'a, Message> {
        let code: Element<'a, Message> =
            match self.qr.get(&ctx.lang).or_else(|| self.qr.values().next()) {
                Some(data) => qr_code(data).cell_size(5).into(),
                None => space().into(),
            };
        let name = town.name.get(ctx.lang);
        ui::card(
            column![
                row![
                    container(code).padding(8).style(|_| container::Style {
                        background: Some(Color::WHITE.into()),
                        ..container::Style::default()
                    }),
                    column![
                        ui::heading(ctx.tf(Key::TownGuide, &[("town", name.into())])),
                        ui::body(ctx.t(Key::TownGuideHint)),
                    ]
                    .spacing(10)
                    .width(Length::Fill),
                ]
                .spacing(24)
                .align_y(Alignment::Center),
                ui::action(
                    ctx.tf(Key::TownSendMore, &[("town", name.into())]),
                    Message::SendMore
                ),
            ]
            .spacing(18),
        )
    }
}

/// The town's film and its spoken guide: large buttons right under the
/// town's name, and the guide's progress while it speaks.
fn media_bar<'a>(ctx: &Ctx<'a>, media: TownMedia) -> Option<Element<'a, Message>> {
    let mut buttons = row![].spacing(16);
    if let Some(index) = media.film {
        buttons = buttons.push(ui::action(ctx.t(Key::FilmWatch), Message::WatchFilm(index)));
    }
    let mut notice = None;
    let mut progress = None;
    match media.guide {
        GuideState::Unavailable => {}
        GuideState::Ready { language_changed } => {
            buttons = buttons.push(ui::action(ctx.t(Key::GuideListen), Message::Listen));
            if language_changed {
                notice = Some(ui::small(ctx.t(Key::GuideLanguageChanged)));
            }
        }
        GuideState::Loading | GuideState::Playing { .. } => {
            buttons = buttons.push(ui::action(ctx.t(Key::GuideStop), Message::StopGuide));
            let (position, duration) = match media.guide {
                GuideState::Playing { position, duration } => (position, duration),
                _ => (Duration::ZERO, Duration::ZERO),
            };
            let share = if duration.is_zero() {
                0.0
            } else {
                (position.as_secs_f32() / duration.as_secs_f32()).clamp(0.0, 1.0)
            };
            progress = Some(
                column![
                    progress_bar(0.0..=1.0, share).girth(14),
                    ui::small(format!(
                        "{} · {} / {}",
                        ctx.t(Key::GuideTitle),
                        super::film::clock(position),
                        super::film::clock(duration)
                    )),
                ]
                .spacing(8),
            );
        }
    }
    if media.film.is_none() && matches!(media.guide, GuideState::Unavailable) {
        return None;
    }
    let mut bar = column![buttons.wrap()].spacing(12);
    if let Some(notice) = notice {
        bar = bar.push(notice);
    }
    if let Some(progress) = progress {
        bar = bar.push(progress);
    }
    Some(bar.into())
}

fn details<'a>(
    town: &'a Town,
    ctx: &Ctx<'a>,
    media: Option<Element<'a, Message>>,
) -> Element<'a, Message> {
    let lang = ctx.lang;
    let population = ctx.tf(
        Key::TownPopulation,
        &[
            ("count", i64::from(town.population).into()),
            (
                "number",
                number(lang, u64::from(town.population)).as_str().into(),
            ),
        ],
    );
    let mut header = column![
        ui::headline(town.name.get(lang)),
        row![
            ui::tag(
                ctx.country(town.country),
                theme::country_color(town.country)
            ),
            ui::small(town.region.get(lang)),
            ui::small(population),
        ]
        .spacing(14)
        .align_y(Alignment::Center)
        .wrap(),
    ]
    .spacing(8);
    let local = town.name.get(local_language(town));
    if local != town.name.get(lang) {
        header = header.push(ui::small(local));
    }

    let mut sections = column![header].spacing(22);
    if let Some(media) = media {
        sections = sections.push(media);
    }
    sections = sections
        .push(ui::strong(town.summary.get(lang)))
        .push(ui::body(town.description.get(lang)));

    sections = sections.push(section(
        ctx.t(Key::TownSights),
        town.sights.iter().map(|sight| sight_card(sight, ctx)),
    ));

    let events = upcoming(ctx.pack, &town.id, ctx.today, EVENTS_SHOWN);
    let event_cards: Vec<Element<'a, Message>> = if events.is_empty() {
        vec![ui::small(ctx.t(Key::TownNoEvents))]
    } else {
        events
            .into_iter()
            .map(|event| {
                ui::card(
                    column![
                        row![
                            ui::strong(dates::range(&ctx.pack.ui, lang, event.start, event.end)),
                            ui::tag(ctx.category(event.category), theme::PRIMARY),
                        ]
                        .spacing(12)
                        .align_y(Alignment::Center)
                        .wrap(),
                        ui::heading(event.title.get(lang)),
                        ui::body(event.text.get(lang)),
                    ]
                    .spacing(6),
                )
            })
            .collect()
    };
    sections = sections.push(section(ctx.t(Key::TownEvents), event_cards.into_iter()));

    let benefits: Vec<_> = town
        .benefits
        .iter()
        .filter(|benefit| benefit.valid_until >= ctx.today)
        .collect();
    if !benefits.is_empty() {
        sections = sections.push(section(
            ctx.t(Key::TownBenefits),
            benefits.into_iter().map(|benefit| {
                let valid = ctx.tf(
                    Key::BenefitValid,
                    &[
                        (
                            "from",
                            dates::day(&ctx.pack.ui, lang, benefit.valid_from)
                                .as_str()
                                .into(),
                        ),
                        (
                            "until",
                            dates::day(&ctx.pack.ui, lang, benefit.valid_until)
                                .as_str()
                                .into(),
                        ),
                    ],
                );
                let mut coupon = column![
                    ui::heading(benefit.title.get(lang)),
                    ui::body(benefit.text.get(lang)),
                    ui::small(valid)
                ]
                .spacing(6);
                if let Some(code) = &benefit.code {
                    coupon = coupon.push(ui::strong(
                        ctx.tf(Key::BenefitCode, &[("code", code.as_str().into())]),
                    ));
                }
                container(coupon)
                    .padding(24)
                    .width(Length::Fill)
                    .style(theme::coupon)
                    .into()
            }),
        ));
    }

    let mascot = &town.kids.mascot;
    let kids = ui::card(
        column![
            row![
                picture(&mascot.image).contain().width(160).height(160),
                column![
                    ui::heading(mascot.name.get(lang)),
                    ui::body(mascot.story.get(lang))
                ]
                .spacing(8)
                .width(Length::Fill),
            ]
            .spacing(20)
            .align_y(Alignment::Center),
        ]
        .extend(town.kids.sights.iter().map(|sight| sight_text(sight, ctx)))
        .spacing(14),
    );
    sections = sections.push(section(ctx.t(Key::TownKids), std::iter::once(kids)));
    sections.into()
}

/// The language of the town's own country, for its local name.
fn local_language(town: &Town) -> Lang {
    match town.country {
        city_core::content::Country::At => Lang::De,
        city_core::content::Country::Si => Lang::Sl,
        city_core::content::Country::Hu => Lang::Hu,
    }
}

fn section<'a>(
    title: String,
    items: impl Iterator<Item = Element<'a, Message>>,
) -> Element<'a, Message> {
    column![ui::title(title)].extend(items).spacing(12).into()
}

fn sight_card<'a>(sight: &'a Sight, ctx: &Ctx<'a>) -> Element<'a, Message> {
    ui::card(sight_text(sight, ctx))
}

fn sight_text<'a>(sight: &'a Sight, ctx: &Ctx<'a>) -> Element<'a, Message> {
    column![
        ui::strong(sight.name.get(ctx.lang)),
        ui::body(sight.text.get(ctx.lang))
    ]
    .spacing(4)
    .into()
}
