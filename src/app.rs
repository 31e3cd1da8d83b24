//! The kiosk's top level: which screen is showing, in which language.

use city_core::Lang;
use city_core::config::Config;
use city_core::content::Pack;
use iced::widget::{button, column, container, row, text};
use iced::{Element, Length, Task, Theme, window};

use crate::cli::run::WindowSize;
use crate::screen::home;
use crate::theme;

pub struct Kiosk {
    pack: Pack,
    lang: Lang,
    theme: Theme,
}

#[derive(Debug, Clone)]
pub enum Message {
    Language(Lang),
    Home(home::Message),
}

impl Kiosk {
    pub fn new(pack: Pack, default_language: Option<Lang>) -> Kiosk {
        let lang = default_language
            .filter(|lang| pack.languages.contains(lang))
            .unwrap_or(pack.default_language);
        Kiosk {
            pack,
            lang,
            theme: theme::kiosk_theme(),
        }
    }

    pub fn update(&mut self, message: Message) -> Task<Message> {
        match message {
            Message::Language(lang) => self.lang = lang,
            Message::Home(message) => match message {},
        }
        Task::none()
    }

    pub fn view(&self) -> Element<'_, Message> {
        let header = container(
            row![
                column![
                    text(self.pack.title.get(self.lang))
                        .size(theme::size::TITLE)
                        .font(theme::FONT_BOLD),
                    text(self.pack.tagline.get(self.lang)).size(theme::size::SMALL),
                ]
                .spacing(2)
                .width(Length::Fill),
                self.language_buttons(),
            ]
            .align_y(iced::Alignment::Center),
        )
        .padding([14, 28])
        .style(theme::header);

        let body = home::view(&self.pack, self.lang).map(Message::Home);
        container(column![header, body])
            .width(Length::Fill)
            .height(Length::Fill)
            .style(theme::page)
            .into()
    }

    fn language_buttons(&self) -> Element<'_, Message> {
        row(self.pack.languages.iter().map(|&lang| {
            button(
                column![
                    text(lang.code().to_uppercase())
                        .size(theme::size::BODY)
                        .font(theme::FONT_BOLD),
                    text(lang.native_name()).size(13),
                ]
                .align_x(iced::Alignment::Center),
            )
            .padding([6, 18])
            .height(theme::TOUCH_MIN)
            .style(theme::pill(lang == self.lang))
            .on_press(Message::Language(lang))
            .into()
        }))
        .spacing(10)
        .into()
    }

    pub fn theme(&self) -> Theme {
        self.theme.clone()
    }
}

pub fn run(config: Config, pack: Pack, windowed: bool, size: Option<WindowSize>) -> iced::Result {
    let default_language = config.content.default_language;
    let size = size.unwrap_or(WindowSize {
        width: 1920,
        height: 1080,
    });
    iced::application(
        move || Kiosk::new(pack.clone(), default_language),
        Kiosk::update,
        Kiosk::view,
    )
    .title("City Cooperation kiosk")
    .theme(Kiosk::theme)
    .default_font(theme::FONT)
    .window(window::Settings {
        size: iced::Size::new(size.width as f32, size.height as f32),
        fullscreen: !windowed,
        decorations: windowed,
        ..window::Settings::default()
    })
    .run()
}
