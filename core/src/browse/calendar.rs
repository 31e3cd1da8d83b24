//! The joint events calendar as a visitor browses it.

use chrono::{Datelike, Days, NaiveDate, Weekday};

use crate::content::{Event, EventCategory, Pack};

/// A calendar month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct MonthOfYear {
    pub year: i32,
    /// 1 = January.
    pub month: u32,
}

impl MonthOfYear {
    pub fn of(date: NaiveDate) -> MonthOfYear {
        MonthOfYear {
            year: date.year(),
            month: date.month(),
        }
    }

    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).unwrap_or(NaiveDate::MIN)
    }

    pub fn last_day(self) -> NaiveDate {
        self.next().first_day().pred_opt().unwrap_or(NaiveDate::MAX)
    }

    pub fn next(self) -> MonthOfYear {
        if self.month == 12 {
            MonthOfYear {
                year: self.year + 1,
                month: 1,
            }
        } else {
            MonthOfYear {
                year: self.year,
                month: self.month + 1,
            }
        }
    }
}

/// This month and the `count - 1` after it.
pub fn months_ahead(today: NaiveDate, count: usize) -> Vec<MonthOfYear> {
    std::iter::successors(Some(MonthOfYear::of(today)), |month| Some(month.next()))
        .take(count)
        .collect()
}

/// Friday to Sunday of this weekend: the current one from Friday to
/// Sunday, else the coming one.
pub fn this_weekend(today: NaiveDate) -> (NaiveDate, NaiveDate) {
    let days_to_friday = match today.weekday() {
        Weekday::Sat => return (today - Days::new(1), today + Days::new(1)),
        Weekday::Sun => return (today - Days::new(2), today),
        weekday => (Weekday::Fri.num_days_from_monday() - weekday.num_days_from_monday()) as u64,
    };
    let friday = today + Days::new(days_to_friday);
    (friday, friday + Days::new(2))
}

/// What the events screen shows; `None` means "any".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EventFilter {
    pub month: Option<MonthOfYear>,
    pub town: Option<String>,
    pub category: Option<EventCategory>,
    /// Only events on this weekend; the month is then ignored.
    pub this_weekend: bool,
}

impl EventFilter {
    /// Matching events that have not ended before `today`, in calendar order.
    pub fn apply<'a>(&self, pack: &'a Pack, today: NaiveDate) -> Vec<&'a Event> {
        let (from, to) = if self.this_weekend {
            this_weekend(today)
        } else if let Some(month) = self.month {
            (month.first_day().max(today), month.last_day())
        } else {
            (today, NaiveDate::MAX)
        };
        pack.events
            .iter()
            .filter(|event| event.overlaps(from, to))
            .filter(|event| self.town.as_ref().is_none_or(|town| &event.town == town))
            .filter(|event| {
                self.category
                    .is_none_or(|category| event.category == category)
            })
            .collect()
    }
}

/// The next events of one town from `today`, at most `limit`.
pub fn upcoming<'a>(
    pack: &'a Pack,
    town: &'a str,
    today: NaiveDate,
    limit: usize,
) -> Vec<&'a Event> {
    pack.events_of(town)
        .filter(|event| event.end >= today)
        .take(limit)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn this_weekend_is_friday_to_sunday() {
        // 2027-02-03 is a Wednesday.
        assert_eq!(
            this_weekend(day(2027, 2, 3)),
            (day(2027, 2, 5), day(2027, 2, 7))
        );
        assert_eq!(
            this_weekend(day(2027, 2, 5)),
            (day(2027, 2, 5), day(2027, 2, 7))
        );
        assert_eq!(
            this_weekend(day(2027, 2, 6)),
            (day(2027, 2, 5), day(2027, 2, 7))
        );
        assert_eq!(
            this_weekend(day(2027, 2, 7)),
            (day(2027, 2, 5), day(2027, 2, 7))
        );
        assert_eq!(
            this_weekend(day(2027, 2, 8)),
            (day(2027, 2, 12), day(2027, 2, 14))
        );
    }

    #[test]
    fn months_roll_over_the_year() {
        let months = months_ahead(day(2026, 11, 24), 3);
        assert_eq!(
            months,
            [
                MonthOfYear {
                    year: 2026,
                    month: 11
                },
                MonthOfYear {
                    year: 2026,
                    month: 12
                },
                MonthOfYear {
                    year: 2027,
                    month: 1
                },
            ]
        );
        assert_eq!(months[1].last_day(), day(2026, 12, 31));
        assert_eq!(
            MonthOfYear {
                year: 2028,
                month: 2
            }
            .last_day(),
            day(2028, 2, 29)
        );
    }
}
