//! Home: the 24 towns as large tiles.

use city_core::Lang;
use city_core::content::{Pack, Town};
use iced::widget::{column, container, grid, image, scrollable, text};
use iced::{ContentFit, Element, Length};

use crate::theme;

#[derive(Debug, Clone)]
pub enum Message {}

pub fn view(pack: &Pack, lang: Lang) -> Element<'_, Message> {
    let mut towns: Vec<&Town> = pack.towns.iter().collect();
    towns.sort_by_key(|town| town.name.get(lang).to_lowercase());
    let tiles = grid(towns.into_iter().map(|town| tile(town, lang)))
        .fluid(340)
        .spacing(20)
        .height(grid::aspect_ratio(4, 3));
    scrollable(container(tiles).padding(28))
        .height(Length::Fill)
        .into()
}

fn tile(town: &Town, lang: Lang) -> Element<'_, Message> {
    let picture = town
        .images
        .first()
        .map(|first| {
            Element::from(
                image(image::Handle::from_path(&first.path))
                    .content_fit(ContentFit::Cover)
                    .width(Length::Fill)
                    .height(Length::Fill)
                    .border_radius(iced::border::top(theme::RADIUS)),
            )
        })
        .unwrap_or_else(|| container(text("")).height(Length::Fill).into());
    let label = column![
        text(town.name.get(lang))
            .size(theme::size::BODY)
            .font(theme::FONT_BOLD),
        text(format!("{} · {}", town.region.get(lang), town.country))
            .size(theme::size::SMALL)
            .color(theme::MUTED),
    ]
    .spacing(2)
    .padding([10, 16]);
    container(column![picture, label])
        .style(|_| container::Style {
            background: Some(theme::SURFACE.into()),
            border: iced::Border {
                color: theme::LINE,
                width: 1.0,
                radius: theme::RADIUS.into(),
            },
            ..container::Style::default()
        })
        .into()
}
