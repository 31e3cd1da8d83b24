//! Mascots: one round, friendly character per town, built from a few
//! shapes so children recognise them from across the booth.

use std::f32::consts::PI;

use tiny_skia::PathBuilder;

use crate::paint::{Canvas, INK, Rgb, WHITE, smooth_closed};

#[derive(Clone, Copy, Debug)]
pub enum Species {
    Bear,
    Fox,
    Hare,
    Owl,
    Stork,
    Hedgehog,
    Drop,
    Grape,
    Kurent,
    Horse,
    Frog,
    Fish,
    Squirrel,
    Apple,
    Pumpkin,
    Sun,
}

#[derive(Clone, Copy, Debug)]
pub enum Accessory {
    None,
    Scarf,
    Hat,
    Flower,
    Crown,
}

pub struct MascotArt {
    pub species: Species,
    pub body: Rgb,
    pub accent: Rgb,
    pub accessory: Accessory,
}

pub const SIZE: u32 = 512;

pub fn paint(art: &MascotArt, canvas: &mut Canvas) {
    let (cx, cy) = (256.0, 300.0);
    let body = art.body;
    canvas.ellipse(cx, 488.0, 150.0, 18.0, Rgb(0, 0, 0).lighter(0.6));

    behind(art, canvas, cx, cy);

    // Feet, then the body over them.
    let feet = body.darker(0.2);
    canvas.ellipse(cx - 62.0, 460.0, 46.0, 26.0, feet);
    canvas.ellipse(cx + 62.0, 460.0, 46.0, 26.0, feet);
    body_shape(art, canvas, cx, cy);

    // Belly patch.
    match art.species {
        Species::Drop | Species::Grape | Species::Apple | Species::Pumpkin | Species::Sun => {}
        _ => canvas.ellipse(cx, cy + 70.0, 86.0, 80.0, body.lighter(0.55)),
    }
    // Arms.
    canvas.ellipse(cx - 140.0, cy + 50.0, 26.0, 44.0, body.darker(0.1));
    canvas.ellipse(cx + 140.0, cy + 50.0, 26.0, 44.0, body.darker(0.1));

    face(art, canvas, cx, cy - 40.0);
    on_top(art, canvas, cx, cy);
    accessory(art, canvas, cx, cy);
}

fn body_shape(art: &MascotArt, canvas: &mut Canvas, cx: f32, cy: f32) {
    let body = art.body;
    match art.species {
        Species::Drop => {
            if let Some(path) = smooth_closed(&[
                (cx, 40.0),
                (cx + 60.0, 150.0),
                (cx + 175.0, 330.0),
                (cx + 120.0, 470.0),
                (cx - 120.0, 470.0),
                (cx - 175.0, 330.0),
                (cx - 60.0, 150.0),
            ]) {
                canvas.fill(&path, body);
            }
            canvas.ellipse(cx - 80.0, 300.0, 18.0, 40.0, body.lighter(0.6));
        }
        Species::Grape => {
            let rows: [(f32, i32); 5] =
                [(140.0, 3), (215.0, 4), (290.0, 5), (365.0, 4), (430.0, 3)];
            for (y, count) in rows {
                for i in 0..count {
                    let x = cx + (i as f32 - (count - 1) as f32 / 2.0) * 66.0;
                    canvas.circle(x, y, 48.0, body);
                    canvas.circle(x - 14.0, y - 14.0, 10.0, body.lighter(0.4));
                }
            }
        }
        Species::Pumpkin => {
            for (dx, rx) in [
                (-95.0, 90.0),
                (95.0, 90.0),
                (-45.0, 100.0),
                (45.0, 100.0),
                (0.0, 100.0),
            ] {
                canvas.ellipse(
                    cx + dx,
                    cy + 20.0,
                    rx,
                    170.0,
                    if dx == 0.0 { body } else { body.darker(0.08) },
                );
            }
        }
        Species::Sun => {
            for i in 0..12 {
                let angle = i as f32 * PI / 6.0;
                let (dx, dy) = (angle.cos(), angle.sin());
                canvas.polygon(
                    &[
                        (cx + dx * 150.0 - dy * 30.0, cy + dy * 150.0 + dx * 30.0),
                        (cx + dx * 230.0, cy + dy * 230.0),
                        (cx + dx * 150.0 + dy * 30.0, cy + dy * 150.0 - dx * 30.0),
                    ],
                    art.accent,
                );
            }
            canvas.circle(cx, cy, 165.0, body);
        }
        Species::Kurent => {
            // Shaggy sheepskin: many tufts around the body.
            for i in 0..28 {
                let angle = i as f32 * 2.0 * PI / 28.0;
                canvas.circle(
                    cx + angle.cos() * 150.0,
                    cy + angle.sin() * 150.0,
                    40.0,
                    body.darker(0.1),
                );
            }
            canvas.circle(cx, cy, 160.0, body);
        }
        _ => {
            if let Some(path) = smooth_closed(&[
                (cx, cy - 230.0),
                (cx + 160.0, cy - 170.0),
                (cx + 175.0, cy + 40.0),
                (cx + 130.0, cy + 170.0),
                (cx - 130.0, cy + 170.0),
                (cx - 175.0, cy + 40.0),
                (cx - 160.0, cy - 170.0),
            ]) {
                canvas.fill(&path, body);
            }
        }
    }
}

fn behind(art: &MascotArt, canvas: &mut Canvas, cx: f32, cy: f32) {
    let body = art.body;
    match art.species {
        Species::Fox => {
            if let Some(path) = smooth_closed(&[
                (cx + 120.0, cy + 120.0),
                (cx + 250.0, cy - 20.0),
                (cx + 240.0, cy + 110.0),
                (cx + 150.0, cy + 170.0),
            ]) {
                canvas.fill(&path, body);
            }
            canvas.circle(cx + 242.0, cy + 5.0, 26.0, WHITE);
        }
        Species::Squirrel => {
            if let Some(path) = smooth_closed(&[
                (cx + 100.0, cy + 160.0),
                (cx + 250.0, cy + 60.0),
                (cx + 230.0, cy - 180.0),
                (cx + 150.0, cy - 120.0),
                (cx + 170.0, cy + 40.0),
            ]) {
                canvas.fill(&path, body.darker(0.12));
            }
        }
        Species::Hedgehog => {
            for i in 0..20 {
                let angle = PI + i as f32 * PI / 19.0;
                let (dx, dy) = (angle.cos(), angle.sin());
                canvas.polygon(
                    &[
                        (
                            cx + dx * 130.0 - dy * 30.0,
                            cy - 20.0 + dy * 130.0 + dx * 30.0,
                        ),
                        (cx + dx * 230.0, cy - 20.0 + dy * 210.0),
                        (
                            cx + dx * 130.0 + dy * 30.0,
                            cy - 20.0 + dy * 130.0 - dx * 30.0,
                        ),
                    ],
                    art.accent.darker(0.3),
                );
            }
        }
        Species::Fish => {
            canvas.polygon(
                &[
                    (cx + 140.0, cy + 40.0),
                    (cx + 250.0, cy - 60.0),
                    (cx + 250.0, cy + 140.0),
                ],
                art.accent,
            );
        }
        Species::Stork | Species::Owl => {
            // Wings.
            canvas.ellipse(cx - 165.0, cy + 20.0, 50.0, 110.0, body.darker(0.15));
            canvas.ellipse(cx + 165.0, cy + 20.0, 50.0, 110.0, body.darker(0.15));
            if let Species::Stork = art.species {
                canvas.ellipse(cx - 170.0, cy + 110.0, 36.0, 40.0, INK);
                canvas.ellipse(cx + 170.0, cy + 110.0, 36.0, 40.0, INK);
            }
        }
        _ => {}
    }
}

fn face(art: &MascotArt, canvas: &mut Canvas, cx: f32, cy: f32) {
    let eye_gap = 62.0;
    let ring = matches!(art.species, Species::Owl);
    for side in [-1.0, 1.0] {
        let x = cx + side * eye_gap;
        if ring {
            canvas.circle(x, cy, 52.0, art.accent.lighter(0.5));
        }
        canvas.circle(x, cy, 36.0, WHITE);
        canvas.circle(x + 4.0, cy + 4.0, 20.0, INK);
        canvas.circle(x + 10.0, cy - 4.0, 7.0, WHITE);
    }
    // Cheeks.
    canvas.circle_alpha(cx - 112.0, cy + 56.0, 22.0, Rgb(240, 110, 130), 0.55);
    canvas.circle_alpha(cx + 112.0, cy + 56.0, 22.0, Rgb(240, 110, 130), 0.55);
    match art.species {
        Species::Owl => {
            canvas.polygon(
                &[
                    (cx - 18.0, cy + 36.0),
                    (cx + 18.0, cy + 36.0),
                    (cx, cy + 72.0),
                ],
                Rgb(240, 170, 40),
            );
        }
        Species::Stork => {
            canvas.polygon(
                &[
                    (cx - 20.0, cy + 40.0),
                    (cx + 20.0, cy + 40.0),
                    (cx, cy + 140.0),
                ],
                Rgb(226, 60, 40),
            );
        }
        Species::Fox | Species::Horse | Species::Hedgehog | Species::Bear => {
            canvas.ellipse(cx, cy + 66.0, 52.0, 36.0, art.body.lighter(0.6));
            canvas.ellipse(cx, cy + 50.0, 16.0, 11.0, INK);
            smile(canvas, cx, cy + 74.0, 22.0);
        }
        Species::Kurent => {
            // The Kurent's long red tongue.
            canvas.ellipse(cx, cy + 110.0, 18.0, 56.0, Rgb(210, 40, 50));
            canvas.ellipse(cx, cy + 60.0, 40.0, 20.0, INK);
        }
        _ => smile(canvas, cx, cy + 62.0, 26.0),
    }
}

fn smile(canvas: &mut Canvas, x: f32, y: f32, width: f32) {
    let mut builder = PathBuilder::new();
    builder.move_to(x - width, y);
    builder.quad_to(x, y + width, x + width, y);
    if let Some(path) = builder.finish() {
        canvas.stroke(&path, INK, 7.0);
    }
}

fn on_top(art: &MascotArt, canvas: &mut Canvas, cx: f32, cy: f32) {
    let body = art.body;
    let top = cy - 215.0;
    match art.species {
        Species::Bear => {
            for side in [-1.0, 1.0] {
                canvas.circle(cx + side * 110.0, top + 40.0, 46.0, body);
                canvas.circle(cx + side * 110.0, top + 40.0, 24.0, body.lighter(0.5));
            }
        }
        Species::Fox | Species::Squirrel | Species::Horse => {
            for side in [-1.0, 1.0] {
                canvas.polygon(
                    &[
                        (cx + side * 60.0, top + 40.0),
                        (cx + side * 120.0, top - 70.0),
                        (cx + side * 150.0, top + 70.0),
                    ],
                    body,
                );
                canvas.polygon(
                    &[
                        (cx + side * 85.0, top + 45.0),
                        (cx + side * 118.0, top - 30.0),
                        (cx + side * 135.0, top + 60.0),
                    ],
                    body.lighter(0.5),
                );
            }
            if let Species::Horse = art.species {
                for i in 0..6 {
                    canvas.circle(
                        cx - 50.0 + i as f32 * 20.0,
                        top + 20.0 - (i % 2) as f32 * 10.0,
                        26.0,
                        art.accent,
                    );
                }
            }
        }
        Species::Hare => {
            for side in [-1.0f32, 1.0] {
                canvas.ellipse(cx + side * 62.0, top - 50.0, 34.0, 110.0, body);
                canvas.ellipse(cx + side * 62.0, top - 40.0, 16.0, 80.0, Rgb(245, 180, 190));
            }
        }
        Species::Owl => {
            for side in [-1.0, 1.0] {
                canvas.polygon(
                    &[
                        (cx + side * 70.0, top + 40.0),
                        (cx + side * 140.0, top - 40.0),
                        (cx + side * 150.0, top + 60.0),
                    ],
                    body.darker(0.15),
                );
            }
        }
        Species::Frog => {
            for side in [-1.0, 1.0] {
                canvas.circle(cx + side * 62.0, top + 70.0, 58.0, body);
            }
        }
        Species::Kurent => {
            for side in [-1.0f32, 1.0] {
                let mut builder = PathBuilder::new();
                builder.move_to(cx + side * 70.0, top + 90.0);
                builder.quad_to(cx + side * 180.0, top + 40.0, cx + side * 150.0, top - 90.0);
                if let Some(path) = builder.finish() {
                    canvas.stroke(&path, Rgb(90, 60, 40), 26.0);
                }
            }
            // Colourful ribbons and bells at the belt.
            for (i, color) in [
                Rgb(230, 60, 60),
                Rgb(60, 150, 230),
                Rgb(250, 200, 40),
                Rgb(80, 180, 90),
            ]
            .iter()
            .enumerate()
            {
                canvas.rect(cx - 60.0 + i as f32 * 30.0, top + 20.0, 16.0, 70.0, *color);
            }
            for i in 0..4 {
                canvas.circle(
                    cx - 90.0 + i as f32 * 60.0,
                    cy + 150.0,
                    22.0,
                    Rgb(220, 180, 60),
                );
            }
        }
        Species::Apple | Species::Pumpkin | Species::Grape | Species::Drop => {
            let stem_top = if let Species::Drop = art.species {
                20.0
            } else {
                top + 20.0
            };
            if !matches!(art.species, Species::Drop) {
                canvas.line(
                    (cx, stem_top + 50.0),
                    (cx + 10.0, stem_top - 20.0),
                    Rgb(100, 70, 40),
                    14.0,
                );
                if let Some(path) = smooth_closed(&[
                    (cx + 10.0, stem_top),
                    (cx + 60.0, stem_top - 50.0),
                    (cx + 120.0, stem_top - 20.0),
                    (cx + 60.0, stem_top + 20.0),
                ]) {
                    canvas.fill(&path, Rgb(80, 160, 70));
                }
            } else {
                for (x, y, r) in [
                    (390.0, 120.0, 22.0),
                    (430.0, 190.0, 14.0),
                    (110.0, 150.0, 18.0),
                ] {
                    canvas.circle_alpha(x, y, r, body.lighter(0.5), 0.7);
                }
            }
        }
        Species::Stork | Species::Hedgehog | Species::Fish | Species::Sun => {}
    }
}

fn accessory(art: &MascotArt, canvas: &mut Canvas, cx: f32, cy: f32) {
    let color = art.accent;
    match art.accessory {
        Accessory::None => {}
        Accessory::Scarf => {
            if let Some(path) = smooth_closed(&[
                (cx - 130.0, cy + 40.0),
                (cx, cy + 70.0),
                (cx + 130.0, cy + 40.0),
                (cx + 130.0, cy + 75.0),
                (cx, cy + 105.0),
                (cx - 130.0, cy + 75.0),
            ]) {
                canvas.fill(&path, color);
            }
            canvas.polygon(
                &[
                    (cx + 60.0, cy + 80.0),
                    (cx + 110.0, cy + 180.0),
                    (cx + 70.0, cy + 185.0),
                ],
                color.darker(0.15),
            );
        }
        Accessory::Hat => {
            let top = cy - 230.0;
            canvas.ellipse(cx, top + 30.0, 120.0, 24.0, color.darker(0.2));
            canvas.rect(cx - 70.0, top - 60.0, 140.0, 90.0, color);
            canvas.rect(cx - 70.0, top + 5.0, 140.0, 18.0, WHITE);
        }
        Accessory::Flower => {
            let (fx, fy) = (cx + 120.0, cy - 170.0);
            for i in 0..6 {
                let angle = i as f32 * PI / 3.0;
                canvas.circle(
                    fx + angle.cos() * 26.0,
                    fy + angle.sin() * 26.0,
                    20.0,
                    color,
                );
            }
            canvas.circle(fx, fy, 16.0, Rgb(250, 210, 60));
        }
        Accessory::Crown => {
            let top = cy - 250.0;
            canvas.polygon(
                &[
                    (cx - 70.0, top + 50.0),
                    (cx - 70.0, top - 10.0),
                    (cx - 35.0, top + 20.0),
                    (cx, top - 30.0),
                    (cx + 35.0, top + 20.0),
                    (cx + 70.0, top - 10.0),
                    (cx + 70.0, top + 50.0),
                ],
                Rgb(245, 200, 60),
            );
            canvas.circle(cx, top + 30.0, 10.0, color);
        }
    }
}
