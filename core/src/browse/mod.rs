//! What a visitor can narrow the catalogue down to: towns by country and
//! interest, events by month, town, kind and "this weekend".

mod calendar;
mod towns;

pub use calendar::{EventFilter, MonthOfYear, months_ahead, this_weekend, upcoming};
pub use towns::TownFilter;
