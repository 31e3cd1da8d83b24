//! The software renderer's quick ways of drawing (copying opaque pictures
//! shown at their own size row by row, leaving out what an opaque picture
//! covers, filling clipped rectangles without the mask, blending glyphs and
//! translucent pictures without tiny-skia's pipeline, inside whole-pixel
//! clips without the mask, clearing the mask only where it was set,
//! drawing a picture over most of the frame apart from the rest:
//! vendor/iced_tiny_skia/PATCH.md) give the pixels that blending gives: a
//! picture's own pixels where it is opaque, the blend where it is not, the
//! background where it is clipped away, text and pictures in the same
//! bytes as tiny-skia draws them through its mask.

use city_kiosk::offscreen::{Frame, Offscreen};
use iced::widget::image::Handle;
use iced::widget::{container, image, scrollable, stack, text};
use iced::{Color, Element, Length, Size, Theme};

const BACKGROUND: [u8; 4] = [200, 30, 60, 255];

/// A picture of varied colours (every channel changes from pixel to
/// pixel, so a swapped or shifted pixel shows), opaque unless `alpha`
/// says otherwise for some pixels.
fn picture(width: u32, height: u32, alpha: impl Fn(u32, u32) -> u8) -> (Handle, Vec<u8>) {
    let mut rgba = Vec::with_capacity((width * height * 4) as usize);
    for y in 0..height {
        for x in 0..width {
            rgba.extend([
                (x * 7 + y * 3) as u8,
                (x * 13 + y * 29) as u8,
                (x * 31 + y * 11 + 5) as u8,
                alpha(x, y),
            ]);
        }
    }
    (Handle::from_rgba(width, height, rgba.clone()), rgba)
}

fn on_background<'a>(content: impl Into<Element<'a, ()>>) -> Element<'a, ()> {
    let [r, g, b, _] = BACKGROUND;
    container(content)
        .width(Length::Fill)
        .height(Length::Fill)
        .style(move |_| container::Style {
            background: Some(Color::from_rgb8(r, g, b).into()),
            ..container::Style::default()
        })
        .into()
}

fn draw(element: Element<'_, ()>, width: u32, height: u32) -> Frame {
    let mut offscreen = Offscreen::new().expect("the software renderer");
    offscreen.frame(element, Size::new(width, height), &Theme::Light)
}

fn pixel(frame: &Frame, x: u32, y: u32) -> [u8; 4] {
    let at = ((y * frame.width + x) * 4) as usize;
    frame.rgba[at..at + 4].try_into().unwrap()
}

fn source(rgba: &[u8], width: u32, x: u32, y: u32) -> [u8; 4] {
    let at = ((y * width + x) * 4) as usize;
    rgba[at..at + 4].try_into().unwrap()
}

/// A scrollable of `width`x`height` without scrollbars: it draws its
/// content in a layer of its own size, which clips what lies outside it.
fn clipping<'a>(content: impl Into<Element<'a, ()>>, width: f32, height: u32) -> Element<'a, ()> {
    scrollable(content)
        .direction(scrollable::Direction::Both {
            vertical: scrollable::Scrollbar::hidden(),
            horizontal: scrollable::Scrollbar::hidden(),
        })
        .width(width)
        .height(height)
        .into()
}

/// Asserts that `frame` shows the top left `visible` part of the picture
/// `rgba` (`picture_width` wide) at `at`, and the background elsewhere.
fn assert_shows_picture(
    frame: &Frame,
    rgba: &[u8],
    picture_width: u32,
    (left, top): (u32, u32),
    (width, height): (u32, u32),
) {
    for y in 0..frame.height {
        for x in 0..frame.width {
            let inside = (left..left + width).contains(&x) && (top..top + height).contains(&y);
            let expected = if inside {
                source(rgba, picture_width, x - left, y - top)
            } else {
                BACKGROUND
            };
            assert_eq!(pixel(frame, x, y), expected, "pixel {x},{y}");
        }
    }
}

#[test]
fn an_opaque_picture_at_its_own_size_shows_its_own_pixels() {
    let (handle, rgba) = picture(64, 48, |_, _| 255);
    let frame = draw(
        on_background(container(image(handle)).padding([7, 13])),
        100,
        80,
    );
    assert_shows_picture(&frame, &rgba, 64, (13, 7), (64, 48));
}

#[test]
fn a_picture_over_the_whole_frame_leaves_what_is_drawn_on_it() {
    // The picture covers the whole frame, so what is under it is left out;
    // the caption drawn over it must still be there.
    let (handle, rgba) = picture(120, 60, |_, _| 255);
    let caption = container(text("Ptuj").size(30).color(Color::WHITE)).padding(4);
    let frame = draw(on_background(stack![image(handle), caption]), 120, 60);
    let mut changed = 0;
    for y in 0..60 {
        for x in 0..120 {
            let own = source(&rgba, 120, x, y);
            if (60..120).contains(&x) || y >= 50 {
                // Far from the caption: the picture's own pixels.
                assert_eq!(pixel(&frame, x, y), own, "pixel {x},{y}");
            } else if pixel(&frame, x, y) != own {
                changed += 1;
            }
        }
    }
    assert!(
        changed > 50,
        "the caption is drawn over the picture ({changed} pixels)"
    );
}

#[test]
fn transparent_pixels_of_a_picture_are_blended_with_what_is_under_them() {
    // Opaque but for the bottom row: clear on the left, half on the right.
    let (handle, rgba) = picture(20, 10, |x, y| match (x, y) {
        (0..10, 9) => 0,
        (_, 9) => 128,
        _ => 255,
    });
    let frame = draw(on_background(image(handle)), 20, 10);
    for x in 0..20 {
        assert_eq!(
            pixel(&frame, x, 0),
            source(&rgba, 20, x, 0),
            "opaque pixel {x},0"
        );
        assert_eq!(
            pixel(&frame, x, 8),
            source(&rgba, 20, x, 8),
            "opaque pixel {x},8"
        );
    }
    for x in 0..10 {
        assert_eq!(pixel(&frame, x, 9), BACKGROUND, "clear pixel {x},9");
    }
    for x in 10..20 {
        let [r, g, b, _] = source(&rgba, 20, x, 9);
        let blended = pixel(&frame, x, 9);
        for (channel, (over, under)) in [r, g, b].into_iter().zip(BACKGROUND).enumerate() {
            let expected = (f32::from(over) * 128.0 + f32::from(under) * 127.0) / 255.0;
            assert!(
                (f32::from(blended[channel]) - expected).abs() <= 2.0,
                "half-clear pixel {x},9 channel {channel}: {} instead of about {expected}",
                blended[channel]
            );
        }
    }
}

#[test]
fn a_clipped_picture_shows_only_its_visible_part() {
    let (handle, rgba) = picture(64, 48, |_, _| 255);
    let window = clipping(image(handle), 40.0, 30);
    let frame = draw(on_background(container(window).padding([5, 9])), 80, 60);
    assert_shows_picture(&frame, &rgba, 64, (9, 5), (40, 30));
}

#[test]
fn a_clipped_rectangle_fills_only_its_visible_part() {
    // Half-clear, so that a fill over it twice or through the wrong mask
    // would show.
    let fill = Color::from_rgba8(20, 200, 90, 0.5);
    let rectangle = container(text(""))
        .width(64)
        .height(48)
        .style(move |_| container::Style {
            background: Some(fill.into()),
            ..container::Style::default()
        });
    let window = clipping(rectangle, 40.0, 30);
    let frame = draw(on_background(container(window).padding([5, 9])), 80, 60);
    let blended: [u8; 4] = {
        let over = [20u8, 200, 90];
        let mut pixel = [0, 0, 0, 255];
        for channel in 0..3 {
            pixel[channel] = ((f32::from(over[channel]) * 0.5
                + f32::from(BACKGROUND[channel]) * 0.5)
                .round()) as u8;
        }
        pixel
    };
    for y in 0..60 {
        for x in 0..80 {
            let inside = (9..9 + 40).contains(&x) && (5..5 + 30).contains(&y);
            let got = pixel(&frame, x, y);
            if inside {
                for channel in 0..3 {
                    assert!(
                        got[channel].abs_diff(blended[channel]) <= 1,
                        "pixel {x},{y}: {got:?} instead of about {blended:?}"
                    );
                }
            } else {
                assert_eq!(got, BACKGROUND, "pixel {x},{y}");
            }
        }
    }
}

/// A clipping scrollable (see [`clipping`]) `width` wide, of which only
/// the fraction differs: 0.25 more leaves out no other pixel (a pixel is
/// in the clip when its centre is), but the clip's edge is no longer on a
/// pixel's edge, so tiny-skia draws through its own clip mask.
fn clipping_exactly_or_through_the_mask<'a>(
    content: impl Fn() -> Element<'a, ()>,
    width: u32,
    height: u32,
) -> [Element<'a, ()>; 2] {
    [0.0, 0.25].map(|fraction| clipping(content(), width as f32 + fraction, height))
}

#[test]
fn text_is_blended_as_tiny_skia_blends_it() {
    // In the open and clipped on whole pixels, the patch blends glyphs
    // itself; clipped on a fraction, tiny-skia draws them through its
    // clip mask. Where they show, the bytes must agree, for opaque and
    // translucent text.
    for color in [
        Color::from_rgb8(20, 60, 110),
        Color::from_rgba8(20, 60, 110, 0.6),
    ] {
        let words = move || -> Element<'static, ()> {
            text("Ptuj · Lendava · Körmend")
                .size(26)
                .wrapping(iced::widget::text::Wrapping::None)
                .color(color)
                .into()
        };
        let open = draw(on_background(container(words()).padding([6, 8])), 360, 50);
        let [exact, masked] = clipping_exactly_or_through_the_mask(words, 120, 40)
            .map(|window| draw(on_background(container(window).padding([6, 8])), 360, 50));
        assert!(exact.rgba == masked.rgba, "{color:?}: clipped text differs");
        let mut inked = 0;
        for y in 6..46 {
            for x in 8..128 {
                assert_eq!(pixel(&open, x, y), pixel(&exact, x, y), "pixel {x},{y}");
                if pixel(&open, x, y) != BACKGROUND {
                    inked += 1;
                }
            }
        }
        assert!(inked > 100, "the words are drawn ({inked} pixels)");
        // Beyond the scrollable only the open words show.
        assert!((130..360).any(|x| (6..46).any(|y| pixel(&open, x, y) != pixel(&exact, x, y))));
    }
}

#[test]
fn a_translucent_picture_at_its_own_size_is_blended_as_tiny_skia_blends_it() {
    // Every alpha from clear to opaque across the picture, drawn at a
    // fractional position (the renderer drops the fraction), whole and at
    // 70 % opacity: clipped on whole pixels the patch blends it itself,
    // clipped on a fraction tiny-skia draws it through its clip mask.
    let (handle, _) = picture(64, 48, |x, y| ((x * 4 + y) % 256) as u8);
    for opacity in [1.0, 0.7] {
        let shown = || -> Element<'static, ()> {
            let padding = iced::Padding {
                top: 1.5,
                left: 3.5,
                ..iced::Padding::ZERO
            };
            container(image(handle.clone()).opacity(opacity))
                .padding(padding)
                .into()
        };
        let [exact, masked] = clipping_exactly_or_through_the_mask(shown, 40, 30)
            .map(|window| draw(on_background(container(window).padding([7, 13])), 80, 60));
        assert!(
            exact.rgba == masked.rgba,
            "opacity {opacity}: the picture differs"
        );
        let changed = (0..60)
            .flat_map(|y| (0..80).map(move |x| (x, y)))
            .filter(|&(x, y)| pixel(&exact, x, y) != BACKGROUND)
            .count();
        assert!(changed > 800, "the picture is drawn ({changed} pixels)");
    }
}

/// A line of town names at `size`, on one line, for clipping.
fn place_names(size: u32) -> Element<'static, ()> {
    text("Radkersburg Szentgotthárd Murska Sobota")
        .size(size)
        .wrapping(iced::widget::text::Wrapping::None)
        .color(Color::from_rgb8(20, 60, 110))
        .into()
}

#[test]
fn a_clip_mask_set_for_one_place_is_cleared_for_the_next() {
    // The renderer keeps the mask between clips and clears only what the
    // last clip set. Words clipped on a fraction on the left run on to the
    // right, where another clip was set just before: they must not show
    // there.
    let words = place_names;
    let right = || -> Element<'static, ()> {
        container(clipping(words(14), 60.25, 40))
            .padding(iced::Padding {
                left: 150.0,
                ..iced::Padding::ZERO
            })
            .into()
    };
    let left = clipping(words(30), 100.25, 40);
    let both = draw(on_background(stack![right(), left]), 240, 40);
    let alone = draw(on_background(stack![right()]), 240, 40);
    let inked = (0..40)
        .flat_map(|y| (0..100).map(move |x| (x, y)))
        .filter(|&(x, y)| pixel(&both, x, y) != BACKGROUND)
        .count();
    assert!(inked > 100, "the left words are drawn ({inked} pixels)");
    for y in 0..40 {
        for x in 101..240 {
            assert_eq!(pixel(&both, x, y), pixel(&alone, x, y), "pixel {x},{y}");
        }
    }
}

#[test]
fn a_clip_mask_kept_from_one_frame_is_cleared_for_the_next() {
    // The renderer keeps what its mask holds from frame to frame, as a
    // window's surface keeps its mask. Words clipped at 100.25 in one
    // frame, at 50.25 in the next: the next must not show them up to 100.
    let mut kept = Offscreen::new().expect("the software renderer");
    let size = Size::new(240, 40);
    let wide = kept.frame(
        on_background(clipping(place_names(30), 100.25, 40)),
        size,
        &Theme::Light,
    );
    let narrow = || on_background(clipping(place_names(30), 50.25, 40));
    let after_wide = kept.frame(narrow(), size, &Theme::Light);
    let fresh = draw(narrow(), 240, 40);
    let inked = |frame: &Frame, columns: std::ops::Range<u32>| {
        (0..40)
            .flat_map(|y| columns.clone().map(move |x| (x, y)))
            .filter(|&(x, y)| pixel(frame, x, y) != BACKGROUND)
            .count()
    };
    assert!(
        inked(&wide, 52..100) > 50,
        "the wide clip shows words up to 100"
    );
    assert_eq!(inked(&fresh, 52..240), 0, "the narrow clip ends at 51");
    assert!(
        after_wide.rgba == fresh.rgba,
        "the narrow frame after the wide one differs from one drawn afresh in {} pixels",
        (0..40)
            .flat_map(|y| (0..240).map(move |x| (x, y)))
            .filter(|&(x, y)| pixel(&after_wide, x, y) != pixel(&fresh, x, y))
            .count()
    );
}

#[test]
fn a_translucent_rectangle_is_filled_as_tiny_skia_fills_it() {
    // On whole pixels the patch fills it itself; a quarter pixel to the
    // right, tiny-skia fills it (anti-aliased edges, the same inside).
    // Inside, the bytes must agree, for every alpha the veils use and more.
    for alpha in [0.1, 0.35, 0.5, 0.62, 0.9] {
        let fill = Color::from_rgba8(20, 200, 90, alpha);
        let frames = [0.0, 0.25].map(|fraction| {
            let rectangle =
                container(text(""))
                    .width(64)
                    .height(48)
                    .style(move |_| container::Style {
                        background: Some(fill.into()),
                        ..container::Style::default()
                    });
            let padding = iced::Padding {
                top: 5.0,
                left: 9.0 + fraction,
                ..iced::Padding::ZERO
            };
            draw(on_background(container(rectangle).padding(padding)), 80, 60)
        });
        for y in 5..53 {
            for x in 10..73 {
                assert_eq!(
                    pixel(&frames[0], x, y),
                    pixel(&frames[1], x, y),
                    "alpha {alpha}, pixel {x},{y}"
                );
            }
        }
        assert_ne!(pixel(&frames[0], 20, 20), BACKGROUND, "alpha {alpha}");
    }
}

/// A film between bars, with a veil, a button and words over its edges:
/// 200x120 at the top left of the frame, the picture (160x90) at 20,10.
fn film_between_bars(handle: Handle) -> Element<'static, ()> {
    let at = |left: f32, top: f32, content: Element<'static, ()>| -> Element<'static, ()> {
        container(content)
            .padding(iced::Padding {
                top,
                left,
                ..iced::Padding::ZERO
            })
            .into()
    };
    let shape = |width: f32, height: f32, color: Color, radius: f32| -> Element<'static, ()> {
        container(text(""))
            .width(width)
            .height(height)
            .style(move |_| container::Style {
                background: Some(color.into()),
                border: iced::Border::default().rounded(radius),
                ..container::Style::default()
            })
            .into()
    };
    let film = container(at(20.0, 10.0, image(handle).into()))
        .width(200)
        .height(120)
        .style(|_| container::Style {
            background: Some(Color::BLACK.into()),
            ..container::Style::default()
        });
    container(stack![
        film,
        at(
            5.5,
            30.0,
            shape(60.0, 40.0, Color::from_rgba8(10, 20, 30, 0.6), 12.0)
        ),
        at(
            60.0,
            85.5,
            shape(80.0, 30.0, Color::from_rgb8(230, 120, 40), 10.0)
        ),
        at(
            160.0,
            40.0,
            text("Ptuj").size(24).color(Color::WHITE).into()
        ),
    ])
    .width(200)
    .height(120)
    .into()
}

#[test]
fn a_picture_over_most_of_the_frame_is_drawn_in_pieces_with_the_same_pixels() {
    // Over more than half of the frame, the picture's part is copied on
    // its own and the rest drawn around it; in a frame so tall that the
    // picture covers less than half, all is drawn at once. The veil and
    // words over the picture's edges cross the pieces' seams and keep
    // every byte. So does the opaque button across the picture's bottom
    // edge, but on its anti-aliased edge: tiny-skia draws an opaque shape
    // cut by a clip through its mask with another formula than the same
    // shape in the open (as it does wherever iced's damage cuts one),
    // which may differ by one level of 255 there. Nobody sees that; the
    // test allows it there and nowhere else.
    let (handle, rgba) = picture(160, 90, |_, _| 255);
    let pieces = draw(on_background(film_between_bars(handle.clone())), 200, 120);
    let whole = draw(on_background(film_between_bars(handle)), 200, 400);
    let button = |x: u32, y: u32| (60..140).contains(&x) && (85..116).contains(&y);
    let (mut own, mut off_by_one) = (0, 0);
    for y in 0..120 {
        for x in 0..200 {
            let (drawn, expected) = (pixel(&pieces, x, y), pixel(&whole, x, y));
            if button(x, y) && drawn != expected {
                let most = drawn.iter().zip(expected).map(|(a, b)| a.abs_diff(b)).max();
                assert_eq!(most, Some(1), "pixel {x},{y}: {drawn:?} {expected:?}");
                off_by_one += 1;
            } else {
                assert_eq!(drawn, expected, "pixel {x},{y}");
            }
            if (20..180).contains(&x)
                && (10..100).contains(&y)
                && drawn == source(&rgba, 160, x - 20, y - 10)
            {
                own += 1;
            }
        }
    }
    // Its edge is 2 x 80 pixels partly covered (top and bottom lie on half
    // pixels).
    assert!(
        off_by_one <= 160,
        "{off_by_one} pixels of the button's edge"
    );
    assert!(
        own > 160 * 90 / 2,
        "the picture shows ({own} of its pixels)"
    );
    assert_eq!(pixel(&pieces, 5, 5), [0, 0, 0, 255], "the bars are black");
}
