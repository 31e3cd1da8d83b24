//! Films and guides as a visitor meets them: the attract loop going from
//! film to film (and past broken ones), a town's film full screen with
//! subtitles that follow the language, and the spoken guide that stops
//! whenever the visitor moves on. Real films and guides play; their news
//! reaches the kiosk through the same streams its subscriptions use.

use std::path::Path;
use std::time::{Duration, Instant};

use city_core::Lang;
use city_core::content::{Pack, load_pack};
use city_kiosk::app::{Kiosk, Message, Route, TownMessage};
use city_kiosk::playback::{Player, PlayerFeed};
use city_kiosk::screen::film;
use iced::futures::StreamExt;

use crate::support::{
    LANDSCAPE, demo_pack, demo_pack_dir, kiosk, options, runtime, send, shows, tap, test_day,
};

const PATIENCE: Duration = Duration::from_secs(30);

/// Delivers the players' news to the kiosk, as its subscriptions do,
/// until `done` holds.
fn play_until(kiosk: &mut Kiosk, what: &str, done: impl Fn(&Kiosk) -> bool) {
    let start = Instant::now();
    while !done(kiosk) {
        assert!(start.elapsed() < PATIENCE, "waited {PATIENCE:?} for {what}");
        let feeds: Vec<PlayerFeed> = kiosk
            .attract_player()
            .map(Player::feed)
            .into_iter()
            .chain(kiosk.film().map(film::State::feed))
            .collect();
        if feeds.is_empty() {
            std::thread::sleep(Duration::from_millis(20));
        }
        for feed in feeds {
            let mut news = Box::pin(feed.stream());
            let next = runtime().block_on(async {
                tokio::time::timeout(Duration::from_millis(50), news.next()).await
            });
            if let Ok(Some((id, update))) = next {
                send(kiosk, Message::FilmUpdate(id, update));
            }
        }
    }
}

fn attract_film(kiosk: &Kiosk) -> Option<std::path::PathBuf> {
    kiosk
        .attract_player()
        .map(|player| player.path().to_path_buf())
}

fn first_film(pack: &Pack, position: usize) -> std::path::PathBuf {
    let town = &pack.towns[pack.attract[position % pack.attract.len()]];
    town.films[0].path.clone()
}

/// A copy of the demo pack, changed by `change`, loaded.
fn changed_pack(work: &Path, change: impl FnOnce(&Path)) -> Pack {
    let pack = work.join("pack");
    crate::support::copy_dir(&demo_pack_dir(), &pack);
    change(&pack);
    load_pack(&pack).unwrap_or_else(|invalid| panic!("{invalid}"))
}

fn kiosk_on(pack: Pack) -> Kiosk {
    Kiosk::new(
        pack,
        options(&std::env::temp_dir().join("city-kiosk-tests")),
        test_day(),
        Instant::now(),
    )
}

#[test]
fn the_attract_loop_plays_the_films_one_after_another() {
    let pack = demo_pack();
    let mut kiosk = kiosk();
    send(&mut kiosk, Message::Tick(Instant::now()));
    assert_eq!(attract_film(&kiosk), Some(first_film(&pack, 0)));
    play_until(&mut kiosk, "the first picture", |kiosk| {
        kiosk
            .attract_player()
            .is_some_and(|player| player.frames_shown() > 0)
    });
    // Near its end, the film runs out and the next town's film starts.
    kiosk
        .attract_player()
        .unwrap()
        .seek(Duration::from_millis(13_500), true);
    play_until(&mut kiosk, "the second film", |kiosk| {
        attract_film(kiosk) == Some(first_film(&pack, 1))
    });
    assert_eq!(kiosk.attract_position(), 1);
    assert!(kiosk.broken_films().is_empty());

    // A touch leaves the loop and stops its film; idle brings the loop
    // back at the next town.
    send(
        &mut kiosk,
        Message::Attract(city_kiosk::screen::attract::Message::Start),
    );
    assert_eq!(kiosk.route(), Route::Home);
    assert!(kiosk.attract_player().is_none());
    send(
        &mut kiosk,
        Message::Tick(Instant::now() + Duration::from_secs(600)),
    );
    assert_eq!(kiosk.route(), Route::Attract);
    send(&mut kiosk, Message::Tick(Instant::now()));
    assert_eq!(attract_film(&kiosk), Some(first_film(&pack, 2)));
}

#[test]
fn broken_films_are_skipped_for_their_stills_and_the_loop_goes_on() {
    let work = tempfile::tempdir().unwrap();
    let demo = demo_pack();
    let garbled = first_film(&demo, 0);
    let relative = garbled.strip_prefix(demo_pack_dir()).unwrap().to_path_buf();
    let pack = changed_pack(work.path(), |pack| {
        std::fs::write(pack.join(&relative), vec![0x5a; 50_000]).unwrap();
    });
    let garbled = first_film(&pack, 0);
    let vanishing = first_film(&pack, 1);
    let mut kiosk = kiosk_on(pack.clone());
    // The next film disappears from the disk after the pack was checked
    // (a pulled USB stick).
    std::fs::remove_file(&vanishing).unwrap();

    send(&mut kiosk, Message::Tick(Instant::now()));
    play_until(&mut kiosk, "the broken film to be skipped", |kiosk| {
        kiosk.broken_films().contains(&garbled)
    });
    // It moved on at once, and the missing film was skipped for the
    // town's picture.
    assert!(kiosk.broken_films().contains(&vanishing));
    assert_eq!(kiosk.attract_position(), 1);
    assert!(kiosk.attract_player().is_none(), "a still shows instead");
    let town = &pack.towns[pack.attract[1]];
    assert!(shows(&kiosk, LANDSCAPE, town.name.get(Lang::En)));
    // After the still's time the loop goes on with the next film.
    send(
        &mut kiosk,
        Message::Tick(Instant::now() + Duration::from_secs(8)),
    );
    assert_eq!(attract_film(&kiosk), Some(first_film(&pack, 2)));
    assert_eq!(kiosk.broken_films().len(), 2);

    // The broken film's town page offers no film, only its pictures.
    let garbled_town = pack.towns[pack.attract[0]].id.clone();
    send(&mut kiosk, Message::Go(Route::Town(garbled_town)));
    assert!(!shows(&kiosk, LANDSCAPE, "Watch the film"));
    assert!(shows(&kiosk, LANDSCAPE, "Listen to the guide"));
}

#[test]
fn a_film_that_hangs_is_skipped() {
    let pack = demo_pack();
    let mut kiosk = kiosk();
    let start = Instant::now();
    send(&mut kiosk, Message::Tick(start));
    play_until(&mut kiosk, "the first picture", |kiosk| {
        kiosk
            .attract_player()
            .is_some_and(|player| player.frames_shown() > 0)
    });
    // A stuck decoder looks like a paused film that nobody resumes.
    kiosk.attract_player().unwrap().pause();
    send(&mut kiosk, Message::Tick(start + Duration::from_secs(1)));
    send(&mut kiosk, Message::Tick(start + Duration::from_secs(12)));
    assert!(kiosk.broken_films().contains(&first_film(&pack, 0)));
    assert_eq!(attract_film(&kiosk), Some(first_film(&pack, 1)));
}

/// Opens Ptuj's film and waits for its pictures, paused at `at`.
fn watch_ptuj_at(kiosk: &mut Kiosk, at: Duration) {
    send(kiosk, Message::Go(Route::Town("ptuj".into())));
    tap(kiosk, LANDSCAPE, "Watch the film");
    assert!(kiosk.film().is_some());
    play_until(kiosk, "the film's first picture", |kiosk| {
        kiosk
            .film()
            .is_some_and(|film| film.player().frames_shown() > 0)
    });
    send(
        kiosk,
        Message::Town(TownMessage::Film(film::Message::Scrub(at.as_secs_f32()))),
    );
    send(
        kiosk,
        Message::Town(TownMessage::Film(film::Message::ScrubReleased)),
    );
    play_until(kiosk, "the film at the scrubbed time", |kiosk| {
        kiosk
            .film()
            .is_some_and(|film| film.player().position() >= at)
    });
    tap(kiosk, LANDSCAPE, "Pause");
    assert!(kiosk.film().unwrap().player().is_paused());
}

#[test]
fn a_town_film_shows_subtitles_in_the_visitors_language_switching_live() {
    let work = tempfile::tempdir().unwrap();
    // Slovenian subtitles are missing for this film.
    let pack = changed_pack(work.path(), |pack| {
        let path = pack.join("towns/ptuj/town.toml");
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(
            &path,
            text.replace("subtitles.sl = \"films/ptuj.sl.vtt\"\n", ""),
        )
        .unwrap();
    });
    let ptuj = pack.town("ptuj").unwrap().clone();
    let mut kiosk = kiosk_on(pack);
    watch_ptuj_at(&mut kiosk, Duration::from_secs(5));

    let caption = |lang| ptuj.images[1].caption.get(lang).to_string();
    assert!(shows(&kiosk, LANDSCAPE, &caption(Lang::En)));
    tap(&mut kiosk, LANDSCAPE, "DE");
    assert!(shows(&kiosk, LANDSCAPE, &caption(Lang::De)));
    assert!(!shows(&kiosk, LANDSCAPE, &caption(Lang::En)));
    // No Slovenian file: no subtitles at all, not another language's.
    tap(&mut kiosk, LANDSCAPE, "SL");
    for lang in Lang::ALL {
        assert!(!shows(&kiosk, LANDSCAPE, &caption(lang)), "{lang}");
    }
    assert!(kiosk.film().is_some(), "switching language keeps the film");

    // Play on to the end: the visitor is back on the town page.
    tap(&mut kiosk, LANDSCAPE, "Predvajaj");
    send(
        &mut kiosk,
        Message::Town(TownMessage::Film(film::Message::Scrub(13.5))),
    );
    send(
        &mut kiosk,
        Message::Town(TownMessage::Film(film::Message::ScrubReleased)),
    );
    play_until(&mut kiosk, "the film's end", |kiosk| kiosk.film().is_none());
    assert_eq!(kiosk.route(), Route::Town("ptuj".into()));
}

#[test]
fn a_town_film_closes_and_holds_off_the_idle_timeout_while_it_plays() {
    let mut kiosk = kiosk();
    watch_ptuj_at(&mut kiosk, Duration::from_secs(2));
    tap(&mut kiosk, LANDSCAPE, "Play");
    // Watching is not idling, even without a touch for minutes.
    let later = Instant::now() + Duration::from_secs(300);
    send(&mut kiosk, Message::Tick(later));
    assert!(kiosk.film().is_some());
    tap(&mut kiosk, LANDSCAPE, "✕  Close");
    assert!(kiosk.film().is_none());
    assert_eq!(kiosk.route(), Route::Town("ptuj".into()));
}

fn listen(kiosk: &mut Kiosk, button: &str) {
    tap(kiosk, LANDSCAPE, button);
    assert!(
        kiosk.guide_playing().is_some(),
        "`{button}` started no guide"
    );
}

#[test]
fn the_guide_speaks_the_visitors_language_and_stops_when_they_move_on() {
    let mut kiosk = kiosk();
    send(&mut kiosk, Message::Go(Route::Town("ptuj".into())));
    listen(&mut kiosk, "Listen to the guide");
    assert_eq!(kiosk.guide_playing(), Some(("ptuj", Lang::En)));
    assert!(shows(&kiosk, LANDSCAPE, "Stop"));
    std::thread::sleep(Duration::from_millis(1200));
    send(&mut kiosk, Message::Town(TownMessage::GuideProgress));
    let texts = screen_texts(&kiosk);
    assert!(
        texts
            .iter()
            .any(|text| text.starts_with("Audio guide · 0:01 / 0:")),
        "no progress among {texts:?}"
    );

    // A language switch stops it and offers the new language's guide.
    tap(&mut kiosk, LANDSCAPE, "DE");
    assert_eq!(kiosk.guide_playing(), None);
    assert!(shows(
        &kiosk,
        LANDSCAPE,
        "Die Hörführung wurde beim Sprachwechsel angehalten. Auf Deutsch anhören?"
    ));
    listen(&mut kiosk, "Hörführung anhören");
    assert_eq!(kiosk.guide_playing(), Some(("ptuj", Lang::De)));

    // Leaving the page stops it.
    tap(&mut kiosk, LANDSCAPE, "Start");
    assert_eq!(kiosk.guide_playing(), None);

    // So does a film, and so does the idle timeout.
    send(&mut kiosk, Message::Go(Route::Town("ptuj".into())));
    listen(&mut kiosk, "Hörführung anhören");
    tap(&mut kiosk, LANDSCAPE, "Film ansehen");
    assert_eq!(kiosk.guide_playing(), None);
    tap(&mut kiosk, LANDSCAPE, "✕  Schließen");
    listen(&mut kiosk, "Hörführung anhören");
    send(
        &mut kiosk,
        Message::Tick(Instant::now() + Duration::from_secs(600)),
    );
    assert_eq!(kiosk.route(), Route::Attract);
    assert_eq!(kiosk.guide_playing(), None);

    // Stop does what it says.
    send(&mut kiosk, Message::Go(Route::Town("lenti".into())));
    listen(&mut kiosk, "Listen to the guide");
    tap(&mut kiosk, LANDSCAPE, "Stop");
    assert_eq!(kiosk.guide_playing(), None);
}

/// Every text on the landscape screen.
fn screen_texts(kiosk: &Kiosk) -> Vec<String> {
    let mut offscreen = city_kiosk::offscreen::Offscreen::new().unwrap();
    offscreen
        .inspect(kiosk.view_at(LANDSCAPE), iced::Size::new(1920, 1080))
        .texts
}
