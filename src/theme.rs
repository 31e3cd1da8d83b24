//! The network's look: colours, type sizes and the styles of the kiosk's
//! few kinds of surfaces. Screens use these names, never raw colours.

use iced::widget::{button, container};
use iced::{Background, Border, Color, Font, Shadow, Theme, color, font};

/// Deep teal of the rivers that join the region (Mur, Drava, Rába).
pub const PRIMARY: Color = color!(0x0f5c6e);
/// Apricot, for what a visitor should touch next.
pub const ACCENT: Color = color!(0xe8833a);
pub const INK: Color = color!(0x1f2a37);
pub const MUTED: Color = color!(0x5b6675);
/// Warm paper background: easier on the eyes than white on a bright booth.
pub const PAPER: Color = color!(0xf7f4ee);
pub const SURFACE: Color = Color::WHITE;
pub const LINE: Color = color!(0xe2ddd3);

pub const FONT: Font = Font::with_name("Noto Sans");
pub const FONT_BOLD: Font = Font {
    weight: font::Weight::Bold,
    ..FONT
};

/// Type sizes, large enough to read at arm's length on a 24" screen.
pub mod size {
    pub const BODY: f32 = 22.0;
    pub const SMALL: f32 = 18.0;
    pub const TITLE: f32 = 34.0;
}

/// Smallest touch target: 12 mm on a 24" 1080p screen.
pub const TOUCH_MIN: f32 = 64.0;
pub const RADIUS: f32 = 16.0;

pub fn kiosk_theme() -> Theme {
    Theme::custom(
        "City Cooperation",
        iced::theme::Palette {
            background: PAPER,
            text: INK,
            primary: PRIMARY,
            success: color!(0x2e7d4f),
            warning: ACCENT,
            danger: color!(0xb3261e),
        },
    )
}

pub fn page(_: &Theme) -> container::Style {
    container::Style {
        background: Some(Background::Color(PAPER)),
        text_color: Some(INK),
        ..container::Style::default()
    }
}

pub fn header(_: &Theme) -> container::Style {
    container::Style {
        background: Some(Background::Color(PRIMARY)),
        text_color: Some(Color::WHITE),
        ..container::Style::default()
    }
}

/// A pill button in the header (languages, filters); `selected` fills it.
pub fn pill(selected: bool) -> impl Fn(&Theme, button::Status) -> button::Style {
    move |_, status| {
        let pressed = matches!(status, button::Status::Pressed);
        let (background, text) = if selected {
            (ACCENT, Color::WHITE)
        } else if pressed {
            (
                Color {
                    a: 0.25,
                    ..Color::WHITE
                },
                Color::WHITE,
            )
        } else {
            (
                Color {
                    a: 0.12,
                    ..Color::WHITE
                },
                Color::WHITE,
            )
        };
        button::Style {
            background: Some(Background::Color(background)),
            text_color: text,
            border: Border {
                color: Color {
                    a: 0.4,
                    ..Color::WHITE
                },
                width: if selected { 0.0 } else { 1.0 },
                radius: 32.0.into(),
            },
            shadow: Shadow::default(),
            snap: true,
        }
    }
}
