//! Map: the region drawn from the towns' own coordinates (no tile server,
//! works offline), the three countries around their towns; touch a town
//! to open it.

use city_core::content::region::Projection;
use city_core::content::{Country, GeoPoint, Pack};
use city_core::i18n::Key;
use iced::advanced::text::Alignment as TextAlignment;
use iced::widget::canvas::{self, Frame, Geometry, Path, Stroke};
use iced::widget::{column, container, row, scrollable, stack};
use iced::{
    Color, Element, Length, Point, Rectangle, Renderer, Size, Theme, alignment, mouse, touch,
};

use std::hash::{Hash, Hasher};

use super::Ctx;
use crate::theme;
use crate::ui;
use crate::widget::drag_scroll;
use crate::widget::still_shapes::{Shapes, still_shapes};

/// How close to a town a touch must land (a finger is not a pointer).
pub const TOUCH_RADIUS: f32 = 44.0;
const MARKER_RADIUS: f32 = 12.0;
const LABEL_SIZE: f32 = 21.0;
const MARGIN: f32 = 70.0;
const COUNTRY_SIZE: f32 = 34.0;

/// The map's area on screen, for finding it in tests.
pub const MAP_ID: iced::advanced::widget::Id = iced::advanced::widget::Id::new("region-map");

#[derive(Debug, Clone)]
pub enum Message {
    Open(String),
}

pub fn view<'a>(ctx: &Ctx<'a>) -> Element<'a, Message> {
    let towns: Vec<MapTown> = ctx
        .pack
        .towns
        .iter()
        .map(|town| MapTown {
            id: town.id.clone(),
            name: town.name.get(ctx.lang).to_string(),
            country: town.country,
            position: town.position,
        })
        .collect();
    let countries = Country::ALL
        .iter()
        .map(|&country| (country, ctx.country(country).to_uppercase()))
        .collect();
    let places: Vec<(Country, GeoPoint)> = towns
        .iter()
        .map(|town| (town.country, town.position))
        .collect();
    // Under the canvas, the country areas that do not change while the
    // map is shown, drawn once (see `widget::still_shapes`).
    let areas = still_shapes(places_key(&places), move |size| {
        country_areas(&places, size)
    });
    let map = container(stack![
        areas,
        canvas::Canvas::new(RegionMap { towns, countries })
            .width(Length::Fill)
            .height(Length::Fill),
    ])
    .id(MAP_ID)
    .style(theme::card);

    // The same towns as a list by country: dense corners of the map are
    // easier to hit here.
    let list = column(Country::ALL.iter().map(|&country| {
        let mut towns: Vec<_> = ctx
            .pack
            .towns
            .iter()
            .filter(|town| town.country == country)
            .collect();
        towns.sort_by_key(|town| town.name.get(ctx.lang).to_lowercase());
        column![
            ui::heading(ctx.country(country)),
            row(towns.into_iter().map(|town| ui::chip(
                town.name.get(ctx.lang),
                false,
                Message::Open(town.id.clone())
            )))
            .spacing(10)
            .wrap()
            .vertical_spacing(10),
        ]
        .spacing(10)
        .into()
    }))
    .spacing(24);
    let list = drag_scroll(scrollable(container(list).padding(iced::Padding {
        right: 16.0,
        ..iced::Padding::ZERO
    })));

    let header = column![
        ui::title(ctx.t(Key::MapTitle)),
        ui::body(ctx.t(Key::MapHint))
    ]
    .spacing(6);
    let body: Element<'a, Message> = if ctx.portrait() {
        column![
            container(map).height(Length::FillPortion(3)),
            container(list).height(Length::FillPortion(2))
        ]
        .spacing(20)
        .into()
    } else {
        row![
            container(map).width(Length::FillPortion(3)),
            container(list).width(Length::FillPortion(2))
        ]
        .spacing(28)
        .into()
    };
    column![header, body].spacing(16).padding(28).into()
}

/// Where each town lies on a map of `size`, for taps and for tests.
pub fn town_positions(pack: &Pack, size: Size) -> Vec<(String, Point)> {
    let points: Vec<GeoPoint> = pack.towns.iter().map(|town| town.position).collect();
    let projection = Projection::fit(&points, size.width, size.height, MARGIN);
    pack.towns
        .iter()
        .map(|town| {
            let (x, y) = projection.project(town.position);
            (town.id.clone(), Point::new(x, y))
        })
        .collect()
}

struct MapTown {
    id: String,
    name: String,
    country: Country,
    position: GeoPoint,
}

struct RegionMap {
    towns: Vec<MapTown>,
    countries: Vec<(Country, String)>,
}

impl RegionMap {
    fn projection(&self, size: Size) -> Projection {
        let points: Vec<GeoPoint> = self.towns.iter().map(|town| town.position).collect();
        Projection::fit(&points, size.width, size.height, MARGIN)
    }

    fn town_at(&self, size: Size, position: Point) -> Option<&MapTown> {
        let projection = self.projection(size);
        self.towns
            .iter()
            .map(|town| {
                let (x, y) = projection.project(town.position);
                (town, Point::new(x, y).distance(position))
            })
            .filter(|(_, distance)| *distance <= TOUCH_RADIUS)
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(town, _)| town)
    }
}

impl canvas::Program<Message> for RegionMap {
    type State = ();

    fn update(
        &self,
        _state: &mut (),
        event: &iced::Event,
        bounds: Rectangle,
        cursor: mouse::Cursor,
    ) -> Option<canvas::Action<Message>> {
        let position = match event {
            iced::Event::Mouse(mouse::Event::ButtonPressed(mouse::Button::Left)) => {
                cursor.position_in(bounds)?
            }
            iced::Event::Touch(touch::Event::FingerPressed { position, .. })
                if bounds.contains(*position) =>
            {
                Point::new(position.x - bounds.x, position.y - bounds.y)
            }
            _ => return None,
        };
        let town = self.town_at(bounds.size(), position)?;
        Some(canvas::Action::publish(Message::Open(town.id.clone())).and_capture())
    }

    fn draw(
        &self,
        _state: &(),
        renderer: &Renderer,
        _theme: &Theme,
        bounds: Rectangle,
        _cursor: mouse::Cursor,
    ) -> Vec<Geometry> {
        let mut frame = Frame::new(renderer, bounds.size());
        let projection = self.projection(bounds.size());
        let points: Vec<(Point, &MapTown)> = self
            .towns
            .iter()
            .map(|town| {
                let (x, y) = projection.project(town.position);
                (Point::new(x, y), town)
            })
            .collect();

        // Each country's name beyond its towns (its area lies under the
        // canvas, see `country_areas`).
        let mut country_rects = Vec::new();
        for &(country, ref name) in &self.countries {
            let color = theme::country_color(country);
            if let Some(label) = country_label(&points, country, bounds.size()) {
                let width = estimated_width(name, COUNTRY_SIZE);
                country_rects.push(Rectangle::new(
                    Point::new(label.x - width / 2.0, label.y - COUNTRY_SIZE * 0.7),
                    Size::new(width, COUNTRY_SIZE * 1.4),
                ));
                frame.fill_text(canvas::Text {
                    content: name.clone(),
                    position: label,
                    size: COUNTRY_SIZE.into(),
                    color: Color { a: 0.55, ..color },
                    font: theme::FONT_BOLD,
                    align_x: TextAlignment::Center,
                    align_y: alignment::Vertical::Center,
                    ..canvas::Text::default()
                });
            }
        }

        // Markers, then labels where they collide with nothing, with a
        // leader line when they had to move away from their town.
        let mut taken: Vec<Rectangle> = points
            .iter()
            .map(|(point, _)| {
                Rectangle::new(
                    Point::new(point.x - MARKER_RADIUS, point.y - MARKER_RADIUS),
                    Size::new(2.0 * MARKER_RADIUS, 2.0 * MARKER_RADIUS),
                )
            })
            .collect();
        taken.extend(country_rects.iter().copied());
        for (point, town) in &points {
            let marker = Path::circle(*point, MARKER_RADIUS);
            frame.fill(&marker, theme::country_color(town.country));
            frame.stroke(
                &marker,
                Stroke::default().with_width(3.0).with_color(Color::WHITE),
            );
        }
        for (point, town) in crowded_first(&points) {
            let size = Size::new(estimated_width(&town.name, LABEL_SIZE), LABEL_SIZE * 1.3);
            let label = place_label(point, size, &taken, bounds.size());
            taken.push(label);
            if label.distance_to(point) > MARKER_RADIUS + 12.0 {
                let end = label.nearest_point(point);
                frame.stroke(
                    &Path::line(point, end),
                    Stroke::default().with_width(2.0).with_color(Color {
                        a: 0.6,
                        ..theme::INK
                    }),
                );
            }
            frame.fill(
                &Path::rounded_rectangle(
                    Point::new(label.x - 4.0, label.y),
                    Size::new(label.width + 8.0, label.height),
                    6.0.into(),
                ),
                Color {
                    a: 0.88,
                    ..Color::WHITE
                },
            );
            frame.fill_text(canvas::Text {
                content: town.name.clone(),
                position: Point::new(label.x, label.y + 2.0),
                size: LABEL_SIZE.into(),
                color: theme::INK,
                font: theme::FONT_BOLD,
                ..canvas::Text::default()
            });
        }
        vec![frame.into_geometry()]
    }
}

/// Each country as the union of soft discs around its towns, on a map of
/// `size` (the projection the canvas uses).
fn country_areas(places: &[(Country, GeoPoint)], size: Size) -> Shapes {
    let points: Vec<GeoPoint> = places.iter().map(|(_, position)| *position).collect();
    let projection = Projection::fit(&points, size.width, size.height, MARGIN);
    let radius = projection.pixels_per_degree() * 0.16;
    Country::ALL
        .iter()
        .map(|&country| {
            let area = Path::new(|builder| {
                for (_, position) in places.iter().filter(|(of, _)| *of == country) {
                    let (x, y) = projection.project(*position);
                    builder.circle(Point::new(x, y), radius);
                }
            });
            (
                area,
                Color {
                    a: 0.12,
                    ..theme::country_color(country)
                },
            )
        })
        .collect()
}

/// Tells one pack's towns from another's, for [`still_shapes`].
fn places_key(places: &[(Country, GeoPoint)]) -> u64 {
    let mut hasher = std::hash::DefaultHasher::new();
    for (country, position) in places {
        country.hash(&mut hasher);
        position.lat.to_bits().hash(&mut hasher);
        position.lon.to_bits().hash(&mut hasher);
    }
    hasher.finish()
}

/// A country's name goes beyond its towns, away from the others.
fn country_label(points: &[(Point, &MapTown)], country: Country, size: Size) -> Option<Point> {
    let mine: Vec<Point> = points
        .iter()
        .filter(|(_, town)| town.country == country)
        .map(|(point, _)| *point)
        .collect();
    if mine.is_empty() {
        return None;
    }
    let centre = |list: &[Point]| {
        let n = list.len() as f32;
        Point::new(
            list.iter().map(|p| p.x).sum::<f32>() / n,
            list.iter().map(|p| p.y).sum::<f32>() / n,
        )
    };
    let all: Vec<Point> = points.iter().map(|(point, _)| *point).collect();
    let (own, overall) = (centre(&mine), centre(&all));
    let label = Point::new(
        own.x + (own.x - overall.x) * 0.9,
        own.y + (own.y - overall.y) * 0.9,
    );
    Some(Point::new(
        label.x.clamp(120.0, size.width - 120.0),
        label.y.clamp(30.0, size.height - 30.0),
    ))
}

/// Towns with the most neighbours nearby choose their label spot first.
fn crowded_first<'a>(points: &[(Point, &'a MapTown)]) -> Vec<(Point, &'a MapTown)> {
    let mut ordered: Vec<(usize, Point, &MapTown)> = points
        .iter()
        .map(|(point, town)| {
            let neighbours = points
                .iter()
                .filter(|(other, _)| other.distance(*point) < 80.0)
                .count();
            (neighbours, *point, *town)
        })
        .collect();
    ordered.sort_by(|a, b| b.0.cmp(&a.0).then(a.2.id.cmp(&b.2.id)));
    ordered
        .into_iter()
        .map(|(_, point, town)| (point, town))
        .collect()
}

/// The first spot around `point`, nearest first, where a label of `size`
/// fits inside the map and overlaps nothing taken; else the nearest spot.
fn place_label(point: Point, size: Size, taken: &[Rectangle], map: Size) -> Rectangle {
    let (w, h) = (size.width, size.height);
    let mut candidates = Vec::new();
    for distance in [18.0, 48.0, 84.0, 124.0] {
        candidates.extend([
            Point::new(point.x + distance, point.y - h / 2.0),
            Point::new(point.x - distance - w, point.y - h / 2.0),
            Point::new(point.x - w / 2.0, point.y - distance - h),
            Point::new(point.x - w / 2.0, point.y + distance),
            Point::new(point.x + distance * 0.7, point.y - distance * 0.7 - h),
            Point::new(point.x - distance * 0.7 - w, point.y - distance * 0.7 - h),
            Point::new(point.x + distance * 0.7, point.y + distance * 0.7),
            Point::new(point.x - distance * 0.7 - w, point.y + distance * 0.7),
        ]);
    }
    let rects: Vec<Rectangle> = candidates
        .into_iter()
        .map(|corner| Rectangle::new(corner, size))
        .collect();
    let inside = |rect: &Rectangle| {
        rect.x >= 4.0
            && rect.y >= 4.0
            && rect.x + rect.width <= map.width - 4.0
            && rect.y + rect.height <= map.height - 4.0
    };
    rects
        .iter()
        .find(|rect| inside(rect) && !taken.iter().any(|other| other.intersects(rect)))
        .or_else(|| rects.iter().find(|rect| inside(rect)))
        .copied()
        .unwrap_or(rects[0])
}

trait RectangleExt {
    fn nearest_point(&self, point: Point) -> Point;
    fn distance_to(&self, point: Point) -> f32;
}

impl RectangleExt for Rectangle {
    fn nearest_point(&self, point: Point) -> Point {
        Point::new(
            point.x.clamp(self.x, self.x + self.width),
            point.y.clamp(self.y, self.y + self.height),
        )
    }

    fn distance_to(&self, point: Point) -> f32 {
        self.nearest_point(point).distance(point)
    }
}

/// Close enough for placing labels; Noto Sans Bold averages ~0.56 em.
fn estimated_width(text: &str, size: f32) -> f32 {
    text.chars().count() as f32 * size * 0.58
}
