//! Staff mode, behind the PIN: how many leads, what they ask about, export
//! to a USB drive, erase what was exported, the venue's name, quit.

use std::path::PathBuf;

use city_core::i18n::Key;
use city_core::keyboard::{Key as KeyPress, apply as apply_key};
use city_core::store::LeadCounts;
use iced::widget::{column, container, row, scrollable, stack};
use iced::{Alignment, Element, Length};

use super::Ctx;
use crate::theme;
use crate::ui;
use crate::widget::{KeyNames, drag_scroll, keyboard};

/// What staff see, read from the store.
#[derive(Debug, Clone, Default)]
pub struct Overview {
    pub counts: LeadCounts,
    pub top_towns: Vec<(String, i64)>,
    pub top_themes: Vec<(String, i64)>,
    /// `None`: no hub is set up; the kiosk runs alone.
    pub hub: Option<HubStatus>,
}

/// Where the sync with the hub stands.
#[derive(Debug, Clone, Default)]
pub struct HubStatus {
    pub last_success: Option<chrono::DateTime<chrono::Utc>>,
    pub next_try: Option<std::time::Instant>,
    pub last_error: Option<String>,
}

#[derive(Debug, Clone)]
pub enum Notice {
    Exported { count: u64, file: PathBuf },
    Erased(u64),
    Failed(String),
}

#[derive(Debug, Default)]
pub struct State {
    overview: Option<Overview>,
    /// Where an export can go: mounted USB drives, then the data folder.
    targets: Vec<PathBuf>,
    notice: Option<Notice>,
    confirming_erase: bool,
    venue: Option<String>,
    shift: bool,
    busy: bool,
}

#[derive(Debug, Clone)]
pub enum Message {
    Loaded(Result<Overview, String>),
    Export(PathBuf),
    Exported(Result<(u64, PathBuf), String>),
    AskErase,
    CancelErase,
    Erase,
    Erased(Result<u64, String>),
    /// Starts editing the venue, from its current name.
    EditVenue(String),
    Key(KeyPress),
    Typed(String),
    SaveVenue,
    SyncNow,
    Quit,
    Close,
}

pub enum Action {
    None,
    Reload,
    Export(PathBuf),
    EraseExported,
    SaveVenue(String),
    SyncNow,
    Quit,
    Close,
}

impl State {
    pub fn opened(targets: Vec<PathBuf>) -> State {
        State {
            targets,
            busy: true,
            ..State::default()
        }
    }

    pub fn overview(&self) -> Option<&Overview> {
        self.overview.as_ref()
    }

    pub fn notice(&self) -> Option<&Notice> {
        self.notice.as_ref()
    }

    pub fn editing_venue(&self) -> bool {
        self.venue.is_some()
    }

    pub fn update(&mut self, message: Message) -> Action {
        match message {
            Message::Loaded(Ok(overview)) => {
                self.overview = Some(overview);
                self.busy = false;
            }
            Message::Loaded(Err(error)) => {
                self.notice = Some(Notice::Failed(error));
                self.busy = false;
            }
            Message::Export(target) if !self.busy => {
                self.busy = true;
                return Action::Export(target);
            }
            Message::Export(_) => {}
            Message::Exported(result) => {
                self.busy = false;
                self.notice = Some(match result {
                    Ok((count, file)) => Notice::Exported { count, file },
                    Err(error) => Notice::Failed(error),
                });
                return Action::Reload;
            }
            Message::AskErase => self.confirming_erase = true,
            Message::CancelErase => self.confirming_erase = false,
            Message::Erase => {
                self.confirming_erase = false;
                self.busy = true;
                return Action::EraseExported;
            }
            Message::Erased(result) => {
                self.busy = false;
                self.notice = Some(match result {
                    Ok(count) => Notice::Erased(count),
                    Err(error) => Notice::Failed(error),
                });
                return Action::Reload;
            }
            Message::EditVenue(current) => self.venue = Some(current),
            Message::Key(KeyPress::Shift) => self.shift = !self.shift,
            Message::Key(KeyPress::Done) => return self.save_venue(),
            Message::Key(key) => {
                let shift = self.shift;
                if let Some(venue) = &mut self.venue {
                    apply_key(venue, key, shift);
                    self.shift = false;
                }
            }
            Message::Typed(text) => {
                if let Some(venue) = &mut self.venue {
                    venue.push_str(&text);
                }
            }
            Message::SaveVenue => return self.save_venue(),
            Message::SyncNow => return Action::SyncNow,
            Message::Quit => return Action::Quit,
            Message::Close => return Action::Close,
        }
        Action::None
    }

    fn save_venue(&mut self) -> Action {
        match self.venue.take() {
            Some(venue) => {
                city_core::config::venue_from_staff(&venue).map_or(Action::None, Action::SaveVenue)
            }
            None => Action::None,
        }
    }

    /// Staff mode; `current_venue` is the kiosk's venue as it is now.
    pub fn view<'a>(&'a self, ctx: &Ctx<'a>, current_venue: &str) -> Element<'a, Message> {
        let overview = self.overview.clone().unwrap_or_default();
        let counts = overview.counts;
        let figure = |label: Key, value: i64| -> Element<'a, Message> {
            ui::card(column![ui::headline(value.to_string()), ui::small(ctx.t(label))].spacing(4))
        };
        let figures = row![
            figure(Key::StaffToday, counts.today),
            figure(Key::StaffTotal, counts.total),
            figure(Key::StaffUnsynced, counts.unsynced),
            figure(Key::StaffOnlyHere, counts.only_here),
        ]
        .spacing(16);
        let ranking = |title: Key,
                       items: &[(String, i64)],
                       name: &dyn Fn(&str) -> String|
         -> Element<'a, Message> {
            column![ui::heading(ctx.t(title))]
                .extend(items.iter().map(|(key, count)| {
                    row![
                        container(ui::body(name(key))).width(Length::Fill),
                        ui::strong(count.to_string())
                    ]
                    .spacing(12)
                    .into()
                }))
                .spacing(8)
                .width(Length::Fill)
                .into()
        };
        let theme_name = |key: &str| {
            city_core::content::Theme::from_key(key)
                .map(|theme| ctx.theme(theme))
                .unwrap_or_else(|| key.to_string())
        };
        let rankings = row![
            ui::card(ranking(Key::StaffTopTowns, &overview.top_towns, &|id| ctx
                .town_name(id))),
            ui::card(ranking(
                Key::StaffTopThemes,
                &overview.top_themes,
                &theme_name
            )),
        ]
        .spacing(16);

        let mut export = column![ui::heading(ctx.t(Key::StaffExport))].spacing(12);
        if self.targets.len() <= 1 {
            export = export.push(ui::small(ctx.t(Key::StaffNoDrive)));
        }
        export = export.push(
            row(self.targets.iter().map(|target| {
                ui::chip(
                    target.display().to_string(),
                    false,
                    Message::Export(target.clone()),
                )
            }))
            .spacing(10)
            .wrap()
            .vertical_spacing(10),
        );
        if let Some(notice) = &self.notice {
            export = export.push(match notice {
                Notice::Exported { count, file } => ui::strong(ctx.tf(
                    Key::StaffExported,
                    &[
                        ("count", i64::try_from(*count).unwrap_or(i64::MAX).into()),
                        ("file", file.display().to_string().as_str().into()),
                    ],
                )),
                Notice::Erased(count) => ui::strong(ctx.tf(
                    Key::StaffErased,
                    &[("count", i64::try_from(*count).unwrap_or(i64::MAX).into())],
                )),
                Notice::Failed(error) => ui::colored(
                    ctx.tf(Key::StaffExportFailed, &[("error", error.as_str().into())]),
                    theme::size::BODY,
                    true,
                    theme::DANGER,
                ),
            });
        }
        if counts.exported > 0 {
            export = export.push(ui::secondary(ctx.t(Key::StaffErase), Message::AskErase));
        }

        let hub = ui::card(hub_status(ctx, overview.hub.as_ref(), counts.unsynced));
        let venue_value = self
            .venue
            .clone()
            .unwrap_or_else(|| current_venue.to_string());
        let venue = column![
            ui::field(
                iced::advanced::widget::Id::new("field-venue"),
                ctx.t(Key::StaffVenue),
                &venue_value,
                self.venue.is_some(),
                None,
                1,
                Message::EditVenue(current_venue.to_string())
            ),
            ui::secondary(ctx.t(Key::StaffSaveVenue), Message::SaveVenue),
        ]
        .spacing(10);

        let page = drag_scroll(scrollable(
            column![
                ui::title(ctx.t(Key::StaffTitle)),
                figures,
                rankings,
                hub,
                ui::card(export),
                ui::card(venue),
                row![
                    ui::action(ctx.t(Key::StaffClose), Message::Close),
                    ui::secondary(ctx.t(Key::StaffQuit), Message::Quit)
                ]
                .spacing(16)
                .align_y(Alignment::Center),
            ]
            .spacing(20)
            .padding(28),
        ));
        let mut page = column![container(page).height(Length::Fill)];
        if self.venue.is_some() {
            let names = KeyNames {
                shift: ctx.t(Key::KeyShift),
                backspace: ctx.t(Key::KeyBackspace),
                space: ctx.t(Key::KeySpace),
                done: ctx.t(Key::KeyDone),
            };
            page = page.push(keyboard(ctx.lang, false, self.shift, &names, Message::Key));
        }
        if self.confirming_erase {
            let question = ctx.tf(Key::StaffEraseConfirm, &[("count", counts.exported.into())]);
            let dialog = container(
                column![
                    ui::heading(question),
                    row![
                        ui::action(ctx.t(Key::Yes), Message::Erase),
                        ui::secondary(ctx.t(Key::Cancel), Message::CancelErase)
                    ]
                    .spacing(16),
                ]
                .spacing(24),
            )
            .padding(36)
            .max_width(900)
            .style(theme::card);
            return stack![page, ui::modal(dialog, Message::CancelErase, 0)].into();
        }
        page.into()
    }
}

/// Last sync, next try, what waits to be sent, the last error in words.
fn hub_status<'a>(ctx: &Ctx<'a>, hub: Option<&HubStatus>, queued: i64) -> Element<'a, Message> {
    let Some(hub) = hub else {
        return column![
            ui::heading(ctx.t(Key::StaffHub)),
            ui::body(ctx.t(Key::StaffNoHub))
        ]
        .spacing(10)
        .into();
    };
    let local = |at: chrono::DateTime<chrono::Utc>| {
        at.with_timezone(&chrono::Local).format("%H:%M").to_string()
    };
    let mut lines = column![ui::heading(ctx.t(Key::StaffHub))].spacing(8);
    lines = lines.push(ui::body(match hub.last_success {
        Some(at) => ctx.tf(Key::StaffLastSync, &[("time", local(at).as_str().into())]),
        None => ctx.t(Key::StaffNeverSynced),
    }));
    if let Some(next) = hub.next_try {
        let wait = next.saturating_duration_since(std::time::Instant::now());
        let at = chrono::Utc::now() + chrono::Duration::from_std(wait).unwrap_or_default();
        lines = lines.push(ui::body(
            ctx.tf(Key::StaffNextSync, &[("time", local(at).as_str().into())]),
        ));
    }
    lines = lines.push(ui::body(format!("{}: {queued}", ctx.t(Key::StaffUnsynced))));
    if let Some(error) = &hub.last_error {
        lines = lines.push(ui::colored(
            ctx.tf(Key::StaffSyncError, &[("error", error.as_str().into())]),
            theme::size::BODY,
            true,
            theme::DANGER,
        ));
    }
    lines
        .push(ui::secondary(ctx.t(Key::StaffSyncNow), Message::SyncNow))
        .into()
}
