//! The fuzz targets' bounded pass for every test run: each target's seeds
//! and every crash ever found (`fuzz/regressions/`), then inputs mutated
//! from them for a few seconds per target, through the same entry points
//! `cargo fuzz` drives (`city_core::fuzzing`). The long runs are
//! `scripts/fuzz.sh`; this pass keeps what they found from coming back.
//! `CITY_FUZZ_SECONDS` sets the time per target (default 4).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use city_core::fuzzing;

fn fuzz_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz")
}

/// The seeds and regressions of a target.
fn inputs(target: &str) -> Vec<Vec<u8>> {
    let mut inputs = Vec::new();
    for kind in ["seeds", "regressions"] {
        let dir = fuzz_dir().join(kind).join(target);
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut paths: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|entry| entry.path())
            .filter(|path| path.file_name().is_none_or(|name| name != ".keep"))
            .collect();
        paths.sort();
        inputs.extend(paths.iter().map(|path| std::fs::read(path).unwrap()));
    }
    assert!(!inputs.is_empty(), "{target} has seeds");
    inputs
}

/// A small deterministic mutator: enough to shake parsers in CI, not a
/// replacement for libFuzzer's coverage guidance.
struct Mutator {
    state: u64,
}

/// Bytes that mean something to the formats under test.
const TOKENS: &[&[u8]] = &[
    b"\"",
    b"'",
    b"\n",
    b"\r\n",
    b"=",
    b"[",
    b"]]",
    b"[[",
    b"{",
    b"}",
    b"\0",
    b"-->",
    b"00:00:00.000",
    b"99:99:99.999",
    b"\xef\xbb\xbf",
    b"99999999999999999999",
    b"-1",
    b"nan",
    b"1e309",
    b"..",
    b"/",
    b"\\",
    b".sl",
    b"{lang}",
    b"\xff",
    b"\xc3",
    b";",
    b",",
];

impl Mutator {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.state ^= self.state >> 12;
        self.state ^= self.state << 25;
        self.state ^= self.state >> 27;
        self.state.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }

    fn mutate(&mut self, input: &[u8], other: &[u8]) -> Vec<u8> {
        let mut data = input.to_vec();
        for _ in 0..=self.below(4) {
            let at = self.below(data.len() + 1);
            match self.below(7) {
                0 if !data.is_empty() => {
                    let at = at.min(data.len() - 1);
                    data[at] ^= 1 << self.below(8);
                }
                1 if !data.is_empty() => {
                    let at = at.min(data.len() - 1);
                    data[at] = self.next() as u8;
                }
                2 => {
                    let token = TOKENS[self.below(TOKENS.len())];
                    data.splice(at..at, token.iter().copied());
                }
                3 if !data.is_empty() => {
                    let end = (at + 1 + self.below(64)).min(data.len());
                    data.drain(at.min(end)..end);
                }
                4 if !data.is_empty() => {
                    let start = self.below(data.len());
                    let end = (start + 1 + self.below(256)).min(data.len());
                    let piece = data[start..end].to_vec();
                    data.splice(at..at, piece);
                }
                5 if !other.is_empty() => {
                    let start = self.below(other.len());
                    let end = (start + 1 + self.below(512)).min(other.len());
                    data.splice(at..at, other[start..end].iter().copied());
                }
                _ => data.truncate(at),
            }
        }
        data
    }
}

fn seconds() -> Duration {
    Duration::from_secs_f64(
        std::env::var("CITY_FUZZ_SECONDS")
            .ok()
            .and_then(|value| value.parse().ok())
            .unwrap_or(4.0),
    )
}

/// Runs `target` on every seed and regression, then on mutants for the
/// bounded time; returns how many inputs it took.
fn pass(name: &str, target: &mut dyn FnMut(&[u8])) -> u64 {
    let inputs = inputs(name);
    for input in &inputs {
        target(input);
    }
    let mut mutator = Mutator {
        state: 0x9e37_79b9_7f4a_7c15 ^ name.len() as u64,
    };
    let deadline = Instant::now() + seconds();
    let mut runs = inputs.len() as u64;
    while Instant::now() < deadline {
        let input = &inputs[mutator.below(inputs.len())];
        let other = &inputs[mutator.below(inputs.len())];
        let mutant = mutator.mutate(input, other);
        target(&mutant);
        runs += 1;
    }
    eprintln!("{name}: {runs} inputs");
    runs
}

#[test]
fn the_content_pack_loader_takes_any_file_without_panicking() {
    let pack = fuzzing::PackSkeleton::new(&crate::support::demo_pack()).unwrap();
    // The seeds are the pack's own files: each loads as it is.
    let seeds = pack.seeds().unwrap();
    if std::env::var_os("CITY_FUZZ_WRITE_SEEDS").is_some() {
        let dir = fuzz_dir().join("seeds/pack_files");
        for (input, name) in seeds.iter().zip(fuzzing::PACK_FILES) {
            let file = format!("seed-{}-{}", input[0], name.replace('/', "_"));
            std::fs::write(dir.join(file), input).unwrap();
        }
    }
    for input in seeds.iter().chain(&inputs("pack_files")) {
        assert!(pack.load_with(input), "a seed of the pack loads");
    }
    assert!(
        pass("pack_files", &mut |data| {
            pack.load_with(data);
        }) > 0
    );
}

#[test]
fn subtitles_take_any_file_without_panicking() {
    pass("subtitles", &mut fuzzing::subtitles);
}

#[test]
fn the_configuration_takes_any_file_and_names_it_in_every_refusal() {
    let scratch = tempfile::tempdir().unwrap();
    pass("config", &mut |data| fuzzing::config(data, scratch.path()));
}

#[test]
fn wire_types_take_any_bytes_and_what_passes_the_rules_round_trips() {
    pass("wire", &mut fuzzing::wire);
}

#[test]
fn csv_gives_back_every_field_and_never_an_unguarded_formula() {
    pass("csv", &mut fuzzing::csv);
}
