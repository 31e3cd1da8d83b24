//! The attract loop's running order: the pack's towns one after another,
//! each with its film, or with its still image when it has no film or its
//! film has failed. A film that failed once is not tried again until the
//! pack changes, so a broken file costs one log line, not one per loop.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::content::{Film, Pack, Town};

/// How long a town without a playable film stays on screen.
pub const STILL_DURATION: Duration = Duration::from_secs(7);

/// What the attract loop shows at one position.
#[derive(Debug, Clone, Copy)]
pub enum Slot<'a> {
    Film { town: &'a Town, film: &'a Film },
    Still { town: &'a Town },
}

impl<'a> Slot<'a> {
    pub fn town(&self) -> &'a Town {
        match self {
            Slot::Film { town, .. } | Slot::Still { town } => town,
        }
    }
}

/// Films that could not be played, by path.
#[derive(Debug, Clone, Default)]
pub struct BrokenFilms {
    paths: BTreeSet<PathBuf>,
}

impl BrokenFilms {
    /// Records a failure; `true` the first time, when it is worth a log line.
    pub fn mark(&mut self, path: &Path) -> bool {
        self.paths.insert(path.to_path_buf())
    }

    /// Records that a film cannot be played and says why in the log, once
    /// per file.
    pub fn report(&mut self, path: &Path, reason: &str) {
        if self.mark(path) {
            tracing::warn!("film {} skipped: {reason}", path.display());
        }
    }

    pub fn contains(&self, path: &Path) -> bool {
        self.paths.contains(path)
    }

    pub fn len(&self) -> usize {
        self.paths.len()
    }

    pub fn is_empty(&self) -> bool {
        self.paths.is_empty()
    }
}

/// The town's film that can be played, if any: its first film not known
/// to be broken.
pub fn playable_film<'a>(town: &'a Town, broken: &BrokenFilms) -> Option<&'a Film> {
    town.films.iter().find(|film| !broken.contains(&film.path))
}

/// What position `position` of the loop shows; positions wrap around the
/// pack's attract order. `None` only for a pack without towns.
pub fn slot<'a>(pack: &'a Pack, position: usize, broken: &BrokenFilms) -> Option<Slot<'a>> {
    let count = pack.attract.len();
    if count == 0 {
        return None;
    }
    let town = pack.towns.get(pack.attract[position % count])?;
    Some(match playable_film(town, broken) {
        Some(film) => Slot::Film { town, film },
        None => Slot::Still { town },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::load_pack;

    fn demo() -> Pack {
        load_pack(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../media")).unwrap()
    }

    #[test]
    fn plays_films_in_pack_order_and_wraps() {
        let pack = demo();
        let broken = BrokenFilms::default();
        let first = slot(&pack, 0, &broken).unwrap();
        assert_eq!(first.town().id, pack.towns[pack.attract[0]].id);
        assert!(matches!(first, Slot::Film { .. }));
        let wrapped = slot(&pack, pack.attract.len(), &broken).unwrap();
        assert_eq!(wrapped.town().id, first.town().id);
    }

    #[test]
    fn a_broken_film_becomes_the_town_still_and_is_logged_once() {
        let pack = demo();
        let mut broken = BrokenFilms::default();
        let Some(Slot::Film { film, town }) = slot(&pack, 3, &broken) else {
            panic!("the demo pack's towns have films");
        };
        assert!(broken.mark(&film.path));
        assert!(!broken.mark(&film.path), "only the first failure is news");
        match slot(&pack, 3, &broken).unwrap() {
            Slot::Still { town: still } => assert_eq!(still.id, town.id),
            Slot::Film { .. } => panic!("a broken film must not be tried again"),
        }
        assert!(matches!(slot(&pack, 4, &broken), Some(Slot::Film { .. })));
    }
}
