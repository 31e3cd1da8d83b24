//! Illustrated landscapes: sky, layered hills and one landmark of the town
//! in front, in flat colours.

use tiny_skia::{PathBuilder, Rect};

use crate::paint::{Canvas, INK, Rgb, Rng, WHITE, polygon, smooth_closed};

#[derive(Clone, Copy, Debug)]
pub enum Landmark {
    /// A hilltop or lowland castle with towers.
    Castle,
    /// A baroque church; `onion` for an onion-domed tower.
    Church { onion: bool },
    /// A twin-towered basilica or abbey church.
    Basilica,
    /// A tall observation tower.
    Tower,
    /// Thermal pools with steam.
    Spa,
    /// Vine rows on a hill with a wind rattle (klopotec).
    Vineyard,
    /// A river with a bridge.
    River,
    /// A floating mill on a river.
    FerryMill,
    /// Gabled houses around a square.
    TownSquare,
    /// Woods and a trail.
    Forest,
    /// Apple trees.
    Orchard,
    /// Roman columns and an arch.
    Ruins,
    /// An organic, curved modern building.
    Modern,
    /// A tree of solar panels.
    SolarTree,
    /// A trotting track with a sulky.
    Racetrack,
    /// A lake with birds.
    Lake,
    /// A fortified church inside round walls.
    Tabor,
}

#[derive(Clone, Copy, Debug)]
pub enum Light {
    Morning,
    Noon,
    Evening,
}

pub struct Scene {
    pub landmark: Landmark,
    pub light: Light,
    /// The town's own hue, used for roofs, accents and flowers.
    pub hue: f32,
    pub seed: String,
}

struct Palette {
    sky_top: Rgb,
    sky_bottom: Rgb,
    sun: Rgb,
    far: Rgb,
    mid: Rgb,
    near: Rgb,
    accent: Rgb,
    wall: Rgb,
    roof: Rgb,
    water: Rgb,
}

impl Palette {
    fn new(light: Light, hue: f32) -> Palette {
        let (sky_top, sky_bottom, sun) = match light {
            Light::Morning => (Rgb(120, 180, 230), Rgb(250, 226, 196), Rgb(255, 240, 200)),
            Light::Noon => (Rgb(70, 150, 225), Rgb(196, 228, 250), Rgb(255, 250, 225)),
            Light::Evening => (Rgb(86, 92, 170), Rgb(250, 170, 120), Rgb(255, 214, 140)),
        };
        let tint = match light {
            Light::Evening => Rgb(120, 80, 110),
            _ => sky_bottom,
        };
        Palette {
            sky_top,
            sky_bottom,
            sun,
            far: Rgb(130, 160, 170).mix(tint, 0.35),
            mid: Rgb(104, 160, 84).mix(tint, 0.15),
            near: Rgb(74, 134, 64).mix(tint, 0.1),
            accent: Rgb::hsl(hue, 0.65, 0.55),
            wall: Rgb(244, 234, 214),
            roof: Rgb::hsl(hue, 0.55, 0.42),
            water: Rgb(70, 140, 196).mix(sky_bottom, 0.25),
        }
    }
}

pub fn paint(scene: &Scene, canvas: &mut Canvas) {
    let mut rng = Rng::seeded(&scene.seed);
    let palette = Palette::new(scene.light, scene.hue);
    let (w, h) = (canvas.width(), canvas.height());

    if let Some(sky) = Rect::from_xywh(0.0, 0.0, w, h) {
        canvas.vertical_gradient(sky, palette.sky_top, palette.sky_bottom);
    }
    let sun_x = match scene.light {
        Light::Morning => w * 0.18,
        Light::Noon => w * 0.8,
        Light::Evening => w * 0.72,
    };
    let sun_y = match scene.light {
        Light::Noon => h * 0.16,
        _ => h * 0.34,
    };
    canvas.circle_alpha(sun_x, sun_y, h * 0.13, palette.sun, 0.25);
    canvas.circle(sun_x, sun_y, h * 0.075, palette.sun);
    for _ in 0..3 {
        let (x, y, size) = (
            rng.range(0.05, 0.95) * w,
            h * rng.range(0.08, 0.3),
            h * rng.range(0.05, 0.08),
        );
        cloud(canvas, &mut rng, x, y, size);
    }

    hills(canvas, &mut rng, h * 0.52, h * 0.07, palette.far);
    hills(canvas, &mut rng, h * 0.62, h * 0.06, palette.mid);
    countryside(canvas, &mut rng, h * 0.66, h / 720.0, &palette);

    let ground = h * 0.78;
    let x = w * rng.range(0.46, 0.56);
    let scale = h / 720.0;
    // Foreground meadow; the landmark stands on its edge.
    // Corners far outside the canvas, so the smoothing never rounds them into view.
    let meadow = [
        (-w * 0.3, ground + 10.0 * scale),
        (w * 0.3, ground - 6.0 * scale),
        (w * 0.7, ground + 14.0 * scale),
        (w * 1.3, ground - 4.0 * scale),
        (w * 1.3, h * 2.0),
        (-w * 0.3, h * 2.0),
    ];
    if let Some(path) = smooth_closed(&meadow) {
        canvas.fill(&path, palette.near);
    }
    match scene.landmark {
        Landmark::Castle => castle(canvas, x, ground, scale, &palette),
        Landmark::Church { onion } => church(canvas, x, ground, scale, &palette, onion),
        Landmark::Basilica => basilica(canvas, x, ground, scale, &palette),
        Landmark::Tower => tower(canvas, x, ground, scale, &palette),
        Landmark::Spa => spa(canvas, w, ground, scale, &palette, &mut rng),
        Landmark::Vineyard => vineyard(canvas, w, ground, scale, &palette),
        Landmark::River => river(canvas, w, ground, scale, &palette, true),
        Landmark::FerryMill => {
            river(canvas, w, ground, scale, &palette, false);
            ferry_mill(canvas, x, ground + 40.0 * scale, scale, &palette);
        }
        Landmark::TownSquare => town_square(canvas, x, ground, scale, &palette, &mut rng),
        Landmark::Forest => forest(canvas, w, ground, scale, &palette, &mut rng),
        Landmark::Orchard => orchard(canvas, w, ground, scale, &palette, &mut rng),
        Landmark::Ruins => ruins(canvas, x, ground, scale, &palette),
        Landmark::Modern => modern(canvas, x, ground, scale, &palette),
        Landmark::SolarTree => solar_tree(canvas, x, ground, scale, &palette),
        Landmark::Racetrack => racetrack(canvas, w, ground, scale, &palette),
        Landmark::Lake => lake(canvas, w, ground, scale, &palette, &mut rng),
        Landmark::Tabor => tabor(canvas, x, ground, scale, &palette),
    }

    // Flowers in the town's colour, below pools and rivers.
    for _ in 0..50 {
        let fx = rng.range(0.0, w);
        let fy = rng.range(ground + 115.0 * scale, h);
        let color = if rng.next() < 0.5 {
            palette.accent
        } else {
            WHITE
        };
        canvas.circle(fx, fy, rng.range(2.0, 4.5) * scale, color);
    }
}

fn cloud(canvas: &mut Canvas, rng: &mut Rng, x: f32, y: f32, size: f32) {
    for i in 0..4 {
        let dx = (i as f32 - 1.5) * size * 0.9;
        let r = size * rng.range(0.7, 1.1);
        canvas.circle_alpha(x + dx, y - r * 0.3, r, WHITE, 0.85);
    }
}

/// A band of rolling hills whose top lies around `base`.
fn hills(canvas: &mut Canvas, rng: &mut Rng, base: f32, amplitude: f32, color: Rgb) {
    let (w, h) = (canvas.width(), canvas.height());
    // Corners far outside the canvas, so the smoothing never rounds them into view.
    let mut points = vec![(-w * 0.3, h * 2.0)];
    let steps = 9;
    for i in 0..=steps {
        let x = -w * 0.3 + w * 1.6 * i as f32 / steps as f32;
        points.push((x, base - amplitude * rng.range(-0.6, 1.0)));
    }
    points.push((w * 1.3, h * 2.0));
    if let Some(path) = smooth_closed(&points) {
        canvas.fill(&path, color);
    }
}

/// Small farmhouses and trees scattered along the middle hills, away from
/// the centre where the landmark stands.
fn countryside(canvas: &mut Canvas, rng: &mut Rng, line: f32, s: f32, p: &Palette) {
    let w = canvas.width();
    for _ in 0..9 {
        let x = if rng.next() < 0.5 {
            rng.range(0.02, 0.3)
        } else {
            rng.range(0.7, 0.98)
        } * w;
        let y = line + rng.range(-10.0, 20.0) * s;
        if rng.next() < 0.4 {
            let width = rng.range(40.0, 60.0) * s;
            gable_house(
                canvas,
                x,
                y,
                width,
                width * 0.7,
                p.wall.darker(rng.range(0.0, 0.1)),
                p.roof.darker(rng.range(0.0, 0.3)),
            );
        } else {
            tree(
                canvas,
                x,
                y,
                rng.range(50.0, 80.0) * s,
                p.mid.darker(rng.range(0.15, 0.3)),
                rng.next() < 0.3,
            );
        }
    }
}

/// A grid of `grid.0` x `grid.1` windows from `at`, `gap` apart.
fn windows(
    canvas: &mut Canvas,
    at: (f32, f32),
    grid: (usize, usize),
    gap: f32,
    size: f32,
    color: Rgb,
) {
    for row in 0..grid.1 {
        for col in 0..grid.0 {
            let x = at.0 + col as f32 * gap;
            let y = at.1 + row as f32 * gap * 1.3;
            canvas.rect(x, y, size, size * 1.5, color);
        }
    }
}

fn gable_house(
    canvas: &mut Canvas,
    x: f32,
    ground: f32,
    width: f32,
    height: f32,
    wall: Rgb,
    roof: Rgb,
) {
    canvas.rect(x, ground - height, width, height, wall);
    canvas.polygon(
        &[
            (x - width * 0.06, ground - height),
            (x + width / 2.0, ground - height - width * 0.55),
            (x + width * 1.06, ground - height),
        ],
        roof,
    );
    // One row of windows, or two on tall houses, all inside the walls.
    let size = (width * 0.14).min(height * 0.18);
    let rows = if height > width * 0.9 { 2 } else { 1 };
    for row in 0..rows {
        let y = ground - height * (0.8 - 0.42 * row as f32);
        windows(
            canvas,
            (x + width * 0.2, y),
            (2, 1),
            width * 0.4,
            size,
            INK.lighter(0.3),
        );
    }
}

fn castle(canvas: &mut Canvas, x: f32, ground: f32, s: f32, p: &Palette) {
    // The hill it stands on.
    if let Some(path) = smooth_closed(&[
        (x - 330.0 * s, ground + 20.0 * s),
        (x - 120.0 * s, ground - 70.0 * s),
        (x + 140.0 * s, ground - 70.0 * s),
        (x + 340.0 * s, ground + 20.0 * s),
    ]) {
        canvas.fill(&path, p.mid.darker(0.08));
    }
    let base = ground - 55.0 * s;
    let wall = p.wall;
    canvas.rect(x - 200.0 * s, base - 150.0 * s, 400.0 * s, 150.0 * s, wall);
    for i in 0..10 {
        canvas.rect(
            x - 200.0 * s + i as f32 * 42.0 * s,
            base - 170.0 * s,
            24.0 * s,
            22.0 * s,
            wall,
        );
    }
    windows(
        canvas,
        (x - 160.0 * s, base - 120.0 * s),
        (8, 2),
        42.0 * s,
        12.0 * s,
        INK.lighter(0.25),
    );
    for (dx, height) in [(-215.0, 260.0), (185.0, 230.0)] {
        let tx = x + dx * s;
        canvas.rect(
            tx,
            base - height * s,
            60.0 * s,
            height * s,
            wall.darker(0.05),
        );
        canvas.polygon(
            &[
                (tx - 10.0 * s, base - height * s),
                (tx + 30.0 * s, base - (height + 90.0) * s),
                (tx + 70.0 * s, base - height * s),
            ],
            p.roof,
        );
        canvas.rect(
            tx + 22.0 * s,
            base - (height - 50.0) * s,
            16.0 * s,
            26.0 * s,
            INK.lighter(0.25),
        );
    }
    // Gate.
    if let Some(path) = arch(x - 30.0 * s, base, 60.0 * s, 80.0 * s) {
        canvas.fill(&path, INK.lighter(0.15));
    }
    flag(canvas, x + 215.0 * s, base - 320.0 * s, s, p.accent);
}

fn flag(canvas: &mut Canvas, x: f32, y: f32, s: f32, color: Rgb) {
    canvas.line((x, y), (x, y + 40.0 * s), INK, 3.0 * s);
    canvas.polygon(
        &[(x, y), (x + 36.0 * s, y + 9.0 * s), (x, y + 18.0 * s)],
        color,
    );
}

/// A rectangle with a round top, for gates and windows.
fn arch(x: f32, bottom: f32, width: f32, height: f32) -> Option<tiny_skia::Path> {
    let r = width / 2.0;
    let mut builder = PathBuilder::new();
    builder.move_to(x, bottom);
    builder.line_to(x, bottom - height + r);
    builder.quad_to(x, bottom - height, x + r, bottom - height);
    builder.quad_to(x + width, bottom - height, x + width, bottom - height + r);
    builder.line_to(x + width, bottom);
    builder.close();
    builder.finish()
}

fn onion_dome(canvas: &mut Canvas, cx: f32, top: f32, s: f32, color: Rgb) {
    if let Some(path) = smooth_closed(&[
        (cx, top - 70.0 * s),
        (cx + 50.0 * s, top - 30.0 * s),
        (cx + 30.0 * s, top + 6.0 * s),
        (cx - 30.0 * s, top + 6.0 * s),
        (cx - 50.0 * s, top - 30.0 * s),
    ]) {
        canvas.fill(&path, color);
    }
    canvas.line((cx, top - 60.0 * s), (cx, top - 110.0 * s), INK, 3.0 * s);
    canvas.line(
        (cx - 12.0 * s, top - 95.0 * s),
        (cx + 12.0 * s, top - 95.0 * s),
        INK,
        3.0 * s,
    );
}

fn church(canvas: &mut Canvas, x: f32, ground: f32, s: f32, p: &Palette, onion: bool) {
    // Nave.
    gable_house(
        canvas,
        x - 20.0 * s,
        ground,
        260.0 * s,
        150.0 * s,
        p.wall,
        p.roof.darker(0.15),
    );
    // Tower.
    let tx = x - 90.0 * s;
    canvas.rect(
        tx,
        ground - 330.0 * s,
        90.0 * s,
        330.0 * s,
        p.wall.lighter(0.3),
    );
    canvas.circle(
        tx + 45.0 * s,
        ground - 270.0 * s,
        20.0 * s,
        Rgb(240, 200, 90),
    );
    canvas.circle(tx + 45.0 * s, ground - 270.0 * s, 15.0 * s, WHITE);
    if let Some(path) = arch(tx + 30.0 * s, ground - 170.0 * s, 30.0 * s, 60.0 * s) {
        canvas.fill(&path, INK.lighter(0.25));
    }
    if let Some(path) = arch(tx + 28.0 * s, ground, 34.0 * s, 70.0 * s) {
        canvas.fill(&path, INK.lighter(0.15));
    }
    if onion {
        onion_dome(canvas, tx + 45.0 * s, ground - 330.0 * s, s, p.roof);
    } else {
        canvas.polygon(
            &[
                (tx - 8.0 * s, ground - 330.0 * s),
                (tx + 45.0 * s, ground - 470.0 * s),
                (tx + 98.0 * s, ground - 330.0 * s),
            ],
            p.roof,
        );
    }
}

fn basilica(canvas: &mut Canvas, x: f32, ground: f32, s: f32, p: &Palette) {
    let front = 220.0 * s;
    canvas.rect(
        x - front / 2.0,
        ground - 230.0 * s,
        front,
        230.0 * s,
        p.wall,
    );
    canvas.polygon(
        &[
            (x - front / 2.0, ground - 230.0 * s),
            (x, ground - 300.0 * s),
            (x + front / 2.0, ground - 230.0 * s),
        ],
        p.wall.darker(0.08),
    );
    for side in [-1.0, 1.0] {
        let tx = x + side * (front / 2.0 + 40.0 * s) - 40.0 * s;
        canvas.rect(
            tx,
            ground - 360.0 * s,
            80.0 * s,
            360.0 * s,
            p.wall.lighter(0.3),
        );
        onion_dome(canvas, tx + 40.0 * s, ground - 360.0 * s, s * 0.8, p.roof);
        if let Some(path) = arch(tx + 25.0 * s, ground - 240.0 * s, 30.0 * s, 55.0 * s) {
            canvas.fill(&path, INK.lighter(0.25));
        }
    }
    if let Some(path) = arch(x - 35.0 * s, ground, 70.0 * s, 110.0 * s) {
        canvas.fill(&path, INK.lighter(0.15));
    }
    canvas.circle(x, ground - 180.0 * s, 24.0 * s, p.accent.lighter(0.4));
}

fn tower(canvas: &mut Canvas, x: f32, ground: f32, s: f32, p: &Palette) {
    let top = ground - 430.0 * s;
    let dark = INK.lighter(0.2);
    for side in [-1.0f32, 1.0] {
        canvas.line(
            (x + side * 70.0 * s, ground),
            (x + side * 22.0 * s, top),
            dark,
            9.0 * s,
        );
    }
    for i in 1..8 {
        let t = i as f32 / 8.0;
        let y = ground - (ground - top) * t;
        let half = 70.0 * s + (22.0 * s - 70.0 * s) * t;
        canvas.line((x - half, y), (x + half, y), dark, 5.0 * s);
        let next = ground - (ground - top) * (t + 0.125);
        let next_half = 70.0 * s + (22.0 * s - 70.0 * s) * (t + 0.125);
        canvas.line((x - half, y), (x + next_half, next), dark, 3.0 * s);
    }
    canvas.rect(x - 55.0 * s, top - 50.0 * s, 110.0 * s, 50.0 * s, p.wall);
    canvas.polygon(
        &[
            (x - 70.0 * s, top - 50.0 * s),
            (x, top - 100.0 * s),
            (x + 70.0 * s, top - 50.0 * s),
        ],
        p.roof,
    );
    windows(
        canvas,
        (x - 40.0 * s, top - 40.0 * s),
        (3, 1),
        30.0 * s,
        16.0 * s,
        p.sky_bottom,
    );
}

fn spa(canvas: &mut Canvas, w: f32, ground: f32, s: f32, p: &Palette, rng: &mut Rng) {
    // Spa hall behind the pools.
    canvas.rect(w * 0.25, ground - 170.0 * s, w * 0.5, 170.0 * s, p.wall);
    if let Some(path) = smooth_closed(&[
        (w * 0.22, ground - 165.0 * s),
        (w * 0.5, ground - 260.0 * s),
        (w * 0.78, ground - 165.0 * s),
    ]) {
        canvas.fill(&path, p.sky_top.lighter(0.5));
    }
    windows(
        canvas,
        (w * 0.28, ground - 140.0 * s),
        (9, 2),
        w * 0.05,
        20.0 * s,
        p.water.lighter(0.3),
    );
    // Pools.
    let pool = [
        (w * 0.08, ground + 20.0 * s),
        (w * 0.5, ground - 10.0 * s),
        (w * 0.92, ground + 20.0 * s),
        (w * 0.8, ground + 110.0 * s),
        (w * 0.2, ground + 110.0 * s),
    ];
    if let Some(path) = smooth_closed(&pool) {
        canvas.fill(&path, p.water.lighter(0.25));
    }
    for i in 0..5 {
        let y = ground + (25.0 + i as f32 * 16.0) * s;
        canvas.line((w * 0.22, y), (w * 0.3, y), WHITE, 3.0 * s);
        canvas.line(
            (w * 0.6, y + 6.0 * s),
            (w * 0.7, y + 6.0 * s),
            WHITE,
            3.0 * s,
        );
    }
    for _ in 0..8 {
        let sx = rng.range(w * 0.2, w * 0.8);
        let sy = rng.range(ground - 60.0 * s, ground);
        canvas.circle_alpha(sx, sy, rng.range(18.0, 34.0) * s, WHITE, 0.45);
    }
    // Parasols.
    for px in [w * 0.12, w * 0.86] {
        canvas.line(
            (px, ground + 60.0 * s),
            (px, ground - 40.0 * s),
            INK,
            4.0 * s,
        );
        canvas.polygon(
            &[
                (px - 55.0 * s, ground - 30.0 * s),
                (px, ground - 70.0 * s),
                (px + 55.0 * s, ground - 30.0 * s),
            ],
            p.accent,
        );
    }
}

fn vineyard(canvas: &mut Canvas, w: f32, ground: f32, s: f32, p: &Palette) {
    let hill = [
        (-20.0, ground + 30.0 * s),
        (w * 0.2, ground - 200.0 * s),
        (w * 0.55, ground - 260.0 * s),
        (w * 0.9, ground - 120.0 * s),
        (w + 20.0, ground + 30.0 * s),
    ];
    if let Some(path) = smooth_closed(&hill) {
        canvas.fill(&path, p.mid.lighter(0.08));
    }
    let vine = p.near.darker(0.25);
    for row in 0..9 {
        let y = ground - 170.0 * s + row as f32 * 24.0 * s;
        let x0 = w * (0.15 - row as f32 * 0.012);
        let x1 = w * (0.85 + row as f32 * 0.012);
        let mut x = x0;
        while x < x1 {
            canvas.circle(x, y, 7.0 * s, vine);
            x += 22.0 * s;
        }
        canvas.line(
            (x0, y + 6.0 * s),
            (x1, y + 6.0 * s),
            vine.darker(0.2),
            2.0 * s,
        );
    }
    // Wine cottage and its wind rattle (klopotec) on the ridge.
    let cx = w * 0.58;
    let top = ground - 250.0 * s;
    gable_house(
        canvas,
        cx - 50.0 * s,
        top + 10.0 * s,
        100.0 * s,
        60.0 * s,
        p.wall,
        p.roof,
    );
    let kx = w * 0.42;
    let ky = ground - 230.0 * s;
    canvas.line((kx, ky), (kx, ky - 120.0 * s), INK.lighter(0.2), 6.0 * s);
    for angle in [0.3f32, 1.87, 3.44, 5.01] {
        let (dx, dy) = (angle.cos() * 55.0 * s, angle.sin() * 55.0 * s);
        canvas.line(
            (kx, ky - 120.0 * s),
            (kx + dx, ky - 120.0 * s + dy),
            INK.lighter(0.3),
            6.0 * s,
        );
    }
    canvas.polygon(
        &[
            (kx, ky - 110.0 * s),
            (kx - 60.0 * s, ky - 100.0 * s),
            (kx - 60.0 * s, ky - 85.0 * s),
        ],
        p.accent,
    );
    // Grapes.
    for (gx, gy) in [(w * 0.2, ground - 10.0 * s), (w * 0.8, ground - 5.0 * s)] {
        for i in 0..6 {
            let row = [0.0, 1.0, 1.0, 2.0, 2.0, 2.0][i];
            let col = [0.0, -0.5, 0.5, -1.0, 0.0, 1.0][i];
            canvas.circle(
                gx + col * 16.0 * s,
                gy - row * 14.0 * s,
                9.0 * s,
                Rgb(110, 50, 120),
            );
        }
    }
}

fn river(canvas: &mut Canvas, w: f32, ground: f32, s: f32, p: &Palette, bridge: bool) {
    let band = [
        (-20.0, ground - 10.0 * s),
        (w * 0.4, ground - 30.0 * s),
        (w + 20.0, ground - 5.0 * s),
        (w + 20.0, ground + 90.0 * s),
        (w * 0.6, ground + 70.0 * s),
        (-20.0, ground + 100.0 * s),
    ];
    if let Some(path) = smooth_closed(&band) {
        canvas.fill(&path, p.water);
    }
    for i in 0..12 {
        let x = (i as f32 + 0.5) * w / 12.0;
        let y = ground + ((i % 3) as f32 * 18.0 + 10.0) * s;
        canvas.line(
            (x - 25.0 * s, y),
            (x + 25.0 * s, y),
            p.water.lighter(0.45),
            3.0 * s,
        );
    }
    // Riverside trees.
    for i in 0..6 {
        let x = w * (0.05 + i as f32 * 0.18);
        canvas.line(
            (x, ground - 20.0 * s),
            (x, ground - 60.0 * s),
            INK.lighter(0.3),
            6.0 * s,
        );
        canvas.circle(x, ground - 80.0 * s, 34.0 * s, p.near.darker(0.1));
    }
    if bridge {
        let y = ground - 50.0 * s;
        let mut builder = PathBuilder::new();
        builder.move_to(w * 0.2, ground + 60.0 * s);
        builder.quad_to(w * 0.5, y - 90.0 * s, w * 0.8, ground + 60.0 * s);
        if let Some(path) = builder.finish() {
            canvas.stroke(&path, p.wall.darker(0.15), 26.0 * s);
        }
        canvas.line(
            (w * 0.2, y + 10.0 * s),
            (w * 0.8, y + 10.0 * s),
            p.wall.darker(0.25),
            14.0 * s,
        );
        for i in 0..9 {
            let x = w * (0.25 + i as f32 * 0.0625);
            canvas.line(
                (x, y + 10.0 * s),
                (x, y - 20.0 * s),
                p.wall.darker(0.3),
                4.0 * s,
            );
        }
        canvas.line(
            (w * 0.2, y - 20.0 * s),
            (w * 0.8, y - 20.0 * s),
            p.wall.darker(0.3),
            5.0 * s,
        );
    }
}

fn ferry_mill(canvas: &mut Canvas, x: f32, water: f32, s: f32, p: &Palette) {
    // Two boats carrying a wooden mill house and a paddle wheel.
    let wood = Rgb(150, 100, 60);
    canvas.polygon(
        &[
            (x - 190.0 * s, water - 20.0 * s),
            (x + 70.0 * s, water - 20.0 * s),
            (x + 50.0 * s, water + 15.0 * s),
            (x - 170.0 * s, water + 15.0 * s),
        ],
        wood.darker(0.3),
    );
    canvas.rect(x - 170.0 * s, water - 150.0 * s, 200.0 * s, 130.0 * s, wood);
    canvas.polygon(
        &[
            (x - 190.0 * s, water - 150.0 * s),
            (x - 70.0 * s, water - 230.0 * s),
            (x + 50.0 * s, water - 150.0 * s),
        ],
        p.roof.darker(0.2),
    );
    canvas.rect(
        x - 90.0 * s,
        water - 110.0 * s,
        40.0 * s,
        50.0 * s,
        INK.lighter(0.2),
    );
    let (wx, wy) = (x + 130.0 * s, water - 40.0 * s);
    canvas.circle(wx, wy, 90.0 * s, wood.darker(0.1));
    canvas.circle(wx, wy, 70.0 * s, p.water);
    for i in 0..8 {
        let angle = i as f32 * std::f32::consts::PI / 4.0;
        canvas.line(
            (wx, wy),
            (wx + angle.cos() * 90.0 * s, wy + angle.sin() * 90.0 * s),
            wood.darker(0.2),
            8.0 * s,
        );
    }
    canvas.polygon(
        &[
            (x + 200.0 * s, water - 20.0 * s),
            (x + 320.0 * s, water - 20.0 * s),
            (x + 300.0 * s, water + 15.0 * s),
            (x + 210.0 * s, water + 15.0 * s),
        ],
        wood.darker(0.3),
    );
}

fn town_square(canvas: &mut Canvas, x: f32, ground: f32, s: f32, p: &Palette, rng: &mut Rng) {
    let colors = [
        Rgb(240, 200, 120),
        Rgb(230, 150, 120),
        Rgb(180, 210, 200),
        Rgb(245, 230, 200),
        p.accent.lighter(0.45),
    ];
    let mut hx = x - 480.0 * s;
    for i in 0..8 {
        let width = rng.range(90.0, 130.0) * s;
        let height = rng.range(140.0, 210.0) * s;
        gable_house(
            canvas,
            hx,
            ground,
            width,
            height,
            colors[i % colors.len()],
            p.roof.darker(rng.range(0.0, 0.3)),
        );
        hx += width + 6.0 * s;
    }
    // A plague column in the square.
    canvas.rect(
        x - 14.0 * s,
        ground - 200.0 * s,
        28.0 * s,
        200.0 * s,
        p.wall.darker(0.1),
    );
    canvas.rect(
        x - 40.0 * s,
        ground - 30.0 * s,
        80.0 * s,
        30.0 * s,
        p.wall.darker(0.2),
    );
    canvas.circle(x, ground - 215.0 * s, 20.0 * s, Rgb(230, 190, 80));
}

fn tree(canvas: &mut Canvas, x: f32, ground: f32, height: f32, color: Rgb, conifer: bool) {
    canvas.line(
        (x, ground),
        (x, ground - height * 0.4),
        INK.lighter(0.3),
        height * 0.06,
    );
    if conifer {
        canvas.polygon(
            &[
                (x - height * 0.3, ground - height * 0.25),
                (x, ground - height),
                (x + height * 0.3, ground - height * 0.25),
            ],
            color,
        );
    } else {
        canvas.circle(x, ground - height * 0.62, height * 0.33, color);
    }
}

fn forest(canvas: &mut Canvas, w: f32, ground: f32, s: f32, p: &Palette, rng: &mut Rng) {
    for row in 0..3 {
        let base = ground - 40.0 * s + row as f32 * 30.0 * s;
        let mut x = -20.0 + rng.range(0.0, 40.0);
        while x < w + 20.0 {
            let height = rng.range(150.0, 260.0) * s;
            let color = p
                .near
                .darker(0.1 + 0.1 * (2 - row) as f32 + rng.range(0.0, 0.1));
            tree(canvas, x, base, height, color, rng.next() < 0.6);
            x += rng.range(50.0, 90.0) * s;
        }
    }
    // A trail into the woods.
    canvas.polygon(
        &[
            (w * 0.47, ground + 10.0 * s),
            (w * 0.53, ground + 10.0 * s),
            (w * 0.66, canvas.height()),
            (w * 0.34, canvas.height()),
        ],
        Rgb(210, 180, 130),
    );
}

fn orchard(canvas: &mut Canvas, w: f32, ground: f32, s: f32, p: &Palette, rng: &mut Rng) {
    for row in 0..2 {
        let base = ground - 20.0 * s + row as f32 * 60.0 * s;
        let mut x = 60.0 * s + row as f32 * 70.0 * s;
        while x < w {
            let size = rng.range(150.0, 190.0) * s;
            tree(canvas, x, base, size, p.near.lighter(0.1), false);
            for _ in 0..7 {
                let ax = x + rng.range(-0.28, 0.28) * size;
                let ay = base - size * 0.62 + rng.range(-0.25, 0.25) * size;
                canvas.circle(ax, ay, 7.0 * s, Rgb(210, 40, 40));
            }
            x += 170.0 * s;
        }
    }
}

fn ruins(canvas: &mut Canvas, x: f32, ground: f32, s: f32, p: &Palette) {
    let stone = p.wall.darker(0.12);
    canvas.rect(
        x - 330.0 * s,
        ground - 20.0 * s,
        660.0 * s,
        20.0 * s,
        stone.darker(0.1),
    );
    for (i, height) in [260.0, 200.0, 260.0, 120.0, 260.0, 60.0].iter().enumerate() {
        let cx = x - 280.0 * s + i as f32 * 110.0 * s;
        canvas.rect(cx, ground - height * s, 44.0 * s, height * s, stone);
        canvas.rect(
            cx - 8.0 * s,
            ground - height * s - 14.0 * s,
            60.0 * s,
            16.0 * s,
            stone.darker(0.1),
        );
    }
    canvas.rect(
        x - 290.0 * s,
        ground - 300.0 * s,
        240.0 * s,
        30.0 * s,
        stone.darker(0.05),
    );
    // A road of stones (the Amber Road) leading away.
    for i in 0..10 {
        let t = i as f32 / 10.0;
        canvas.ellipse(
            x + 200.0 * s + t * 400.0 * s,
            ground + 40.0 * s + t * 120.0 * s,
            28.0 * s * (1.0 + t),
            10.0 * s * (1.0 + t),
            stone.lighter(0.2),
        );
    }
}

fn modern(canvas: &mut Canvas, x: f32, ground: f32, s: f32, p: &Palette) {
    // Organic roofs like shingled hills, with towers.
    let shape = [
        (x - 320.0 * s, ground),
        (x - 260.0 * s, ground - 180.0 * s),
        (x - 80.0 * s, ground - 260.0 * s),
        (x + 120.0 * s, ground - 220.0 * s),
        (x + 300.0 * s, ground - 120.0 * s),
        (x + 330.0 * s, ground),
    ];
    if let Some(path) = smooth_closed(&shape) {
        canvas.fill(&path, p.roof.darker(0.25));
    }
    canvas.rect(
        x - 250.0 * s,
        ground - 90.0 * s,
        520.0 * s,
        90.0 * s,
        p.wall,
    );
    windows(
        canvas,
        (x - 220.0 * s, ground - 75.0 * s),
        (10, 1),
        50.0 * s,
        20.0 * s,
        p.water.lighter(0.2),
    );
    for (dx, height) in [(-140.0, 380.0), (0.0, 430.0), (140.0, 360.0)] {
        let tx = x + dx * s;
        if let Some(path) = smooth_closed(&[
            (tx - 26.0 * s, ground - 200.0 * s),
            (tx, ground - height * s),
            (tx + 26.0 * s, ground - 200.0 * s),
        ]) {
            canvas.fill(&path, p.roof.darker(0.4));
        }
    }
}

fn solar_tree(canvas: &mut Canvas, x: f32, ground: f32, s: f32, p: &Palette) {
    let trunk = Rgb(120, 126, 140);
    canvas.line((x, ground), (x, ground - 380.0 * s), trunk, 18.0 * s);
    let branches = [
        (-150.0, -330.0),
        (130.0, -300.0),
        (-90.0, -420.0),
        (80.0, -440.0),
        (0.0, -480.0),
        (-190.0, -250.0),
        (180.0, -230.0),
    ];
    for (dx, dy) in branches {
        let (bx, by) = (x + dx * s, ground + dy * s);
        canvas.line((x, ground - 260.0 * s), (bx, by), trunk, 8.0 * s);
        canvas.polygon(
            &[
                (bx - 50.0 * s, by + 10.0 * s),
                (bx - 30.0 * s, by - 22.0 * s),
                (bx + 50.0 * s, by - 22.0 * s),
                (bx + 30.0 * s, by + 10.0 * s),
            ],
            Rgb(40, 70, 140),
        );
        canvas.line(
            (bx - 30.0 * s, by - 6.0 * s),
            (bx + 36.0 * s, by - 6.0 * s),
            p.sky_top.lighter(0.4),
            2.0 * s,
        );
    }
    // Benches under it.
    canvas.rect(
        x - 160.0 * s,
        ground - 30.0 * s,
        90.0 * s,
        12.0 * s,
        p.accent,
    );
    canvas.rect(
        x + 70.0 * s,
        ground - 30.0 * s,
        90.0 * s,
        12.0 * s,
        p.accent,
    );
}

fn racetrack(canvas: &mut Canvas, w: f32, ground: f32, s: f32, p: &Palette) {
    let track = [
        (w * 0.05, ground + 20.0 * s),
        (w * 0.5, ground - 40.0 * s),
        (w * 0.95, ground + 20.0 * s),
        (w * 0.5, ground + 110.0 * s),
    ];
    if let Some(path) = smooth_closed(&track) {
        canvas.fill(&path, Rgb(200, 150, 100));
    }
    let infield = [
        (w * 0.2, ground + 25.0 * s),
        (w * 0.5, ground - 5.0 * s),
        (w * 0.8, ground + 25.0 * s),
        (w * 0.5, ground + 65.0 * s),
    ];
    if let Some(path) = smooth_closed(&infield) {
        canvas.fill(&path, p.near.lighter(0.1));
    }
    // Grandstand.
    canvas.rect(w * 0.62, ground - 160.0 * s, 300.0 * s, 120.0 * s, p.wall);
    canvas.polygon(
        &[
            (w * 0.6, ground - 160.0 * s),
            (w * 0.62 + 320.0 * s, ground - 200.0 * s),
            (w * 0.62 + 320.0 * s, ground - 170.0 * s),
        ],
        p.roof,
    );
    // Horse and sulky.
    let (hx, hy) = (w * 0.3, ground + 40.0 * s);
    let horse = Rgb(110, 70, 40);
    canvas.ellipse(hx, hy - 60.0 * s, 60.0 * s, 28.0 * s, horse);
    canvas.polygon(
        &[
            (hx + 40.0 * s, hy - 75.0 * s),
            (hx + 85.0 * s, hy - 125.0 * s),
            (hx + 105.0 * s, hy - 110.0 * s),
            (hx + 60.0 * s, hy - 55.0 * s),
        ],
        horse,
    );
    for (dx, lift) in [(-40.0, 0.0), (-25.0, 10.0), (30.0, 0.0), (45.0, 12.0)] {
        canvas.line(
            (hx + dx * s, hy - 45.0 * s),
            (hx + (dx + lift) * s, hy - lift * s),
            horse.darker(0.2),
            8.0 * s,
        );
    }
    canvas.line(
        (hx - 60.0 * s, hy - 55.0 * s),
        (hx - 150.0 * s, hy - 35.0 * s),
        INK,
        4.0 * s,
    );
    canvas.circle(hx - 150.0 * s, hy - 20.0 * s, 28.0 * s, INK);
    canvas.circle(hx - 150.0 * s, hy - 20.0 * s, 20.0 * s, Rgb(200, 150, 100));
    canvas.circle(hx - 140.0 * s, hy - 85.0 * s, 16.0 * s, p.accent);
    canvas.rect(hx - 150.0 * s, hy - 72.0 * s, 24.0 * s, 34.0 * s, p.accent);
}

fn lake(canvas: &mut Canvas, w: f32, ground: f32, s: f32, p: &Palette, rng: &mut Rng) {
    let water = [
        (w * 0.02, ground + 10.0 * s),
        (w * 0.3, ground - 40.0 * s),
        (w * 0.75, ground - 30.0 * s),
        (w * 0.98, ground + 20.0 * s),
        (w * 0.7, ground + 90.0 * s),
        (w * 0.25, ground + 85.0 * s),
    ];
    if let Some(path) = smooth_closed(&water) {
        canvas.fill(&path, p.water);
    }
    // Reeds.
    for _ in 0..40 {
        let x = rng.range(0.0, w * 0.25);
        let height = rng.range(40.0, 90.0) * s;
        canvas.line(
            (x, ground + 40.0 * s),
            (x + 6.0 * s, ground + 40.0 * s - height),
            p.near.darker(0.2),
            3.0 * s,
        );
    }
    // Birds in the sky and a heron at the shore.
    for _ in 0..5 {
        let bx = rng.range(w * 0.3, w * 0.9);
        let by = rng.range(canvas.height() * 0.12, canvas.height() * 0.35);
        let size = rng.range(12.0, 22.0) * s;
        let mut builder = PathBuilder::new();
        builder.move_to(bx - size, by);
        builder.quad_to(bx - size / 2.0, by - size / 2.0, bx, by);
        builder.quad_to(bx + size / 2.0, by - size / 2.0, bx + size, by);
        if let Some(path) = builder.finish() {
            canvas.stroke(&path, INK, 3.0 * s);
        }
    }
    let (hx, hy) = (w * 0.62, ground + 30.0 * s);
    canvas.line((hx, hy), (hx - 5.0 * s, hy - 60.0 * s), INK, 3.0 * s);
    canvas.line(
        (hx + 12.0 * s, hy),
        (hx + 8.0 * s, hy - 60.0 * s),
        INK,
        3.0 * s,
    );
    canvas.ellipse(
        hx + 5.0 * s,
        hy - 75.0 * s,
        30.0 * s,
        18.0 * s,
        Rgb(200, 205, 215),
    );
    canvas.line(
        (hx + 25.0 * s, hy - 85.0 * s),
        (hx + 35.0 * s, hy - 135.0 * s),
        Rgb(200, 205, 215),
        7.0 * s,
    );
    canvas.polygon(
        &[
            (hx + 35.0 * s, hy - 140.0 * s),
            (hx + 70.0 * s, hy - 132.0 * s),
            (hx + 35.0 * s, hy - 128.0 * s),
        ],
        Rgb(230, 170, 60),
    );
}

fn tabor(canvas: &mut Canvas, x: f32, ground: f32, s: f32, p: &Palette) {
    church(canvas, x + 30.0 * s, ground - 20.0 * s, s * 0.85, p, false);
    // The ring wall in front, with loopholes.
    let wall = p.wall.darker(0.15);
    canvas.rect(x - 360.0 * s, ground - 90.0 * s, 720.0 * s, 90.0 * s, wall);
    for i in 0..18 {
        canvas.rect(
            x - 355.0 * s + i as f32 * 40.0 * s,
            ground - 60.0 * s,
            6.0 * s,
            20.0 * s,
            INK.lighter(0.3),
        );
    }
    for dx in [-360.0, 300.0] {
        canvas.rect(
            x + dx * s,
            ground - 160.0 * s,
            60.0 * s,
            160.0 * s,
            wall.darker(0.05),
        );
        canvas.polygon(
            &[
                (x + (dx - 8.0) * s, ground - 160.0 * s),
                (x + (dx + 30.0) * s, ground - 220.0 * s),
                (x + (dx + 68.0) * s, ground - 160.0 * s),
            ],
            p.roof,
        );
    }
    if let Some(path) = polygon(&[
        (x - 40.0 * s, ground),
        (x - 40.0 * s, ground - 60.0 * s),
        (x + 40.0 * s, ground - 60.0 * s),
        (x + 40.0 * s, ground),
    ]) {
        canvas.fill(&path, INK.lighter(0.15));
    }
}
