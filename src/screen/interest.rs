//! Interest: the visitor leaves an e-mail address and what they would like
//! to hear about, with a separate consent per purpose. Typing is done on
//! the on-screen keyboard (or a physical one). Nothing is kept until the
//! store has committed the lead; then a thank-you, then an empty form.

use std::time::{Duration, Instant};

use city_core::content::Theme;
use city_core::i18n::Key;
use city_core::keyboard::{Key as KeyPress, apply as apply_key};
use city_core::leads::{CalendarBy, FormError, Lead, LeadForm, Origin, RESIDENCE_COUNTRIES};
use city_core::phone_link::PhoneLink;
use iced::widget::{center, column, container, qr_code, row, scrollable, stack};
use iced::{Alignment, Color, Element, Length};

use super::Ctx;
use crate::theme;
use crate::ui;
use crate::widget::{KeyNames, drag_scroll, keyboard};

/// How long the thank-you stays before the form is cleared for the next person.
pub const THANKS_SHOWN: Duration = Duration::from_secs(12);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Email,
    Name,
    Message,
    Address,
}

impl Field {
    /// The field's box on screen, for finding it in tests.
    pub fn id(self) -> iced::advanced::widget::Id {
        iced::advanced::widget::Id::new(match self {
            Field::Email => "field-email",
            Field::Name => "field-name",
            Field::Message => "field-message",
            Field::Address => "field-address",
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    Towns,
    Country,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Editing,
    /// Waiting for the store to commit.
    Saving,
    Thanks,
    /// The store refused; the form is kept for another try.
    Failed,
}

#[derive(Debug, Clone)]
pub enum Message {
    Focus(Field),
    Key(KeyPress),
    /// Text from a physical keyboard.
    Typed(String),
    ToggleTown(String),
    ToggleTheme(Theme),
    Family,
    Calendar(Option<CalendarBy>),
    Country(Option<String>),
    Choose(Option<Choice>),
    ConsentContact,
    ConsentNewsletter,
    Submit,
    Saved(Result<(), String>),
    Clear,
    Done,
    /// The hub has the lead of the phone link with this id.
    PhoneArrived(uuid::Uuid),
}

/// "Continue on your phone": the signed link the QR code beside the
/// keyboard shows, for the choices made so far.
pub struct PhoneOffer {
    link: PhoneLink,
    qr: qr_code::Data,
}

impl std::fmt::Debug for PhoneOffer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PhoneOffer")
            .field("link", &self.link)
            .finish()
    }
}

pub enum Action {
    None,
    /// Store this lead, then answer with `Message::Saved`.
    Save(Box<Lead>),
    /// The visitor is finished here.
    Leave,
}

#[derive(Debug)]
pub struct State {
    form: LeadForm,
    focus: Option<Field>,
    shift: bool,
    /// Set once the visitor tried to send: from then on problems show.
    tried: bool,
    stage: Stage,
    stage_since: Option<Instant>,
    choosing: Option<Choice>,
    phone: Option<PhoneOffer>,
}

impl Default for State {
    fn default() -> Self {
        State {
            form: LeadForm::default(),
            focus: Some(Field::Email),
            shift: false,
            tried: false,
            stage: Stage::Editing,
            stage_since: None,
            choosing: None,
            phone: None,
        }
    }
}

impl State {
    /// A fresh form with the town the visitor came from already chosen.
    pub fn about(town: Option<&str>) -> State {
        let mut state = State::default();
        state.form.towns.extend(town.map(str::to_string));
        state
    }

    pub fn form(&self) -> &LeadForm {
        &self.form
    }

    pub fn stage(&self) -> Stage {
        self.stage
    }

    pub fn focus(&self) -> Option<Field> {
        self.focus
    }

    /// The phone link on offer, if any.
    pub fn phone_link(&self) -> Option<&PhoneLink> {
        self.phone.as_ref().map(|offer| &offer.link)
    }

    /// Offers `link` (at `url`) as a QR code, or nothing.
    pub fn set_phone(&mut self, offer: Option<(PhoneLink, url::Url)>) {
        self.phone = offer.and_then(|(link, url)| {
            let qr = qr_code::Data::new(url.as_str()).ok()?;
            Some(PhoneOffer { link, qr })
        });
    }

    /// Problems the visitor is shown (only after a first try to send).
    pub fn shown_problems(&self) -> Vec<FormError> {
        if self.tried {
            self.form.problems()
        } else {
            Vec::new()
        }
    }

    fn text_mut(&mut self, field: Field) -> &mut String {
        match field {
            Field::Email => &mut self.form.email,
            Field::Name => &mut self.form.name,
            Field::Message => &mut self.form.message,
            Field::Address => &mut self.form.postal_address,
        }
    }

    pub fn update(&mut self, message: Message, origin: &Origin, now: Instant) -> Action {
        if matches!(self.stage, Stage::Saving) && !matches!(message, Message::Saved(_)) {
            return Action::None;
        }
        match message {
            Message::Focus(field) => self.focus = Some(field),
            Message::Key(KeyPress::Shift) => self.shift = !self.shift,
            Message::Key(KeyPress::Done) => self.focus = None,
            Message::Key(key) => {
                if let Some(field) = self.focus {
                    let shift = self.shift;
                    apply_key(self.text_mut(field), key, shift);
                    // Shift holds for one letter, as on a phone.
                    if matches!(key, KeyPress::Char(_)) {
                        self.shift = false;
                    }
                }
            }
            Message::Typed(text) => {
                if let Some(field) = self.focus {
                    self.text_mut(field).push_str(&text);
                }
            }
            Message::ToggleTown(id) => {
                if !self.form.towns.remove(&id) {
                    self.form.towns.insert(id);
                }
            }
            Message::ToggleTheme(theme) => {
                if !self.form.themes.remove(&theme) {
                    self.form.themes.insert(theme);
                }
            }
            Message::Family => self.form.family = !self.form.family,
            Message::Calendar(by) => {
                self.form.calendar = by;
                if by == Some(CalendarBy::Post) {
                    self.focus = Some(Field::Address);
                }
            }
            Message::Country(code) => {
                self.form.country = code;
                self.choosing = None;
            }
            Message::Choose(choice) => {
                self.choosing = choice;
                // The keyboard would only cover the choice.
                if choice.is_some() {
                    self.focus = None;
                }
            }
            Message::ConsentContact => self.form.consent_contact = !self.form.consent_contact,
            Message::ConsentNewsletter => {
                self.form.consent_newsletter = !self.form.consent_newsletter
            }
            Message::Submit => {
                self.tried = true;
                match self.form.to_lead(origin) {
                    Ok(lead) => {
                        self.stage = Stage::Saving;
                        self.focus = None;
                        return Action::Save(Box::new(lead));
                    }
                    Err(problems) => {
                        self.focus = match problems.first() {
                            Some(FormError::EmailMissing | FormError::EmailMalformed) => {
                                Some(Field::Email)
                            }
                            Some(FormError::AddressMissing | FormError::AddressTooLong) => {
                                Some(Field::Address)
                            }
                            Some(FormError::NameTooLong) => Some(Field::Name),
                            Some(FormError::MessageTooLong) => Some(Field::Message),
                            _ => None,
                        };
                    }
                }
            }
            Message::PhoneArrived(id) => {
                let ours = self.phone_link().is_some_and(|link| link.lead_id == id);
                if ours && matches!(self.stage, Stage::Editing | Stage::Failed) {
                    // Sent from the phone: what was typed here is not needed.
                    *self = State {
                        stage: Stage::Thanks,
                        stage_since: Some(now),
                        focus: None,
                        ..State::default()
                    };
                }
            }
            Message::Saved(Ok(())) => {
                // The details leave the screen's memory at once.
                *self = State {
                    stage: Stage::Thanks,
                    stage_since: Some(now),
                    focus: None,
                    ..State::default()
                };
            }
            Message::Saved(Err(_)) => self.stage = Stage::Failed,
            Message::Clear => *self = State::default(),
            Message::Done => {
                *self = State::default();
                return Action::Leave;
            }
        }
        Action::None
    }

    /// Ends the thank-you after a while, for the next visitor.
    pub fn tick(&mut self, now: Instant) -> Action {
        if self.stage == Stage::Thanks
            && self
                .stage_since
                .is_some_and(|since| now.saturating_duration_since(since) >= THANKS_SHOWN)
        {
            *self = State::default();
            return Action::Leave;
        }
        Action::None
    }

    pub fn view<'a>(&'a self, ctx: &Ctx<'a>) -> Element<'a, Message> {
        if self.stage == Stage::Thanks {
            return center(ui::card(
                column![
                    ui::headline(ctx.t(Key::ThanksTitle)),
                    ui::body(ctx.t(Key::ThanksText)),
                    ui::action(ctx.t(Key::ThanksDone), Message::Done),
                ]
                .spacing(24)
                .align_x(Alignment::Center),
            ))
            .padding(48)
            .into();
        }
        let problems = self.shown_problems();
        let details = self.details(ctx, &problems);
        let interests = self.interests(ctx, &problems);
        let body: Element<'a, Message> =
            if ctx.portrait() || self.focus.is_some() && ctx.size.width < 1300.0 {
                drag_scroll(
                    scrollable(column![details, interests].spacing(28).padding(28))
                        .height(Length::Fill),
                )
                .into()
            } else {
                row![
                    container(drag_scroll(scrollable(container(details).padding(28))))
                        .width(Length::FillPortion(5))
                        .height(Length::Fill),
                    container(drag_scroll(scrollable(container(interests).padding(28))))
                        .width(Length::FillPortion(4))
                        .height(Length::Fill),
                ]
                .into()
            };
        // Send is always in reach, whatever is scrolled where.
        let mut actions = row![
            ui::action(ctx.t(Key::InterestSend), Message::Submit),
            ui::secondary(ctx.t(Key::InterestClear), Message::Clear)
        ]
        .spacing(16)
        .align_y(Alignment::Center);
        if self.stage == Stage::Saving {
            actions = actions.push(ui::small(ctx.t(Key::InterestSaving)));
        }
        if self.stage == Stage::Failed {
            actions = actions.push(ui::colored(
                ctx.t(Key::ErrorSaving),
                theme::size::BODY,
                true,
                theme::DANGER,
            ));
        }
        let actions = container(actions)
            .padding([12, 28])
            .width(Length::Fill)
            .style(theme::nav_bar);
        let mut page = column![container(body).height(Length::Fill), actions];
        if let Some(field) = self.focus {
            let keys = self.keyboard(ctx, field);
            page = page.push(match &self.phone {
                Some(offer) if !ctx.portrait() => row![
                    container(keys).width(Length::Fill),
                    self.phone_panel(ctx, offer)
                ]
                .into(),
                Some(offer) => column![keys, self.phone_panel(ctx, offer)].into(),
                None => keys,
            });
        }
        let page: Element<'a, Message> = page.into();
        match self.choosing {
            Some(choice) => stack![page, self.choice(ctx, choice)].into(),
            None => page,
        }
    }

    fn details<'a>(&'a self, ctx: &Ctx<'a>, problems: &[FormError]) -> Element<'a, Message> {
        let has = |error: FormError| problems.contains(&error);
        let email_error = if has(FormError::EmailMissing) {
            Some(ctx.t(Key::ErrorEmailMissing))
        } else if has(FormError::EmailMalformed) {
            Some(ctx.t(Key::ErrorEmailMalformed))
        } else {
            None
        };
        let too_long = |error: FormError| has(error).then(|| ctx.t(Key::ErrorTooLong));
        let country = match &self.form.country {
            Some(code) => ctx.t(Key::residence(code)),
            None => ctx.t(Key::ChooseCountry),
        };
        let consent = &ctx.pack.consent;
        let mut contact = column![
            ui::tick(
                consent.contact.get(ctx.lang),
                self.form.consent_contact,
                Message::ConsentContact
            ),
            ui::small(format!("({})", ctx.t(Key::ConsentRequired))),
        ]
        .spacing(4);
        if has(FormError::ContactConsentMissing) {
            contact = contact.push(ui::colored(
                ctx.t(Key::ErrorConsent),
                theme::size::SMALL,
                true,
                theme::DANGER,
            ));
        }
        let details = column![
            ui::title(ctx.t(Key::InterestTitle)),
            ui::body(ctx.t(Key::InterestIntro)),
            ui::field(
                Field::Email.id(),
                ctx.t(Key::FieldEmail),
                &self.form.email,
                self.focus == Some(Field::Email),
                email_error,
                1,
                Message::Focus(Field::Email)
            ),
            ui::field(
                Field::Name.id(),
                ctx.t(Key::FieldName),
                &self.form.name,
                self.focus == Some(Field::Name),
                too_long(FormError::NameTooLong),
                1,
                Message::Focus(Field::Name)
            ),
            column![
                ui::small(ctx.t(Key::FieldCountry)),
                ui::chip(
                    country,
                    self.form.country.is_some(),
                    Message::Choose(Some(Choice::Country))
                )
            ]
            .spacing(6),
            ui::field(
                Field::Message.id(),
                ctx.t(Key::FieldMessage),
                &self.form.message,
                self.focus == Some(Field::Message),
                too_long(FormError::MessageTooLong),
                3,
                Message::Focus(Field::Message)
            ),
            ui::heading(ctx.t(Key::ConsentTitle)),
            contact,
            column![
                ui::tick(
                    consent.newsletter.get(ctx.lang),
                    self.form.consent_newsletter,
                    Message::ConsentNewsletter
                ),
                ui::small(format!("({})", ctx.t(Key::ConsentOptional))),
            ]
            .spacing(4),
            ui::small(consent.privacy.get(ctx.lang)),
        ]
        .spacing(18);
        details.into()
    }

    fn interests<'a>(&'a self, ctx: &Ctx<'a>, problems: &[FormError]) -> Element<'a, Message> {
        let towns = row(self.form.towns.iter().map(|id| {
            ui::chip(
                format!("{}  ×", ctx.town_name(id)),
                true,
                Message::ToggleTown(id.clone()),
            )
        }))
        .push(ui::chip(
            format!("{}  ▾", ctx.t(Key::InterestAddTowns)),
            false,
            Message::Choose(Some(Choice::Towns)),
        ))
        .spacing(10)
        .wrap()
        .vertical_spacing(10);
        let themes = row(Theme::ALL.iter().map(|&theme| {
            ui::chip(
                ctx.theme(theme),
                self.form.themes.contains(&theme),
                Message::ToggleTheme(theme),
            )
        }))
        .spacing(10)
        .wrap()
        .vertical_spacing(10);
        let calendar = row![
            ui::chip(
                ctx.t(Key::CalendarNone),
                self.form.calendar.is_none(),
                Message::Calendar(None)
            ),
            ui::chip(
                ctx.t(Key::CalendarEmail),
                self.form.calendar == Some(CalendarBy::Email),
                Message::Calendar(Some(CalendarBy::Email))
            ),
            ui::chip(
                ctx.t(Key::CalendarPost),
                self.form.calendar == Some(CalendarBy::Post),
                Message::Calendar(Some(CalendarBy::Post))
            ),
        ]
        .spacing(10)
        .wrap()
        .vertical_spacing(10);
        let mut section = column![
            ui::heading(ctx.t(Key::InterestTowns)),
            towns,
            ui::heading(ctx.t(Key::InterestThemes)),
            themes,
            ui::tick(
                ctx.t(Key::InterestFamily),
                self.form.family,
                Message::Family
            ),
            ui::heading(ctx.t(Key::InterestCalendar)),
            calendar,
        ]
        .spacing(16);
        if self.form.calendar == Some(CalendarBy::Post) {
            let error = if problems.contains(&FormError::AddressMissing) {
                Some(ctx.t(Key::ErrorAddress))
            } else if problems.contains(&FormError::AddressTooLong) {
                Some(ctx.t(Key::ErrorTooLong))
            } else {
                None
            };
            section = section.push(ui::field(
                Field::Address.id(),
                ctx.t(Key::FieldAddress),
                &self.form.postal_address,
                self.focus == Some(Field::Address),
                error,
                2,
                Message::Focus(Field::Address),
            ));
        }
        section.into()
    }

    fn keyboard<'a>(&'a self, ctx: &Ctx<'a>, field: Field) -> Element<'a, Message> {
        let (label, value) = match field {
            Field::Email => (Key::FieldEmail, &self.form.email),
            Field::Name => (Key::FieldName, &self.form.name),
            Field::Message => (Key::FieldMessage, &self.form.message),
            Field::Address => (Key::FieldAddress, &self.form.postal_address),
        };
        // What is being typed stays in sight above the keys, wherever the
        // field has scrolled to.
        let typing = container(
            row![ui::small(ctx.t(label)), ui::strong(format!("{value}|"))]
                .spacing(16)
                .align_y(Alignment::Center),
        )
        .padding([8, 24]);
        let names = KeyNames {
            shift: ctx.t(Key::KeyShift),
            backspace: ctx.t(Key::KeyBackspace),
            space: ctx.t(Key::KeySpace),
            done: ctx.t(Key::KeyDone),
        };
        container(column![
            typing,
            keyboard(
                ctx.lang,
                field == Field::Email,
                self.shift,
                &names,
                Message::Key
            )
        ])
        .style(theme::keyboard_panel)
        .into()
    }

    /// The QR code to go on on a phone, beside the keyboard: for visitors
    /// who would rather not type their address on a public screen.
    fn phone_panel<'a>(&'a self, ctx: &Ctx<'a>, offer: &'a PhoneOffer) -> Element<'a, Message> {
        container(
            column![
                container(qr_code(&offer.qr).cell_size(4))
                    .padding(8)
                    .style(|_| container::Style {
                        background: Some(Color::WHITE.into()),
                        ..container::Style::default()
                    }),
                ui::strong(ctx.t(Key::PhoneContinue)),
                ui::small(ctx.t(Key::PhoneContinueHint)),
            ]
            .spacing(8)
            .max_width(300)
            .align_x(Alignment::Center),
        )
        .padding(16)
        .style(theme::keyboard_panel)
        .into()
    }

    fn choice<'a>(&'a self, ctx: &Ctx<'a>, choice: Choice) -> Element<'a, Message> {
        let (title, chips): (String, Vec<Element<'a, Message>>) = match choice {
            Choice::Towns => {
                let mut towns: Vec<_> = ctx.pack.towns.iter().collect();
                towns.sort_by_key(|town| town.name.get(ctx.lang).to_lowercase());
                (
                    ctx.t(Key::InterestAddTowns),
                    towns
                        .into_iter()
                        .map(|town| {
                            ui::chip(
                                town.name.get(ctx.lang),
                                self.form.towns.contains(&town.id),
                                Message::ToggleTown(town.id.clone()),
                            )
                        })
                        .collect(),
                )
            }
            Choice::Country => (
                ctx.t(Key::FieldCountry),
                RESIDENCE_COUNTRIES
                    .iter()
                    .map(|code| {
                        ui::chip(
                            ctx.t(Key::residence(code)),
                            self.form.country.as_deref() == Some(*code),
                            Message::Country(Some(code.to_string())),
                        )
                    })
                    .collect(),
            ),
        };
        let panel = container(
            column![
                ui::title(title),
                drag_scroll(
                    scrollable(row(chips).spacing(12).wrap().vertical_spacing(12))
                        .height(Length::Fill)
                ),
                ui::action(ctx.t(Key::KeyDone), Message::Choose(None)),
            ]
            .spacing(20),
        )
        .padding(32)
        .max_width(1100)
        .max_height(900)
        .style(theme::card);
        ui::modal(panel, Message::Choose(None), 48)
    }
}
