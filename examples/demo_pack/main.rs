//! Draws the images of the demo content pack: three illustrated views and a
//! mascot for each of the 24 towns, free of third-party copyright.
//!
//! `cargo run --example demo_pack -- [PACK_DIR]` (default `media`) writes
//! `towns/<id>/images/gallery-{1,2,3}.jpg` and `towns/<id>/images/mascot.png`.
//! The output is deterministic, so a re-run changes nothing unless the
//! drawing code changed.

// An unwrap here stops a generator run by hand on the spot with the reason, which is
// what it should do.
#![allow(clippy::unwrap_used)]

mod mascot;
mod paint;
mod scene;
mod towns;

use std::path::PathBuf;

use paint::Canvas;
use scene::{Light, Scene};

const GALLERY_SIZE: (u32, u32) = (1280, 720);
const JPEG_QUALITY: u8 = 84;

fn main() -> std::io::Result<()> {
    let pack = PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| "media".into()));
    for town in towns::towns() {
        let dir = pack.join("towns").join(town.id).join("images");
        std::fs::create_dir_all(&dir)?;
        let lights = [Light::Noon, Light::Morning, Light::Evening];
        for (n, (landmark, light)) in town.gallery.iter().zip(lights).enumerate() {
            let mut canvas = Canvas::new(GALLERY_SIZE.0, GALLERY_SIZE.1);
            let scene = Scene {
                landmark: *landmark,
                light,
                hue: town.hue,
                seed: format!("{}-{n}", town.id),
            };
            scene::paint(&scene, &mut canvas);
            canvas.save_jpeg(&dir.join(format!("gallery-{}.jpg", n + 1)), JPEG_QUALITY)?;
        }
        let mut canvas = Canvas::new(mascot::SIZE, mascot::SIZE);
        mascot::paint(&town.mascot, &mut canvas);
        canvas.save_png(&dir.join("mascot.png"))?;
        println!("{}: 3 views and a mascot", town.id);
    }
    Ok(())
}
