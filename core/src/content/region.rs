//! The area the network covers: eastern Styria, eastern Slovenia and
//! south-western Hungary. A town outside it is a typo in its coordinates
//! (swapped lat/lon, a missing minus, a wrong decimal), and the map screen
//! projects this area onto the screen.

use super::model::GeoPoint;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GeoBox {
    pub south: f64,
    pub north: f64,
    pub west: f64,
    pub east: f64,
}

/// Generous bounds around the 24 towns (46.4–47.5 N, 15.6–16.8 E).
pub const NETWORK_AREA: GeoBox = GeoBox {
    south: 45.9,
    north: 47.9,
    west: 15.0,
    east: 17.4,
};

impl GeoBox {
    pub fn contains(&self, point: GeoPoint) -> bool {
        (self.south..=self.north).contains(&point.lat)
            && (self.west..=self.east).contains(&point.lon)
    }
}

/// Places geographic points on a flat rectangle: an equirectangular
/// projection with longitudes shortened by the cosine of the latitude, so
/// distances look right at this latitude, fitted and centred in the
/// rectangle with a margin.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Projection {
    west: f64,
    north: f64,
    /// Pixels per degree of latitude.
    scale: f64,
    lon_factor: f64,
    offset_x: f64,
    offset_y: f64,
}

impl Projection {
    /// Fits `points` into `width` x `height` with `margin` pixels around.
    pub fn fit(points: &[GeoPoint], width: f32, height: f32, margin: f32) -> Projection {
        let (mut south, mut north, mut west, mut east) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
        for point in points {
            south = south.min(point.lat);
            north = north.max(point.lat);
            west = west.min(point.lon);
            east = east.max(point.lon);
        }
        if points.is_empty() {
            (south, north, west, east) = (
                NETWORK_AREA.south,
                NETWORK_AREA.north,
                NETWORK_AREA.west,
                NETWORK_AREA.east,
            );
        }
        let lon_factor = ((south + north) / 2.0).to_radians().cos();
        let span_x = ((east - west) * lon_factor).max(1e-6);
        let span_y = (north - south).max(1e-6);
        let usable_w = f64::from((width - 2.0 * margin).max(1.0));
        let usable_h = f64::from((height - 2.0 * margin).max(1.0));
        let scale = (usable_w / span_x).min(usable_h / span_y);
        Projection {
            west,
            north,
            scale,
            lon_factor,
            offset_x: f64::from(margin) + (usable_w - span_x * scale) / 2.0,
            offset_y: f64::from(margin) + (usable_h - span_y * scale) / 2.0,
        }
    }

    /// Screen position (x to the right, y down) of a point.
    pub fn project(&self, point: GeoPoint) -> (f32, f32) {
        let x = self.offset_x + (point.lon - self.west) * self.lon_factor * self.scale;
        let y = self.offset_y + (self.north - point.lat) * self.scale;
        (x as f32, y as f32)
    }

    /// Pixels per degree of latitude.
    pub fn pixels_per_degree(&self) -> f32 {
        self.scale as f32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn projection_keeps_the_points_inside_with_north_up() {
        let ptuj = GeoPoint {
            lat: 46.420,
            lon: 15.870,
        };
        let vasvar = GeoPoint {
            lat: 47.050,
            lon: 16.800,
        };
        let friedberg = GeoPoint {
            lat: 47.444,
            lon: 16.055,
        };
        let projection = Projection::fit(&[ptuj, vasvar, friedberg], 1000.0, 800.0, 50.0);
        for point in [ptuj, vasvar, friedberg] {
            let (x, y) = projection.project(point);
            assert!(
                (49.9..=950.1).contains(&x) && (49.9..=750.1).contains(&y),
                "{x},{y}"
            );
        }
        let (ptuj_x, ptuj_y) = projection.project(ptuj);
        let (vasvar_x, _) = projection.project(vasvar);
        let (_, friedberg_y) = projection.project(friedberg);
        assert!(vasvar_x > ptuj_x, "east is right");
        assert!(friedberg_y < ptuj_y, "north is up");
    }
}
