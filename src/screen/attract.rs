//! Attract: while nobody uses the kiosk, the towns' films play one after
//! another, each with the town's name and an invitation to touch; a town
//! without a playable film shows its picture for a few seconds instead.
//! Any touch starts.

use std::time::{Duration, Instant};

use city_core::attract::{BrokenFilms, STILL_DURATION, Slot, slot};
use city_core::content::Pack;
use iced::widget::{column, container, mouse_area, stack};
use iced::{Alignment, Color, Element, Length};

use super::Ctx;
use super::film;
use crate::playback::player::Update;
use crate::playback::{Player, PlayerFeed, PlayerOptions, PlayerStatus};
use crate::theme;
use crate::ui;
use crate::widget::picture;

/// A film that shows no new picture for this long has hung: skip it.
const STALL_LIMIT: Duration = Duration::from_secs(10);

#[derive(Debug, Default)]
pub struct State {
    /// Position in the pack's attract order; kept across visitors so the
    /// loop goes on where it was.
    position: usize,
    /// When the current slot began; `None` until the loop starts.
    since: Option<Instant>,
    player: Option<Player>,
    /// For noticing a hung film: frames seen at the last check, and when
    /// that number last changed.
    progress: (u64, Option<Instant>),
}

#[derive(Debug, Clone)]
pub enum Message {
    Start,
}

impl State {
    pub fn position(&self) -> usize {
        self.position
    }

    pub fn player(&self) -> Option<&Player> {
        self.player.as_ref()
    }

    pub fn feed(&self) -> Option<PlayerFeed> {
        self.player.as_ref().map(Player::feed)
    }

    /// A loop that starts at `position` in the pack's attract order.
    pub fn resume_at(position: usize) -> State {
        State {
            position,
            ..State::default()
        }
    }

    /// Where the loop goes on when it comes back after a visitor: at the
    /// next town if this one was shown, so each visitor leaves the loop
    /// a step further.
    pub fn next_position(&self) -> usize {
        self.position + usize::from(self.since.is_some())
    }

    /// Shows the current position: opens its film, or starts the clock
    /// of its still. A film that cannot be opened is marked broken (one
    /// log line) and the town's still shows instead.
    fn begin(
        &mut self,
        pack: &Pack,
        broken: &mut BrokenFilms,
        options: PlayerOptions,
        now: Instant,
    ) {
        self.player = None;
        self.since = Some(now);
        self.progress = (0, Some(now));
        if let Some(Slot::Film { film, .. }) = slot(pack, self.position, broken) {
            match Player::open(&film.path, options) {
                Ok(player) => self.player = Some(player),
                Err(error) => broken.report(&film.path, &error.to_string()),
            }
        }
        // The next town's still fills the screen until its film's first
        // picture: scale it while this one plays, not in that moment.
        let next_still =
            slot(pack, self.position + 1, broken).and_then(|next| next.town().images.first());
        if let (Some(bounds), Some(still)) = (options.bounds, next_still) {
            let _ = picture::prepare_in_background(&still.path, bounds);
        }
    }

    fn advance(
        &mut self,
        pack: &Pack,
        broken: &mut BrokenFilms,
        options: PlayerOptions,
        now: Instant,
    ) {
        self.position += 1;
        self.begin(pack, broken, options, now);
    }

    /// Once a second while the loop shows: starts it, moves a still on,
    /// and skips a film that has hung.
    pub fn tick(
        &mut self,
        pack: &Pack,
        broken: &mut BrokenFilms,
        options: PlayerOptions,
        now: Instant,
    ) {
        let Some(since) = self.since else {
            self.begin(pack, broken, options, now);
            return;
        };
        match &self.player {
            None => {
                if now.saturating_duration_since(since) >= STILL_DURATION {
                    self.advance(pack, broken, options, now);
                }
            }
            Some(player) => {
                let frames = player.frames_shown();
                let changed = self.progress.1.unwrap_or(now);
                if frames != self.progress.0 {
                    self.progress = (frames, Some(now));
                } else if now.saturating_duration_since(changed) >= STALL_LIMIT {
                    let path = player.path().to_path_buf();
                    broken.report(&path, "no new picture for 10 s");
                    self.advance(pack, broken, options, now);
                }
            }
        }
    }

    /// A film of the loop has news: at its end the next town follows; a
    /// failed film is skipped.
    pub fn film_update(
        &mut self,
        id: u64,
        update: &Update,
        pack: &Pack,
        broken: &mut BrokenFilms,
        options: PlayerOptions,
    ) {
        let Some(player) = self.player.as_ref().filter(|player| player.id() == id) else {
            return;
        };
        match &update.status {
            PlayerStatus::Ended => self.advance(pack, broken, options, Instant::now()),
            PlayerStatus::Failed(reason) => {
                let path = player.path().to_path_buf();
                broken.report(&path, reason);
                self.advance(pack, broken, options, Instant::now());
            }
            _ => {}
        }
    }

    pub fn view<'a>(&'a self, ctx: &Ctx<'a>, broken: &BrokenFilms) -> Element<'a, Message> {
        let pack = ctx.pack;
        let current = slot(pack, self.position, broken);
        let town = current.map(|slot| slot.town());
        let still = town
            .and_then(|town| town.images.first())
            .map(|image| image.path.as_path());
        let background = film::picture(self.player.as_ref(), still);
        let subtitles = match (current, &self.player) {
            (Some(Slot::Film { film, .. }), Some(player)) => film
                .subtitles
                .get(&ctx.lang)
                .and_then(|subtitles| subtitles.text_at(player.position())),
            _ => None,
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

        let mut bottom = column![].spacing(24);
        if let Some(text) = subtitles {
            bottom = bottom.push(film::subtitle_line(text));
        }
        bottom = bottom.push(caption);

        let overlay = container(
            column![
                container(container(invitations).padding([20, 28]).style(theme::veil))
                    .align_right(Length::Fill),
                container(bottom).align_bottom(Length::Fill),
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
