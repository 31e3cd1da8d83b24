//! Films and audio guides decoded for real, headlessly: the demo pack's
//! MP4 films played to their end through the kiosk's player, subtitles
//! against the frames' times, every spoken guide decoded, and broken files
//! refused with a clear reason.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use city_core::Lang;
use city_kiosk::playback::audio::{AudioOutput, GuideError, decode_guide};
use city_kiosk::playback::{FilmError, Pace, Player, PlayerOptions, PlayerStatus};
use city_kiosk::playback::{check_film, decode_speed};

use crate::support::demo_pack;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/films")
        .join(name)
}

fn fast(bounds: Option<(u32, u32)>) -> PlayerOptions {
    PlayerOptions {
        sound: false,
        volume: 0.0,
        bounds,
        pace: Pace::AsFastAsPossible,
    }
}

/// Waits until the player has ended or failed; panics after `limit`.
fn wait_until_over(player: &Player, limit: Duration) -> PlayerStatus {
    let start = Instant::now();
    loop {
        let status = player.status();
        if status.is_over() {
            return status;
        }
        assert!(
            start.elapsed() < limit,
            "{} still {status:?} after {limit:?}",
            player.path().display()
        );
        std::thread::sleep(Duration::from_millis(5));
    }
}

#[test]
fn demo_films_play_to_their_end_with_every_frame_at_the_screen_size() {
    let pack = demo_pack();
    // A landscape film and the portrait one, on a 1920x1080 screen.
    for (town, size) in [("ptuj", (1920, 1080)), ("kormend", (608, 1080))] {
        let film = &pack.town(town).unwrap().films[0];
        let player = Player::open(&film.path, fast(Some((1920, 1080)))).unwrap();
        assert_eq!(
            wait_until_over(&player, Duration::from_secs(60)),
            PlayerStatus::Ended
        );
        // 14 s at 25 frames per second.
        assert_eq!(player.frames_shown(), 350, "{town}");
        let duration = player.duration().unwrap();
        assert!(
            duration.abs_diff(Duration::from_secs(14)) < Duration::from_millis(50),
            "{town}: {duration:?}"
        );
        let last = player.frame().unwrap();
        assert_eq!((last.width, last.height), size, "{town}");
        assert!(
            last.position.abs_diff(Duration::from_millis(13_960)) <= Duration::from_millis(1),
            "{town}: the last frame is at {:?}",
            last.position
        );
    }
}

#[test]
fn once_the_machine_is_measured_films_decode_on_the_threads_it_allows() {
    let film = fixture("good-2s.mp4");
    let decoder_threads = || {
        let player = Player::open(&film, fast(None)).unwrap();
        assert_eq!(
            wait_until_over(&player, Duration::from_secs(30)),
            PlayerStatus::Ended
        );
        player.decoder_threads()
    };
    // No other test measures: until this one does, the decoder chooses.
    assert_eq!(decode_speed::measured(), None);
    assert_eq!(decoder_threads(), Some(0));
    decode_speed::measure_once(&film);
    let speed = decode_speed::measured().expect("a real film measures");
    // 320x240 at 25 frames a second: any machine running the tests
    // decodes it more than three times faster than it plays.
    assert!(speed.pixels_per_second() > 3.0 * 320.0 * 240.0 * 25.0);
    assert_eq!(decoder_threads(), Some(1));
}

#[test]
fn subtitles_show_the_caption_of_the_picture_on_screen() {
    let pack = demo_pack();
    let town = pack.town("ptuj").unwrap();
    let film = &town.films[0];
    let german = &film.subtitles[&Lang::De];
    let player = Player::open(&film.path, fast(Some((640, 360)))).unwrap();
    let mut seen = Vec::new();
    let mut last_frames = 0;
    while !player.status().is_over() {
        if player.frames_shown() != last_frames {
            last_frames = player.frames_shown();
            let at = player.position();
            seen.push((at, german.text_at(at)));
        }
        std::thread::sleep(Duration::from_millis(1));
    }
    assert!(seen.len() > 50, "only {} frames were seen", seen.len());
    // Each of the three views carries its caption while it is on screen;
    // the crossfades and the closing card carry none.
    for (at, text) in &seen {
        let expected = match at.as_millis() {
            300..3800 => Some(town.images[0].caption.get(Lang::De)),
            4300..7800 => Some(town.images[1].caption.get(Lang::De)),
            8300..11800 => Some(town.images[2].caption.get(Lang::De)),
            _ => None,
        };
        assert_eq!(text.as_deref(), expected, "at {at:?}");
    }
    assert!(seen.iter().any(|(_, text)| text.is_some()));
    assert!(seen.iter().any(|(_, text)| text.is_none()));
}

#[test]
fn a_film_plays_in_real_time_and_pauses() {
    let player = Player::open(
        &fixture("good-2s.mp4"),
        PlayerOptions {
            sound: true,
            volume: 0.5,
            bounds: None,
            pace: Pace::RealTime,
        },
    )
    .unwrap();
    let start = Instant::now();
    while player.frames_shown() < 5 {
        assert!(start.elapsed() < Duration::from_secs(10), "no frames");
        std::thread::sleep(Duration::from_millis(5));
    }
    player.pause();
    assert!(player.is_paused());
    std::thread::sleep(Duration::from_millis(300));
    let paused_at = player.frames_shown();
    std::thread::sleep(Duration::from_millis(500));
    assert_eq!(
        player.frames_shown(),
        paused_at,
        "a paused film stands still"
    );
    player.resume();
    assert_eq!(
        wait_until_over(&player, Duration::from_secs(20)),
        PlayerStatus::Ended
    );
    // Real time: a 2 s film cannot end sooner than 2 s after it started.
    assert!(start.elapsed() >= Duration::from_secs(2));
    assert_eq!(player.frames_shown(), 50);
}

#[test]
fn seeking_moves_the_picture() {
    let player = Player::open(&demo_pack().town("ptuj").unwrap().films[0].path, {
        let mut options = fast(Some((320, 180)));
        options.pace = Pace::RealTime;
        options
    })
    .unwrap();
    let start = Instant::now();
    while player.frames_shown() == 0 {
        assert!(start.elapsed() < Duration::from_secs(10));
        std::thread::sleep(Duration::from_millis(5));
    }
    player.seek(Duration::from_secs(10), true);
    let start = Instant::now();
    while player.position() < Duration::from_secs(10) {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "still at {:?}",
            player.position()
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    assert!(player.position() < Duration::from_secs(12));
}

#[test]
fn broken_films_fail_with_a_reason_and_never_panic() {
    let work = tempfile::tempdir().unwrap();
    let good = demo_pack().town("ptuj").unwrap().films[0].path.clone();
    let bytes = std::fs::read(&good).unwrap();
    let truncated = work.path().join("truncated.mp4");
    std::fs::write(&truncated, &bytes[..bytes.len() / 3]).unwrap();
    let garbage = work.path().join("garbage.mp4");
    let noise: Vec<u8> = (0..40_000u32)
        .map(|n| (n.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    std::fs::write(&garbage, noise).unwrap();

    // The player: it fails (or, cut short, ends early), never hangs.
    let status = wait_until_over(
        &Player::open(&garbage, fast(None)).unwrap(),
        Duration::from_secs(20),
    );
    assert!(matches!(status, PlayerStatus::Failed(_)), "{status:?}");
    let audio_only = Player::open(&fixture("audio-only.m4a"), fast(None)).unwrap();
    let status = wait_until_over(&audio_only, Duration::from_secs(20));
    assert!(matches!(status, PlayerStatus::Failed(_)), "{status:?}");
    let cut = Player::open(&truncated, fast(None)).unwrap();
    let status = wait_until_over(&cut, Duration::from_secs(20));
    assert!(
        matches!(status, PlayerStatus::Failed(_)) || cut.frames_shown() < 350,
        "{status:?} after {} frames",
        cut.frames_shown()
    );
    assert_eq!(
        Player::open(&work.path().join("missing.mp4"), fast(None)).unwrap_err(),
        FilmError::Missing
    );

    // The check before the fair names the reason.
    let reason = |path: &Path| check_film(path).unwrap_err();
    assert!(
        reason(&truncated).contains("cut short"),
        "{}",
        reason(&truncated)
    );
    assert!(
        reason(&garbage).contains("cannot be read as a film"),
        "{}",
        reason(&garbage)
    );
    assert!(reason(&fixture("audio-only.m4a")).contains("no video stream"));
    assert!(reason(&fixture("mpeg4-part2.mp4")).contains("MPEG-4"));
    assert!(reason(&fixture("high10.mp4")).contains("profile `high-10`"));
    assert!(reason(&fixture("uhd.mp4")).contains("3840x2160"));
    let good = check_film(&good).unwrap();
    assert_eq!((good.format.width, good.format.height), (1280, 720));
    assert!(good.format.has_audio);
}

#[test]
fn every_audio_guide_of_the_demo_pack_decodes_to_speech() {
    let pack = demo_pack();
    let mut guides = 0;
    for town in &pack.towns {
        assert_eq!(town.audio_guide.len(), 4, "{}", town.id);
        for (lang, path) in &town.audio_guide {
            let sound = decode_guide(path).unwrap_or_else(|error| {
                panic!("{} {lang}: {error}", path.display());
            });
            let seconds = sound.duration().as_secs_f64();
            assert!(
                (8.0..120.0).contains(&seconds),
                "{} lasts {seconds} s",
                path.display()
            );
            assert!(sound.peak() > 0.1, "{} is nearly silent", path.display());
            guides += 1;
        }
    }
    assert_eq!(guides, 96);
}

/// A WAV file of `seconds` of a tone, written by hand.
fn tone_wav(path: &Path, seconds: f32) {
    let rate = 8000u32;
    let samples: Vec<i16> = (0..(rate as f32 * seconds) as u32)
        .map(|n| ((n as f32 * 440.0 * std::f32::consts::TAU / rate as f32).sin() * 12000.0) as i16)
        .collect();
    let data_len = (samples.len() * 2) as u32;
    let mut wav = Vec::new();
    wav.extend_from_slice(b"RIFF");
    wav.extend_from_slice(&(36 + data_len).to_le_bytes());
    wav.extend_from_slice(b"WAVEfmt ");
    wav.extend_from_slice(&16u32.to_le_bytes());
    wav.extend_from_slice(&1u16.to_le_bytes()); // PCM
    wav.extend_from_slice(&1u16.to_le_bytes()); // mono
    wav.extend_from_slice(&rate.to_le_bytes());
    wav.extend_from_slice(&(rate * 2).to_le_bytes());
    wav.extend_from_slice(&2u16.to_le_bytes());
    wav.extend_from_slice(&16u16.to_le_bytes());
    wav.extend_from_slice(b"data");
    wav.extend_from_slice(&data_len.to_le_bytes());
    for sample in samples {
        wav.extend_from_slice(&sample.to_le_bytes());
    }
    std::fs::write(path, wav).unwrap();
}

#[test]
fn a_guide_plays_to_its_end_without_a_sound_card_and_stops_when_told() {
    let work = tempfile::tempdir().unwrap();
    let path = work.path().join("tone.wav");
    tone_wav(&path, 1.0);
    let sound = decode_guide(&path).unwrap();
    assert_eq!(sound.duration(), Duration::from_secs(1));

    let output = AudioOutput::silent();
    let playing = output.play(&sound, 0.8);
    assert!(!playing.is_finished());
    std::thread::sleep(Duration::from_millis(400));
    let progress = playing.progress();
    assert!(progress > 0.1 && progress < 1.0, "progress {progress}");
    let start = Instant::now();
    while !playing.is_finished() {
        assert!(start.elapsed() < Duration::from_secs(5), "never finished");
        std::thread::sleep(Duration::from_millis(10));
    }
    assert!(playing.progress() > 0.9);

    let again = output.play(&sound, 0.8);
    again.stop();
    assert!(again.is_finished(), "a stopped guide is over at once");
}

#[test]
fn broken_guides_fail_clearly() {
    let work = tempfile::tempdir().unwrap();
    let garbage = work.path().join("guide.ogg");
    std::fs::write(&garbage, b"OggS but not really an ogg file at all").unwrap();
    assert!(matches!(
        decode_guide(&garbage),
        Err(GuideError::Undecodable(_))
    ));
    let empty = work.path().join("empty.wav");
    std::fs::write(&empty, b"").unwrap();
    assert!(decode_guide(&empty).is_err());
    assert!(matches!(
        decode_guide(&work.path().join("missing.mp3")),
        Err(GuideError::Unreadable(_))
    ));
    // A guide cut in half still decodes what is there.
    let whole = demo_pack().town("ptuj").unwrap().audio_guide[&Lang::En].clone();
    let whole = whole.as_path();
    let bytes = std::fs::read(whole).unwrap();
    let half = work.path().join("half.ogg");
    std::fs::write(&half, &bytes[..bytes.len() / 2]).unwrap();
    let sound = decode_guide(&half).unwrap();
    assert!(sound.duration() < decode_guide(whole).unwrap().duration());
}
