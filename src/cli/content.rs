//! `city-kiosk content check [DIR]`

use std::path::Path;
use std::process::ExitCode;
use std::sync::Mutex;

use city_core::content::{MediaFile, Problem, load_pack};
use city_kiosk::playback::audio::decode_guide;
use city_kiosk::playback::check::check_film;

/// Prints the pack's summary and exits 0, or every problem and exits 1.
pub fn check(dir: &Path) -> ExitCode {
    // Films and guides are decoded even when other files have problems,
    // so an editor sees everything to fix in one run.
    let result = match load_pack(dir) {
        Ok(pack) => {
            let problems = check_media(pack.media_files());
            if problems.is_empty() {
                Ok(pack)
            } else {
                Err(problems)
            }
        }
        Err(invalid) => {
            let mut problems = invalid.problems;
            problems.extend(check_media(invalid.media));
            Err(problems)
        }
    };
    match result {
        Ok(pack) => {
            println!(
                "{}: pack {}: {} towns, {} languages, {} events, {} images, {} films, {} audio guides",
                dir.display(),
                pack.version,
                pack.towns.len(),
                pack.languages.len(),
                pack.events.len(),
                pack.image_count(),
                pack.film_count(),
                pack.audio_guide_count(),
            );
            ExitCode::SUCCESS
        }
        Err(problems) => {
            for problem in &problems {
                println!("{problem}");
            }
            eprintln!(
                "{}: {} problem(s); the kiosk would refuse this pack",
                dir.display(),
                problems.len()
            );
            ExitCode::FAILURE
        }
    }
}

/// What only playing can tell: every film decodes and suits the kiosk,
/// every audio guide decodes to sound. Runs two files at a time.
fn check_media(media: Vec<MediaFile>) -> Vec<Problem> {
    let queue = Mutex::new(media);
    let problems = Mutex::new(Vec::new());
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get().min(4));
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                loop {
                    let next = queue.lock().unwrap_or_else(|e| e.into_inner()).pop();
                    let problem = match next {
                        None => break,
                        Some(MediaFile::Film(path)) => check_film(&path)
                            .err()
                            .map(|error| Problem::in_file(&path, format!("film {error}"))),
                        Some(MediaFile::AudioGuide(path)) => match decode_guide(&path) {
                            Ok(sound) if sound.peak() < 0.001 => {
                                Some(Problem::in_file(&path, "audio guide is silent"))
                            }
                            Ok(_) => None,
                            Err(error) => {
                                Some(Problem::in_file(&path, format!("audio guide {error}")))
                            }
                        },
                    };
                    if let Some(problem) = problem {
                        problems
                            .lock()
                            .unwrap_or_else(|e| e.into_inner())
                            .push(problem);
                    }
                }
            });
        }
    });
    let mut problems = problems.into_inner().unwrap_or_else(|e| e.into_inner());
    problems.sort_by(|a, b| a.path.cmp(&b.path));
    problems
}
