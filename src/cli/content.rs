//! `city-kiosk content check [DIR]`

use std::path::Path;
use std::process::ExitCode;

use city_core::content::media::check_pack;

/// Prints the pack's summary and exits 0, or every problem and exits 1.
pub fn check(dir: &Path) -> ExitCode {
    // Films and guides are decoded even when other files have problems,
    // so an editor sees everything to fix in one run.
    let result =
        check_pack(dir, &city_decode::Decoder, &|_| false).map_err(|invalid| invalid.problems);
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
