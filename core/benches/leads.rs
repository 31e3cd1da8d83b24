//! Leads: saving one (validation and a durable commit), and exporting
//! 100,000 to CSV in constant memory. Prints figures; asserts nothing.
//!
//! `cargo bench -p city-core --bench leads`. Targets: under 20 ms per lead,
//! the export under 2 s.

// An unwrap here stops a benchmark on the spot with the reason, which is
// what it should do.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use chrono::Utc;
use city_core::Lang;
use city_core::content::Theme;
use city_core::leads::csv::CsvStyle;
use city_core::leads::{Lead, LeadForm, Origin};
use city_core::store::Store;

const SAVES: usize = 200;
const EXPORTED: usize = 100_000;

fn form(n: usize) -> LeadForm {
    LeadForm {
        email: format!("visitor{n}@example.org"),
        name: format!("Visitor Nr. {n}; \"Čšž\""),
        country: Some("DE".into()),
        towns: ["ptuj".to_string(), "lendava".to_string()].into(),
        themes: BTreeSet::from([Theme::Culinary]),
        message: "Hello,\nplease send the calendar.".into(),
        consent_contact: true,
        ..LeadForm::default()
    }
}

fn lead(n: usize) -> Lead {
    form(n)
        .to_lead(&Origin {
            kiosk_id: "bench",
            venue: "Bench",
            language: Lang::De,
            consent_version: "2026-11-24",
            at: Utc::now(),
        })
        .expect("valid")
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open_in(dir.path()).await.unwrap();

        // One lead as the form saves it: check, then commit to disk.
        let mut times: Vec<Duration> = Vec::with_capacity(SAVES);
        for n in 0..SAVES {
            let start = Instant::now();
            let lead = lead(n);
            store.save_lead(&lead).await.unwrap();
            times.push(start.elapsed());
        }
        times.sort();
        println!(
            "save one lead (validate + durable commit, synchronous=FULL), {SAVES} leads: median {:.2} ms, 95th {:.2} ms, max {:.2} ms",
            ms(times[SAVES / 2]),
            ms(times[SAVES * 95 / 100]),
            ms(times[SAVES - 1])
        );

        // Fill up in batches; export at 10,000 and at 100,000 leads: the
        // peak memory must not grow with the number of rows.
        let mut filled = SAVES;
        for target in [10_000usize, EXPORTED] {
            while filled < target {
                let end = (filled + 5_000).min(target);
                let leads: Vec<Lead> = (filled..end).map(lead).collect();
                store.save_leads(&leads).await.unwrap();
                filled = end;
            }
            let path = dir.path().join("export.csv");
            let out = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
            city_core::process_memory::reset_peak_memory();
            let before = peak_megabytes();
            let start = Instant::now();
            let (out, summary) = store.export_csv(out, CsvStyle::default(), None).await.unwrap();
            drop(out);
            let elapsed = start.elapsed();
            let size = std::fs::metadata(&path).unwrap().len();
            println!(
                "export {} leads to CSV ({:.1} MB): {:.2} s, peak memory {:.1} MB (at start {:.1} MB)",
                summary.leads,
                size as f64 / 1e6,
                elapsed.as_secs_f64(),
                peak_megabytes(),
                before
            );
        }
    });
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

/// This process's peak memory so far, in MB.
fn peak_megabytes() -> f64 {
    city_core::process_memory::peak_memory().unwrap_or(0) as f64 / (1024.0 * 1024.0)
}
