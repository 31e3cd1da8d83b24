//! The network's look: colours, type sizes and the styles of the kiosk's
//! few kinds of surfaces. Screens use these names, never raw colours.

use iced::widget::{button, container, slider};
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
    pub const SMALL: f32 = 19.0;
    pub const BODY: f32 = 23.0;
    pub const HEADING: f32 = 28.0;
    pub const TITLE: f32 = 36.0;
    pub const HEADLINE: f32 = 56.0;
}

/// Smallest touch target: 12 mm on a 24" 1080p screen.
pub const TOUCH_MIN: f32 = 64.0;
pub const RADIUS: f32 = 16.0;

/// The kiosk's palette; made once, as iced derives a whole extended
/// palette from it.
pub fn kiosk_theme() -> Theme {
    static THEME: std::sync::LazyLock<Theme> = std::sync::LazyLock::new(|| {
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
    });
    THEME.clone()
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

/// A filter chip on the paper background; `selected` fills it.
pub fn chip(selected: bool) -> impl Fn(&Theme, button::Status) -> button::Style {
    move |_, status| {
        let pressed = matches!(status, button::Status::Pressed);
        let (background, text, border) = if selected {
            (PRIMARY, Color::WHITE, PRIMARY)
        } else if pressed {
            (LINE, INK, PRIMARY)
        } else {
            (SURFACE, INK, LINE)
        };
        button::Style {
            background: Some(Background::Color(background)),
            text_color: text,
            border: Border {
                color: border,
                width: 2.0,
                radius: 32.0.into(),
            },
            shadow: Shadow::default(),
            snap: true,
        }
    }
}

/// The main action of a screen.
pub fn action(_: &Theme, status: button::Status) -> button::Style {
    let background = match status {
        button::Status::Pressed => ACCENT_DARK,
        _ => ACCENT,
    };
    button::Style {
        background: Some(Background::Color(background)),
        text_color: Color::WHITE,
        border: Border {
            radius: 32.0.into(),
            ..Border::default()
        },
        shadow: Shadow::default(),
        snap: true,
    }
}

pub const ACCENT_DARK: Color = color!(0xc4662a);

/// A tappable card: town tiles, events, mascots.
pub fn card_button(_: &Theme, status: button::Status) -> button::Style {
    let pressed = matches!(status, button::Status::Pressed);
    button::Style {
        background: Some(Background::Color(SURFACE)),
        text_color: INK,
        border: Border {
            color: if pressed { ACCENT } else { LINE },
            width: if pressed { 3.0 } else { 1.0 },
            radius: RADIUS.into(),
        },
        shadow: Shadow::default(),
        snap: true,
    }
}

/// A panel of content on the paper background.
pub fn card(_: &Theme) -> container::Style {
    container::Style {
        background: Some(Background::Color(SURFACE)),
        text_color: Some(INK),
        border: Border {
            color: LINE,
            width: 1.0,
            radius: RADIUS.into(),
        },
        ..container::Style::default()
    }
}

/// A coupon: dashed look by a warm tint and an accent edge.
pub fn coupon(_: &Theme) -> container::Style {
    container::Style {
        background: Some(Background::Color(color!(0xfff3e6))),
        text_color: Some(INK),
        border: Border {
            color: ACCENT,
            width: 2.0,
            radius: RADIUS.into(),
        },
        ..container::Style::default()
    }
}

/// The bottom navigation bar.
pub fn nav_bar(_: &Theme) -> container::Style {
    container::Style {
        background: Some(Background::Color(SURFACE)),
        text_color: Some(INK),
        border: Border {
            color: LINE,
            width: 1.0,
            radius: 0.0.into(),
        },
        ..container::Style::default()
    }
}

/// A tab of the bottom navigation; `current` marks where the visitor is.
pub fn nav_tab(current: bool) -> impl Fn(&Theme, button::Status) -> button::Style {
    move |_, status| {
        let pressed = matches!(status, button::Status::Pressed);
        button::Style {
            background: Some(Background::Color(if current {
                color!(0xe3eff1)
            } else if pressed {
                LINE
            } else {
                SURFACE
            })),
            text_color: if current { PRIMARY } else { INK },
            border: Border {
                color: if current { PRIMARY } else { Color::TRANSPARENT },
                width: if current { 2.0 } else { 0.0 },
                radius: RADIUS.into(),
            },
            shadow: Shadow::default(),
            snap: true,
        }
    }
}

/// Dark veil over pictures so white text on them stays readable.
pub fn veil(_: &Theme) -> container::Style {
    container::Style {
        background: Some(Background::Color(Color { a: 0.55, ..INK })),
        text_color: Some(Color::WHITE),
        border: Border {
            radius: RADIUS.into(),
            ..Border::default()
        },
        ..container::Style::default()
    }
}

/// The "Still there?" dialog over a dimmed screen.
pub fn dim(_: &Theme) -> container::Style {
    container::Style {
        background: Some(Background::Color(Color { a: 0.6, ..INK })),
        ..container::Style::default()
    }
}

/// A small coloured tag, e.g. an event's category.
pub fn tag(color: Color) -> impl Fn(&Theme) -> container::Style {
    move |_| container::Style {
        background: Some(Background::Color(Color { a: 0.14, ..color })),
        text_color: Some(color),
        border: Border {
            radius: 8.0.into(),
            ..Border::default()
        },
        ..container::Style::default()
    }
}

/// The country's colour, from its flag's most telling stripe.
pub fn country_color(country: city_core::content::Country) -> Color {
    match country {
        city_core::content::Country::At => color!(0xc8102e),
        city_core::content::Country::Si => color!(0x0b4ea2),
        city_core::content::Country::Hu => color!(0x477050),
    }
}

/// The keyboard's tray.
pub fn keyboard_panel(_: &Theme) -> container::Style {
    container::Style {
        background: Some(Background::Color(color!(0xe9e4da))),
        text_color: Some(INK),
        ..container::Style::default()
    }
}

/// A key of the on-screen keyboard.
pub fn key(_: &Theme, status: button::Status) -> button::Style {
    let pressed = matches!(status, button::Status::Pressed);
    button::Style {
        background: Some(Background::Color(if pressed { LINE } else { SURFACE })),
        text_color: INK,
        border: Border {
            color: color!(0xcfc8bb),
            width: 1.0,
            radius: 10.0.into(),
        },
        shadow: Shadow::default(),
        snap: true,
    }
}

/// A key that is on (shift).
pub fn key_on(_: &Theme, _: button::Status) -> button::Style {
    button::Style {
        background: Some(Background::Color(PRIMARY)),
        text_color: Color::WHITE,
        border: Border {
            radius: 10.0.into(),
            ..Border::default()
        },
        shadow: Shadow::default(),
        snap: true,
    }
}

/// A text field: where typed text appears; `focused` marks the one the
/// keyboard writes into.
pub fn field(focused: bool, invalid: bool) -> impl Fn(&Theme, button::Status) -> button::Style {
    move |_, _| button::Style {
        background: Some(Background::Color(SURFACE)),
        text_color: INK,
        border: Border {
            color: if invalid {
                color!(0xb3261e)
            } else if focused {
                PRIMARY
            } else {
                color!(0xcfc8bb)
            },
            width: if focused || invalid { 3.0 } else { 2.0 },
            radius: 12.0.into(),
        },
        shadow: Shadow::default(),
        snap: true,
    }
}

pub const DANGER: Color = color!(0xb3261e);

/// The film scrubber: a thick rail and a handle a fingertip covers.
pub fn scrubber(_: &Theme, status: slider::Status) -> slider::Style {
    let held = matches!(status, slider::Status::Dragged);
    slider::Style {
        rail: slider::Rail {
            backgrounds: (
                ACCENT.into(),
                Color {
                    a: 0.35,
                    ..Color::WHITE
                }
                .into(),
            ),
            width: 12.0,
            border: Border {
                radius: 6.0.into(),
                ..Border::default()
            },
        },
        handle: slider::Handle {
            shape: slider::HandleShape::Circle {
                radius: if held { 26.0 } else { 22.0 },
            },
            background: Color::WHITE.into(),
            border_width: 5.0,
            border_color: ACCENT,
        },
    }
}
