//! `city-kiosk content check [DIR]`

use std::path::Path;
use std::process::ExitCode;

use city_core::content::load_pack;

/// Prints the pack's summary and exits 0, or every problem and exits 1.
pub fn check(dir: &Path) -> ExitCode {
    match load_pack(dir) {
        Ok(pack) => {
            println!(
                "{}: pack {}: {} towns, {} languages, {} events, {} images, {} films",
                dir.display(),
                pack.version,
                pack.towns.len(),
                pack.languages.len(),
                pack.events.len(),
                pack.image_count(),
                pack.film_count(),
            );
            ExitCode::SUCCESS
        }
        Err(invalid) => {
            for problem in &invalid.problems {
                println!("{problem}");
            }
            eprintln!(
                "{}: {} problem(s); the kiosk would refuse this pack",
                dir.display(),
                invalid.problems.len()
            );
            ExitCode::FAILURE
        }
    }
}
