//! A town's film, full screen: play and pause, a scrubber a finger can
//! drag, subtitles in the visitor's language, close. At its end, or if it
//! fails, the visitor is back on the town page.

use std::path::Path;
use std::time::Duration;

use city_core::content::{Film, Town};
use city_core::i18n::Key;
use iced::widget::{button, column, container, image, mouse_area, row, slider, space, stack};
use iced::{Alignment, Color, ContentFit, Element, Length};

use super::Ctx;
use crate::playback::player::Update;
use crate::playback::{FilmError, Player, PlayerFeed, PlayerOptions, PlayerStatus};
use crate::theme;
use crate::ui;
use crate::widget::picture as still_picture;

/// Height of the control bar under the film.
pub const CONTROLS_HEIGHT: f32 = 112.0;

#[derive(Debug)]
pub struct State {
    film: usize,
    player: Player,
    /// Where the finger holds the scrubber, in seconds, while it does.
    scrubbing: Option<f32>,
}

#[derive(Debug, Clone)]
pub enum Message {
    TogglePause,
    Scrub(f32),
    ScrubReleased,
    Close,
}

pub enum Action {
    None,
    Close,
}

impl State {
    /// Starts film `film` of `town`.
    pub fn open(
        town: &Town,
        film: usize,
        options: PlayerOptions,
    ) -> Result<State, (std::path::PathBuf, FilmError)> {
        let path = town
            .films
            .get(film)
            .map(|film| film.path.clone())
            .unwrap_or_default();
        let player = Player::open(&path, options).map_err(|error| (path, error))?;
        Ok(State {
            film,
            player,
            scrubbing: None,
        })
    }

    pub fn player(&self) -> &Player {
        &self.player
    }

    pub fn feed(&self) -> PlayerFeed {
        self.player.feed()
    }

    /// Whether the film runs, for holding off the idle timeout.
    pub fn is_playing(&self) -> bool {
        matches!(
            self.player.status(),
            PlayerStatus::Starting | PlayerStatus::Playing
        )
    }

    pub fn update(&mut self, message: Message) -> Action {
        match message {
            Message::TogglePause => {
                if self.player.is_paused() {
                    self.player.resume();
                } else {
                    self.player.pause();
                }
            }
            Message::Scrub(seconds) => {
                self.scrubbing = Some(seconds);
                self.player
                    .seek(Duration::from_secs_f32(seconds.max(0.0)), false);
            }
            Message::ScrubReleased => {
                if let Some(seconds) = self.scrubbing.take() {
                    self.player
                        .seek(Duration::from_secs_f32(seconds.max(0.0)), true);
                }
            }
            Message::Close => return Action::Close,
        }
        Action::None
    }

    /// The film's end closes it; a failure is reported (it then shows as a
    /// still on the town page) and closes it too.
    pub fn film_update(&self, id: u64, update: &Update) -> Option<Result<(), String>> {
        if id != self.player.id() {
            return None;
        }
        match &update.status {
            PlayerStatus::Ended => Some(Ok(())),
            PlayerStatus::Failed(reason) => Some(Err(reason.clone())),
            _ => None,
        }
    }

    pub fn film<'a>(&self, town: &'a Town) -> Option<&'a Film> {
        town.films.get(self.film)
    }

    /// The film and its controls; the app puts its header above.
    pub fn view<'a>(&'a self, ctx: &Ctx<'a>, town: &'a Town) -> Element<'a, Message> {
        let film = self.film(town);
        let still = town.images.first().map(|image| image.path.as_path());
        let position = self.player.position();
        let subtitles = film
            .and_then(|film| film.subtitles.get(&ctx.lang))
            .and_then(|subtitles| subtitles.text_at(position));

        let mut layers = vec![picture(Some(&self.player), still)];
        if let Some(text) = subtitles {
            layers.push(
                container(subtitle_line(text))
                    .center_x(Length::Fill)
                    .align_bottom(Length::Fill)
                    .padding(40)
                    .into(),
            );
        }
        let screen = mouse_area(stack(layers)).on_press(Message::TogglePause);

        column![
            container(screen).width(Length::Fill).height(Length::Fill),
            self.controls(ctx, position)
        ]
        .into()
    }

    fn controls<'a>(&'a self, ctx: &Ctx<'a>, position: Duration) -> Element<'a, Message> {
        let duration = self.player.duration().unwrap_or_default();
        let shown = self
            .scrubbing
            .unwrap_or(position.as_secs_f32())
            .min(duration.as_secs_f32());
        let paused = self.player.is_paused();
        let toggle = button(
            container(ui::colored(
                ctx.t(if paused {
                    Key::FilmPlay
                } else {
                    Key::FilmPause
                }),
                theme::size::BODY,
                true,
                Color::WHITE,
            ))
            .center(Length::Fill),
        )
        .width(220)
        .height(theme::TOUCH_MIN + 8.0)
        .style(theme::action)
        .on_press(Message::TogglePause);
        let scrubber = slider(0.0..=duration.as_secs_f32().max(0.1), shown, Message::Scrub)
            .step(0.1)
            .height(theme::TOUCH_MIN + 8.0)
            .on_release(Message::ScrubReleased)
            .style(theme::scrubber);
        let time = ui::colored(
            format!(
                "{} / {}",
                clock(Duration::from_secs_f32(shown)),
                clock(duration)
            ),
            theme::size::BODY,
            true,
            Color::WHITE,
        );
        container(
            row![
                toggle,
                container(scrubber).width(Length::Fill),
                container(time).width(170).align_right(170),
            ]
            .spacing(32)
            .align_y(Alignment::Center),
        )
        .padding([0, 32])
        .height(CONTROLS_HEIGHT)
        .center_y(CONTROLS_HEIGHT)
        .style(theme::header)
        .into()
    }
}

/// `m:ss`, as players show time.
pub fn clock(time: Duration) -> String {
    let seconds = time.as_secs();
    format!("{}:{:02}", seconds / 60, seconds % 60)
}

/// What a film area shows: the player's latest picture, or the town's
/// still until the first picture arrives (and instead of a broken film).
pub fn picture<'a, M: 'a>(player: Option<&Player>, still: Option<&Path>) -> Element<'a, M> {
    let frame = player.and_then(Player::frame);
    let content: Element<'a, M> = match (frame, still) {
        (Some(frame), _) => image(frame.image)
            .content_fit(ContentFit::Contain)
            .width(Length::Fill)
            .height(Length::Fill)
            .into(),
        (None, Some(still)) => still_picture(still)
            .width(Length::Fill)
            .height(Length::Fill)
            .into(),
        (None, None) => space().width(Length::Fill).height(Length::Fill).into(),
    };
    container(content)
        .width(Length::Fill)
        .height(Length::Fill)
        .style(|_| container::Style {
            background: Some(Color::BLACK.into()),
            ..container::Style::default()
        })
        .into()
}

/// A subtitle: large, light on a dark veil, readable over any picture.
pub fn subtitle_line<'a, M: 'a>(text: String) -> Element<'a, M> {
    container(ui::colored(text, theme::size::TITLE, true, Color::WHITE))
        .padding([10, 24])
        .style(theme::veil)
        .into()
}
