//! What to draw for each town of the demo pack: three landmarks from its
//! sights (see `../shared/cities.toml`) and its mascot.

use crate::mascot::{Accessory, MascotArt, Species};
use crate::paint::Rgb;
use crate::scene::Landmark::{self, *};

pub struct TownArt {
    pub id: &'static str,
    /// The town's accent hue, 0–360.
    pub hue: f32,
    pub gallery: [Landmark; 3],
    pub mascot: MascotArt,
}

const fn art(
    id: &'static str,
    hue: f32,
    gallery: [Landmark; 3],
    species: Species,
    body: Rgb,
    accent: Rgb,
    accessory: Accessory,
) -> TownArt {
    TownArt {
        id,
        hue,
        gallery,
        mascot: MascotArt {
            species,
            body,
            accent,
            accessory,
        },
    }
}

const RED: Rgb = Rgb(220, 60, 60);
const BLUE: Rgb = Rgb(50, 120, 210);
const GREEN: Rgb = Rgb(70, 160, 80);
const YELLOW: Rgb = Rgb(245, 190, 40);
const PURPLE: Rgb = Rgb(130, 70, 170);
const ORANGE: Rgb = Rgb(240, 130, 40);
const TEAL: Rgb = Rgb(30, 160, 160);

pub fn towns() -> Vec<TownArt> {
    use Accessory as A;
    use Species as S;
    vec![
        art(
            "bad-radkersburg",
            200.0,
            [TownSquare, Spa, River],
            S::Bear,
            Rgb(150, 105, 70),
            BLUE,
            A::Scarf,
        ),
        art(
            "fehring",
            10.0,
            [Tabor, Orchard, River],
            S::Apple,
            Rgb(214, 52, 52),
            GREEN,
            A::None,
        ),
        art(
            "feldbach",
            30.0,
            [Tabor, Church { onion: false }, River],
            S::Pumpkin,
            Rgb(240, 140, 40),
            GREEN,
            A::None,
        ),
        art(
            "friedberg",
            120.0,
            [Forest, TownSquare, Church { onion: false }],
            S::Squirrel,
            Rgb(200, 110, 50),
            GREEN,
            A::Hat,
        ),
        art(
            "fuerstenfeld",
            170.0,
            [Castle, Church { onion: true }, Spa],
            S::Frog,
            Rgb(110, 190, 80),
            BLUE,
            A::Scarf,
        ),
        art(
            "gleisdorf",
            50.0,
            [SolarTree, Church { onion: false }, Orchard],
            S::Sun,
            Rgb(252, 200, 50),
            ORANGE,
            A::None,
        ),
        art(
            "hartberg",
            260.0,
            [Church { onion: false }, Tower, Castle],
            S::Owl,
            Rgb(150, 120, 90),
            YELLOW,
            A::Crown,
        ),
        art(
            "weiz",
            20.0,
            [Basilica, Modern, Forest],
            S::Fox,
            Rgb(230, 120, 50),
            TEAL,
            A::Scarf,
        ),
        art(
            "murska-sobota",
            215.0,
            [Castle, Lake, Church { onion: false }],
            S::Stork,
            Rgb(245, 245, 245),
            RED,
            A::Scarf,
        ),
        art(
            "gornja-radgona",
            300.0,
            [Castle, Vineyard, Modern],
            S::Grape,
            Rgb(120, 60, 150),
            YELLOW,
            A::None,
        ),
        art(
            "ptuj",
            350.0,
            [Castle, Church { onion: false }, Spa],
            S::Kurent,
            Rgb(235, 225, 205),
            RED,
            A::None,
        ),
        art(
            "lendava",
            280.0,
            [Tower, Modern, Vineyard],
            S::Hare,
            Rgb(200, 190, 180),
            PURPLE,
            A::Flower,
        ),
        art(
            "ljutomer",
            90.0,
            [Vineyard, Racetrack, TownSquare],
            S::Horse,
            Rgb(150, 95, 60),
            YELLOW,
            A::Hat,
        ),
        art(
            "radenci",
            190.0,
            [Spa, River, Forest],
            S::Drop,
            Rgb(90, 170, 230),
            TEAL,
            A::None,
        ),
        art(
            "lenart",
            140.0,
            [Church { onion: true }, Vineyard, Forest],
            S::Hedgehog,
            Rgb(200, 160, 120),
            Rgb(120, 85, 60),
            A::Flower,
        ),
        art(
            "ormoz",
            230.0,
            [Castle, Lake, Vineyard],
            S::Stork,
            Rgb(170, 185, 205),
            BLUE,
            A::None,
        ),
        art(
            "beltinci",
            160.0,
            [Castle, FerryMill, TownSquare],
            S::Fish,
            Rgb(90, 170, 200),
            ORANGE,
            A::Hat,
        ),
        art(
            "letenye",
            40.0,
            [Castle, River, Spa],
            S::Bear,
            Rgb(120, 90, 70),
            RED,
            A::Hat,
        ),
        art(
            "lenti",
            180.0,
            [Spa, Castle, Forest],
            S::Frog,
            Rgb(60, 170, 120),
            YELLOW,
            A::Crown,
        ),
        art(
            "zalalovo",
            60.0,
            [Ruins, River, Orchard],
            S::Owl,
            Rgb(170, 140, 100),
            GREEN,
            A::Scarf,
        ),
        art(
            "oriszentpeter",
            100.0,
            [Forest, Church { onion: false }, Orchard],
            S::Fox,
            Rgb(210, 100, 40),
            GREEN,
            A::Flower,
        ),
        art(
            "szentgotthard",
            320.0,
            [Basilica, Spa, River],
            S::Hare,
            Rgb(235, 230, 220),
            RED,
            A::Scarf,
        ),
        art(
            "kormend",
            270.0,
            [Castle, Forest, River],
            S::Squirrel,
            Rgb(170, 90, 50),
            PURPLE,
            A::Crown,
        ),
        art(
            "vasvar",
            0.0,
            [Church { onion: false }, Ruins, TownSquare],
            S::Hedgehog,
            Rgb(210, 170, 130),
            Rgb(90, 70, 60),
            A::Hat,
        ),
    ]
}
