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
